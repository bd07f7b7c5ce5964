// A one-pass sanitizer for the HTML that feeds and articles carry almost always: markup that an
// HTML parser reads without repairing it. It applies the very same sanitize-html options (tags,
// renames, attribute transforms, scheme checks, exclusive filter) while scanning the string once,
// following htmlparser2 (the parser inside sanitize-html) where it is deterministic: comments,
// declarations and processing instructions dropped, raw-text elements skipped to their end tag,
// an end tag closing the elements above its own, stray end tags ignored, elements left open
// closed at the end, svg content read as foreign. It copies unchanged runs of the input instead
// of rebuilding them. It gives up (returns undefined) where the reading depends on a repair it
// does not replay: an element that closes the current one by opening ("<p><ul>"), MathML; and on
// srcset. The caller then runs sanitize-html itself, so the output is the same either way
// (test/sanitize checks that on generated, damaged and hostile input).
import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';

type Attributes = sanitizeHtml.Attributes;

/** What a policy's exclusive filter says of one element: keep it, drop it with its content, or unwrap it. */
export type ElementVerdict = boolean | 'excludeTag';
/** A policy's exclusive filter as a table: element name → verdict from its attributes. */
export type ElementFilters = ReadonlyMap<string, (attribs: Attributes) => ElementVerdict>;

/** What an open tag turned into: the markup to print (empty when dropped) and the element it keeps. */
interface OpenResult {
  markup: string;
  /** The element name printed (after renames), or undefined when the tag is dropped. */
  kept: string | undefined;
  /** The elements that the printed one closes when opened inside them (htmlparser2), if any. */
  keptCloses: ReadonlySet<string> | undefined;
  /** The end tag printed for it ("" when none). */
  end: string;
}

/** What the one-pass sanitizer needs to know of an element name, looked up once per tag. */
interface TagInfo {
  /** Left to sanitize-html. */
  refused: boolean;
  /** A raw-text element dropped with its content. */
  droppedRawText: boolean;
  /** Another element dropped with its content. */
  droppedContent: boolean;
  isVoid: boolean;
  /** The elements it closes when opened inside them (htmlparser2), if any. */
  closes: ReadonlySet<string> | undefined;
  /** What it prints as without attributes, when no transform or filter reads it. */
  plain: OpenResult | undefined;
}

/** The sanitize-html options of one policy, as tables the one-pass sanitizer reads. */
export interface WellFormedPolicy {
  allowedTags: ReadonlySet<string>;
  allowedAttributes: ReadonlyMap<string, ReadonlySet<string>>;
  transformTags: ReadonlyMap<string, sanitizeHtml.Transformer>;
  /** The policy's exclusive filter, by element name (the same table its sanitize-html exclusiveFilter reads). */
  filters: ElementFilters;
  /** Raw-text elements the policy drops with their content: skipped to their end tag. */
  droppedRawText: ReadonlySet<string>;
  /** Other elements the policy drops with their content (read, as their content can close them). */
  droppedContent: ReadonlySet<string>;
  /** Elements the one-pass sanitizer leaves to sanitize-html (MathML, raw-text elements a policy keeps). */
  refused: ReadonlySet<string>;
  nestingLimit: number;
  selfClosing: ReadonlySet<string>;
  allowedEmptyAttributes: ReadonlySet<string>;
  nonBooleanAttributes: ReadonlySet<string>;
  allowedSchemes: readonly string[];
  allowedSchemesByTag: Readonly<Record<string, readonly string[]>>;
  allowedSchemesAppliedToAttributes: ReadonlySet<string>;
  allowProtocolRelative: boolean;
  /** Hosts an iframe may load from (undefined: any), and whether a relative iframe src is kept. */
  iframeHostnames: readonly string[] | undefined;
  iframeDomains: readonly string[] | undefined;
  allowIframeRelativeUrls: boolean;
  /** What an attribute-less start tag of each allowed element that no transform or filter reads prints as. */
  plainTags: ReadonlyMap<string, OpenResult>;
  /** The end tag each allowed element prints ("" for self-closing ones). */
  endTags: ReadonlyMap<string, string>;
  /** TagInfo by element name, filled as names are met (bounded). */
  tags: Map<string, TagInfo>;
}

