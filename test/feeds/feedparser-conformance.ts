// The feedparser conformance suite (../shared/data/feeds/feedparser) mapped onto our parser: which
// folders must pass, which failures are known and why, and how each feedparser check is scored
// against ParsedFeed. Shared by test/feeds/conformance.test.ts and scripts/feeds-conformance-report.ts.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Parser } from 'htmlparser2';
import { parseFeed, type FeedItem, type ParsedFeed } from '../../src/feeds/index.js';
import { normalizeCharset } from '../../src/text/charset.js';

export const dataDir = fileURLToPath(new URL('../../../shared/data/feeds/feedparser/', import.meta.url));
/** Why the conformance tests skip, or false when the data is present. */
export const skipReason: string | false = existsSync(`${dataDir}manifest.json`) ? false : 'feedparser data not found in ../shared/data/feeds/feedparser';

// Folders the data README names as must-pass for the fields we expose, and folders scored only for
// those fields (all checks on other fields are not applicable either way).
export const MUST_PASS: readonly string[] = [
  'encoding', 'entities', 'illformed', 'wellformed/amp', 'wellformed/atom', 'wellformed/atom10', 'wellformed/base',
  'wellformed/geo', 'wellformed/itunes', 'wellformed/lang', 'wellformed/media-rss', 'wellformed/namespace',
  'wellformed/node_precedence', 'wellformed/rdf', 'wellformed/rss', 'wellformed/xml',
];

/** Lowest acceptable share of applicable checks that pass. */
export const PASS_RATE_FLOOR = 0.97;

// Checks we fail on purpose or cannot yet pass, by file: [file, reason]. Sorted by file.
export const KNOWN_FAILURES: readonly [string, string][] = [
  ['encoding/bozo_linenoise.xml', "undecodable bytes: our replacement differs from feedparser's exact mojibake"],
  ['encoding/http_text_atom_xml_default.xml', "RFC 7303 dropped RFC 3023's us-ascii default for text/*: we read UTF-8"],
  ['encoding/http_text_rss_xml_default.xml', "RFC 7303 dropped RFC 3023's us-ascii default for text/*: we read UTF-8"],
  ['encoding/http_text_xml_bogus_charset.xml', "RFC 7303 dropped RFC 3023's us-ascii default for text/*: we read UTF-8"],
  ['encoding/http_text_xml_bogus_param.xml', "RFC 7303 dropped RFC 3023's us-ascii default for text/*: we read UTF-8"],
  ['encoding/http_text_xml_default.xml', "RFC 7303 dropped RFC 3023's us-ascii default for text/*: we read UTF-8"],
  ['encoding/http_text_xml_epe_default.xml', "RFC 7303 dropped RFC 3023's us-ascii default for text/*: we read UTF-8"],
  ['encoding/http_text_xml_qs.xml', "RFC 7303 dropped RFC 3023's us-ascii default for text/*: we read UTF-8"],
  ['entities/lang.xml', "HTML5 maps &lang; to U+27E8; feedparser uses HTML 4's U+2329"],
  ['entities/rang.xml', "HTML5 maps &rang; to U+27E9; feedparser uses HTML 4's U+232A"],
  ['wellformed/atom/entry_updated_multiple_values.xml', "two <updated> in one entry: we keep the first, feedparser the last"],
  ['wellformed/lang/http_content_language.xml', "the Content-Language header is not an input of parseFeed"],
  ['wellformed/namespace/atomsvgdesc.xml', "the article sanitizer removes inline SVG by policy"],
  ['wellformed/namespace/atomsvgtitle.xml', "the article sanitizer removes inline SVG by policy"],
  ['wellformed/namespace/rss2.0svgtitle.xml', "the article sanitizer removes inline SVG by policy"],
  ['wellformed/rss/entity_in_doctype.xml', "no DTD processing by design: internal entities are never expanded"],
  ['wellformed/rss/item_description_not_a_doctype.xml', "the sanitizer drops an empty unclosed <a>, leaving nothing"],
];

/** One feedparser expectation on its result shape, as the manifest stores it. */
export interface Check {
  path?: (string | number)[];
  canonical_path?: (string | number)[];
  op: string;
  value?: unknown;
}
/** One test file of the suite with its HTTP headers and checks. */
export interface Case {
  file: string;
  group: string;
  headers: Record<string, string>;
  bozo: boolean | null;
  checks: Check[];
}

type Kind = 'text' | 'html' | 'url' | 'time' | 'raw' | 'encoding' | 'version' | 'author';
interface Field {
  kind: Kind;
  get(feed: ParsedFeed): unknown;
}

