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
  /** Local name in lower case: what adapters look elements up by. */
  key: string;
  ns: string;
  attrs: ReadonlyMap<string, string>;
  children: readonly XmlNode[];
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
  /** No text or attribute value in the tree holds a control character (C0 but tab, LF, CR; DEL). */
  controlFree: boolean;
}

// Characters XML 1.0 §2.2 forbids; feeds contain them anyway (pasted from word processors).
const INVALID_XML_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
// Text with none of those, no C1 controls and no DEL: the repairs below leave it as it is, and it
// holds no control character (anchored and negated, this scans faster than searching for one).
const NEEDS_NO_REPAIR = /^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]*$/;
// Text without C0 controls (but tab, LF, CR) and DEL.
const FREE_OF_CONTROLS = /^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F]*$/;

const isAsciiLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/** Strips a DOCTYPE declaration, with any internal subset, without interpreting it. */
function stripDoctype(text: string, warnings: string[]): string {
  // The first DOCTYPE that is not inside a comment, when nothing that looks like an element
  // ("<" and a letter or "_", inside a comment too) comes before it; only the prolog is read.
  let start: number;
  for (let i = 0; ;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return text;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) return text;
      for (let k = text.indexOf('<', lt + 4); k >= 0 && k < end; k = text.indexOf('<', k + 1)) {
        const c = text.charCodeAt(k + 1);
        if (isAsciiLetter(c) || c === 0x5f) return text;
      }
      i = end + 3;
      continue;
    }
    const next = text.charCodeAt(lt + 1);
    if (isAsciiLetter(next) || next === 0x5f /* _ */) return text;
    if (next === 0x21 /* ! */ && text.slice(lt + 2, lt + 9).toUpperCase() === 'DOCTYPE') {
      start = lt;
      break;
    }
    i = lt + 1;
  }
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

// An entity or character reference, at an "&".
const REFERENCE_AT = /&(?:[A-Za-z][A-Za-z0-9._-]*;|#[0-9]+;|#x[0-9a-fA-F]+;)/y;

/** Whether the text holds an "&" that starts no reference, outside CDATA sections (an unterminated one runs to the end). */
function hasBareAmpersand(text: string): boolean {
  let amp = text.indexOf('&');
  let cdata = text.indexOf('<![CDATA[');
  while (amp >= 0) {
    while (cdata >= 0 && cdata < amp) {
      const end = text.indexOf(']]>', cdata + 9);
      if (end < 0) return false;
      if (amp < end) amp = text.indexOf('&', end + 3);
      cdata = text.indexOf('<![CDATA[', end + 3);
      if (amp < 0) return false;
    }
    REFERENCE_AT.lastIndex = amp;
    if (!REFERENCE_AT.test(text)) return true;
    amp = text.indexOf('&', amp + 1);
  }
  return false;
}

// Named references that are XML's own; any other name is an HTML entity.
const XML_ENTITY_NAMES = new Set(['amp', 'apos', 'gt', 'lt', 'quot']);
const NAMED_REFERENCE = /&([A-Za-z][A-Za-z0-9]*);/g;
const HTML_ENTITIES_NOTE = 'HTML entities in XML decoded';

// The JavaScript \s set (what the tokenizer's notion of space has always been).
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}
// Characters that end a name: space, "/", ">", "=", quotes, "<".
const endsName = (c: number) => c === 0x2f || c === 0x3e || c === 0x3d || c === 0x22 || c === 0x27 || c === 0x3c || isSpace(c);
// A name's first character: a letter, "_", ":" or anything from U+00C0 up.
const startsName = (c: number) => isAsciiLetter(c) || c === 0x5f || c === 0x3a || c >= 0xc0;

const EMPTY_ATTRIBUTES: ReadonlyMap<string, string> = new Map();
// The children of an element that has none yet, shared: most elements get one child (their text),
// and an array made for one is a fraction of the size of one grown by push from empty.
const NO_CHILDREN: readonly XmlNode[] = [];

