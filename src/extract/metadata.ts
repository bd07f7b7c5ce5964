// Article metadata from what a page declares about itself: JSON-LD (schema.org), OpenGraph,
// Twitter cards, plain <meta>, microdata, <time>, rel=author and <link rel=canonical>.
// Declared data comes first; the body is consulted only for what a page does not declare.
import { isTag, isText, type AnyNode, type Document, type Element } from 'domhandler';
import { attr, classAndId, collapse, elementsIn, shortTextOf, textOf } from './dom.js';
import { findDateIn, parsePageDate } from './dates.js';
import { decodeHTML } from 'entities';

/** What a page says about the article it holds. */
export interface PageMetadata {
  title?: string;
  /** The <title> text as written. */
  documentTitle?: string;
  /** Texts of the page's <h1> elements, in order. */
  headings: string[];
  byline?: string;
  /** Whether the byline names an organization (schema.org Organization), not a person. */
  bylineIsOrganization?: boolean;
  published?: string;
  modified?: string;
  /** The page's descriptions (JSON-LD, OpenGraph, Twitter, meta), in order of trust, not yet judged as a lead. */
  descriptions: string[];
  /** A standfirst element's text (subtitle, dek), if the page marks one. */
  standfirst?: string;
  siteName?: string;
  lang?: string;
  image?: string;
  canonical?: string;
  /** URL relative links resolve against: <base href> over the page URL. */
  baseUrl?: string;
  /** JSON-LD `articleBody` as plain text, for pages that render their body with script. */
  articleBody?: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// schema.org types whose properties describe the article on the page. Sorted.
const ARTICLE_TYPES = new Set([
  'AdvertiserContentArticle', 'AnalysisNewsArticle', 'Article', 'AskPublicNewsArticle', 'BackgroundNewsArticle',
  'BlogPosting', 'LiveBlogPosting', 'NewsArticle', 'OpinionNewsArticle', 'Report', 'ReportageNewsArticle',
  'ReviewNewsArticle', 'SatiricalArticle', 'ScholarlyArticle', 'SocialMediaPosting', 'TechArticle',
]);

// <meta> keys per field, in order of trust. Keys are lower-cased `property`, `name` or `itemprop`.
const META_KEYS = {
  byline: ['dc:creator', 'dcterms:creator', 'author', 'article:author_name', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'citation_author', 'article:author'],
  description: ['dc:description', 'dcterms:description', 'og:description', 'twitter:description', 'description', 'dc.description', 'dcterms.description', 'sailthru.description'],
  image: ['og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src', 'thumbnailurl', 'image'],
  lang: ['content-language', 'language', 'dc.language', 'og:locale'],
  modified: ['article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'dcterms.modified', 'modified'],
  published: [
    'article:published_time', 'og:article:published_time', 'datepublished', 'published_time', 'article.published', 'parsely-pub-date',
    'sailthru.date', 'pubdate', 'publishdate', 'publish-date', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.created',
    'dc.date.created', 'citation_publication_date', 'date',
  ],
  siteName: ['og:site_name', 'application-name', 'apple-mobile-web-app-title', 'dc.publisher'],
  title: ['dc:title', 'dcterms:title', 'og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'headline', 'sailthru.title', 'parsely-title'],
} as const;

// Class or id words that mark a standfirst (the article's own summary under the headline). Sorted.
const STANDFIRST_WORDS = new Set([
  'abstract', 'dek', 'deck', 'excerpt', 'intro', 'lede', 'lead', 'standfirst', 'strapline', 'subheadline', 'subtitle',
  'summary', 'teaser',
]);

// Class or id words that mark a byline element. Sorted.
const BYLINE_WORDS = new Set(['author', 'authors', 'byline', 'bylines', 'writer']);

const hintCache = new Map<string, string[]>();

/** Splits a class/id string into words: "article__sub-title" → article, sub, title, subtitle. */
export function hintWords(value: string): string[] {
  const cached = hintCache.get(value);
  if (cached) return cached;
  const out = splitHints(value);
  // Class names repeat across pages of a site; the cache is bounded so a hostile page cannot grow it.
  if (hintCache.size > 5000) hintCache.clear();
  hintCache.set(value, out);
  return out;
}

function splitHints(value: string): string[] {
  const out: string[] = [];
  for (const token of value.toLowerCase().split(/\s+/)) {
    if (!token) continue;
    const parts = token.split(/[-_]+|(?<=[a-z])(?=\d)/).filter(Boolean);
    out.push(...parts);
    for (let i = 0; i + 1 < parts.length; i++) out.push(parts[i]! + parts[i + 1]!);
  }
  return out;
}

function resolveUrl(value: string | undefined, base: string | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function parseJsonLd(text: string): Json | undefined {
  const cleaned = text.replace(/^\s*(<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '').replace(/(-->|\/\/\s*\]\]>|\]\]>)\s*$/, '').trim();
  if (!cleaned) return undefined;
  try {
    return JSON.parse(cleaned) as Json;
  } catch {
    // Some CMSs emit raw newlines or tabs inside strings; JSON forbids them but they are harmless.
    try {
      return JSON.parse(cleaned.replace(/[\n\r\t]+/g, ' ')) as Json;
    } catch {
      return undefined;
    }
  }
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in JSON-LD data: arrays, @graph and nested values flattened (bounded). */
function ldObjects(roots: Json[]): JsonObject[] {
  const out: JsonObject[] = [];
  const stack: [Json, number][] = roots.map((r) => [r, 0]);
  while (stack.length > 0 && out.length < 2000) {
    const [value, depth] = stack.pop()!;
    if (depth > 8) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i]!, depth + 1]);
    } else if (isObject(value)) {
      out.push(value);
      for (const [key, child] of Object.entries(value)) {
        if (key === '@graph' || key === 'mainEntity' || key === 'mainEntityOfPage' || key === 'itemListElement') {
          stack.push([child, depth + 1]);
        }
      }
    }
  }
  return out;
}

