// Values every adapter reads the same way: text constructs (plain, escaped HTML, inline XHTML),
// URLs (resolved against xml:base and the document URL, http(s) only), dates, e-mail style authors.
import { decodeHTML } from 'entities';
import { sanitizeArticleHtml } from '../sanitize/index.js';
import { parseFeedDate } from './dates.js';
import { hasElementChildren, innerHtml, resolveUrl, textContent, type XmlElement } from './xml.js';

/** Collects warnings once each, for one parse. */
export class Notes {
  readonly list: string[] = [];

  /** Records a warning unless the same one was recorded already. */
  add(warning: string): void {
    // At most 100, so looking through them is cheaper than keeping a set for every parse.
    if (this.list.length >= 100 || this.list.includes(warning)) return;
    this.list.push(warning);
  }
}

// Tags after which a reader sees a new line, so flattening them leaves a space between words.
const BLOCK_TAG = /<\/?(?:br|p|div|li|h[1-6]|tr|td|blockquote)\b[^<>]*>/gi;

/** HTML → plain text (titles, names): tags stripped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  // Regular expressions that stop at the next "<" keep this linear on hostile input.
  const stripped = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(BLOCK_TAG, ' ')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '');
  return decodeHTML(stripped).replace(/\s+/g, ' ').trim();
}

// Text that carries markup or entity references (and so must be read as HTML to become plain text).
const LOOKS_LIKE_HTML = /<\/?[a-zA-Z][^<>]*>|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);/;

/** Whether a string looks like HTML rather than plain text. */
export function looksLikeHtml(s: string): boolean {
  return LOOKS_LIKE_HTML.test(s);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '"': '&quot;', '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes plain text for use as HTML. */
export function escapeHtml(s: string): string {
  return /[&<>"]/.test(s) ? s.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]!) : s;
}

/** A URL reference resolved against a base; only absolute http(s) URLs survive (no javascript:, data:, …). */
export function httpUrl(ref: string | undefined | null, base?: string): string | null {
  if (ref === undefined || ref === null) return null;
  const trimmed = ref.trim();
  if (!trimmed || trimmed.length > 4096) return null;
  const resolved = resolveUrl(trimmed, base);
  if (!resolved) return null;
  return /^https?:\/\//i.test(resolved) ? resolved : null;
}

// No article needs more; a cap keeps one hostile field from costing seconds in the sanitizer.
const MAX_HTML_CHARS = 2_000_000;

// Whether the document being read holds no control characters in any of its text (xml.ts checks
// the whole document once), so that its HTML need not be searched for them again. Set by
// `readingDocument` for the (synchronous) run of an adapter.
let documentControlFree = false;

const CONTROL_FREE = { controlFree: true } as const;
const CHECK_CONTROLS = { controlFree: false } as const;

/** Runs `read` (an adapter) over a document whose text is known to be free of control characters, or not. */
export function readingDocument<T>(controlFree: boolean, read: () => T): T {
  documentControlFree = controlFree;
  try {
    return read();
  } finally {
    documentControlFree = false;
  }
}

/** Sanitized HTML, or null when nothing is left; `fromDocument` when the HTML is the document's own text, not decoded from it. */
export function safeHtml(html: string | undefined | null, base?: string, fromDocument = false): string | null {
  if (!html || !html.trim()) return null;
  const options = fromDocument && documentControlFree ? CONTROL_FREE : CHECK_CONTROLS;
  const clean = sanitizeArticleHtml(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html, base, options).trim();
  return clean ? clean : null;
}

// Whitespace that collapsing would change: a run of two, or any but a plain space.
const UNCOLLAPSED_SPACE = /\s\s|[^\S ]/;

/** Plain text, or null when empty. */
export function nonEmpty(s: string | undefined | null): string | null {
  if (s === undefined || s === null) return null;
  const t = (UNCOLLAPSED_SPACE.test(s) ? s.replace(/\s+/g, ' ') : s).trim();
  return t ? t : null;
}

/** How a text construct carries its value. */
export type TextKind = 'text' | 'html' | 'xhtml';

// Atom 0.3 and some RSS extensions name MIME types instead of text/html/xhtml. RFC 4287 §4.1.3.3:
// a MIME type that is neither text nor XML means the content is base64-encoded.
function kindOf(type: string | undefined, fallback: TextKind): TextKind | 'base64' {
  if (!type) return fallback;
  const t = type.trim().toLowerCase();
  if (t === 'text' || t === 'text/plain') return 'text';
  if (t === 'html' || t === 'text/html' || t === 'escaped') return 'html';
  if (t === 'xhtml' || t === 'application/xhtml+xml') return 'xhtml';
  if (/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(t) && !t.startsWith('text/') && !/[/+]xml$/.test(t)) return 'base64';
  return fallback;
}

function fromBase64(el: XmlElement): string {
  return Buffer.from(textContent(el).replace(/\s+/g, ''), 'base64').toString('utf8');
}

/**
 * What a text construct holds: plain text, or HTML (escaped HTML, markup left unescaped in it, or
 * inline XHTML); `decoded` when it was base64 in the document rather than its text.
 */
export type ConstructValue = { kind: 'text'; text: string; decoded?: true } | { kind: 'html' | 'xhtml'; html: string; decoded?: true };

// Atom §3.1.1.3: xhtml content is wrapped in one xhtml:div, which is not part of the content.
function xhtmlRoot(el: XmlElement): XmlElement {
  let only: XmlElement | undefined;
  for (const c of el.children) {
    if (typeof c === 'string') {
      if (c.trim() !== '') return el;
    } else if (only || c.key !== 'div') return el;
    else only = c;
  }
  return only ?? el;
}

/** Reads an element as a text construct: plain text, or HTML (escaped, left unescaped in it, or inline XHTML). */
export function elementHtml(el: XmlElement, fallback: TextKind = 'html'): ConstructValue {
  const mode = el.attrs.size > 0 ? el.attrs.get('mode')?.trim().toLowerCase() : undefined;
  const declared = kindOf(el.attrs.size > 0 ? el.attrs.get('type') : undefined, fallback);
  if (declared === 'base64') return { html: fromBase64(el), kind: 'html', decoded: true };
  let kind: TextKind = declared;
  if (mode === 'xml') kind = 'xhtml';
  else if (mode === 'escaped' && kind === 'text') kind = 'html';
  if (mode === 'base64') {
    const decoded = fromBase64(el);
    return kind === 'text' ? { kind, text: decoded, decoded: true } : { html: decoded, kind: 'html', decoded: true };
  }
  if (kind === 'xhtml' || hasElementChildren(el)) {
    return { html: innerHtml(xhtmlRoot(el), kind === 'html'), kind: kind === 'text' ? 'html' : kind };
  }
  const text = textContent(el);
  return kind === 'text' ? { kind, text } : { html: text, kind };
}

/**
 * Reads an element as plain text (titles): HTML and XHTML constructs are flattened. With `sniff`
 * (RSS, whose titles have no declared type), text that carries markup or entity references was
 * escaped once too often and is read as HTML.
 */
export function elementText(el: XmlElement | undefined, fallback: TextKind = 'text', sniff = false): string | null {
  if (!el) return null;
  const value = elementHtml(el, fallback);
  if (value.kind === 'text') {
    const { text } = value;
    return nonEmpty(sniff && !el.attrs.has('type') && looksLikeHtml(text) ? htmlToText(text) : text);
  }
  return nonEmpty(htmlToText(value.html));
}

/** Reads an element as sanitized HTML (summaries, content), resolving relative URLs against its base. */
export function elementSanitized(el: XmlElement | undefined, fallback: TextKind = 'html', base?: string): string | null {
  if (!el) return null;
  const value = elementHtml(el, fallback);
  const fromDocument = value.decoded !== true;
  if (value.kind === 'text') {
    // Plain text keeps its line breaks as paragraphs when shown.
    const text = value.text.trim();
    return text ? safeHtml(escapeHtml(text).replace(/\n\s*\n/g, '<br><br>'), el.base ?? base, fromDocument) : null;
  }
  return safeHtml(value.html, el.base ?? base, fromDocument);
}

/** Reads a date element into ISO 8601 UTC, warning when the text is not a date we can read. */
export function elementDate(el: XmlElement | undefined, notes: Notes): string | null {
  if (!el) return null;
  const raw = textContent(el).trim();
  if (!raw) return null;
  const date = parseFeedDate(raw);
  if (!date) notes.add(`unreadable date "${raw.slice(0, 60)}" left empty`);
  return date ?? null;
}

/** An author from RSS's "email (Name)" or "Name <email>" forms: the name when there is one. */
export function authorName(raw: string | undefined | null): string | null {
  // No name is longer; the cap also keeps the patterns below cheap on hostile input.
  const s = nonEmpty(raw?.slice(0, 500));
  if (!s) return null;
  const paren = /^\s*([^\s()]+@[^\s()]+)\s*\((.+)\)\s*$/.exec(s);
  if (paren) return nonEmpty(paren[2]);
  const nameFirst = /^\s*(.+?)\s*\(([^\s()]+@[^\s()]+)\)\s*$/.exec(s);
  if (nameFirst) return nonEmpty(nameFirst[1]);
  const angle = /^\s*(.+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(s);
  if (angle) return nonEmpty(angle[1]!.replace(/^["']|["']$/g, ''));
  const mailto = /^mailto:(.+)$/i.exec(s);
  if (mailto) return nonEmpty(mailto[1]);
  return s;
}

/** A language tag in BCP 47 form ("en_US" → "en-US"), or null. */
export function languageTag(raw: string | undefined | null): string | null {
  const s = nonEmpty(raw);
  return s && /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/.test(s) ? s.replace(/_/g, '-') : s;
}

/** The text of an element, trimmed, or null. */
export function elementValue(el: XmlElement | undefined): string | null {
  return el ? nonEmpty(textContent(el)) : null;
}

/** Most items a feed may yield; real feeds carry tens, archives a few thousand. */
export const MAX_FEED_ITEMS = 10_000;
/** Most URLs a sitemap may list (sitemaps.org protocol limit). */
export const MAX_SITEMAP_URLS = 50_000;

/** The first `max` entries of a list, with a warning when some were left out. */
export function capItems<T>(list: T[], max: number, notes: Notes): T[] {
  if (list.length <= max) return list;
  notes.add(`${list.length} entries; only the first ${max} read`);
  return list.slice(0, max);
}

/** A positive integer from text (enclosure lengths), or null. */
export function positiveInt(s: string | undefined | null): number | null {
  if (!s) return null;
  const n = Number(s.trim());
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
