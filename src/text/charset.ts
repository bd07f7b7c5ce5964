// Bytes → text for feeds and web pages: byte order mark, HTTP charset, in-document declaration
// (XML declaration or HTML <meta>), detection when the label is missing or the bytes prove it wrong.
// XML follows RFC 7303 §3.2 (BOM, then the charset parameter, then the encoding declaration, then
// UTF-8); HTML follows the WHATWG encoding sniffing order (BOM, HTTP, <meta> prescan, detection).
import iconv from 'iconv-lite';
import chardet from 'chardet';

/** Where the encoding that was used came from. */
export type CharsetSource = 'bom' | 'http' | 'declaration' | 'detected' | 'default';

/** The decoded text and how its encoding was chosen. */
export interface DecodedBytes {
  /** The text, without a byte order mark. */
  text: string;
  /** Canonical lower-case encoding name (WHATWG names; `utf-32le`/`utf-32be` for UTF-32). */
  encoding: string;
  source: CharsetSource;
  /** Human-readable notes: unknown labels, overridden declarations, replaced bytes. */
  warnings: string[];
}

/** How to decode: the HTTP Content-Type header, and which in-document declaration to look for. */
export interface DecodeOptions {
  contentType?: string;
  /** `xml` reads `<?xml encoding?>`, `html` reads `<meta charset>`, `auto` (default) tries both. */
  kind?: 'xml' | 'html' | 'auto';
  /** Encoding when nothing declares one and the bytes are not UTF-8 (default: detection, then windows-1252). */
  fallbackEncoding?: string;
}

// Labels seen in the wild that neither the WHATWG table nor iconv-lite spell the same way. Sorted.
const LABEL_ALIASES: ReadonlyMap<string, string> = new Map([
  ['cp-1250', 'windows-1250'],
  ['cp-1251', 'windows-1251'],
  ['cp-1252', 'windows-1252'],
  ['iso-10646-ucs-2', 'utf-16le'],
  ['iso-10646-ucs-4', 'utf-32'],
  ['shift-jis', 'shift_jis'],
  ['ucs-2', 'utf-16le'],
  ['ucs-4', 'utf-32'],
  ['ucs4', 'utf-32'],
  ['utf-32', 'utf-32'],
  ['utf-32-be', 'utf-32be'],
  ['utf-32-le', 'utf-32le'],
  ['utf-32be', 'utf-32be'],
  ['utf-32le', 'utf-32le'],
  ['utf32', 'utf-32'],
  ['utf32be', 'utf-32be'],
  ['utf32le', 'utf-32le'],
  ['win-1251', 'windows-1251'],
  ['win-1252', 'windows-1252'],
  ['windows-1252-1', 'windows-1252'],
  ['x-cp1251', 'windows-1251'],
  ['x-cp1252', 'windows-1252'],
]);

// Encodings with one byte per character, which decode any input without error.
const SINGLE_BYTE = /^(windows-12[0-9]{2}|iso-8859-|koi8|ibm8|macintosh|x-mac|windows-874|us-ascii|latin|cp[0-9]+$)/;

// UTF-16 and UTF-32 names, which an ASCII-compatible document cannot truthfully declare.
const WIDE_ENCODINGS = new Set(['utf-16', 'utf-16le', 'utf-16be', 'utf-32', 'utf-32le', 'utf-32be']);

// Labels already normalized (a feed reader meets the same few again and again); bounded.
const normalized = new Map<string, string | undefined>();

/** Canonical lower-case name for a charset label, or undefined when no decoder knows it. */
export function normalizeCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  if (normalized.has(label)) return normalized.get(label);
  const name = normalizeLabel(label);
  if (normalized.size < 256) normalized.set(label, name);
  return name;
}