// feedparser path (aliases resolved) → our field. Paths not listed concern fields we do not expose.
function fieldFor(path: (string | number)[]): Field | undefined {
  const key = path.map((p) => (typeof p === 'number' ? '#' : p)).join('.');
  const [, i = 0, , k = 0] = path.map((p) => (typeof p === 'number' ? p : 0));
  const entryIndex = typeof path[1] === 'number' ? path[1] : i;
  const sub = typeof path[3] === 'number' ? path[3] : k;
  const entry = (f: ParsedFeed): FeedItem | undefined => f.items[entryIndex];
  const table: Record<string, Field> = {
    'encoding': { kind: 'encoding', get: (f) => f.encoding },
    'version': { kind: 'version', get: (f) => `${f.format}:${f.version ?? ''}` },
    'feed.title': { kind: 'text', get: (f) => f.feed.title },
    'feed.title_detail.value': { kind: 'text', get: (f) => f.feed.title },
    'feed.subtitle': { kind: 'html', get: (f) => f.feed.description },
    'feed.subtitle_detail.value': { kind: 'html', get: (f) => f.feed.description },
    'feed.link': { kind: 'url', get: (f) => f.feed.link },
    'feed.language': { kind: 'raw', get: (f) => f.feed.language },
    'feed.updated_parsed': { kind: 'time', get: (f) => f.feed.updated },
    'feed.image.href': { kind: 'url', get: (f) => f.feed.image },
    'entries.#.title': { kind: 'text', get: (f) => entry(f)?.title },
    'entries.#.title_detail.value': { kind: 'text', get: (f) => entry(f)?.title },
    'entries.#.link': { kind: 'url', get: (f) => entry(f)?.link },
    'entries.#.id': { kind: 'raw', get: (f) => entry(f)?.id },
    'entries.#.summary': { kind: 'html', get: (f) => entry(f)?.summary ?? entry(f)?.content },
    'entries.#.summary_detail.value': { kind: 'html', get: (f) => entry(f)?.summary ?? entry(f)?.content },
    'entries.#.content.#.value': { kind: 'html', get: (f) => (sub === 0 ? entry(f)?.content : undefined) },
    'entries.#.published_parsed': { kind: 'time', get: (f) => entry(f)?.published },
    // feedparser's updated falls back to published, as ours does for display.
    'entries.#.updated_parsed': { kind: 'time', get: (f) => entry(f)?.updated ?? entry(f)?.published },
    'entries.#.author': { kind: 'author', get: (f) => entry(f)?.author },
    'entries.#.author_detail.name': { kind: 'author', get: (f) => entry(f)?.author },
    'entries.#.tags.#.term': { kind: 'raw', get: (f) => entry(f)?.categories[sub] },
    'entries.#.enclosures.#.href': { kind: 'url', get: (f) => entry(f)?.enclosures[sub]?.url },
    'entries.#.enclosures.#.type': { kind: 'raw', get: (f) => entry(f)?.enclosures[sub]?.type },
    'entries.#.enclosures.#.length': { kind: 'raw', get: (f) => String(entry(f)?.enclosures[sub]?.length ?? '') },
    'entries.#.image.href': { kind: 'url', get: (f) => entry(f)?.image },
  };
  return table[key];
}