// Children are added only here, while the tree is built (the type says read-only to everyone else).
function addChild(el: XmlElement, child: XmlNode): void {
  if (el.children === NO_CHILDREN) el.children = [child];
  else (el.children as XmlNode[]).push(child);
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** The namespace declarations in scope: an element's own, then its ancestors'. */
interface NamespaceScope {
  readonly declared: Map<string, string>;
  readonly parent: NamespaceScope | undefined;
  /** How many scopes `parent` chains to. */
  readonly depth: number;
}

// The namespaces in scope at the root: only xml (XML Namespaces §3).
const ROOT_NAMESPACES: NamespaceScope = { declared: new Map([['xml', XML_NAMESPACE]]), parent: undefined, depth: 0 };

// Chains longer than this are flattened, so that a lookup stays cheap however deep the declarations nest.
const MAX_SCOPE_CHAIN = 8;

// A scope for an element's own declarations inside `parent`.
function innerScope(parent: NamespaceScope): NamespaceScope {
  if (parent.depth < MAX_SCOPE_CHAIN) return { declared: new Map(), parent, depth: parent.depth + 1 };
  const chain: NamespaceScope[] = [];
  for (let s: NamespaceScope | undefined = parent; s; s = s.parent) chain.push(s);
  const declared = new Map<string, string>();
  for (let k = chain.length - 1; k >= 0; k--) for (const [prefix, uri] of chain[k]!.declared) declared.set(prefix, uri);
  return { declared, parent: undefined, depth: 0 };
}

// The URI a prefix is bound to in a scope ('' for the default namespace), if any.
function namespaceUri(scope: NamespaceScope, prefix: string): string | undefined {
  for (let s: NamespaceScope | undefined = scope; s; s = s.parent) {
    const uri = s.declared.get(prefix);
    if (uri !== undefined) return uri;
  }
  return undefined;
}

/** An element name split once: feeds repeat a few names thousands of times. */
interface NameParts {
  name: string;
  prefix: string;
  local: string;
  key: string;
}

// Names met so far, in any document; bounded, as hostile documents can hold any number of names.
const NAMES = new Map<string, NameParts>();
const MAX_REMEMBERED_NAMES = 4096;

// A copy of `s` that does not keep the string it was cut from alive: V8 represents a long slice
// as a view into its parent, and a name remembered across documents must not hold a document.
function detached(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

function nameParts(cut: string): NameParts {
  let parts = NAMES.get(cut);
  if (!parts) {
    const name = detached(cut);
    const colon = name.indexOf(':');
    const local = colon > 0 ? name.slice(colon + 1) : name;
    parts = { name, prefix: colon > 0 ? name.slice(0, colon) : '', local, key: local.toLowerCase() };
    if (NAMES.size < MAX_REMEMBERED_NAMES) NAMES.set(name, parts);
  }
  return parts;
}

/**
 * Builds the element tree from tokens: namespaces, xml:base and xml:lang, the limits, and a
 * warning (once each) for every repair. One per document; methods rather than closures, so that a
 * parse allocates no functions.
 */
class TreeBuilder {
  readonly warnings: string[] = [];
  root: XmlElement | undefined;
  /** No control character in the tree's text (see XmlDocument). */
  controlFree = true;
  private readonly elementStack: XmlElement[] = [];
  private readonly namespaceStack: NamespaceScope[] = [];
  private elements = 0;
  private skippedDepth = 0; // elements opened past a limit (or after the root), ignored with their content
  private closedRoot = false;

  constructor(private readonly baseUrl: string | undefined, private readonly limits: XmlLimits) {}

  // The warnings given, as a set once there are many (hostile documents can earn thousands).
  private given: Set<string> | undefined;

  note(warning: string): void {
    if (this.warned(warning)) return;
    this.warnings.push(warning);
    if (this.given) this.given.add(warning);
    else if (this.warnings.length > 16) this.given = new Set(this.warnings);
  }

  // Whether a warning was given already (each is given once).
  private warned(warning: string): boolean {
    return this.given ? this.given.has(warning) : this.warnings.includes(warning);
  }

  get depth(): number {
    return this.elementStack.length;
  }

  /** Whether text at this point becomes part of the tree (inside an element that is kept). */
  takesText(): boolean {
    return this.elementStack.length > 0 && this.skippedDepth === 0;
  }

  // Text and attribute values: the five XML entities, character references and, with a warning,
  // HTML's named entities (&eacute;), which are not XML but common in feeds.
  decode(raw: string): string {
    if (!raw.includes('&')) return raw;
    const decoded = decodeHTMLStrict(raw);
    // Character references are the one way a control character gets past the document check.
    if (this.controlFree && raw.includes('&#') && !FREE_OF_CONTROLS.test(decoded)) this.controlFree = false;
    if (!this.warned(HTML_ENTITIES_NOTE)) {
      NAMED_REFERENCE.lastIndex = 0;
      for (let m = NAMED_REFERENCE.exec(raw); m; m = NAMED_REFERENCE.exec(raw)) {
        if (!XML_ENTITY_NAMES.has(m[1]!)) {
          this.note(HTML_ENTITIES_NOTE);
          break;
        }
      }
    }
    return decoded;
  }

  private resolvePrefix(prefix: string, scope: NamespaceScope): string {
    const uri = namespaceUri(scope, prefix);
    if (uri !== undefined) {
      if (uri === '') return '';
      const known = namespacePrefix(uri);
      // A well-known prefix bound to a URI we do not know is almost always a typo of the real one.
      if (known === uri && prefix !== '' && WELL_KNOWN_PREFIXES.has(prefix.toLowerCase())) return prefix.toLowerCase();
      return known;
    }
    if (prefix === '') return '';
    this.note(`undeclared namespace prefix "${prefix}"`);
    const lower = prefix.toLowerCase();
    return WELL_KNOWN_PREFIXES.has(lower) ? lower : prefix;
  }

  /** A start tag; `attrs` holds `count` name, value pairs (raw values), flat. */
  open(name: string, attrs: readonly string[], count: number, selfClosing: boolean): void {
    if (this.closedRoot && this.skippedDepth === 0) this.note('content after the root element ignored');
    if (this.skippedDepth > 0 || this.closedRoot) {
      if (!selfClosing) this.skippedDepth++;
      return;
    }
    const { limits } = this;
    const stack = this.elementStack;
    if (this.elements >= limits.maxElements || stack.length >= limits.maxDepth) {
      this.note(this.elements >= limits.maxElements ? `more than ${limits.maxElements} elements; the rest ignored` : `elements nested deeper than ${limits.maxDepth} ignored`);
      if (!selfClosing) this.skippedDepth = 1;
      return;
    }
    this.elements++;
    const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
    const parentNs = parent ? this.namespaceStack[this.namespaceStack.length - 1]! : ROOT_NAMESPACES;
    let scope = parentNs;
    let attributes = EMPTY_ATTRIBUTES;
    if (count > 0) {
      const own = new Map<string, string>();
      attributes = own;
      for (let a = 0; a < count; a++) {
        if (a >= limits.maxAttributes) {
          this.note(`more than ${limits.maxAttributes} attributes on an element; the rest ignored`);
          break;
        }
        const key = attrs[2 * a]!;
        const value = this.decode(attrs[2 * a + 1]!);
        if (key === 'xmlns' || key.startsWith('xmlns:')) {
          if (scope === parentNs) scope = innerScope(parentNs);
          scope.declared.set(key === 'xmlns' ? '' : key.slice(6), value.trim());
        }
        if (!own.has(key)) own.set(key, value);
      }
    }
    const parts = nameParts(name);
    const inheritedBase = parent?.base ?? this.baseUrl;
    const xmlBase = count > 0 ? attributes.get('xml:base') : undefined;
    const xmlLang = count > 0 ? attributes.get('xml:lang') : undefined;
    const el: XmlElement = {
      name: parts.name,
      local: parts.local,
      key: parts.key,
      ns: this.resolvePrefix(parts.prefix, scope),
      attrs: attributes,
      children: NO_CHILDREN,
      base: xmlBase !== undefined ? resolveUrl(xmlBase.trim(), inheritedBase) ?? inheritedBase : inheritedBase,
      lang: xmlLang !== undefined ? xmlLang.trim() : parent?.lang,
    };
    if (parent) addChild(parent, el);
    else if (!this.root) this.root = el;
    if (selfClosing) {
      if (!parent) this.closedRoot = true;
      return;
    }
    stack.push(el);
    this.namespaceStack.push(scope);
  }

  close(name: string): void {
    if (this.skippedDepth > 0) {
      this.skippedDepth--;
      return;
    }
    const stack = this.elementStack;
    // The stack is at most maxDepth deep, so this search is bounded.
    let i = stack.length - 1;
    while (i >= 0 && stack[i]!.name !== name) i--;
    if (i < 0) {
      const lower = name.toLowerCase();
      i = stack.length - 1;
      while (i >= 0 && stack[i]!.name.toLowerCase() !== lower) i--;
    }
    if (i < 0) {
      this.note('stray end tag ignored');
      return;
    }
    if (i < stack.length - 1) this.note('unclosed element closed');
    stack.length = i;
    this.namespaceStack.length = i;
    if (i === 0) this.closedRoot = true;
  }

  /** Text (raw, or CDATA as it stands) inside the current element. */
  text(raw: string, cdata: boolean): void {
    if (!this.takesText() || raw === '') return;
    const value = cdata ? raw : this.decode(raw);
    const top = this.elementStack[this.elementStack.length - 1]!;
    const kids = top.children as XmlNode[];
    const last = kids[kids.length - 1];
    if (typeof last === 'string') kids[kids.length - 1] = last + value;
    else addChild(top, value);
  }
}

/** Parses XML text into an element tree, tolerating the errors feeds have in the wild. */
export function parseXml(input: string, baseUrl?: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlDocument {
  const tree = new TreeBuilder(baseUrl, limits);
  let text = input;
  if (!NEEDS_NO_REPAIR.test(text)) {
    const withoutControls = text.replace(INVALID_XML_CHARS, '');
    if (withoutControls !== text) tree.note('invalid control characters removed');
    // C1 controls in text are windows-1252 bytes that were decoded as ISO-8859-1 somewhere upstream.
    text = c1AsWindows1252(withoutControls);
    if (text !== withoutControls) tree.note('C1 control characters read as windows-1252');
    tree.controlFree = !text.includes('\x7F');
  }
  text = stripDoctype(text, tree.warnings);
  // A bare "&" (not starting an entity reference) is the most common well-formedness error.
  if (hasBareAmpersand(text)) tree.note('unescaped "&" read as text');
  tokenize(text, tree);
  if (tree.depth > 0) tree.note('document ends before its root element closes (truncated?)');
  if (!tree.root) tree.note('no XML element found');
  return { root: tree.root, warnings: tree.warnings, controlFree: tree.controlFree };
}

// Names read lately, by length and first and last character: a document repeats its element and
// attribute names, and handing out the same string each time spares a copy and makes the
// comparisons and lookups that follow cheap.
const recentNames: string[] = new Array<string>(1024).fill('');

function readName(text: string, from: number, to: number): string {
  const length = to - from;
  const slot = (length * 961 + text.charCodeAt(from) * 31 + text.charCodeAt(to - 1)) & 1023;
  const known = recentNames[slot]!;
  if (known.length === length && text.startsWith(known, from)) return known;
  const name = text.slice(from, to);
  if (length <= 64) recentNames[slot] = detached(name);
  return name;
}

// Attributes of the tag being read, as name, value pairs; reused from tag to tag.
const tagAttributes: string[] = [];
// Attributes kept per tag; the element keeps fewer still (XmlLimits.maxAttributes).
const MAX_TAG_ATTRIBUTES = 1000;

// A small linear-time XML tokenizer: tags, end tags, text, CDATA; comments, processing instructions
// and declarations are skipped. It never looks back, so hostile nesting costs linear time (the
// htmlparser2 stack is quadratic on deep nesting), and a "<" that starts no tag is read as text.
function tokenize(text: string, tree: TreeBuilder): void {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      if (tree.takesText()) tree.text(text.slice(i), false);
      return;
    }
    if (lt > i && tree.takesText()) tree.text(text.slice(i, lt), false);
    i = lt;
    const next = text.charCodeAt(i + 1);
    if (next === 0x21 /* ! */ && text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return tree.note('unterminated comment');
      i = end + 3;
    } else if (next === 0x21 && text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) {
        tree.note('unterminated CDATA section');
        tree.text(text.slice(i + 9), true);
        return;
      }
      if (tree.takesText()) tree.text(text.slice(i + 9, end), true);
      i = end + 3;
    } else if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return;
      i = end + 2;
    } else if (next === 0x21) {
      const end = text.indexOf('>', i + 2);
      if (end < 0) return;
      i = end + 1;
    } else if (next === 0x2f /* / */) {
      const end = text.indexOf('>', i + 2);
      if (end < 0) return;
      let from = i + 2;
      let to = end;
      while (from < to && isSpace(text.charCodeAt(from))) from++;
      while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
      if (to > from) tree.close(readName(text, from, to));
      i = end + 1;
    } else if (!startsName(next)) {
      // "a < b" in text: a bare "<" that starts no tag.
      tree.note('unescaped "<" read as text');
      tree.text('<', true);
      i++;
    } else {
      i = readStartTag(text, i, tree);
      if (i < 0) return;
    }
  }
}

