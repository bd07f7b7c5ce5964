// What the site publishes for machines: RSS 2.0, Atom 1.0 (RFC 4287) and JSON Feed 1.1 documents,
// sitemaps (sitemaps.org 0.9, Google News) and robots.txt (RFC 9309). Pure: values in, text out;
// the routes load the rows and pass the clock. Every link in a document is an absolute http(s) URL.
import { parseDocument } from 'htmlparser2';
import { getOuterHTML, removeElement } from 'domutils';
import { isTag, type ChildNode, type Element } from 'domhandler';
import { publishedBody } from './article-body.js';
import { strings } from './strings.js';
import { absoluteUrl, articlePath, isWebUrl, sourcePath, feedPaths } from './urls.js';

/** The most items one feed document carries. */
export const FEED_ITEM_LIMIT = 50;

/** One entry of a feed: plain-text fields are plain text, `contentHtml` is HTML with http(s) links only. */
export interface FeedEntry {
  /** Stable, never-reused id (a tag: URI, RFC 4151). */
  id: string;
  title: string;
  /** Absolute URL of our page for the entry. */
  url: string;
  /** The outlet's article URL, http(s) only. */
  externalUrl: string | null;
  contentHtml: string;
  summary: string | null;
  author: string | null;
  /** ms since the epoch. */
  published: number;
  updated: number;
  image: string | null;
  language: string | null;
  /** Where the entry came from: the outlet's name and the absolute URL of our RSS feed of that outlet. */
  source: { name: string; feedUrl: string } | null;
}

/** A feed document before it is rendered in one of the three formats. */
export interface FeedDocument {
  title: string;
  description: string;
  /** Absolute URL of the page the feed follows. */
  pageUrl: string;
  /** Absolute URLs of this feed in each format (self and alternate links). */
  feedUrls: { rss: string; atom: string; json: string };
  language: string | null;
  /** ms: when the feed last changed. */
  updated: number;
  /** The generator and the site, for feed-level author fields. */
  siteName: string;
  entries: FeedEntry[];
}

