// A page's bytes and URL → the clean Article: metadata first (what the page declares), then the
// body (site rules, else scoring), then sanitized HTML and one-line-per-block text.
// Pure: no network, no clock; bounded in size, node count and depth (see dom.ts).
import { getOuterHTML } from 'domutils';
import { isTag, isText, type AnyNode, type Document, type Element } from 'domhandler';
import { decodeBytes } from '../text/charset.js';
import { TopstoryError } from '../errors.js';
import { ARTICLE_ELEMENTS, DROPPED_WITH_CONTENT, sanitizeArticleHtml } from '../sanitize/index.js';
import { DEFAULT_LIMITS, collapse, detach, elementsIn, nodeCount, parseHtml, shortTextOf, unwrap, type ParseLimits } from './dom.js';
import { withWorkBudget } from './budget.js';
import { cleanByline, readMetadata, type PageMetadata } from './metadata.js';
import { extractContent, isPureWrapper, type ContentRules } from './content.js';
import { rulesForUrl, selectElements, type SiteRules } from './site-rules.js';
import { countWords, htmlToLines } from './plain-text.js';

export type { SiteRules } from './site-rules.js';

/** The clean article of a page (DESIGN.md "Text fields": plain text fields, sanitized `html`, ISO dates in UTC). */
export interface Article {
  /** The page URL the article was extracted for (or its canonical URL when none was given). */
  url: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  modified: string | null;
  /** The standfirst: the article's own summary under the headline. */
  lead: string | null;
  siteName: string | null;
  lang: string | null;
  image: string | null;
  canonical: string | null;
  /** Plain text, one line per block. */
  text: string;
  /** Sanitized HTML of the body. */
  html: string;
  wordCount: number;
}

/** How to extract: the HTTP Content-Type (for its charset), operator rules, and limits. */
export interface ExtractOptions {
  contentType?: string;
  /** Per-source rules an operator sets; they take precedence over the site-rules table. */
  rules?: SiteRules;
  limits?: Partial<ParseLimits>;
}

/** Bytes a page may have; larger pages are refused before decoding. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

/** Decodes page bytes by BOM, HTTP charset, `<meta charset>`/http-equiv, then detection. */
export function decodePage(bytes: Uint8Array, contentType?: string): string {
  if (bytes.byteLength > MAX_PAGE_BYTES) {
    throw new TopstoryError('extract', 'too_large', `page is larger than ${MAX_PAGE_BYTES / 1048576} MiB`);
  }
  return decodeBytes(bytes, { contentType, kind: 'html' }).text;
}

// Separators between a headline and the site's name in <title> and og:title.
const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ', ' • ', ' « ', ' » ', ' / ', ' : '];

const squashed = new Map<string, string>();

/** A title or name folded for comparison: lower case, no leading "the", letters and digits only (memoized). */
function squash(text: string): string {
  let key = squashed.get(text);
  if (key === undefined) {
    key = text.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
    // Bounded: titles of one page repeat, titles of different pages rarely do.
    if (squashed.size > 2000) squashed.clear();
    squashed.set(text, key);
  }
  return key;
}

/** The headline without a " | Site" suffix or "Site - " prefix, when the extra part names the site. */
export function titleWithoutSite(raw: string, siteName: string | undefined, host: string | undefined, headings: string[], byline?: string): string {
  const title = collapse(raw);
  // The tail may also name the author ("Headline | Jane Doe"), which is no more part of the headline.
  const siteKeys = [siteName, byline, host?.replace(/^www\./, '').replace(/\.[a-z]{2,}(\.[a-z]{2})?$/, '')].filter((v): v is string => !!v).map(squash).filter(Boolean);
  const headingKeys = new Set(headings.map(squash));
  if (headingKeys.has(squash(title))) return title;
  const namesSite = (part: string): boolean => {
    const key = squash(part);
    return key.length > 0 && siteKeys.some((site) => site === key || (key.length >= 4 && site.includes(key)) || (site.length > 3 && key.includes(site) && key.length <= site.length * 1.5 + 4));
  };
  // Any split whose one side is the page's <h1> keeps that side.
  for (const sep of TITLE_SEPARATORS) {
    for (let at = title.indexOf(sep); at > 0; at = title.indexOf(sep, at + 1)) {
      const head = title.slice(0, at).trim();
      const tail = title.slice(at + sep.length).trim();
      const headIsHeading = headingKeys.has(squash(head));
      const tailIsHeading = headingKeys.has(squash(tail));
      // The longer side, or a headline of 3+ words before a longer tail that no heading repeats
      // ("Work title - Chapter 1 - Author - Fandom [Archive]" under <h2 class="title">Work title</h2>).
      if (headIsHeading && (head.length > tail.length || (!tailIsHeading && head.split(/\s+/).length >= 3))) return head;
      if (tail.length > head.length && tailIsHeading) return tail;
    }
  }
  for (const sep of [...TITLE_SEPARATORS, ': ']) {
    const last = title.lastIndexOf(sep);
    if (last > 0 && sep !== ': ') {
      const head = title.slice(0, last).trim();
      const tail = title.slice(last + sep.length).trim();
      if (head && namesSite(tail)) return titleWithoutSite(head, siteName, host, headings, byline);
    }
    const first = title.indexOf(sep);
    if (first > 0) {
      const head = title.slice(0, first).trim();
      const tail = title.slice(first + sep.length).trim();
      if (tail && namesSite(head)) return titleWithoutSite(tail, siteName, host, headings, byline);
    }
  }
  return title;
}