// Most element names a policy remembers TagInfo for; hostile input can hold any number of names.
const MAX_REMEMBERED_TAGS = 512;

function tagInfo(policy: WellFormedPolicy, name: string): TagInfo {
  let info = policy.tags.get(name);
  if (info) return info;
  info = {
    refused: policy.refused.has(name),
    droppedRawText: policy.droppedRawText.has(name),
    droppedContent: policy.droppedContent.has(name),
    isVoid: isVoidElement(name),
    closes: OPEN_IMPLIES_CLOSE.get(name),
    plain: policy.plainTags.get(name),
  };
  // A long name cut from the input is a view into it: copied, so that the input can be collected.
  if (policy.tags.size < MAX_REMEMBERED_TAGS) policy.tags.set(name.length < 13 ? name : (` ${name}`).slice(1), info);
  return info;
}

// htmlparser2 (the parser inside sanitize-html): an element that, opened while one of these is the
// current element, closes it first (Parser.js openImpliesClose). Met in the input, the reading
// depends on that repair, so the one-pass sanitizer stops.
const P = ['p'];
const FORM = ['button', 'datalist', 'input', 'optgroup', 'option', 'select', 'textarea'];
const OPEN_IMPLIES_CLOSE: ReadonlyMap<string, ReadonlySet<string>> = new Map(([
  ['address', P], ['article', P], ['aside', P], ['blockquote', P], ['body', ['head', 'link', 'script']],
  ['button', FORM], ['datalist', FORM], ['dd', ['dd', 'dt']], ['details', P], ['div', P], ['dl', P],
  ['dt', ['dd', 'dt']], ['fieldset', P], ['figcaption', P], ['figure', P], ['footer', P], ['form', P],
  ['h1', P], ['h2', P], ['h3', P], ['h4', P], ['h5', P], ['h6', P], ['header', P], ['hr', P],
  ['input', FORM], ['li', ['li']], ['main', P], ['nav', P], ['ol', P], ['optgroup', ['optgroup', 'option']],
  ['option', ['option']], ['output', FORM], ['p', P], ['pre', P], ['rp', ['rp', 'rt']], ['rt', ['rp', 'rt']],
  ['section', P], ['select', FORM], ['table', P], ['tbody', ['tbody', 'thead']], ['td', ['td', 'th', 'thead']],
  ['textarea', FORM], ['tfoot', ['tbody', 'thead']], ['th', ['th']], ['tr', ['td', 'th', 'tr']], ['ul', P],
] as const).map(([tag, closes]) => [tag, new Set<string>(closes)]));

// htmlparser2's void elements (no content, no end tag), asked of htmlparser2 itself (the parser
// inside sanitize-html), so that the two cannot disagree.
class VoidElements extends Parser {
  has(name: string): boolean {
    return this.isVoidElement(name);
  }
}
const VOID_ELEMENTS = new VoidElements({});
const isVoidElement = (name: string): boolean => VOID_ELEMENTS.has(name);

// Elements htmlparser2 tokenizes as raw text: their content runs to their end tag.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);
// MathML: printed (not in the policies' drop lists) and read as foreign content, where "<x/>"
// closes x; left to sanitize-html.
const ALWAYS_REFUSED = ['math'];

// Elements that open a foreign context (true) or an HTML one inside it (false) in htmlparser2.
const FOREIGN_CONTEXT: ReadonlyMap<string, boolean> = new Map([
  ['annotation-xml', false], ['desc', false], ['foreignobject', false], ['math', true], ['mi', false],
  ['mn', false], ['mo', false], ['ms', false], ['mtext', false], ['svg', true], ['title', false],
]);

// sanitize-html's test for an attribute name it may print (index.js VALID_HTML_ATTRIBUTE_NAME).
const VALID_ATTRIBUTE_NAME = /^[^\0\t\n\f\r /<=>]+$/;

const defaults = sanitizeHtml.defaults as sanitizeHtml.IDefaults & { allowedEmptyAttributes: string[] };

/**
 * Tables for the one-pass sanitizer from sanitize-html options and the filter table their
 * exclusiveFilter is built from; throws on options it does not implement.
 */