function ldTypes(obj: JsonObject): string[] {
  const type = obj['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^https?:\/\/schema\.org\//, ''));
}

function ldString(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return collapse(value) || undefined;
  if (Array.isArray(value)) return ldString(value[0]);
  if (isObject(value)) return ldString(value['@value'] ?? value.name);
  return undefined;
}

function ldNames(value: Json | undefined, byId: Map<string, JsonObject>, depth = 0): string[] {
  if (value === undefined || value === null || depth > 4) return [];
  if (typeof value === 'string') {
    const name = collapse(value);
    return name && !/^https?:\/\//.test(name) ? [name] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v) => ldNames(v, byId, depth + 1));
  if (isObject(value)) {
    const ref = typeof value['@id'] === 'string' && value.name === undefined ? byId.get(value['@id']) : undefined;
    if (ref) return ldNames(ref, byId, depth + 1);
    return ldNames(value.name, byId, depth + 1);
  }
  return [];
}

function ldImage(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return ldImage(value[0]);
  if (isObject(value)) return ldImage(value.url ?? value.contentUrl ?? value['@id']);
  return undefined;
}

// Month and weekday names that end a byline's name part ("Jane Doe March 25, 2015", "Joe Wee Monday").
const MONTH_WORD = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY_WORD = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
const TRAILING_DATE = new RegExp(`(?:^|\\s+)(?:on\\s+)?(?:${MONTH_WORD}\\s+\\d.*|${WEEKDAY_WORD}\\b.*)$`, 'i');

/** Strips "By", "Von", "Par", "Por" and similar from a byline, and dates after the name; undefined when it is not a name. */
export function cleanByline(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const posted = /^\s*posted\s+by\s/i.test(value);
  let text = entityText(value)
    .replace(/^(by|von|par|por|di|door|av|af|автор|авторы|text|words|written by|posted by|story by)\s*[:\-–—]?\s+/i, '')
    .replace(/\s*[|•·]\s*$/, '')
    // Contact details after the name: "Jane Doe (https://jane.example/)", "Jane Doe <jane@example.org>".
    .replace(/\s*[(<[]\s*(https?:\/\/|mailto:|[^()<>[\]\s]+@)[^)>\]]*[)>\]]/gi, '')
    .trim();
  // A byline followed by a date ("Jane Doe, May 3, 2024" / "Jane Doe | Updated 10:00") keeps the name.
  text = text.replace(/\s*(?:[|•·—–]|,\s*(?=(?:updated|published|posted|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))\s*.*$/i, '').trim();
  text = text.replace(TRAILING_DATE, '').replace(/(?:^|\s+)\d{1,4}[-./]\d{1,2}[-./]\d{1,4}.*$/, '').trim();
  // "Rob Ewaschuk Edited by Betsy Beyer": the editor, photographer or other helpers are not the author.
  text = text.replace(/\s*[,;]?\s+(?:edited|illustrat\w*|photos?|photographs?|additional reporting|reporting|video)\s+by\s.*$/i, '').trim();
  // A sentence's full stop after the name ("Alon Zakai."), not an initial ("John F.").
  text = text.replace(/(\p{Ll}{2,})\.$/u, '$1');
  // "Posted by Jane Doe in World" names a category after the author.
  if (posted) text = text.replace(/\s+(in|on|under)\s+.*$/i, '').trim();
  if (!text || text.length > 100 || /^https?:\/\//.test(text) || !/\p{L}/u.test(text)) return undefined;
  // Not a name: starts lower-case (a sentence), carries quotes or a date label, or runs on without separators.
  if (/^[a-z]/.test(text) || /["“”<>*:$]/.test(text) || /^(last\s+)?(updated|published|posted|modified)\b/i.test(text)) return undefined;
  if (text.split(/\s+/).length > 6 && !/,| and | & | und | et | y /.test(text)) return undefined;
  return text;
}

// The microdata properties read (itemprop="articleBody" and the like are never read, so never measured). Sorted.
const MICRODATA_PROPS = new Set(['author', 'creator', 'datemodified', 'datepublished', 'description', 'headline', 'image']);

// <meta> keys whose repetitions each name one more author.
const AUTHOR_KEYS = new Set(['author', 'citation_author', 'dc.creator', 'dc:creator', 'dcterms.creator', 'dcterms:creator']);

/** Whether a name is an account handle rather than a person's or desk's name: one token with a digit, all lower case, or "@". */
function isHandle(name: string): boolean {
  return name.startsWith('@') || (!/\s/.test(name) && (/\d/.test(name) || /^[a-z0-9_.-]+$/.test(name)));
}

// Words that make a name an organization's ("BBC News", "Mac & i", "Associated Press"). Sorted.
const ORGANIZATION_WORDS = new Set([
  'agency', 'blog', 'channel', 'daily', 'digital', 'editors', 'gazette', 'group', 'herald', 'inc', 'journal', 'ltd', 'magazine',
  'media', 'network', 'news', 'newsroom', 'online', 'post', 'press', 'radio', 'review', 'staff', 'team', 'times', 'today', 'tribune', 'tv', 'weekly',
]);

/** Whether a name reads as an organization's rather than a person's: an organization word, an acronym, "&" or digits. */
function looksLikeOrganization(name: string): boolean {
  if (/[&\d]/.test(name)) return true;
  return name.split(/[\s,.]+/).some((w) => ORGANIZATION_WORDS.has(w.toLowerCase()) || /^\p{Lu}{2,}$/u.test(w));
}

// Class/id words of the parts of a byline element that are not the name: date, job title, counters, links out.
const NOT_NAME_WORDS = new Set(['avatar', 'bio', 'bydate', 'count', 'comments', 'date', 'email', 'follow', 'job', 'photo', 'position', 'role', 'social', 'time', 'timestamp', 'title', 'twitter']);

/** The name(s) in a byline element: its marked names or author links, else its text without the date, job title and counters. */
function bylineText(el: Element): string | undefined {
  const names: string[] = [];
  const parts: string[] = [];
  const skip = new Set<Element>();
  for (const child of elementsIn(el)) {
    const hints = classAndId(child);
    const words = hints ? hintWords(hints) : [];
    if (words.some((w) => NOT_NAME_WORDS.has(w)) || child.name === 'time') skip.add(child);
    const marksName = /\bname\b/i.test(attr(child, 'itemprop')) || words.some((w) => w === 'name' || w === 'fn' || w === 'authorname')
      || (child.name === 'a' && (/\bauthor\b/i.test(attr(child, 'rel')) || /\/(authors?|writers?|people|profiles?|staff|journalists?)\//i.test(attr(child, 'href'))));
    if (marksName) {
      const name = shortTextOf(child, 80);
      if (name && !names.includes(name) && !names.some((n) => n.includes(name))) names.push(name);
    }
  }
  if (names.length > 0) return names.join(', ');
  // Text nodes joined with spaces: "<a>Lucas Nolan</a><span>22 Dec</span>" must not read "Lucas Nolan22 Dec".
  const stack: AnyNode[] = [...el.children].reverse();
  let length = 0;
  while (stack.length > 0 && length < 400) {
    const node = stack.pop()!;
    if (isText(node)) {
      parts.push(node.data);
      length += node.data.length;
    } else if (isTag(node) && !skip.has(node)) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  const text = collapse(parts.join(' '));
  return text && text.length < 120 ? text : undefined;
}

/** Collects the declared metadata of a parsed page; `pageUrl` resolves relative URLs. */
export function readMetadata(doc: Document, pageUrl: string | undefined): PageMetadata {
  const meta = new Map<string, string>();
  const ldRoots: Json[] = [];
  const headings: string[] = [];
  const titleHeadings: string[] = [];
  const organizationAuthors = new Set<string>();
  const dateTexts: string[] = [];
  const standfirsts: { text: string; distance: number; declared: boolean }[] = [];
  const bylineElements: string[] = [];
  const metaAuthors = new Map<string, string[]>();
  const microdata = new Map<string, string>();
  const timeValues: string[] = [];
  let documentTitle: string | undefined;
  let htmlLang: string | undefined;
  let canonicalHref: string | undefined;
  let baseHref: string | undefined;
  let imageSrcLink: string | undefined;
  let relAuthor: string | undefined;
  let firstH1At = -1;
  let firstH1: Element | undefined;
  let index = -1;

  for (const el of elementsIn(doc)) {
    index++;
    switch (el.name) {
      case 'html':
        htmlLang ??= attr(el, 'lang').trim() || attr(el, 'xml:lang').trim() || undefined;
        break;
      case 'title':
        if (documentTitle === undefined && !hasAncestor(el, 'svg')) documentTitle = textOf(el);
        break;
      case 'base':
        baseHref ??= attr(el, 'href') || undefined;
        break;
      case 'meta': {
        const content = el.attribs.content;
        if (content === undefined) break;
        const keys = `${attr(el, 'property')} ${attr(el, 'name')} ${attr(el, 'itemprop')} ${attr(el, 'http-equiv')}`;
        const value = collapse(content);
        if (!value) break;
        for (const key of keys.toLowerCase().split(/\s+/)) {
          if (!key) continue;
          if (!meta.has(key)) meta.set(key, value);
          // Several <meta name="author"> (DC.Creator, citation_author) name several authors.
          if (AUTHOR_KEYS.has(key)) metaAuthors.set(key, [...(metaAuthors.get(key) ?? []), value]);
        }
        break;
      }
      case 'link': {
        const rel = attr(el, 'rel').toLowerCase().split(/\s+/);
        if (rel.includes('canonical')) canonicalHref ??= attr(el, 'href') || undefined;
        if (rel.includes('image_src')) imageSrcLink ??= attr(el, 'href') || undefined;
        break;
      }
      case 'script':
        if (/ld\+json/i.test(attr(el, 'type'))) {
          const parsed = parseJsonLd(el.children.map((c) => ('data' in c ? String(c.data) : '')).join(''));
          if (parsed !== undefined) ldRoots.push(parsed);
        }
        break;
      case 'h2':
      case 'h3':
        // Old blog templates put the headline in <h2 class="title"> and have no <h1>.
        if (/\b(title|headline|entry-title|post-title)\b/i.test(attr(el, 'class'))) {
          const text = textOf(el);
          if (text) titleHeadings.push(text);
        }
        break;
      case 'h1': {
        const text = textOf(el);
        if (text) headings.push(text);
        if (firstH1At < 0) {
          firstH1At = index;
          firstH1 = el;
        }
        break;
      }
      case 'time': {
        const value = attr(el, 'datetime') || (shortTextOf(el, 100) ?? '');
        if (value) timeValues.push(value);
        break;
      }
      case 'a':
        if (/\bauthor\b/i.test(attr(el, 'rel'))) relAuthor ??= textOf(el) || undefined;
        break;
      default:
        break;
    }
    const itemprop = el.attribs.itemprop;
    if (itemprop && el.name !== 'meta') {
      for (const prop of itemprop.toLowerCase().split(/\s+/)) {
        if (!MICRODATA_PROPS.has(prop) || microdata.has(prop)) continue;
        // An image's caption marked as its description says nothing about the article.
        if (prop === 'description' && (el.name === 'figcaption' || hasAncestor(el, 'figure'))) continue;
        if ((prop === 'author' || prop === 'creator') && /Organization/i.test(attr(el, 'itemtype'))) organizationAuthors.add(squashKey(microdataName(el)));
        const value = prop === 'author' || prop === 'creator'
          ? microdataName(el)
          : attr(el, 'content') || attr(el, 'datetime') || (prop === 'image' ? attr(el, 'src') || attr(el, 'href') : '') || (shortTextOf(el, 2000) ?? '');
        if (value) microdata.set(prop, value);
      }
    }
    const hints = classAndId(el);
    const declaredLead = itemprop !== undefined && el.name !== 'meta' && /\b(description|alternativeheadline|abstract)\b/i.test(itemprop);
    const flags = hints ? hintFlags(hints) : 0;
    if ((flags !== 0 || declaredLead) && el.name !== 'body' && el.name !== 'html' && el.name !== 'meta') {
      if ((declaredLead || (flags & STANDFIRST && !(flags & ELSEWHERE))) && ['p', 'div', 'h2', 'h3', 'span', 'section', 'header'].includes(el.name)) {
        const text = shortTextOf(el, 600) ?? '';
        if (text.length >= 30 && !hasBlockChildren(el) && linkShare(el) < 0.3 && !insideLinkOrFurniture(el)) {
          standfirsts.push({ text, distance: firstH1At < 0 ? Infinity : index - firstH1At, declared: declaredLead });
        }
      }
      if (flags & BYLINE && !insideFormOrComments(el)) {
        const text = bylineText(el);
        if (text && text.length > 2) bylineElements.push(text);
      }
      if (flags & DATE && dateTexts.length < 20) {
        const text = shortTextOf(el, 79) ?? '';
        if (text.length > 5) dateTexts.push(text);
      }
    }
  }

  const pageBase = pageUrl ?? undefined;
  const baseUrl = resolveUrl(baseHref, pageBase) ?? pageBase;

  // JSON-LD: the first article-typed object describes the page's article.
  const objects = ldObjects(ldRoots);
  const byId = new Map<string, JsonObject>();
  for (const obj of objects) if (typeof obj['@id'] === 'string') byId.set(obj['@id'], obj);
  const article = objects.find((obj) => ldTypes(obj).some((t) => ARTICLE_TYPES.has(t)));
  const website = objects.find((obj) => ldTypes(obj).includes('WebSite'));
  let ldPublisher: string | undefined;
  if (article) {
    const publisher = article.publisher;
    const ref = isObject(publisher) && typeof publisher['@id'] === 'string' && publisher.name === undefined ? byId.get(publisher['@id']) : undefined;
    ldPublisher = ldNames(ref ?? publisher, byId)[0];
  }

  const metaValue = (keys: readonly string[]): string | undefined => {
    for (const key of keys) {
      const value = meta.get(key);
      if (value) return value;
    }
    return undefined;
  };
  const firstValid = <T>(values: (string | undefined)[], parse: (v: string | undefined) => T | undefined): T | undefined => {
    for (const v of values) {
      const parsed = parse(v);
      if (parsed !== undefined) return parsed;
    }
    return undefined;
  };

  const ldAuthors = article ? [...new Set(ldNames(article.author ?? article.creator, byId))] : [];
  for (const author of article ? [article.author].flat() : []) {
    if (isObject(author) && ldTypes(author).includes('Organization')) for (const name of ldNames(author, byId)) organizationAuthors.add(squashKey(name));
  }
  const authorKey = META_KEYS.byline.find((key) => meta.has(key));
  const metaAuthor = authorKey && metaAuthors.has(authorKey) ? [...new Set(metaAuthors.get(authorKey))].slice(0, 10).join(', ') : metaValue(META_KEYS.byline);
  // A user handle ("CC7567", "newsbot") is the CMS account, not the name a reader sees: any real name found later wins.
  const bylineCandidates = [ldAuthors.length > 0 ? ldAuthors.join(', ') : undefined, metaAuthor, microdata.get('author'), relAuthor, ...bylineElements]
    .map(cleanByline).filter((v): v is string => v !== undefined);
  const bylineFound = bylineCandidates.find((name) => !isHandle(name)) ?? bylineCandidates[0];

  // The first declared title that the page's own <title> or <h1> confirms; some sites put a
  // summary in JSON-LD `headline` (Wikipedia) or a campaign text in og:title.
  const titleCandidates = [
    article ? ldString(article.headline) : undefined, article ? ldString(article.name) : undefined, metaValue(META_KEYS.title),
    microdata.get('headline'),
  ].map((v) => (v ? entityText(v) : undefined)).filter((v): v is string => !!v);
  const confirms = (candidate: string): boolean => {
    const key = squashKey(candidate);
    if (key.length === 0) return false;
    if (documentTitle && squashKey(documentTitle).includes(key)) return true;
    return headings.some((h) => {
      const hk = squashKey(h);
      return hk.length > 0 && (hk === key || key.includes(hk) || hk.includes(key));
    });
  };
  // When nothing declared is confirmed but the <title> agrees with an <h1>, the declared titles are
  // the site's (a generic og:title) and the <title> is the better source.
  const titleKey = documentTitle ? squashKey(documentTitle) : '';
  const documentTitleConfirmed = titleKey !== '' && headings.some((h) => squashKey(h).length >= 10 && titleKey.includes(squashKey(h)));
  const title = titleCandidates.find(confirms) ?? (documentTitleConfirmed ? undefined : titleCandidates[0]);

  const published = firstValid(
    [article ? ldString(article.datePublished ?? article.dateCreated) : undefined, metaValue(META_KEYS.published), microdata.get('datepublished'), timeValues.length === 1 ? timeValues[0] : undefined],
    parsePageDate,
  ) ?? firstValid(dateTexts, findDateIn);
  const modified = firstValid([article ? ldString(article.dateModified) : undefined, metaValue(META_KEYS.modified), microdata.get('datemodified')], parsePageDate);

  const langRaw = htmlLang ?? metaValue(META_KEYS.lang) ?? (article ? ldString(article.inLanguage) : undefined);
  const lang = langRaw ? langRaw.replace(/_/g, '-').trim() || undefined : undefined;

  const image = firstValid([metaValue(META_KEYS.image), article ? ldImage(article.image ?? article.thumbnailUrl) : undefined, microdata.get('image'), imageSrcLink], (v) => resolveUrl(v, baseUrl));
  const canonical = firstValid([canonicalHref, meta.get('og:url')], (v) => resolveUrl(v, pageBase));
  const siteName = firstValid([meta.get('og:site_name'), ldPublisher, website ? ldString(website.name) : undefined, metaValue(META_KEYS.siteName.slice(1))], (v) => (v ? entityText(v) || undefined : undefined));
  // The article object's own description first (what Readability trusts too), then the social cards and <meta>.
  const descriptions = [...new Set([article ? ldString(article.description) : undefined, ...META_KEYS.description.map((k) => meta.get(k)), microdata.get('description')]
    .map((v) => (v ? entityText(v) : '')).filter(Boolean))];
  // A standfirst sits right under the headline; the same class words elsewhere mark teasers of other articles.
  const standfirst = (standfirsts.find((s) => s.distance > 0 && s.distance <= 40) ?? standfirsts.find((s) => s.declared))?.text
    ?? (firstH1 ? subtitleAfter(firstH1) : undefined);

  // An organization credited as author under the site's own name is not a byline.
  // (A person's name that is also the site's name is a personal site's author, and stays.)
  const byline = bylineFound && siteName && squashKey(bylineFound) === squashKey(siteName) && (organizationAuthors.has(squashKey(bylineFound)) || looksLikeOrganization(bylineFound))
    ? undefined
    : bylineFound;
  const bylineIsOrganization = byline !== undefined && organizationAuthors.has(squashKey(byline));

  const bodyValue = article?.articleBody;
  const articleBody = typeof bodyValue === 'string' && bodyValue.trim() ? bodyValue.trim() : undefined;

  return { articleBody, title, documentTitle, headings: [...headings, ...titleHeadings], byline, bylineIsOrganization, published, modified, descriptions, standfirst, siteName, lang, image, canonical, baseUrl };
}

/** Text with entities decoded once more (metadata that a CMS escaped twice) and whitespace collapsed. */
export function entityText(value: string): string {
  const text = /&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/i.test(value) ? decodeHTML(value) : value;
  return collapse(text);
}

const squashedKeys = new Map<string, string>();

/** A name or title folded for comparison: lower case, letters and digits only (memoized, bounded). */
function squashKey(text: string): string {
  let key = squashedKeys.get(text);
  if (key === undefined) {
    key = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    if (squashedKeys.size > 2000) squashedKeys.clear();
    squashedKeys.set(text, key);
  }
  return key;
}

/** A subtitle set right under the headline in a <header> or <hgroup>: `<h1>…</h1><h2|p>subtitle</h2|p>`. */
function subtitleAfter(h1: Element): string | undefined {
  const parent = h1.parent;
  if (!parent || !isTag(parent) || (parent.name !== 'header' && parent.name !== 'hgroup')) return undefined;
  let next = h1.next;
  while (next && !isTag(next)) next = next.next;
  if (!next || !isTag(next) || (next.name !== 'h2' && next.name !== 'p')) return undefined;
  const text = shortTextOf(next, 400);
  return text && text.length >= 40 && linkShare(next) < 0.3 ? text : undefined;
}

function hasAncestor(el: Element, name: string): boolean {
  for (let p = el.parent; p; p = p.parent) if (isTag(p) && p.name === name) return true;
  return false;
}

// Class/id words of elements that show the publication date as text. Sorted.
const DATE_WORDS_IN_CLASS = new Set(['date', 'dateline', 'info', 'meta', 'ninfo', 'posted', 'postmeta', 'pubdate', 'published', 'time', 'timestamp']);

// What an element's class/id words say about it, as bits, cached per class string.
const STANDFIRST = 1;
const BYLINE = 2;
const DATE = 4;
const ELSEWHERE = 8;
const flagCache = new Map<string, number>();

function hintFlags(hints: string): number {
  let flags = flagCache.get(hints);
  if (flags !== undefined) return flags;
  const words = hintWords(hints);
  flags = (words.some((w) => STANDFIRST_WORDS.has(w)) ? STANDFIRST : 0)
    | (words.some((w) => BYLINE_WORDS.has(w)) ? BYLINE : 0)
    | (words.some((w) => DATE_WORDS_IN_CLASS.has(w)) ? DATE : 0)
    | (words.some((w) => ELSEWHERE_WORDS.has(w)) ? ELSEWHERE : 0);
  if (flagCache.size > 5000) flagCache.clear();
  flagCache.set(hints, flags);
  return flags;
}

function insideFormOrComments(el: Element): boolean {
  for (let p = el.parent; p && isTag(p); p = p.parent) {
    if (p.name === 'form') return true;
    const hints = classAndId(p);
    if (hints && hintWords(hints).some((w) => w === 'comment' || w === 'comments' || w === 'respond' || w === 'reply')) return true;
  }
  return false;
}

// Class/id words of blocks whose texts describe other pages (teasers, promos, captions).
const ELSEWHERE_WORDS = new Set(['caption', 'card', 'image', 'media', 'photo', 'placeholder', 'promo', 'related', 'sidebar', 'teaser', 'trending', 'video', 'widget']);

function insideLinkOrFurniture(el: Element): boolean {
  for (let p = el.parent; p && isTag(p); p = p.parent) {
    if (p.name === 'a' || p.name === 'aside' || p.name === 'nav' || p.name === 'footer' || p.name === 'figure') return true;
    const hints = classAndId(p);
    if (hints && hintWords(hints).some((w) => ELSEWHERE_WORDS.has(w))) return true;
  }
  return false;
}

function hasBlockChildren(el: Element): boolean {
  return el.children.some((c) => isTag(c) && ['p', 'div', 'ul', 'ol', 'table', 'section', 'article', 'h1', 'h2'].includes(c.name));
}

function linkShare(el: Element): number {
  const total = textOf(el).length;
  if (total === 0) return 0;
  let linked = 0;
  for (const a of elementsIn(el)) if (a.name === 'a') linked += textOf(a).length;
  return linked / total;
}

function microdataName(el: Element): string {
  for (const child of elementsIn(el)) {
    if (/\bname\b/i.test(attr(child, 'itemprop'))) return attr(child, 'content') || textOf(child);
  }
  return attr(el, 'content') || textOf(el);
}