/** The part of a <title> that is not the headline, when it is short enough to be a site's name. */
function siteFromTitle(documentTitle: string | undefined, title: string | undefined): string | undefined {
  if (!documentTitle || !title) return undefined;
  const full = collapse(documentTitle);
  if (full === title || !full.includes(title)) return undefined;
  const rest = full.replace(title, '').replace(/^\s*[|\-–—·:•«»/]+\s*|\s*[|\-–—·:•«»/]+\s*$/g, '').trim();
  return rest && rest.split(/\s+/).length <= 5 && !/[|–—·•]/.test(rest) ? rest : undefined;
}

// A short tail after the last separator of a <title>: " – My website", " | Blog".
const SITE_TAIL = /^(.{12,}?)\s+[|–—·-]\s+([^|–—·]{2,40})$/;

function chooseTitle(meta: PageMetadata, host: string | undefined, byline: string | undefined): string | undefined {
  const candidates = [meta.title, meta.documentTitle].filter((v): v is string => !!v);
  const raw = candidates[0] ?? meta.headings[0];
  if (!raw) return undefined;
  let title = titleWithoutSite(raw, meta.siteName, host, meta.headings, byline);
  if (!meta.title && raw === meta.documentTitle && title === collapse(raw) && meta.headings.length === 0) {
    // Only a <title>, nothing to compare it with: the usual "Headline – Site" form loses its short
    // tail when the headline before it has 3+ words and the tail at most 3.
    const m = SITE_TAIL.exec(title);
    if (m && m[1]!.split(/\s+/).length >= 3 && m[2]!.trim().split(/\s+/).length <= 3) title = m[1]!.trim();
  }
  // When <title> carries more than the headline and an <h1> is exactly its first part, the <h1> is the headline.
  if (title === collapse(raw) && meta.headings.length > 0) {
    const h1 = meta.headings.find((h) => h.length >= 10 && title.startsWith(h) && title.length > h.length + 2 && /^\s*[|\-–—·:•«»/]/.test(title.slice(h.length)));
    if (h1) title = h1;
  }
  return title || undefined;
}

const CONTENT_WORD = /[\p{L}\p{N}]{4,}/gu;

// Characters a summary stays within; a longer "description" is the body pasted into a <meta>.
const SUMMARY_MAX_CHARS = 500;

/**
 * Whether a description is the article's summary: short, about this article (shares its words)
 * rather than the site, and not one of the article's own blocks (its first paragraph, cut short or
 * not, or a subheading that a CMS copied into the description).
 */
function isSummary(description: string, title: string | undefined, text: string): boolean {
  if (description.length > SUMMARY_MAX_CHARS || !describesArticle(description, title, text)) return false;
  // "Headline. First sentences…" is the opening with the headline in front.
  let rest = description;
  if (title && description.startsWith(title)) rest = description.slice(title.length);
  const key = squash(rest.replace(/\s*(…|\.\.\.|\(\.\.\.\)|\[\.\.\.\])\s*$/, ''));
  if (key.length === 0) return false;
  // The body's opening lines run together: a description made of them spans several blocks.
  const opening = squash(text.slice(0, description.length + 1500));
  return !(key.length >= 40 ? opening.includes(key) : text.split('\n', 8).some((line) => squash(line) === key));
}