function normalizeLabel(label: string): string | undefined {
  const clean = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  if (!clean || clean.length > 40) return undefined;
  const alias = LABEL_ALIASES.get(clean) ?? LABEL_ALIASES.get(clean.replace(/_/g, '-'));
  if (alias) return alias;
  if (/^utf[-_]?16$/.test(clean)) return 'utf-16';
  for (const label of [clean, clean.replace(/_/g, '-')]) {
    try {
      const name = new TextDecoder(label).encoding;
      // WHATWG's gbk decoder is its gb18030 decoder; name it by what it decodes.
      return name === 'gbk' ? 'gb18030' : name;
    } catch {
      // not a WHATWG label; iconv-lite knows more (utf-7, cp437, …)
    }
  }
  return iconv.encodingExists(clean) ? clean : undefined;
}

/** The `charset` parameter of a Content-Type header value (raw label), if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /;\s*charset\s*=\s*("([^"]*)"|[^\s;]+)/i.exec(contentType);
  if (!m) return undefined;
  return (m[2] ?? m[1] ?? '').trim() || undefined;
}

/** The encoding a byte order mark announces and the mark's length, if the bytes start with one. */
export function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const a = bytes[0];
  const b = bytes[1];
  const c = bytes[2];
  const d = bytes[3];
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return { encoding: 'utf-32le', length: 4 };
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return undefined;
}

// XML 1.0 Appendix F: without a BOM, the first bytes of "<?xml" tell the code unit width.
function sniffXmlFamily(bytes: Uint8Array): string | undefined {
  const a = bytes[0];
  const b = bytes[1];
  const c = bytes[2];
  const d = bytes[3];
  if (a === 0x00 && b === 0x00 && c === 0x00 && d === 0x3c) return 'utf-32be';
  if (a === 0x3c && b === 0x00 && c === 0x00 && d === 0x00) return 'utf-32le';
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return 'utf-16be';
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return 'utf-16le';
  return undefined;
}

/** The raw `encoding` label of the XML declaration at the start of the bytes, if any. */
export function declaredXmlEncoding(bytes: Uint8Array): string | undefined {
  const family = sniffBom(bytes)?.encoding ?? sniffXmlFamily(bytes);
  const wide = family !== undefined && WIDE_ENCODINGS.has(family);
  // One byte per character: the declaration ends at the first ">", so nothing after it is read.
  const gt = wide ? -1 : bytes.subarray(0, 1024).indexOf(0x3e);
  const head = decodeWith(bytes.subarray(0, gt >= 0 ? gt + 1 : 1024), wide ? family : 'latin1');
  const m = /^\uFEFF?\s*<\?xml[^>]*?\sencoding\s*=\s*["']\s*([A-Za-z0-9._:+-]*)\s*["']/.exec(head);
  return m?.[1] || undefined;
}

/** The raw charset label of an HTML `<meta charset>` or `<meta http-equiv=Content-Type>` near the start, if any. */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  // WHATWG prescans 1024 bytes; pages with long <head> scripts put it later, so look a little further.
  const head = decodeWith(bytes.subarray(0, 4096), 'latin1').replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:+-]+)/i.exec(tag);
    if (direct && !/\bcontent\s*=/i.test(tag.slice(0, direct.index))) return direct[1];
    if (/http-equiv\s*=\s*["']?\s*content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*("([^"]*)"|'([^']*)'|[^\s>]+)/i.exec(tag);
      const value = content?.[2] ?? content?.[3] ?? content?.[1];
      const label = charsetFromContentType(`x;${(value ?? '').replace(/^[^;]*;?/, '')}`);
      if (label) return label;
    } else if (direct) {
      return direct[1];
    }
  }
  return undefined;
}

/** The encoding chardet guesses for the bytes (canonical name), or undefined when it cannot tell. */
export function detectCharset(bytes: Uint8Array): string | undefined {
  const sample = bytes.length > 65536 ? bytes.subarray(0, 65536) : bytes;
  const guess = chardet.detect(sample);
  return guess ? normalizeCharset(guess) : undefined;
}

