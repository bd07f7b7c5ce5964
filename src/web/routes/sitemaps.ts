// GET /sitemap.xml (or, past 50,000 URLs, a sitemap index of /sitemap-N.xml pages), /news-sitemap.xml
// (Google News: the last 48 hours) and /robots.txt. Article pages of full-text outlets carry noindex
// (DESIGN.md "Publishing policy"), so no sitemap lists them; their story pages stay listed.
import type { Hono } from 'hono';
import type { App } from '../../app.js';
import {
  newestArticleTime, newsSitemapArticles, sitemapCounts, sitemapRows, type SitemapKind, type SitemapRow,
} from '../../store/feed-items.js';
import {
  NEWS_SITEMAP_LIMIT, NEWS_SITEMAP_WINDOW_MS, SITEMAP_URL_LIMIT, newsLanguage, renderNewsSitemap, renderRobots,
  renderSitemap, renderSitemapIndex, type SitemapUrl,
} from '../feeds-out.js';
import { strings } from '../strings.js';
import { absoluteUrl, articlePath, sourcePath, storyPath, topicPath } from '../urls.js';

const XML = 'application/xml; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';
const CACHE_CONTROL = 'public, max-age=300';

/** Paths no crawler needs: the operator's pages, the API, and search results (endless and thin). */
export const ROBOTS_DISALLOWED = ['/admin/', '/api/', '/search'];

/** Site paths of the sitemaps robots.txt announces. */
export const SITEMAP_PATHS = { sitemap: '/sitemap.xml', news: '/news-sitemap.xml' };

/** Path of page `n` (from 1) of a sitemap that is split by an index. */
export function sitemapPagePath(n: number): string {
  return `/sitemap-${n}.xml`;
}

// The kinds of page after the front page, in the order sitemap pages list them, with their paths.
const KIND_PATHS: ReadonlyArray<[SitemapKind, (row: SitemapRow) => string]> = [
  ['sources', (r) => sourcePath({ slug: r.key })],
  ['topics', (r) => topicPath({ slug: r.key })],
  ['stories', (r) => storyPath({ id: Number(r.key) })],
  ['articles', (r) => articlePath({ id: Number(r.key), title: r.title ?? '' })],
];

// The URLs from position `start` (0 = the front page) to before `end` of the whole list.
async function sitemapUrls(app: App, counts: Record<SitemapKind, number>, start: number, end: number): Promise<SitemapUrl[]> {
  const base = app.config.baseUrl;
  const urls: SitemapUrl[] = [];
  if (start === 0 && end > 0) urls.push({ loc: absoluteUrl(base, '/'), lastmod: (await newestArticleTime(app.store)) ?? null });
  let position = 1;
  for (const [kind, path] of KIND_PATHS) {
    const from = Math.max(start, position);
    const to = Math.min(end, position + counts[kind]);
    if (from < to) {
      for (const row of await sitemapRows(app.store, kind, from - position, to - from)) urls.push({ loc: absoluteUrl(base, path(row)), lastmod: row.lastmod });
    }
    position += counts[kind];
  }
  return urls;
}

function totalUrls(counts: Record<SitemapKind, number>): number {
  return 1 + counts.sources + counts.topics + counts.stories + counts.articles;
}

/** Registers /sitemap.xml, /sitemap-N.xml, /news-sitemap.xml and /robots.txt; `now` sets the news window. */
export function sitemapRoutes(web: Hono, app: App, now: () => number): void {
  const xml = { 'Content-Type': XML, 'Cache-Control': CACHE_CONTROL };

  web.get(SITEMAP_PATHS.sitemap, async (c) => {
    const counts = await sitemapCounts(app.store);
    const total = totalUrls(counts);
    if (total <= SITEMAP_URL_LIMIT) return c.body(renderSitemap(await sitemapUrls(app, counts, 0, total)), 200, xml);
    const pages = Math.ceil(total / SITEMAP_URL_LIMIT);
    const index = Array.from({ length: pages }, (_, i) => ({ loc: absoluteUrl(app.config.baseUrl, sitemapPagePath(i + 1)), lastmod: null }));
    return c.body(renderSitemapIndex(index), 200, xml);
  });

  web.get('/:file{sitemap-[0-9]+\\.xml}', async (c) => {
    const n = Number(/[0-9]+/u.exec(c.req.param('file'))?.[0]);
    const counts = await sitemapCounts(app.store);
    const total = totalUrls(counts);
    if (!(n >= 1 && (n - 1) * SITEMAP_URL_LIMIT < total)) return c.text(strings.errors.notFound, 404);
    const start = (n - 1) * SITEMAP_URL_LIMIT;
    return c.body(renderSitemap(await sitemapUrls(app, counts, start, Math.min(total, start + SITEMAP_URL_LIMIT))), 200, xml);
  });

  web.get(SITEMAP_PATHS.news, async (c) => {
    const t = now();
    const rows = await newsSitemapArticles(app.store, t - NEWS_SITEMAP_WINDOW_MS, t, NEWS_SITEMAP_LIMIT);
    const entries = rows.map((r) => ({
      loc: absoluteUrl(app.config.baseUrl, articlePath(r)),
      title: r.title,
      language: newsLanguage(r.lang),
      published: r.published_at,
    }));
    return c.body(renderNewsSitemap(app.config.siteName, entries), 200, xml);
  });

  web.get('/robots.txt', (c) => {
    const sitemaps = [SITEMAP_PATHS.sitemap, SITEMAP_PATHS.news].map((p) => absoluteUrl(app.config.baseUrl, p));
    return c.body(renderRobots(ROBOTS_DISALLOWED, sitemaps), 200, { 'Content-Type': TEXT, 'Cache-Control': CACHE_CONTROL });
  });
}