/** Whether a description summarises this article (shares its words) rather than describing the site. */
function describesArticle(description: string, title: string | undefined, text: string): boolean {
  const words = [...new Set(description.toLowerCase().match(CONTENT_WORD) ?? [])];
  if (words.length === 0) return false;
  const haystack = `${title ?? ''} ${text}`.toLowerCase();
  const found = words.filter((w) => haystack.includes(w)).length;
  return found / words.length >= 0.3;
}

const BYLINE_LINE_TAGS = new Set(['address', 'div', 'li', 'p', 'span']);
const BYLINE_OPENING = /^\s*(by|von|par|por|posted|written|published)\b/i;

/** The first non-blank text in an element (where a line starts), or ''. */
function firstText(el: Element): string {
  const stack: AnyNode[] = [el];
  for (let visited = 0; stack.length > 0 && visited < 64; visited++) {
    const node = stack.pop()!;
    if (isText(node)) {
      if (node.data.trim()) return node.data;
    } else if (isTag(node)) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return '';
}

/** A "By Jane Doe" line near the top of the page, for pages that declare no author. */
function bylineLine(doc: Document): string | undefined {
  let seen = 0;
  for (const el of elementsIn(doc)) {
    if (!BYLINE_LINE_TAGS.has(el.name) || isPureWrapper(el)) continue;
    // Only a block whose first words could open a byline is read in full (most blocks are not).
    if (el.name !== 'p' && !BYLINE_OPENING.test(firstText(el))) continue;
    const text = shortTextOf(el, 200);
    if (el.name === 'p' && text === undefined) seen++;
    if (text === undefined || text.length <= 3 || text.length >= 100) continue;
    // Near the top, "By Jane Doe"; anywhere, a post-meta line such as "Posted by Jane Doe in World".
    if ((seen <= 2 && /^(by|von|par|por)\s+\p{Lu}/iu.test(text)) || /^(posted|written|published)\s+by\s+\p{Lu}/iu.test(text)) {
      const name = cleanByline(text);
      if (name) return name;
    }
  }
  return undefined;
}

// Bodies shorter than this are extracted a second time without class-based pruning (pages
// larger than RETRY_MAX_NODES are not: a second pass over a huge page costs more than it saves).
const RETRY_BELOW_CHARS = 300;
const RETRY_MAX_NODES = 100_000;

const DROP_WITH_CONTENT = new Set(DROPPED_WITH_CONTENT);

/**
 * Leaves only elements the article policy keeps (wrappers unwrapped, raw-text and foreign elements
 * removed, links without a target unwrapped), so that the sanitizer settles in one pass.
 */
function keepArticleElements(container: Element): void {
  const all = elementsIn(container);
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    if (!el.parent) continue;
    if (DROP_WITH_CONTENT.has(el.name)) detach(el);
    else if (!ARTICLE_ELEMENTS.has(el.name) || (el.name === 'a' && !el.attribs.href)) unwrap(el);
  }
}

