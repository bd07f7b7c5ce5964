// A tolerant XML reader for feeds: a small linear-time tokenizer builds a light element tree with
// namespaces resolved to canonical prefixes, xml:base / xml:lang inherited, and every recovery
// (stray "&", unclosed tags, control characters, HTML entities) noted as a warning.
// There is no DTD processing at all: a DOCTYPE and its internal subset are skipped unread, so no
// entity is ever defined, expanded or fetched (the billion-laughs and XXE class of attacks).
import { decodeHTMLStrict } from 'entities';
import { c1AsWindows1252 } from '../text/charset.js';

/** An element of the tree; `ns` is a canonical prefix from NAMESPACES ('' for none, the URI when unknown). */
export interface XmlElement {
  /** Qualified name as written in the document. */
  name: string;
  /** Local name (without prefix). */
  local: string;
  ns: string;
  attrs: Map<string, string>;
  children: XmlNode[];
  /** Absolute xml:base in effect for this element, when any. */
  base?: string;
  /** xml:lang in effect for this element, when any. */
  lang?: string;
}

/** A child of an element: an element or decoded text. */
export type XmlNode = XmlElement | string;

/** Limits that keep hostile documents bounded. */
export interface XmlLimits {
  maxElements: number;
  maxDepth: number;
  maxAttributes: number;
}

/** Default limits: far above any real feed, far below what exhausts memory. */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxElements: 200_000, maxDepth: 200, maxAttributes: 100 };