export function wellFormedPolicy(options: sanitizeHtml.IOptions, filters: ElementFilters): WellFormedPolicy {
  const unsupported: string[] = ['allowedClasses', 'allowedStyles', 'textFilter', 'allowedScriptDomains', 'allowedScriptHostnames', 'enforceHtmlBoundary', 'allowVulnerableTags', 'parser']
    .filter((k) => (options as Record<string, unknown>)[k]);
  if (options.disallowedTagsMode !== 'discard') unsupported.push('disallowedTagsMode');
  if (!Array.isArray(options.allowedTags) || options.allowedTags.includes('*')) unsupported.push('allowedTags');
  if (!options.allowedAttributes || Object.values(options.allowedAttributes).some((list) => list.some((a) => typeof a !== 'string' || a.includes('*')))) unsupported.push('allowedAttributes');
  if (options.nestingLimit === undefined || !options.nonTextTags) unsupported.push('nestingLimit/nonTextTags');
  const transforms = new Map<string, sanitizeHtml.Transformer>();
  for (const [tag, t] of Object.entries(options.transformTags ?? {})) {
    if (typeof t !== 'function' || tag === '*') unsupported.push('transformTags');
    else transforms.set(tag, t);
  }
  if (unsupported.length > 0) throw new Error(`sanitize: the one-pass sanitizer does not implement ${unsupported.join(', ')}`);
  const schemesByTag = typeof options.allowedSchemesByTag === 'object' ? options.allowedSchemesByTag : {};
  const selfClosing = new Set(options.selfClosing ?? defaults.selfClosing);
  const allowedTags = options.allowedTags as string[];
  const plain = allowedTags.filter((tag) => !transforms.has(tag) && !filters.has(tag) && !selfClosing.has(tag));
  return {
    plainTags: new Map(plain.map((tag) => [tag, { markup: `<${tag}>`, kept: tag, keptCloses: OPEN_IMPLIES_CLOSE.get(tag), end: `</${tag}>` }])),
    tags: new Map(),
    endTags: new Map(allowedTags.map((tag) => [tag, selfClosing.has(tag) ? '' : `</${tag}>`])),
    allowedTags: new Set(options.allowedTags as string[]),
    allowedAttributes: new Map(Object.entries(options.allowedAttributes as Record<string, string[]>).map(([tag, list]) => [tag, new Set(list)])),
    transformTags: transforms,
    filters,
    droppedRawText: new Set(options.nonTextTags!.filter((tag) => RAW_TEXT.has(tag))),
    droppedContent: new Set(options.nonTextTags!.filter((tag) => !RAW_TEXT.has(tag) && !ALWAYS_REFUSED.includes(tag))),
    refused: new Set([...ALWAYS_REFUSED, ...RAW_TEXT].filter((tag) => !options.nonTextTags!.includes(tag) || ALWAYS_REFUSED.includes(tag))),
    nestingLimit: options.nestingLimit!,
    selfClosing,
    allowedEmptyAttributes: new Set((options as { allowedEmptyAttributes?: string[] }).allowedEmptyAttributes ?? defaults.allowedEmptyAttributes),
    nonBooleanAttributes: new Set(options.nonBooleanAttributes ?? defaults.nonBooleanAttributes),
    allowedSchemes: Array.isArray(options.allowedSchemes) ? options.allowedSchemes : defaults.allowedSchemes,
    allowedSchemesByTag: schemesByTag,
    allowedSchemesAppliedToAttributes: new Set(options.allowedSchemesAppliedToAttributes ?? defaults.allowedSchemesAppliedToAttributes),
    allowProtocolRelative: options.allowProtocolRelative ?? defaults.allowProtocolRelative,
    iframeHostnames: options.allowedIframeHostnames,
    iframeDomains: options.allowedIframeDomains,
    allowIframeRelativeUrls: options.allowIframeRelativeUrls ?? (!options.allowedIframeHostnames && !options.allowedIframeDomains),
  };
}