function bodyOf(container: Element, baseUrl: string | undefined): { html: string; text: string } {
  keepArticleElements(container);
  const html = tidyWhitespace(sanitizeArticleHtml(getOuterHTML(container.children), baseUrl).replace(/<p>\s*<\/p>/g, ''));
  return { html, text: htmlToLines(html) };
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Folds the indentation the page's source left between blocks (outside <pre>) into single newlines. */
function tidyWhitespace(html: string): string {
  return html
    .split(/(<pre[\s>][\s\S]*?<\/pre>)/)
    .map((part, i) => (i % 2 === 1 ? part : part
      .replace(/[ \t\r]*\n\s*/g, '\n')
      // No space at the inner edges of a text block: "<p>\nText\n</p>" reads as "<p>Text</p>".
      .replace(/(<(?:p|li|h[2-6]|figcaption|caption|td|th|dt|dd)(?:\s[^>]*)?>)\s+/g, '$1')
      .replace(/\s+(<\/(?:p|li|h[2-6]|figcaption|caption|td|th|dt|dd)>)/g, '$1')))
    .join('')
    .trim();
}

function resolveRules(doc: Document, rules: SiteRules | undefined): ContentRules | undefined {
  if (!rules) return undefined;
  const content = rules.contentSelector ? selectElements(doc, rules.contentSelector) : undefined;
  const remove = (rules.removeSelectors ?? []).flatMap((s) => selectElements(doc, s));
  return { content, remove };
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Extracts the article from a page (bytes are decoded by charset rules; strings are used as they are). */
export function extractArticle(input: Uint8Array | string, url?: string, options: ExtractOptions = {}): Article {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // Control characters (NUL and friends) are never text; binary junk should not reach the reader.
  const html = (typeof input === 'string' ? input : decodePage(input, options.contentType)).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  const doc = parseHtml(html, limits);
  return withWorkBudget(WORK_PER_NODE * nodeCount(doc) + BASE_WORK, () => extractFromDocument(doc, html, url, limits, options));
}

// Node visits allowed per parsed node, and a floor for small pages. Real pages need far less (the
// 130 Readability test pages at most ~55 per node); a crafted DOM that would make some walk
// quadratic reaches the limit and ends in `extract: too_complex` instead of holding a worker.
const WORK_PER_NODE = 200;
const BASE_WORK = 3_000_000;

function extractFromDocument(doc: Document, html: string, url: string | undefined, limits: ParseLimits, options: ExtractOptions): Article {
  const pageUrl = url && hostOf(url) ? url : undefined;
  const meta = readMetadata(doc, pageUrl);
  const host = hostOf(pageUrl ?? meta.canonical);
  const bylineFound = meta.byline ?? bylineLine(doc);
  const title = chooseTitle(meta, host, bylineFound);
  // An organization credited as author under the site's own name is not a byline (the name in
  // <title> counts for that, though only a declared site name is reported).
  const siteKey = squash(meta.siteName ?? siteFromTitle(meta.documentTitle, title) ?? '');
  const byline = bylineFound && meta.bylineIsOrganization && siteKey && squash(bylineFound) === siteKey ? undefined : bylineFound;

  // Operator rules first, then the table; a selector that matches nothing falls back to scoring.
  let rules = resolveRules(doc, options.rules);
  if (!rules?.content?.length) {
    const table = resolveRules(doc, rulesForUrl(pageUrl ?? meta.canonical));
    if (table) rules = { content: table.content, remove: [...(rules?.remove ?? []), ...(table.remove ?? [])] };
  }
  const baseUrl = meta.baseUrl ?? meta.canonical;
  let { html: cleanHtml, text } = bodyOf(extractContent(doc, { title, headline: meta.headings[0], byline, standfirst: meta.standfirst, rules }), baseUrl);
  if (text.length < RETRY_BELOW_CHARS && !rules?.content?.length && nodeCount(doc) < RETRY_MAX_NODES) {
    // Class words misled the pruning (a whole page inside a "modal"): try again trusting only the text.
    const second = bodyOf(extractContent(parseHtml(html, limits), { title, headline: meta.headings[0], byline, standfirst: meta.standfirst, rules: undefined, pruneByClass: false }), baseUrl);
    if (second.text.length > text.length * 1.5) ({ html: cleanHtml, text } = second);
  }

  if (text.length < RETRY_BELOW_CHARS && meta.articleBody && meta.articleBody.length > text.length * 2) {
    // The page renders its body with script; JSON-LD still carries it as text, one paragraph a line.
    const paragraphs = meta.articleBody.split(/\n\s*\n|\r?\n/).map((p) => collapse(p)).filter(Boolean);
    cleanHtml = sanitizeArticleHtml(paragraphs.map((p) => `<p>${escapeText(p)}</p>`).join('\n'));
    text = htmlToLines(cleanHtml);
  }

  let lead: string | undefined = meta.standfirst;
  lead ??= meta.descriptions.find((d) => isSummary(d, title, text));
  if (lead && title && squash(lead) === squash(title)) lead = undefined;

  let image = meta.image;
  if (!image) {
    const first = /<img[^>]*\ssrc="(https?:[^"]+)"/.exec(cleanHtml);
    if (first) image = first[1]!.replace(/&amp;/g, '&');
  }

  return {
    url: pageUrl ?? meta.canonical ?? null,
    title: title ?? null,
    byline: byline ?? null,
    published: meta.published ?? null,
    modified: meta.modified ?? null,
    lead: lead ?? null,
    siteName: meta.siteName ?? null,
    lang: meta.lang ?? null,
    image: image ?? null,
    canonical: meta.canonical ?? null,
    text,
    html: cleanHtml,
    wordCount: countWords(text),
  };
}