/** Whether the bytes are valid UTF-8 with at least one multi-byte sequence (strong evidence of UTF-8). */
export function isProvablyUtf8(bytes: Uint8Array): boolean {
  let multibyte = false;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    let extra: number;
    if (lead >= 0xc2 && lead <= 0xdf) extra = 1;
    else if (lead >= 0xe0 && lead <= 0xef) extra = 2;
    else if (lead >= 0xf0 && lead <= 0xf4) extra = 3;
    else return false;
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined) return multibyte; // a document cut mid-character is still UTF-8
      if ((next & 0xc0) !== 0x80) return false;
    }
    multibyte = true;
    i += extra;
  }
  return multibyte;
}

// What windows-1252 puts at 0x80–0x9F (WHATWG encoding index); its five unassigned bytes map to
// the C1 control of the same number, as WHATWG says.
const WINDOWS_1252_C1 = '\u20AC\x81\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\x8D\u017D\x8F'
  + '\x90\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\x9D\u017E\u0178';

/** Replaces C1 control characters (U+0080–U+009F) by the windows-1252 characters of the same byte. */
export function c1AsWindows1252(text: string): string {
  return text.replace(/[\x80-\x9F]/g, (c) => WINDOWS_1252_C1.charAt(c.charCodeAt(0) - 0x80));
}

function decodeWith(bytes: Uint8Array, encoding: string, fatal = false): string {
  if (encoding === 'latin1' || encoding === 'windows-1252') {
    const out = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    // Node 20's TextDecoder decodes windows-1252 as ISO-8859-1, so the 0x80–0x9F row is mapped here.
    return encoding === 'latin1' ? out : c1AsWindows1252(out);
  }
  if (encoding.startsWith('utf-32') || !isWhatwg(encoding)) {
    const name = encoding === 'utf-32le' ? 'utf32le' : encoding === 'utf-32be' ? 'utf32be' : encoding === 'utf-32' ? 'utf32' : encoding;
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name, { stripBOM: false });
    if (fatal && text.includes('\uFFFD')) throw new TypeError(`invalid ${encoding} bytes`);
    return text;
  }
  return decoder(encoding === 'utf-16' ? 'utf-16le' : encoding, fatal).decode(bytes);
}

// TextDecoder objects are reusable for whole-buffer decoding; building one per document showed in profiles.
const fatalDecoders = new Map<string, InstanceType<typeof TextDecoder>>();
const lenientDecoders = new Map<string, InstanceType<typeof TextDecoder>>();
function decoder(encoding: string, fatal: boolean): InstanceType<typeof TextDecoder> {
  const decoders = fatal ? fatalDecoders : lenientDecoders;
  let found = decoders.get(encoding);
  if (!found) {
    found = new TextDecoder(encoding, { fatal, ignoreBOM: true });
    decoders.set(encoding, found);
  }
  return found;
}

const whatwg = new Map<string, boolean>();
function isWhatwg(encoding: string): boolean {
  let known = whatwg.get(encoding);
  if (known === undefined) {
    try {
      known = new TextDecoder(encoding).encoding !== undefined;
    } catch {
      known = false;
    }
    if (whatwg.size < 256) whatwg.set(encoding, known);
  }
  return known;
}

function tryDecode(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return decodeWith(bytes, encoding, true);
  } catch {
    return undefined;
  }
}

// UTF-16 without a BOM: a declaration of "utf-16" in such a document means the code units are
// probably little-endian unless the zero bytes sit in the even positions.
function utf16Endianness(bytes: Uint8Array): string {
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < Math.min(bytes.length, 512); i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  return evenZeros > oddZeros ? 'utf-16be' : 'utf-16le';
}