// launder's naughtyHref (what sanitize-html asks of href, src and cite): characters up to space
// and embedded comments removed, then the scheme must be allowed; protocol-relative as configured.
function naughtyHref(policy: WellFormedPolicy, tag: string, href: string): boolean {
  let clean = href.replace(/[\x00-\x20]+/g, '');
  for (;;) {
    const first = clean.indexOf('<!--');
    if (first < 0) break;
    const last = clean.indexOf('-->', first + 4);
    if (last < 0) break;
    clean = clean.slice(0, first) + clean.slice(last + 3);
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9.\-+]*):/.exec(clean);
  if (!scheme) return /^[/\\]{2}/.test(clean) ? !policy.allowProtocolRelative : false;
  const allowed = Object.prototype.hasOwnProperty.call(policy.allowedSchemesByTag, tag) ? policy.allowedSchemesByTag[tag]! : policy.allowedSchemes;
  return !allowed.includes(scheme[1]!.toLowerCase());
}

// C0 controls (but tab, line feed, carriage return) and DEL: never text a reader should see.
// Sanitizing removes them from its input and, as entities can decode to them, from its output.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// A string without any (anchored and negated, this scans faster than searching for one).
const FREE_OF_CONTROLS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** `s` without control characters (itself when it has none). */
export function withoutControls(s: string): string {
  return FREE_OF_CONTROLS.test(s) ? s : s.replace(CONTROL_CHARACTERS, '');
}

// Tag and attribute names met lately, in lower case, by length and first and last character:
// markup repeats a few names, and handing out the same string spares a copy per tag.
const recentNames: string[] = new Array<string>(512).fill('');
// Whether the last name lowerName gave was written in lower case already.
let lowerNameAsWritten = false;

// The lower-case name written at html[from, to).
function lowerName(html: string, from: number, to: number): string {
  const length = to - from;
  const slot = (length * 961 + (html.charCodeAt(from) | 0x20) * 31 + (html.charCodeAt(to - 1) | 0x20)) & 511;
  const known = recentNames[slot]!;
  if (known.length === length && html.startsWith(known, from)) {
    lowerNameAsWritten = true;
    return known;
  }
  const written = html.slice(from, to);
  const name = written.toLowerCase();
  lowerNameAsWritten = written === name;
  if (length <= 32) recentNames[slot] = name.length < 13 ? name : (` ${name}`).slice(1);
  return name;
}

// Whether every "&" in html[from, to) starts "&amp;", "&lt;" or "&gt;".
function onlyEscapes(html: string, from: number, to: number): boolean {
  for (let at = from; at >= 0 && at < to; at = html.indexOf('&', at + 1)) {
    if (!html.startsWith('amp;', at + 1) && !html.startsWith('lt;', at + 1) && !html.startsWith('gt;', at + 1)) return false;
  }
  return true;
}

// Where `search` next occurs from `from`, or the end of the string.
function indexOrEnd(s: string, search: string, from: number): number {
  const at = s.indexOf(search, from);
  return at < 0 ? s.length : at;
}

// Where the first `search` from `from` ends, or -1 when there is none.
function endAfter(s: string, search: string, from: number): number {
  const at = s.indexOf(search, from);
  return at < 0 ? -1 : at + search.length;
}

// Where the end tag of raw-text element `name` whose content starts at `from` ends (its ">"), or -1.
function rawTextEnd(html: string, from: number, name: string): number {
  for (let at = html.indexOf('</', from); at >= 0; at = html.indexOf('</', at + 2)) {
    const after = at + 2 + name.length;
    if (html.slice(at + 2, after).toLowerCase() !== name) continue;
    const c = html.charCodeAt(after);
    if (c === 0x3e || isSpace(c)) return html.indexOf('>', after);
  }
  return -1;
}

// sanitize-html's check of an iframe src (index.js parseUrl): read against a placeholder base, so
// that a relative URL is recognized as one, then held to the allowed hosts.
const PLACEHOLDER_BASE = `relative://relative-site${Array.from({ length: 100 }, (_, i) => `/${i}`).join('')}`;