// Namespace URIs feeds use, mapped to the prefix our adapters look for (sorted by URI).
// Several historical URIs share one prefix, as publishers used them interchangeably.
const NAMESPACES: ReadonlyMap<string, string> = new Map([
  ['http://backend.userland.com/creativecommonsrssmodule', 'cc'],
  ['http://backend.userland.com/rss', ''],
  ['http://backend.userland.com/rss2', ''],
  ['http://blogs.law.harvard.edu/tech/rss', ''],
  ['http://my.netscape.com/rdf/simple/0.9/', 'rss090'],
  ['http://purl.org/atom/ns#', 'atom03'],
  ['http://purl.org/dc/elements/1.0/', 'dc'],
  ['http://purl.org/dc/elements/1.1/', 'dc'],
  ['http://purl.org/dc/terms/', 'dcterms'],
  ['http://purl.org/rss/1.0/', 'rss1'],
  ['http://purl.org/rss/1.0/modules/content/', 'content'],
  ['http://purl.org/rss/1.0/modules/slash/', 'slash'],
  ['http://rssnamespace.org/feedburner/ext/1.0', 'feedburner'],
  ['http://search.yahoo.com/mrss', 'media'],
  ['http://search.yahoo.com/mrss/', 'media'],
  ['http://www.google.com/schemas/sitemap-image/1.1', 'image'],
  ['http://www.google.com/schemas/sitemap-news/0.9', 'news'],
  ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
  ['http://www.sitemaps.org/schemas/sitemap/0.9', 'sitemap'],
  ['http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'rdf'],
  ['http://www.w3.org/1999/xhtml', 'xhtml'],
  ['http://www.w3.org/2005/Atom', 'atom'],
  ['http://www.w3.org/XML/1998/namespace', 'xml'],
  ['https://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
]);

// Prefixes publishers use without declaring them; read as if declared (feedparser does the same).
const WELL_KNOWN_PREFIXES = new Set(['atom', 'content', 'dc', 'dcterms', 'feedburner', 'itunes', 'media', 'news', 'rdf', 'slash', 'xhtml', 'xml']);

// Namespace URIs as publishers misspell them: case, https, a missing or extra trailing "/" or "#".
const looseUri = (uri: string) => uri.trim().toLowerCase().replace(/^https:/, 'http:').replace(/[/#]+$/, '');
const LOOSE_NAMESPACES: ReadonlyMap<string, string> = new Map([...NAMESPACES].map(([uri, prefix]) => [looseUri(uri), prefix]));

/** The canonical prefix for a namespace URI ('' for none, the URI itself when unknown). */
export function namespacePrefix(uri: string): string {
  return NAMESPACES.get(uri) ?? LOOSE_NAMESPACES.get(looseUri(uri)) ?? uri;
}

/** The result of reading a document: its root element (if any) and what had to be repaired. */
export interface XmlDocument {
  root: XmlElement | undefined;
  warnings: string[];
}

// Characters XML 1.0 §2.2 forbids; feeds contain them anyway (pasted from word processors).
const INVALID_XML_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;

/** Strips a DOCTYPE declaration, with any internal subset, without interpreting it. */
function stripDoctype(text: string, warnings: string[]): string {
  // The first DOCTYPE that is not inside a comment.
  const re = /<!--[\s\S]*?(?:-->|$)|<!DOCTYPE/gi;
  let start = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 9) {
      start = m.index;
      break;
    }
  }
  if (start < 0) return text;
  // Only a DOCTYPE before the first element counts; one later is text for the tokenizer to drop.
  const firstElement = text.slice(0, start).search(/<[A-Za-z_]/);
  if (firstElement >= 0) return text;
  let i = start + 9;
  let inSubset = false;
  let quote = '';
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') inSubset = true;
    else if (c === ']') inSubset = false;
    else if (c === '>' && !inSubset) break;
  }
  const doctype = text.slice(start, i + 1);
  if (/<!ENTITY/i.test(doctype)) warnings.push('DOCTYPE with entity declarations ignored (entities are never expanded)');
  return text.slice(0, start) + text.slice(i + 1);
}

// Entity references in XML text: the five XML ones and numeric ones are always fine; HTML names
// (&eacute;) are not XML but common in feeds, so they are decoded too, with a warning.
const XML_ENTITY = /&(?:#[0-9]+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);/;

function decodeText(raw: string, note: (w: string) => void): string {
  if (!raw.includes('&')) return raw;
  const decoded = decodeHTMLStrict(raw);
  if (/&[A-Za-z][A-Za-z0-9]*;/.test(raw.replace(new RegExp(XML_ENTITY.source, 'g'), ''))) note('HTML entities in XML decoded');
  return decoded;
}

/** Parses XML text into an element tree, tolerating the errors feeds have in the wild. */
export function parseXml(input: string, baseUrl?: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlDocument {
  const warnings: string[] = [];
  const warned = new Set<string>();
  const note = (w: string) => {
    if (!warned.has(w)) {
      warned.add(w);
      warnings.push(w);
    }
  };
  let text = input;
  const withoutControls = text.replace(INVALID_XML_CHARS, '');
  if (withoutControls !== text) note('invalid control characters removed');
  // C1 controls in text are windows-1252 bytes that were decoded as ISO-8859-1 somewhere upstream.
  text = c1AsWindows1252(withoutControls);
  if (text !== withoutControls) note('C1 control characters read as windows-1252');
  text = stripDoctype(text, warnings);
  // A bare "&" (not starting an entity reference) is the most common well-formedness error.
  if (/&(?![A-Za-z][A-Za-z0-9._-]*;|#[0-9]+;|#x[0-9a-fA-F]+;)/.test(text.replace(/<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g, ''))) {
    note('unescaped "&" read as text');
  }

  let root: XmlElement | undefined;
  const stack: { el: XmlElement; nsMap: Map<string, string> }[] = [];
  const rootNs = new Map<string, string>([['xml', 'http://www.w3.org/XML/1998/namespace']]);
  let elements = 0;
  let skippedDepth = 0; // elements opened past a limit (or after the root), ignored with their content
  let closedRoot = false;

  const resolvePrefix = (prefix: string, nsMap: Map<string, string>): string => {
    const uri = nsMap.get(prefix);
    if (uri !== undefined) {
      if (uri === '') return '';
      const known = namespacePrefix(uri);
      // A well-known prefix bound to a URI we do not know is almost always a typo of the real one.
      if (known === uri && prefix !== '' && WELL_KNOWN_PREFIXES.has(prefix.toLowerCase())) return prefix.toLowerCase();
      return known;
    }
    if (prefix === '') return '';
    note(`undeclared namespace prefix "${prefix}"`);
    const lower = prefix.toLowerCase();
    return WELL_KNOWN_PREFIXES.has(lower) ? lower : prefix;
  };

  const open = (name: string, rawAttrs: [string, string][], selfClosing: boolean) => {
    if (closedRoot && skippedDepth === 0) note('content after the root element ignored');
    if (skippedDepth > 0 || closedRoot) {
      if (!selfClosing) skippedDepth++;
      return;
    }
    if (elements >= limits.maxElements || stack.length >= limits.maxDepth) {
      note(elements >= limits.maxElements ? `more than ${limits.maxElements} elements; the rest ignored` : `elements nested deeper than ${limits.maxDepth} ignored`);
      if (!selfClosing) skippedDepth = 1;
      return;
    }
    elements++;
    const parent = stack[stack.length - 1];
    let nsMap = parent?.nsMap ?? rootNs;
    const attrs = new Map<string, string>();
    for (let a = 0; a < rawAttrs.length; a++) {
      const [key, raw] = rawAttrs[a]!;
      if (a >= limits.maxAttributes) {
        note(`more than ${limits.maxAttributes} attributes on an element; the rest ignored`);
        break;
      }
      const value = decodeText(raw, note);
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (nsMap === (parent?.nsMap ?? rootNs)) nsMap = new Map(nsMap);
        nsMap.set(key === 'xmlns' ? '' : key.slice(6), value.trim());
      }
      if (!attrs.has(key)) attrs.set(key, value);
    }
    const colon = name.indexOf(':');
    const prefix = colon > 0 ? name.slice(0, colon) : '';
    const local = colon > 0 ? name.slice(colon + 1) : name;
    const el: XmlElement = { name, local, ns: resolvePrefix(prefix, nsMap), attrs, children: [] };
    const inheritedBase = parent?.el.base ?? baseUrl;
    const xmlBase = attrs.get('xml:base');
    el.base = xmlBase !== undefined ? resolveUrl(xmlBase.trim(), inheritedBase) ?? inheritedBase : inheritedBase;
    const xmlLang = attrs.get('xml:lang');
    el.lang = xmlLang !== undefined ? xmlLang.trim() : parent?.el.lang;
    if (parent) parent.el.children.push(el);
    else if (!root) root = el;
    if (selfClosing) {
      if (!parent) closedRoot = true;
      return;
    }
    stack.push({ el, nsMap });
  };

  const close = (name: string) => {
    if (skippedDepth > 0) {
      skippedDepth--;
      return;
    }
    // The stack is at most maxDepth deep, so this search is bounded.
    let i = stack.length - 1;
    while (i >= 0 && stack[i]!.el.name !== name) i--;
    if (i < 0) {
      const lower = name.toLowerCase();
      i = stack.length - 1;
      while (i >= 0 && stack[i]!.el.name.toLowerCase() !== lower) i--;
    }
    if (i < 0) {
      note('stray end tag ignored');
      return;
    }
    if (i < stack.length - 1) note('unclosed element closed');
    stack.length = i;
    if (stack.length === 0) closedRoot = true;
  };

  const addText = (raw: string, cdata: boolean) => {
    const top = stack[stack.length - 1];
    if (!top || skippedDepth > 0 || raw === '') return;
    const value = cdata ? raw : decodeText(raw, note);
    const kids = top.el.children;
    const last = kids[kids.length - 1];
    if (typeof last === 'string') kids[kids.length - 1] = last + value;
    else kids.push(value);
  };

  tokenize(text, { open, close, text: addText }, note);
  if (stack.length > 0) note('document ends before its root element closes (truncated?)');
  if (!root) note('no XML element found');
  return { root, warnings };
}

interface TokenHandlers {
  open(name: string, attrs: [string, string][], selfClosing: boolean): void;
  close(name: string): void;
  text(raw: string, cdata: boolean): void;
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][^\s/>="'<]*/y;
const ATTR_NAME = /[^\s/>="'<]+/y;
const SPACE = /\s*/y;
const UNQUOTED_VALUE = /[^\s>]*/y;

function matchAt(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

// A small linear-time XML tokenizer: tags, end tags, text, CDATA; comments, processing instructions
// and declarations are skipped. It never looks back, so hostile nesting costs linear time (the
// htmlparser2 stack is quadratic on deep nesting), and a "<" that starts no tag is read as text.
function tokenize(text: string, on: TokenHandlers, note: (w: string) => void): void {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      on.text(text.slice(i), false);
      return;
    }
    if (lt > i) on.text(text.slice(i, lt), false);
    i = lt;
    const next = text.charCodeAt(i + 1);
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return note('unterminated comment');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) {
        note('unterminated CDATA section');
        on.text(text.slice(i + 9), true);
        return;
      }
      on.text(text.slice(i + 9, end), true);
      i = end + 3;
    } else if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return;
      i = end + 2;
    } else if (next === 0x21 /* ! */) {
      const end = text.indexOf('>', i + 2);
      if (end < 0) return;
      i = end + 1;
    } else if (next === 0x2f /* / */) {
      const end = text.indexOf('>', i + 2);
      if (end < 0) return;
      const name = text.slice(i + 2, end).trim();
      if (name) on.close(name);
      i = end + 1;
    } else {
      const name = matchAt(NAME, text, i + 1);
      if (!name) {
        // "a < b" in text: a bare "<" that starts no tag.
        note('unescaped "<" read as text');
        on.text('<', true);
        i++;
        continue;
      }
      let j = i + 1 + name.length;
      const attrs: [string, string][] = [];
      let selfClosing = false;
      let complete = false;
      while (j < n) {
        j += matchAt(SPACE, text, j)?.length ?? 0;
        const c = text[j];
        if (c === '>') {
          complete = true;
          j++;
          break;
        }
        if (c === '/' && text[j + 1] === '>') {
          selfClosing = true;
          complete = true;
          j += 2;
          break;
        }
        if (c === '<') break; // a tag that never ended; the next one starts here
        const attrName = matchAt(ATTR_NAME, text, j);
        if (!attrName) {
          j++; // a stray "/", quote or "=": skip it
          continue;
        }
        j += attrName.length;
        j += matchAt(SPACE, text, j)?.length ?? 0;
        let value = '';
        if (text[j] === '=') {
          j++;
          j += matchAt(SPACE, text, j)?.length ?? 0;
          const quote = text[j];
          if (quote === '"' || quote === "'") {
            const end = text.indexOf(quote, j + 1);
            if (end < 0) {
              j = n;
              break;
            }
            value = text.slice(j + 1, end);
            j = end + 1;
          } else {
            value = matchAt(UNQUOTED_VALUE, text, j) ?? '';
            if (value.endsWith('/') && text[j + value.length] === '>') value = value.slice(0, -1);
            j += value.length;
          }
        }
        // Keep a bounded number; the element keeps fewer still (XmlLimits.maxAttributes).
        if (attrs.length < 1000) attrs.push([attrName, value]);
      }
      if (!complete && j >= n) {
        note('document ends inside a tag (truncated?)');
        return;
      }
      if (!complete) note('unclosed tag');
      on.open(name, attrs, selfClosing);
      i = j;
    }
  }
}

/** Resolves a URL reference against a base; undefined when it cannot be resolved. */
export function resolveUrl(ref: string, base: string | undefined): string | undefined {
  try {
    return new URL(ref, base).href;
  } catch {
    return undefined;
  }
}

/** Child elements of `el`, optionally only those with a local name (and namespace prefix). */
export function childElements(el: XmlElement, local?: string, ns?: string | readonly string[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (local !== undefined && c.local.toLowerCase() !== local.toLowerCase()) continue;
    if (ns !== undefined && (typeof ns === 'string' ? c.ns !== ns : !ns.includes(c.ns))) continue;
    out.push(c);
  }
  return out;
}

/** The first child element with a local name (and namespace prefix), if any. */
export function firstChild(el: XmlElement, local: string, ns?: string | readonly string[]): XmlElement | undefined {
  return childElements(el, local, ns)[0];
}

/** All text inside an element, descendants included, in document order. */
export function textContent(el: XmlElement): string {
  let out = '';
  for (const c of el.children) out += typeof c === 'string' ? c : textContent(c);
  return out;
}

/** Whether an element holds any child element (markup left unescaped inside it). */
export function hasElementChildren(el: XmlElement): boolean {
  return el.children.some((c) => typeof c !== 'string');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// HTML void elements (WHATWG), serialized without a closing tag.
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Serializes an element's children as HTML (for xhtml content and unescaped markup in RSS). */
export function innerHtml(el: XmlElement, textIsHtml = false): string {
  let out = '';
  for (const c of el.children) {
    if (typeof c === 'string') {
      // In an escaped-HTML construct the text is itself HTML source; in XHTML it is text.
      out += textIsHtml ? c : escapeHtml(c);
      continue;
    }
    const tag = c.local.toLowerCase();
    let attrs = '';
    for (const [k, v] of c.attrs) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      attrs += ` ${k.replace(/^xml:/, '')}="${escapeHtml(v).replace(/"/g, '&quot;')}"`;
    }
    // An HTML void element left unclosed in XML (<br>, <img …>) swallowed what followed it; put that back after it.
    out += VOID_ELEMENTS.has(tag) ? `<${tag}${attrs}>${innerHtml(c, textIsHtml)}` : `<${tag}${attrs}>${innerHtml(c, textIsHtml)}</${tag}>`;
  }
  return out;
}