// HTML reduced to what a reader sees and where links go: text, and the URLs of href/src attributes.
function htmlSignature(html: string): string {
  let text = '';
  const urls: string[] = [];
  const parser = new Parser({
    onopentag(_name, attribs) {
      for (const a of ['href', 'src']) if (attribs[a]) urls.push(safeHref(attribs[a]!) ?? attribs[a]!);
    },
    ontext(t) {
      text += t;
    },
  }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return `${text.replace(/\s+/g, ' ').trim()} | ${urls.join(' ')}`;
}

function plain(html: string): string {
  return htmlSignature(html).split(' | ')[0]!;
}

// feedparser's version strings, mapped to our format:version.
const VERSIONS: Record<string, string> = {
  atom03: 'atom:0.3', atom10: 'atom:1.0', rss090: 'rdf:0.90', rss091n: 'rss:0.91', rss091u: 'rss:0.91',
  rss092: 'rss:0.92', rss093: 'rss:0.93', rss094: 'rss:0.94', rss10: 'rdf:1.0', rss20: 'rss:2.0',
};

function same(kind: Kind, ours: unknown, expected: unknown): boolean {
  if (expected === null || expected === undefined) return ours === null || ours === undefined;
  if (typeof expected !== 'string') return String(ours) === String(expected);
  const got = typeof ours === 'string' ? ours : '';
  switch (kind) {
    case 'encoding': return normalizeCharset(got) === (normalizeCharset(expected) ?? expected.toLowerCase());
    // feedparser files every RSS 2.x under rss20 and an <rss> without a version under "rss".
    case 'version': return got === VERSIONS[expected] || (expected === 'rss20' && /^rss:2\./.test(got)) || (expected === 'rss' && got === 'rss:');
    // feedparser's author joins name and e-mail ("Name (me@example.com)"); ours is the name.
    case 'author': return got === expected || got === expected.replace(/\s*\([^()\s]+@[^()\s]+\)$/, '');
    case 'time': return got !== '' && new Date(got).getTime() === new Date(expected).getTime();
    case 'text': return got === expected.trim() || got === plain(expected) || got.replace(/\s+/g, ' ') === expected.replace(/\s+/g, ' ').trim();
    // feedparser returns type="text" content as plain text; ours is HTML that shows that text.
    case 'html': return htmlSignature(got) === htmlSignature(expected) || plain(got) === expected.trim();
    case 'url': return got === expected || (got !== '' && got === safeHref(expected));
    case 'raw': return got === expected || got === expected.trim();
  }
}

function safeHref(s: string): string | undefined {
  try {
    return new URL(s).href;
  } catch {
    return undefined;
  }
}

// An HTTP header from the manifest or from the "Header:" lines of a test file's leading comment.
function headerOf(name: string, bytes: Buffer, manifest: Record<string, string>): string | undefined {
  const fromManifest = Object.entries(manifest).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  if (fromManifest) return fromManifest;
  const head = bytes.subarray(0, 1024).toString('latin1').replace(/\0/g, '');
  return new RegExp(`Header:\\s*${name}:\\s*([^\\r\\n]*)`, 'i').exec(head)?.[1]?.trim();
}

// The URL a fetcher would hand the parser: the request URL, or Content-Location resolved against it.
function documentUrl(file: string, bytes: Buffer, manifest: Record<string, string>): string {
  const requested = `http://127.0.0.1:8097/tests/${file}`;
  const location = headerOf('Content-Location', bytes, manifest);
  if (!location) return requested;
  const resolved = safeHref(new URL(location, requested).href);
  return resolved && /^https?:/.test(resolved) ? resolved : requested;
}

/** A scored check: applicable when it concerns a field we expose with an operator we score. */
export interface Outcome {
  file: string;
  folder: string;
  applicable: boolean;
  pass: boolean;
  /** feedparser path (aliases resolved) and operator, e.g. "entries.0.title ==". */
  check: string;
  expected: unknown;
  /** What our parser returned for that field, or the error it refused the file with. */
  ours: string;
  detail: string;
}

/** Reads the suite's manifest (call only when skipReason is false). */
export function loadManifest(): { cases: Case[] } {
  return JSON.parse(readFileSync(`${dataDir}manifest.json`, 'utf8')) as { cases: Case[] };
}

/** The folder a case belongs to, which is the group the report and the pass-rate floor use. */
export function folderOf(c: Case): string {
  return c.file.slice(0, c.file.lastIndexOf('/'));
}

/** Applicable checks of one case, scored (what the conformance test asserts on). */
export function runCase(c: Case): Outcome[] {
  return scoreCase(c).filter((o) => o.applicable);
}

/** Every check of one case, applicable or not, scored against our parser's output. */
export function scoreCase(c: Case): Outcome[] {
  const folder = folderOf(c);
  const bytes = readFileSync(dataDir + c.file);
  let parsed: ParsedFeed | undefined;
  let error: string | undefined;
  try {
    parsed = parseFeed(new Uint8Array(bytes), { url: documentUrl(c.file, bytes, c.headers), contentType: headerOf('Content-type', bytes, c.headers) });
  } catch (err) {
    error = (err as Error).message;
  }
  const out: Outcome[] = [];
  for (const check of c.checks) {
    if (check.op === 'parses') {
      out.push({ file: c.file, folder, applicable: true, pass: parsed !== undefined, check: 'parses', expected: true, ours: error ? `error ${error}` : 'ok', detail: `parses: ${error ?? 'ok'}` });
      continue;
    }
    const path = check.canonical_path ?? check.path ?? [];
    const field = fieldFor(path);
    const notApplicable: Outcome = { file: c.file, folder, applicable: false, pass: false, check: `${path.join('.')} ${check.op}`, expected: check.value, ours: '', detail: '' };
    if (!field) {
      out.push(notApplicable);
      continue;
    }
    const ours = parsed ? field.get(parsed) : undefined;
    let pass: boolean;
    switch (check.op) {
      case '==': case '==time': case 'is': pass = parsed !== undefined && same(field.kind, ours, check.value); break;
      case '!=': pass = parsed !== undefined && !same(field.kind, ours, check.value); break;
      case 'truthy': pass = Boolean(ours); break;
      case 'falsy': case 'absent': pass = parsed !== undefined && !ours; break;
      default: out.push(notApplicable); continue;
    }
    const got = error ? `error ${error}` : JSON.stringify(ours) ?? 'undefined';
    out.push({ file: c.file, folder, applicable: true, pass, check: `${path.join('.')} ${check.op}`, expected: check.value, ours: got, detail: `${path.join('.')} ${check.op} ${JSON.stringify(check.value)}; got ${error ? `error ${error}` : JSON.stringify(ours)}` });
  }
  return out;
}