// Reads the start tag at `lt` (a name follows the "<"), hands it to the tree and returns where
// reading goes on, or -1 when the document ends inside the tag.
function readStartTag(text: string, lt: number, tree: TreeBuilder): number {
  const n = text.length;
  let j = lt + 2;
  while (j < n && !endsName(text.charCodeAt(j))) j++;
  const name = readName(text, lt + 1, j);
  const attrs = tagAttributes;
  let count = 0;
  let selfClosing = false;
  let complete = false;
  while (j < n) {
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    const c = text.charCodeAt(j);
    if (c === 0x3e /* > */) {
      complete = true;
      j++;
      break;
    }
    if (c === 0x2f /* / */ && text.charCodeAt(j + 1) === 0x3e) {
      selfClosing = true;
      complete = true;
      j += 2;
      break;
    }
    if (c === 0x3c /* < */) break; // a tag that never ended; the next one starts here
    const nameStart = j;
    while (j < n && !endsName(text.charCodeAt(j))) j++;
    if (j === nameStart) {
      j++; // a stray "/", quote or "=": skip it
      continue;
    }
    const attrName = readName(text, nameStart, j);
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    let value = '';
    if (text.charCodeAt(j) === 0x3d /* = */) {
      j++;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const quote = text.charCodeAt(j);
      if (quote === 0x22 || quote === 0x27) {
        const end = text.indexOf(quote === 0x22 ? '"' : "'", j + 1);
        if (end < 0) {
          j = n;
          break;
        }
        value = text.slice(j + 1, end);
        j = end + 1;
      } else {
        const start = j;
        while (j < n && text.charCodeAt(j) !== 0x3e && !isSpace(text.charCodeAt(j))) j++;
        // "<a href=x/>": the "/" closes the tag rather than ending the value.
        if (j > start && text.charCodeAt(j - 1) === 0x2f && text.charCodeAt(j) === 0x3e) j--;
        value = text.slice(start, j);
      }
    }
    if (count < MAX_TAG_ATTRIBUTES) {
      attrs[2 * count] = attrName;
      attrs[2 * count + 1] = value;
      count++;
    }
  }
  if (!complete && j >= n) {
    tree.note('document ends inside a tag (truncated?)');
    return -1;
  }
  if (!complete) tree.note('unclosed tag');
  tree.open(name, attrs, count, selfClosing);
  return j;
}