function iframeSourceAllowed(policy: WellFormedPolicy, src: string): boolean {
  const value = src.replace(/^(\w+:)?\s*[\\/]\s*[\\/]/, '$1//');
  if (value.startsWith('relative:')) return false;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_BASE);
  } catch {
    return false;
  }
  if (url.hostname === 'relative-site' && url.protocol === 'relative:') return policy.allowIframeRelativeUrls;
  if (!policy.iframeHostnames && !policy.iframeDomains) return true;
  const host = url.hostname;
  return (policy.iframeHostnames ?? []).includes(host) || (policy.iframeDomains ?? []).some((d) => host === d || host.endsWith(`.${d}`));
}

// sanitize-html's escaping (index.js escapeHtml): "&", "<" and ">" in text, and '"' too in attribute values.
const ESCAPES: Readonly<Record<string, string>> = { '"': '&quot;', '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const escapeOne = (c: string): string => ESCAPES[c]!;

function escapeText(s: string): string {
  return /[&<>]/.test(s) ? s.replace(/[&<>]/g, escapeOne) : s;
}

function escapeAttribute(s: string): string {
  return /[&<>"]/.test(s) ? s.replace(/[&<>"]/g, escapeOne) : s;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
const isAlpha = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
// Characters we accept in tag and attribute names: ASCII letters, digits, "-", "_", ":", ".".
const isNameChar = (c: number) => isAlpha(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x3a || c === 0x2e;

// A tag that prints nothing (its element is dropped, its content kept).
const DROPPED: OpenResult = { markup: '', kept: undefined, keptCloses: undefined, end: '' };
// A tag whose element prints nothing, content included.
const DROPPED_WITH_CONTENT: OpenResult = { markup: '', kept: undefined, keptCloses: undefined, end: '' };

// sanitize-html's onopentag for one element in discard mode: the transform, the allowed-tag check,
// then each attribute in order through its checks (index.js), printing what survives.
function openTag(policy: WellFormedPolicy, name: string, parsed: Attributes): OpenResult | undefined {
  let tag = name;
  let attribs = parsed;
  const transform = policy.transformTags.get(name);
  if (transform) {
    const t = transform(name, attribs);
    attribs = t.attribs;
    if (t.text !== undefined) return undefined;
    tag = t.tagName;
  }
  if (!policy.allowedTags.has(tag)) return DROPPED;
  const allowed = policy.allowedAttributes.get(tag);
  let markup = `<${tag}`;
  if (allowed) {
    for (const a of Object.keys(attribs)) {
      const value = attribs[a]!;
      if (!VALID_ATTRIBUTE_NAME.test(a)) {
        delete attribs[a];
        continue;
      }
      if (value === '' && !policy.allowedEmptyAttributes.has(a) && policy.nonBooleanAttributes.has(a)) {
        delete attribs[a];
        continue;
      }
      if (!allowed.has(a)) {
        delete attribs[a];
        continue;
      }
      if (policy.allowedSchemesAppliedToAttributes.has(a) && naughtyHref(policy, tag, value)) {
        delete attribs[a];
        continue;
      }
      // srcset (re-parsed by sanitize-html, each URL checked), class and style have filters of their own: left to it.
      if (a === 'srcset' || a === 'imagesrcset' || a === 'class' || a === 'style' || tag === 'script') return undefined;
      if (tag === 'iframe' && a === 'src' && !iframeSourceAllowed(policy, value)) {
        delete attribs[a];
        continue;
      }
      markup += ` ${a}`;
      if (value) markup += `="${escapeAttribute(value)}"`;
      else if (policy.allowedEmptyAttributes.has(a)) markup += '=""';
    }
  }
  // sanitize-html asks the filter at the end tag; ours read the attributes only, known at the start
  // tag. "excludeTag" removes the start tag and prints no end tag: the element is dropped, its
  // content kept. Any other yes removes the element with all it printed.
  const filter = policy.filters.get(name);
  if (filter) {
    const verdict = filter(attribs);
    if (verdict === 'excludeTag') return DROPPED;
    if (verdict) return isVoidElement(name) ? DROPPED : DROPPED_WITH_CONTENT;
  }
  markup += policy.selfClosing.has(tag) ? ' />' : '>';
  return { markup, kept: tag, keptCloses: OPEN_IMPLIES_CLOSE.get(tag), end: policy.endTags.get(tag)! };
}

// The stacks of the call in progress, kept from call to call (sanitizing is synchronous and a
// call never starts another).
const openNames: string[] = [];
const openPrinted: OpenResult[] = [];
const openKept: string[] = [];
const foreignContexts: boolean[] = [];

/**
 * Sanitizes `html` (control characters already removed) in one pass with a policy's tables, giving
 * exactly what sanitize-html gives with the same options and then again on its own output, control
 * characters removed; or undefined when the markup needs an HTML parser's repairs and sanitize-html
 * must run instead.
 */
export function sanitizeWellFormed(html: string, policy: WellFormedPolicy): string | undefined {
  const n = html.length;
  let out = '';
  let copied = 0; // html[copied, i) is still to be appended to `out` unchanged
  // Every open element as the input reads (for htmlparser2's repairs), and the printed elements
  // among them (for how the output reads again: a dropped wrapper must not leave kept elements in
  // a nesting that the parser would repair when the output is sanitized once more).
  const names = openNames;
  const printed = openPrinted;
  const kept = openKept;
  names.length = 0;
  printed.length = 0;
  kept.length = 0;
  // While inside an element dropped with its content: the depth of `names` it was opened at.
  // Nothing is printed in there, but the markup must still read without repairs.
  let dropAt = -1;
  // htmlparser2's foreign contexts (svg and math content, where "<x/>" closes x), innermost last.
  const foreign = foreignContexts;
  foreign.length = 1;
  foreign[0] = false;
  let nextAmp = -1;
  let nextGt = -1;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && dropAt < 0) {
      // Text: entities decoded and the result escaped as sanitize-html does; a run without "&"
      // or ">" prints as it stands. (The next of each is looked up only once passed.)
      if (nextAmp < i) nextAmp = indexOrEnd(html, '&', i);
      if (nextGt < i) nextGt = indexOrEnd(html, '>', i);
      // (Text whose only references are &amp; &lt; &gt; prints as it stands too: decoded and
      // escaped again, they come back the same.)
      if ((nextAmp < textEnd || nextGt < textEnd) && (nextGt < textEnd || !onlyEscapes(html, nextAmp, textEnd))) {
        out += html.slice(copied, i) + escapeText(withoutControls(decodeHTML(html.slice(i, textEnd))));
        copied = textEnd;
      }
    }
    if (lt < 0) break;
    i = lt;
    const next = html.charCodeAt(i + 1);
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      // Comments, CDATA (a comment in HTML), declarations and processing instructions are dropped,
      // and end where htmlparser2 ends them ("<!-->" and "<!--->" are whole comments).
      let end: number;
      if (html.startsWith('<!--', i)) {
        if (html.charCodeAt(i + 4) === 0x3e) end = i + 5;
        else if (html.startsWith('->', i + 4)) end = i + 6;
        else end = endAfter(html, '-->', i + 4);
      } else if (html.startsWith('<![CDATA[', i)) {
        end = endAfter(html, ']]>', i + 9);
      } else if (next === 0x3f) {
        end = endAfter(html, '>', i + 2);
      } else if (isAlpha(html.charCodeAt(i + 2))) {
        // "<!DOCTYPE …>": the letter after "<!" is read before the search for ">" starts.
        end = endAfter(html, '>', i + 3);
      } else {
        return undefined;
      }
      if (end < 0) return undefined;
      if (dropAt < 0) {
        out += html.slice(copied, i);
        copied = end;
      }
      i = end;
      continue;
    }
    if (next === 0x2f /* / */) {
      let j = i + 2;
      if (!isAlpha(html.charCodeAt(j))) return undefined;
      while (j < n && isNameChar(html.charCodeAt(j))) j++;
      const c = html.charCodeAt(j);
      if (c !== 0x3e && !isSpace(c)) return undefined;
      const nameEnd = j;
      while (j < n && html.charCodeAt(j) !== 0x3e) j++;
      if (j >= n) return undefined;
      // The end tag of the current element, as htmlparser2 reads it (lower-cased).
      const current = names.length > 0 ? names[names.length - 1]! : undefined;
      const asWritten = current !== undefined && nameEnd - i - 2 === current.length && html.startsWith(current, i + 2);
      const name = asWritten ? current : html.slice(i + 2, nameEnd).toLowerCase();
      // htmlparser2 leaves a foreign context at the end tag of the element that opened it, open or not.
      if (FOREIGN_CONTEXT.has(name)) foreign.pop();
      if (name !== current) {
        const at = names.lastIndexOf(name);
        if (at < 0) {
          // An end tag of nothing open: htmlparser2 ignores it, but reads "</br>" as "<br>" and
          // "</p>" as "<p></p>".
          let markup = '';
          if (dropAt < 0 && (name === 'br' || name === 'p')) {
            if (names.length + 2 >= policy.nestingLimit) return undefined;
            const result = tagInfo(policy, name).plain ?? openTag(policy, name, {});
            if (!result || result === DROPPED_WITH_CONTENT) return undefined;
            if (result.keptCloses && kept.length > 0 && result.keptCloses.has(kept[kept.length - 1]!)) return undefined;
            markup = result.markup + result.end;
          }
          if (dropAt < 0) {
            out += html.slice(copied, i) + markup;
            copied = j + 1;
          }
          i = j + 1;
          continue;
        }
        // The end tag of an element further down: htmlparser2 closes the ones above it first,
        // and sanitize-html prints their end tags.
        while (names.length > at + 1) {
          names.pop();
          const element = printed.pop()!;
          if (element.kept !== undefined) kept.pop();
          if (dropAt >= 0) {
            if (names.length === dropAt) {
              dropAt = -1;
              copied = i;
            }
          } else {
            out += html.slice(copied, i) + element.end;
            copied = i;
          }
        }
      }
      names.pop();
      const element = printed.pop()!;
      if (element.kept !== undefined) kept.pop();
      if (dropAt >= 0) {
        // The end of the dropped element: printing resumes after it.
        if (names.length === dropAt) {
          dropAt = -1;
          copied = j + 1;
        }
        i = j + 1;
        continue;
      }
      // The end tag printed as sanitize-html prints it (renamed elements close under their new
      // name); when that is what the input says, it is copied with the text around it.
      if (!(asWritten && j === nameEnd && element.kept === current)) {
        out += html.slice(copied, i) + element.end;
        copied = j + 1;
      }
      i = j + 1;
      continue;
    }
    if (!isAlpha(next)) {
      // "<" that starts no tag is text ("a < b"); at the very end it is not.
      if (next !== next) return undefined;
      if (dropAt < 0) {
        out += `${html.slice(copied, i)}&lt;`;
        copied = i + 1;
      }
      i++;
      continue;
    }
    // A start tag: its name, then attributes as htmlparser2's tokenizer reads them.
    let j = i + 1;
    while (j < n && isNameChar(html.charCodeAt(j))) j++;
    const end = html.charCodeAt(j);
    if (end !== 0x3e && end !== 0x2f && !isSpace(end)) return undefined;
    const nameEnd = j;
    const name = lowerName(html, i + 1, j);
    const asWritten = lowerNameAsWritten;
    const info = tagInfo(policy, name);
    if (info.refused) return undefined;
    let attribs: Attributes | undefined;
    let decoded = false; // an attribute value held a reference, which may decode to a control character
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      if (j >= n) return undefined;
      const c = html.charCodeAt(j);
      if (c === 0x3e) break;
      if (c === 0x2f) {
        if (html.charCodeAt(j + 1) !== 0x3e) return undefined;
        selfClosing = true;
        j++;
        break;
      }
      const nameStart = j;
      while (j < n && isNameChar(html.charCodeAt(j))) j++;
      const stop = html.charCodeAt(j);
      if (j === nameStart || (stop !== 0x3d && stop !== 0x3e && stop !== 0x2f && !isSpace(stop))) return undefined;
      const attribute = lowerName(html, nameStart, j);
      attribs ??= {};
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      let value = '';
      if (html.charCodeAt(j) === 0x3d) {
        j++;
        while (j < n && isSpace(html.charCodeAt(j))) j++;
        const quote = html.charCodeAt(j);
        if (quote === 0x22 || quote === 0x27) {
          const close = html.indexOf(quote === 0x22 ? '"' : "'", j + 1);
          if (close < 0) return undefined;
          value = html.slice(j + 1, close);
          j = close + 1;
        } else {
          const start = j;
          while (j < n && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) !== 0x3e) j++;
          if (j >= n) return undefined;
          value = html.slice(start, j);
        }
        if (value.includes('&')) {
          value = decodeHTMLAttribute(value);
          decoded = true;
        }
      }
      if (attribute === '__proto__') return undefined;
      // The first of repeated attributes counts (htmlparser2).
      if (!Object.prototype.hasOwnProperty.call(attribs, attribute)) attribs[attribute] = value;
    }
    const { isVoid, closes } = info;
    if (closes && names.length > 0 && closes.has(names[names.length - 1]!)) return undefined;
    if (names.length + 2 >= policy.nestingLimit) return undefined;
    // An element opens a foreign context (svg, math: true) or an HTML one inside it (false).
    const context = isVoid ? undefined : FOREIGN_CONTEXT.get(name);
    if (context !== undefined) foreign.push(context);
    if (selfClosing && !isVoid && foreign[foreign.length - 1]) {
      // In a foreign context "<x/>" is closed at once, which is read here only inside a dropped
      // element (nothing of it prints). (htmlparser2 keeps the context the element opened: it is
      // left only at an end tag.) Elsewhere the "/" means nothing: "<p/>" opens a <p>.
      if (dropAt < 0 && !info.droppedContent) return undefined;
      if (dropAt < 0) {
        out += html.slice(copied, i);
        copied = j + 1;
      }
      i = j + 1;
      continue;
    }
    // A raw-text element written "<script/>" is not raw text to htmlparser2: read as content.
    if (info.droppedRawText && !selfClosing) {
      // Dropped with its content, which runs to "</name" and a space or ">" (htmlparser2's special tags).
      const close = rawTextEnd(html, j + 1, name);
      if (close < 0) return undefined;
      if (context !== undefined) foreign.pop(); // <title> opened an HTML context; its end tag leaves it
      if (dropAt < 0) {
        out += html.slice(copied, i);
        copied = close + 1;
      }
      i = close + 1;
      continue;
    }
    const tagEnd = j + 1;
    // A kept element that no transform or filter looks at, without attributes, prints as "<name>".
    const result = dropAt >= 0 || info.droppedContent || info.droppedRawText ? DROPPED_WITH_CONTENT
      : (attribs === undefined && !selfClosing ? info.plain : undefined) ?? openTag(policy, name, attribs ?? {});
    if (!result) return undefined;
    if (result === DROPPED_WITH_CONTENT) {
      // Inside a dropped element, or one dropped with its content: read, not printed.
      if (dropAt < 0) {
        out += html.slice(copied, i);
        dropAt = names.length;
      }
      if (!isVoid) {
        names.push(name);
        printed.push(DROPPED_WITH_CONTENT);
      } else if (names.length === dropAt) {
        dropAt = -1;
        copied = tagEnd;
      }
      i = tagEnd;
      continue;
    }
    if (result.keptCloses && kept.length > 0 && result.keptCloses.has(kept[kept.length - 1]!)) return undefined;
    // Printed as written: a plain tag written in lower case with nothing before its ">", or
    // markup that happens to equal the input.
    const same = result === info.plain ? tagEnd === nameEnd + 1 && asWritten : tagEnd - i === result.markup.length && html.startsWith(result.markup, i);
    if (!same) {
      out += html.slice(copied, i) + (decoded ? withoutControls(result.markup) : result.markup);
      copied = tagEnd;
    }
    if (!isVoid) {
      names.push(name);
      printed.push(result);
      if (result.kept !== undefined) kept.push(result.kept);
    }
    i = tagEnd;
  }
  if (names.length > 0) {
    // Elements still open at the end: htmlparser2 closes them, and sanitize-html prints their end
    // tags (nothing of a dropped element, whose content runs to the end).
    if (dropAt < 0) out += html.slice(copied);
    for (let k = names.length - 1; k >= 0; k--) if (dropAt < 0 || k < dropAt) out += printed[k]!.end;
    return out;
  }
  return copied === 0 ? html : out + html.slice(copied);
}