/** Decodes document bytes to text, choosing the encoding by BOM, HTTP charset, declaration and evidence. */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedBytes {
  const warnings: string[] = [];
  const bom = sniffBom(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    const strict = tryDecode(body, bom.encoding);
    if (strict === undefined) warnings.push(`invalid ${bom.encoding} bytes were replaced`);
    return { text: strict ?? decodeWith(body, bom.encoding), encoding: bom.encoding, source: 'bom', warnings };
  }

  const kind = options.kind ?? 'auto';
  const family = sniffXmlFamily(bytes);
  const httpLabel = charsetFromContentType(options.contentType);
  const xmlLabel = kind !== 'html' ? declaredXmlEncoding(bytes) : undefined;
  const htmlLabel = kind !== 'xml' && !xmlLabel ? declaredHtmlCharset(bytes) : undefined;

  let encoding: string | undefined;
  let source: CharsetSource = 'default';
  // The HTTP charset first, then the document's own declaration.
  for (let k = 0; k < 2; k++) {
    const label = k === 0 ? httpLabel : xmlLabel ?? htmlLabel;
    if (!label) continue;
    const from: CharsetSource = k === 0 ? 'http' : 'declaration';
    const what = k === 0 ? 'HTTP charset' : xmlLabel ? 'XML declaration' : 'meta charset';
    const name = normalizeCharset(label);
    if (!name) {
      warnings.push(`unknown ${what} "${label}" ignored`);
      continue;
    }
    if (WIDE_ENCODINGS.has(name) && !family && !looksWide(bytes)) {
      // A document whose "<" is one byte wide is not UTF-16/32, whatever the label says (WHATWG does the same).
      warnings.push(`${what} "${label}" contradicts the bytes; ignored`);
      continue;
    }
    encoding = name;
    source = from;
    break;
  }
  if (encoding === 'utf-16') encoding = family?.startsWith('utf-16') ? family : utf16Endianness(bytes);
  if (encoding === 'utf-32') encoding = family?.startsWith('utf-32') ? family : 'utf-32le';
  if (!encoding && family) {
    encoding = family;
    source = 'detected';
  }

  if (encoding) {
    const strict = tryDecode(bytes, encoding);
    // Single-byte encodings accept any bytes, so only UTF-8 evidence can prove their label wrong;
    // multi-byte ones (Shift_JIS, GB18030, …) prove it themselves by failing to decode.
    if ((strict === undefined || SINGLE_BYTE.test(encoding)) && encoding !== 'utf-8' && isAsciiCompatible(encoding) && isProvablyUtf8(bytes)) {
      warnings.push(`declared encoding ${encoding} contradicts the bytes, which are UTF-8; decoded as UTF-8`);
      return { text: decodeWith(bytes, 'utf-8'), encoding: 'utf-8', source: 'detected', warnings };
    }
    if (strict !== undefined) return { text: strict, encoding, source, warnings };
    const guess = detectCharset(bytes);
    const guessed = guess && guess !== encoding ? tryDecode(bytes, guess) : undefined;
    if (guess && guessed !== undefined) {
      warnings.push(`bytes are not valid ${encoding}; decoded as ${guess} (detected)`);
      return { text: guessed, encoding: guess, source: 'detected', warnings };
    }
    warnings.push(`invalid ${encoding} bytes were replaced`);
    return { text: decodeWith(bytes, encoding), encoding, source, warnings };
  }

  // Nothing declared: UTF-8 is the XML default (XML 1.0 §4.3.3) and the most common web encoding.
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', source: 'default', warnings };
  const guess = detectCharset(bytes);
  const guessed = guess ? tryDecode(bytes, guess) : undefined;
  if (guess && guessed !== undefined) {
    warnings.push(`no encoding declared and the bytes are not UTF-8; decoded as ${guess} (detected)`);
    return { text: guessed, encoding: guess, source: 'detected', warnings };
  }
  const fallback = normalizeCharset(options.fallbackEncoding) ?? 'windows-1252';
  warnings.push(`no encoding declared and the bytes are not UTF-8; decoded as ${fallback}`);
  return { text: decodeWith(bytes, fallback), encoding: fallback, source: 'default', warnings };
}

function looksWide(bytes: Uint8Array): boolean {
  let zeros = 0;
  const n = Math.min(bytes.length, 256);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros++;
  return n > 0 && zeros * 4 >= n;
}

// Encodings in which ASCII bytes mean ASCII, so UTF-8 evidence can be weighed against them.
function isAsciiCompatible(encoding: string): boolean {
  return !WIDE_ENCODINGS.has(encoding) && !/^(utf-7|iso-2022|hz|utf-16)/.test(encoding);
}