// XML 1.0 §2.2 Char: anything else (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) makes
// the document ill-formed, so it is dropped rather than escaped (no escape makes it legal).
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const XML_ESCAPES: Readonly<Record<string, string>> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** Text or an attribute value made safe for XML: invalid characters dropped, markup characters escaped. */
export function xmlEscape(value: string): string {
  return value.replace(XML_INVALID, '').replace(/["&'<>]/g, (ch) => XML_ESCAPES[ch]!);
}

/** A date as RFC 822 (with RFC 1123's four-digit year), as RSS 2.0 asks: "Wed, 04 Mar 2026 12:00:00 GMT". */
export function rfc822Date(ms: number): string {
  return new Date(ms).toUTCString();
}

/** A date as RFC 3339 in UTC, as Atom, JSON Feed and sitemaps ask: "2026-03-04T12:00:00Z". */
export function rfc3339Date(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/u, 'Z');
}

/**
 * A tag: URI (RFC 4151) for something the site published: the site's host, the day it was first
 * stored (the site owned its name then) and a specific name. It never changes when a title does.
 */
export function tagUri(baseUrl: string, createdAt: number, specific: string): string {
  return `tag:${new URL(baseUrl).hostname},${new Date(createdAt).toISOString().slice(0, 10)}:${specific}`;
}

// Elements that can run script, load or submit something, or restyle the reader's page: dropped
// with their content. Sanitized HTML holds none of them; a feed out checks again all the same.
const DROPPED_ELEMENTS = new Set([
  'applet', 'base', 'button', 'embed', 'form', 'frame', 'frameset', 'iframe', 'input', 'link', 'math', 'meta',
  'noscript', 'object', 'script', 'select', 'style', 'svg', 'template', 'textarea',
]);

// Attributes that hold one URL: kept only when the URL is http(s) (resolved against the article).
const URL_ATTRIBUTES = new Set(['action', 'background', 'cite', 'data', 'formaction', 'href', 'longdesc', 'ping', 'poster', 'src', 'usemap', 'xlink:href']);

function webUrl(value: string, base: string | null): string | null {
  try {
    const url = base ? new URL(value.trim(), base) : new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function cleanElement(el: Element, base: string | null): void {
  for (const [name, value] of Object.entries(el.attribs)) {
    const lower = name.toLowerCase();
    if (lower.startsWith('on') || lower === 'style' || lower === 'srcdoc') {
      delete el.attribs[name];
    } else if (URL_ATTRIBUTES.has(lower)) {
      const url = webUrl(value, base);
      if (url) el.attribs[name] = url;
      else delete el.attribs[name];
    } else if (lower === 'srcset') {
      // A candidate is a URL and at most one width or density descriptor; anything else is dropped whole.
      const kept = value.split(/,\s+/u).map((c) => c.trim().split(/\s+/u)).flatMap(([u, ...d]) => {
        const url = u ? webUrl(u, base) : null;
        return url && d.length <= 1 && d.every((x) => /^\d+(?:\.\d+)?[wx]$/u.test(x)) ? [[url, ...d].join(' ')] : [];
      });
      if (kept.length > 0) el.attribs[name] = kept.join(', ');
      else delete el.attribs[name];
    }
  }
}

function cleanChildren(nodes: readonly ChildNode[], base: string | null, depth: number): void {
  for (const node of [...nodes]) {
    if (!isTag(node)) {
      if (node.type === 'comment' || node.type === 'directive' || node.type === 'cdata') removeElement(node);
      continue;
    }
    // Beyond any real article's nesting: drop rather than recurse further.
    if (DROPPED_ELEMENTS.has(node.name.toLowerCase()) || depth > 256) {
      removeElement(node);
      continue;
    }
    cleanElement(node, base);
    cleanChildren(node.children, base, depth + 1);
  }
}

/**
 * HTML fit for a feed out: every href/src (and other URL attribute) is an absolute http(s) URL or is
 * gone, relative ones resolved against the article's own URL; no element or attribute that runs script.
 */
export function feedSafeHtml(html: string, articleUrl: string | null): string {
  const doc = parseDocument(html);
  cleanChildren(doc.children, isWebUrl(articleUrl) ? articleUrl : null, 0);
  return getOuterHTML(doc.children, { encodeEntities: 'utf8' });
}

function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What a feed item needs of an article and its outlet. */
export interface ArticleForFeed {
  id: number;
  title: string;
  url: string;
  lead: string | null;
  byline: string | null;
  html: string;
  text: string;
  lang: string | null;
  image_url: string | null;
  published_at: number;
  modified_at: number | null;
  created_at: number;
  source_name: string;
  source_slug: string;
  source_display: string;
}

/**
 * A feed entry for an article: the body the site publishes (full or excerpt, per the outlet), then a
 * visible source link to the outlet's article. `as` makes it stand for the story it leads (its id and page).
 */
export function articleEntry(
  baseUrl: string,
  article: ArticleForFeed,
  as?: { id: string; path: string },
): FeedEntry {
  const original = isWebUrl(article.url) ? article.url : null;
  const body = publishedBody(article, article.source_display);
  const outlet = escapeHtmlText(article.source_name);
  const parts = [feedSafeHtml(body.html, original)];
  if (body.excerpt) parts.push(`<p>${escapeHtmlText(strings.article.excerptNote(article.source_name))}</p>`);
  if (original) parts.push(`<p><a href="${escapeHtmlText(original)}">${escapeHtmlText(strings.article.sourceLink)}</a>: ${outlet}</p>`);
  return {
    id: as?.id ?? tagUri(baseUrl, article.created_at, `articles/${article.id}`),
    title: article.title,
    url: absoluteUrl(baseUrl, as?.path ?? articlePath(article)),
    externalUrl: original,
    contentHtml: parts.filter(Boolean).join('\n'),
    summary: article.lead,
    author: article.byline ?? article.source_name,
    published: article.published_at,
    updated: Math.max(article.published_at, article.modified_at ?? 0),
    image: isWebUrl(article.image_url) ? article.image_url : null,
    language: article.lang,
    source: { name: article.source_name, feedUrl: absoluteUrl(baseUrl, feedPaths(sourcePath({ slug: article.source_slug })).rss) },
  };
}

/** The one language all entries share, or null. */
export function commonLanguage(entries: readonly FeedEntry[]): string | null {
  const languages = new Set(entries.map((e) => e.language));
  const only = languages.size === 1 ? [...languages][0] : null;
  return only ?? null;
}

/** When a feed last changed: its newest entry, or `now` for an empty feed. */
export function feedUpdated(entries: readonly FeedEntry[], now: number): number {
  return entries.length === 0 ? now : Math.max(...entries.map((e) => e.updated));
}

const element = (name: string, text: string | null | undefined, attrs = ''): string =>
  text === null || text === undefined || text === '' ? '' : `<${name}${attrs}>${xmlEscape(text)}</${name}>`;

// RSS titles carry no type: some readers (newsboat) show them as text, others (feedparser, our own
// parser) read them as HTML. A title an HTML reader would take for markup (a "<" that opens a tag,
// comment or processing instruction) or for a character reference is escaped once more: a text
// reader then shows the escapes, but no reader ever renders a title's text as markup. Any other
// title ("Fares < £5 & more") reads the same both ways and is left alone.
const READS_AS_HTML = /<[A-Za-z/!?]|&(?:#|[A-Za-z][A-Za-z0-9]*;)/u;

function rssTitle(title: string): string {
  return READS_AS_HTML.test(title) ? escapeHtmlText(title) : title;
}

/** The feed as RSS 2.0, with its self link in the Atom namespace (RSS Best Practices Profile). */
export function renderRss(feed: FeedDocument): string {
  const items = feed.entries.map((e) => [
    '<item>',
    element('title', rssTitle(e.title)),
    element('link', e.url),
    element('guid', e.id, ' isPermaLink="false"'),
    element('pubDate', rfc822Date(e.published)),
    element('dc:creator', e.author),
    e.source ? element('source', e.source.name, ` url="${xmlEscape(e.source.feedUrl)}"`) : '',
    element('description', e.contentHtml),
    '</item>',
  ].filter(Boolean).join(''));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    element('title', rssTitle(feed.title)),
    element('link', feed.pageUrl),
    element('description', feed.description),
    element('language', feed.language),
    element('lastBuildDate', rfc822Date(feed.updated)),
    element('generator', 'Topstory'),
    element('docs', 'https://www.rssboard.org/rss-specification'),
    `<atom:link href="${xmlEscape(feed.feedUrls.rss)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].filter(Boolean).join('\n');
}

/** The feed as Atom 1.0 (RFC 4287): text constructs typed, ids that never change, a self link. */
export function renderAtom(feed: FeedDocument): string {
  const entries = feed.entries.map((e) => [
    '<entry>',
    element('id', e.id),
    element('title', e.title, ' type="text"'),
    `<link rel="alternate" type="text/html" href="${xmlEscape(e.url)}"/>`,
    e.externalUrl ? `<link rel="related" type="text/html" href="${xmlEscape(e.externalUrl)}"/>` : '',
    element('published', rfc3339Date(e.published)),
    element('updated', rfc3339Date(e.updated)),
    e.author ? `<author>${element('name', e.author)}</author>` : '',
    element('summary', e.summary, ' type="text"'),
    element('content', e.contentHtml, ' type="html"'),
    '</entry>',
  ].filter(Boolean).join(''));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${feed.language ? ` xml:lang="${xmlEscape(feed.language)}"` : ''}>`,
    element('id', feed.feedUrls.atom),
    element('title', feed.title, ' type="text"'),
    element('subtitle', feed.description, ' type="text"'),
    element('updated', rfc3339Date(feed.updated)),
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(feed.feedUrls.atom)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(feed.pageUrl)}"/>`,
    // RFC 4287 §4.1.1: an entry without its own author takes the feed's.
    `<author>${element('name', feed.siteName)}<uri>${xmlEscape(feed.pageUrl)}</uri></author>`,
    element('generator', 'Topstory'),
    ...entries,
    '</feed>',
    '',
  ].filter(Boolean).join('\n');
}

/** The feed as JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function renderJsonFeed(feed: FeedDocument): string {
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.pageUrl,
    feed_url: feed.feedUrls.json,
    description: feed.description,
    ...(feed.language ? { language: feed.language } : {}),
    authors: [{ name: feed.siteName }],
    items: feed.entries.map((e) => ({
      id: e.id,
      url: e.url,
      ...(e.externalUrl ? { external_url: e.externalUrl } : {}),
      title: e.title,
      content_html: e.contentHtml,
      ...(e.summary ? { summary: e.summary } : {}),
      ...(e.image ? { image: e.image } : {}),
      date_published: rfc3339Date(e.published),
      date_modified: rfc3339Date(e.updated),
      ...(e.author ? { authors: [{ name: e.author }] } : {}),
      ...(e.language ? { language: e.language } : {}),
    })),
  };
  // JSON can escape any character, but readers store and show these as XML would refuse them.
  return `${JSON.stringify(doc, (_key, value: unknown) => (typeof value === 'string' ? value.replace(XML_INVALID, '') : value), 1)}\n`;
}

/** One URL of a sitemap: absolute location and last change (ms). */
export interface SitemapUrl {
  loc: string;
  lastmod: number | null;
}

/** The most URLs one sitemap file may list (sitemaps.org). */
export const SITEMAP_URL_LIMIT = 50_000;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** A `<urlset>` sitemap. */
export function renderSitemap(urls: readonly SitemapUrl[]): string {
  const lines = urls.map((u) => `<url>${element('loc', u.loc)}${u.lastmod === null ? '' : element('lastmod', rfc3339Date(u.lastmod))}</url>`);
  return ['<?xml version="1.0" encoding="utf-8"?>', `<urlset xmlns="${SITEMAP_NS}">`, ...lines, '</urlset>', ''].join('\n');
}

/** A `<sitemapindex>` pointing at sitemap files. */
export function renderSitemapIndex(sitemaps: readonly SitemapUrl[]): string {
  const lines = sitemaps.map((s) => `<sitemap>${element('loc', s.loc)}${s.lastmod === null ? '' : element('lastmod', rfc3339Date(s.lastmod))}</sitemap>`);
  return ['<?xml version="1.0" encoding="utf-8"?>', `<sitemapindex xmlns="${SITEMAP_NS}">`, ...lines, '</sitemapindex>', ''].join('\n');
}

/** The most URLs a Google News sitemap may list. */
export const NEWS_SITEMAP_LIMIT = 1_000;

/** How far back a Google News sitemap reaches: articles of the last two days. */
export const NEWS_SITEMAP_WINDOW_MS = 48 * 3_600_000;

/** One article of a news sitemap. */
export interface NewsSitemapEntry {
  loc: string;
  title: string;
  language: string;
  published: number;
}

/** A Google News sitemap: each article with the publication's name and language, its date and title. */
export function renderNewsSitemap(publication: string, entries: readonly NewsSitemapEntry[]): string {
  const lines = entries.map((e) => [
    '<url>',
    element('loc', e.loc),
    '<news:news><news:publication>',
    element('news:name', publication),
    element('news:language', e.language),
    '</news:publication>',
    element('news:publication_date', rfc3339Date(e.published)),
    element('news:title', e.title),
    '</news:news></url>',
  ].join(''));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<urlset xmlns="${SITEMAP_NS}" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`,
    ...lines,
    '</urlset>',
    '',
  ].join('\n');
}

/** The language code a news sitemap accepts (ISO 639, with zh-cn / zh-tw), from an article's language. */
export function newsLanguage(lang: string | null, fallback = 'en'): string {
  const code = (lang ?? '').trim().toLowerCase();
  if (code === 'zh-cn' || code === 'zh-tw') return code;
  const primary = /^([a-z]{2,3})(?:[-_]|$)/u.exec(code)?.[1];
  return primary ?? fallback;
}

/** robots.txt (RFC 9309): every crawler may read everything but the listed paths; the sitemaps by absolute URL. */
export function renderRobots(disallowed: readonly string[], sitemapUrls: readonly string[]): string {
  return [
    'User-agent: *',
    'Allow: /',
    ...disallowed.map((p) => `Disallow: ${p}`),
    '',
    ...sitemapUrls.map((u) => `Sitemap: ${u}`),
    '',
  ].join('\n');
}