/** Resolves a URL reference against a base; undefined when it cannot be resolved. */
export function resolveUrl(ref: string, base: string | undefined): string | undefined {
  try {
    return new URL(ref, base).href;
  } catch {
    return undefined;
  }
}

// Whether a child is the element asked for: local name `key` (lower case), in `ns` when given.
function matches(c: XmlElement, key: string | undefined, ns: string | readonly string[] | undefined): boolean {
  if (key !== undefined && c.key !== key) return false;
  return ns === undefined || (typeof ns === 'string' ? c.ns === ns : ns.includes(c.ns));
}

/** Child elements of `el`, optionally only those with a local name (in lower case: names match whatever their case) and namespace prefix. */
export function childElements(el: XmlElement, key?: string, ns?: string | readonly string[]): XmlElement[] {
  const out: XmlElement[] = [];
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (typeof c !== 'string' && matches(c, key, ns)) out.push(c);
  }
  return out;
}

/** The first child element with a local name (in lower case: names match whatever their case) and namespace prefix, if any. */
export function firstChild(el: XmlElement, key: string, ns?: string | readonly string[]): XmlElement | undefined {
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (typeof c !== 'string' && matches(c, key, ns)) return c;
  }
  return undefined;
}

/** All text inside an element, descendants included, in document order. */
export function textContent(el: XmlElement): string {
  const kids = el.children;
  if (kids.length === 1 && typeof kids[0] === 'string') return kids[0];
  let out = '';
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    out += typeof c === 'string' ? c : textContent(c);
  }
  return out;
}

/** Whether an element holds any child element (markup left unescaped inside it). */
export function hasElementChildren(el: XmlElement): boolean {
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) if (typeof kids[i] !== 'string') return true;
  return false;
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
