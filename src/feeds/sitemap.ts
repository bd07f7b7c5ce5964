// Sitemaps (sitemaps.org 0.9), sitemap indexes and Google News sitemaps → ParsedFeed. A news
// sitemap's news:title and news:publication_date make its URLs usable as feed items.
import { capItems, elementDate, MAX_SITEMAP_URLS, elementText, elementValue, httpUrl, nonEmpty, type Notes } from './constructs.js';
import { emptyFeedInfo, emptyItem, type FeedItem, type ParsedFeed } from './types.js';
import { childElements, firstChild, type XmlElement } from './xml.js';

// The sitemap vocabulary, with or without its namespace declared.
const SITEMAP_NS = ['sitemap', ''] as const;

function readUrl(url: XmlElement, notes: Notes): FeedItem | undefined {
  const link = httpUrl(elementValue(firstChild(url, 'loc', SITEMAP_NS)), url.base);
  if (!link) return undefined;
  const item = emptyItem();
  item.id = link;
  item.link = link;
  item.updated = elementDate(firstChild(url, 'lastmod', SITEMAP_NS), notes);
  const news = firstChild(url, 'news', 'news');
  if (news) {
    item.title = elementText(firstChild(news, 'title', 'news'));
    item.published = elementDate(firstChild(news, 'publication_date', 'news'), notes);
    const keywords = elementValue(firstChild(news, 'keywords', 'news'));
    item.categories = keywords ? [...new Set(keywords.split(',').map((k) => nonEmpty(k)).filter((k): k is string => k !== null))] : [];
  }
  const image = firstChild(url, 'image', 'image');
  item.image = image ? httpUrl(elementValue(firstChild(image, 'loc', 'image')), image.base) : null;
  return item;
}

/** Maps a `<urlset>` sitemap to a ParsedFeed with one item per URL. */
export function readSitemap(root: XmlElement, notes: Notes): Omit<ParsedFeed, 'encoding' | 'warnings'> {
  const items = capItems(childElements(root, 'url', SITEMAP_NS), MAX_SITEMAP_URLS, notes).map((u) => readUrl(u, notes)).filter((i): i is FeedItem => i !== undefined);
  const languages = new Set(childElements(root, 'url', SITEMAP_NS)
    .map((u) => firstChild(u, 'news', 'news'))
    .map((n) => (n ? elementValue(firstChild(firstChild(n, 'publication', 'news') ?? n, 'language', 'news')) : null))
    .filter((l): l is string => l !== null));
  const feed = emptyFeedInfo();
  const firstNews = childElements(root, 'url', SITEMAP_NS).map((u) => firstChild(u, 'news', 'news')).find(Boolean);
  const publication = firstNews ? firstChild(firstNews, 'publication', 'news') : undefined;
  feed.title = publication ? elementText(firstChild(publication, 'name', 'news')) : null;
  feed.language = languages.size === 1 ? [...languages][0]! : null;
  return { format: 'sitemap', version: null, feed, items, sitemaps: [] };
}

/** Maps a `<sitemapindex>` to a ParsedFeed listing its child sitemap URLs. */
export function readSitemapIndex(root: XmlElement, notes: Notes): Omit<ParsedFeed, 'encoding' | 'warnings'> {
  const sitemaps: string[] = [];
  let updated: string | null = null;
  for (const s of capItems(childElements(root, 'sitemap', SITEMAP_NS), MAX_SITEMAP_URLS, notes)) {
    const loc = httpUrl(elementValue(firstChild(s, 'loc', SITEMAP_NS)), s.base);
    if (loc && !sitemaps.includes(loc)) sitemaps.push(loc);
    const lastmod = elementDate(firstChild(s, 'lastmod', SITEMAP_NS), notes);
    if (lastmod && (!updated || lastmod > updated)) updated = lastmod;
  }
  const feed = emptyFeedInfo();
  feed.updated = updated;
  return { format: 'sitemap-index', version: null, feed, items: [], sitemaps };
}
