// sitemap.xml (split by an index past 50,000 URLs), news-sitemap.xml (the last 48 hours) and
// robots.txt, served in-process on both databases and read back with our own parser and with
// robots-parser: which pages a search engine is told about, and that noindex pages are not among them.
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import robotsParserModule from 'robots-parser';
import { describeEachDatabase } from '../support/databases.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { parseFeed, type ParsedFeed } from '../../src/feeds/index.js';
import { addSource } from '../../src/store/sources.js';
import { upsertArticle, setArticleStory, type ArticleInput } from '../../src/store/articles.js';
import { createStory, refreshStoryCounts, setArticleEntities, upsertEntities } from '../../src/store/stories.js';
import { sitemapRoutes } from '../../src/web/routes/sitemaps.js';
import { absoluteUrl, articlePath, sourcePath, storyPath, topicPath } from '../../src/web/urls.js';
import type { App } from '../../src/app.js';
import type { Store } from '../../src/store/index.js';

const NOW = Date.UTC(2026, 2, 4, 12, 0, 0);
const HOUR = 3_600_000;
const BASE = 'https://digest.example';
const SITE = 'Harbour Daily Digest';

function sitemapWeb(store: Store): Hono {
  const app: App = {
    config: loadConfig({ TOPSTORY_SITE_NAME: SITE, TOPSTORY_BASE_URL: BASE }),
    store, log: createLogger('silent'), secret: 'x'.repeat(32), close: async () => {},
  };
  const web = new Hono();
  sitemapRoutes(web, app, () => NOW);
  return web;
}

function article(sourceId: number, key: string, fields: Partial<ArticleInput>): ArticleInput {
  const url = `https://outlet.example/${key}`;
  return {
    sourceId, url, normalizedUrl: url, guid: key, contentHash: key, title: key, lead: null, byline: null, text: 'Body.',
    html: '<p>Body.</p>', lang: 'en', imageUrl: null, canonicalUrl: null, siteName: null, wordCount: 1, publishedAt: NOW,
    modifiedAt: null, ...fields,
  };
}

/** An excerpt outlet and a full-text outlet; articles inside and outside the 48 h window; a story, a topic, a duplicate. */
async function seed(store: Store) {
  const coast = await addSource(store, { name: 'Coast News', url: 'https://coast.example/feed', display: 'excerpt' }, NOW - 200 * HOUR);
  const valley = await addSource(store, { name: 'Valley Times', url: 'https://valley.example/rss', display: 'full' }, NOW - 200 * HOUR);
  const add = async (sourceId: number, key: string, fields: Partial<ArticleInput>) => (await upsertArticle(store, article(sourceId, key, fields), NOW)).id;
  const ids = {
    fresh: await add(coast.id, 'fresh', { title: 'Ferry fares < £5 & "free" rides', publishedAt: NOW - HOUR, modifiedAt: NOW - 30 * 60_000, lang: 'en-GB' }),
    edge: await add(coast.id, 'edge', { title: 'Pier opens', publishedAt: NOW - 48 * HOUR, lang: 'ru' }),
    old: await add(coast.id, 'old', { title: 'Old harbour news', publishedAt: NOW - 48 * HOUR - 1 }),
    full: await add(valley.id, 'full', { title: 'Valley riders cheer', publishedAt: NOW - 2 * HOUR }),
    copy: 0,
  };
  ids.copy = await add(coast.id, 'copy', { title: 'Ferry fares (copy)', publishedAt: NOW - HOUR, duplicateOf: ids.fresh });
  const story = await createStory(store, { title: 'Ferry fares', lang: 'en', publishedAt: NOW - 2 * HOUR }, NOW);
  for (const id of [ids.fresh, ids.full]) await setArticleStory(store, id, story, null, NOW);
  await setArticleStory(store, ids.copy, story, ids.fresh, NOW);
  await refreshStoryCounts(store, story, NOW);
  await createStory(store, { title: 'Story without articles', lang: 'en', publishedAt: NOW }, NOW);
  const entity = (await upsertEntities(store, [{ kind: 'org', name: 'Harbour Authority', slug: 'harbour-authority' }], NOW)).get('harbour-authority')!;
  await setArticleEntities(store, ids.full, [{ entityId: entity, mentions: 1 }]);
  await upsertEntities(store, [{ kind: 'person', name: 'Nobody Mentioned', slug: 'nobody-mentioned' }], NOW);
  return { coast, valley, story, ...ids };
}

async function fetchXml(web: Hono, path: string): Promise<{ raw: string; parsed: ParsedFeed }> {
  const res = await web.request(path);
  assert.equal(res.status, 200, `${path} answers 200`);
  assert.equal(res.headers.get('content-type'), 'application/xml; charset=utf-8');
  const raw = await res.text();
  return { raw, parsed: parseFeed(new TextEncoder().encode(raw), { url: `${BASE}${path}` }) };
}

const iso = (ms: number) => new Date(ms).toISOString();

// The package is CommonJS whose module.exports is the parser; its typings describe an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getSitemaps(): string[];
};

describeEachDatabase('sitemaps and robots.txt', (test) => {
  test('sitemap.xml lists the front, source, topic, story and indexable article pages with lastmod', async ({ store }) => {
    const s = await seed(store);
    const { parsed } = await fetchXml(sitemapWeb(store), '/sitemap.xml');
    assert.equal(parsed.format, 'sitemap');
    assert.deepEqual(parsed.warnings, [], 'a well-formed sitemap needs no repair');
    const lastmod = new Map(parsed.items.map((i) => [i.link, i.updated]));
    const url = (path: string) => absoluteUrl(BASE, path);
    // Full-text republications carry noindex and duplicates repeat their original: neither is listed.
    assert.deepEqual([...lastmod.keys()].sort(), [
      url('/'),
      url(sourcePath(s.coast)), url(sourcePath(s.valley)),
      url(topicPath({ slug: 'harbour-authority' })),
      url(storyPath({ id: s.story })),
      url(articlePath({ id: s.fresh, title: 'Ferry fares < £5 & "free" rides' })),
      url(articlePath({ id: s.edge, title: 'Pier opens' })),
      url(articlePath({ id: s.old, title: 'Old harbour news' })),
    ].sort());
    assert.equal(lastmod.get(url('/')), iso(NOW - HOUR), 'the front page changed with the newest article');
    assert.equal(lastmod.get(url(articlePath({ id: s.fresh, title: 'Ferry fares < £5 & "free" rides' }))), iso(NOW - 30 * 60_000));
    assert.equal(lastmod.get(url(storyPath({ id: s.story }))), iso(NOW - HOUR));
    assert.equal(lastmod.get(url(sourcePath(s.valley))), iso(NOW - 2 * HOUR));
    assert.equal(lastmod.get(url(topicPath({ slug: 'harbour-authority' }))), iso(NOW - 2 * HOUR));
  });

  test('news-sitemap.xml: indexable articles of the last 48 hours with publication, language, date and title', async ({ store }) => {
    const s = await seed(store);
    const { raw, parsed } = await fetchXml(sitemapWeb(store), '/news-sitemap.xml');
    assert.deepEqual(parsed.warnings, [], 'a well-formed sitemap needs no repair');
    assert.equal(parsed.feed.title, SITE, 'news:publication name is the site name');
    assert.deepEqual(parsed.items.map((i) => [i.link, i.title, i.published]), [
      [absoluteUrl(BASE, articlePath({ id: s.fresh, title: 'Ferry fares < £5 & "free" rides' })), 'Ferry fares < £5 & "free" rides', iso(NOW - HOUR)],
      [absoluteUrl(BASE, articlePath({ id: s.edge, title: 'Pier opens' })), 'Pier opens', iso(NOW - 48 * HOUR)],
    ]);
    assert.match(raw, /<news:language>en<\/news:language>[\s\S]*<news:language>ru<\/news:language>/);
    assert.match(raw, /<news:name>Harbour Daily Digest<\/news:name>/);
    assert.match(raw, /<news:title>Ferry fares &lt; £5 &amp; &quot;free&quot; rides<\/news:title>/);
    assert.match(raw, /xmlns:news="http:\/\/www\.google\.com\/schemas\/sitemap-news\/0\.9"/);
  });

  test('robots.txt keeps crawlers out of admin, API and search and names both sitemaps by absolute URL', async ({ store }) => {
    const res = await sitemapWeb(store).request('/robots.txt');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    const text = await res.text();
    const robots = robotsParser(`${BASE}/robots.txt`, text);
    const cases: Array<[string, boolean]> = [
      ['/', true], ['/articles/1/ferry', true], ['/stories/1', true], ['/feed.xml', true], ['/sitemap.xml', true],
      ['/admin/', false], ['/admin/sources', false], ['/api/v1/articles', false], ['/search?q=ferry', false], ['/search', false],
    ];
    for (const [path, allowed] of cases) assert.equal(robots.isAllowed(`${BASE}${path}`, 'Googlebot'), allowed, `${path} allowed: ${allowed}`);
    assert.deepEqual(robots.getSitemaps(), [`${BASE}/sitemap.xml`, `${BASE}/news-sitemap.xml`]);
  });

  test('past 50,000 URLs sitemap.xml becomes an index of pages that together list every URL once', async ({ store }) => {
    const stories = 50_010;
    const batch = 1_000;
    for (let start = 0; start < stories; start += batch) {
      const rows = Array.from({ length: Math.min(batch, stories - start) }, (_, i) => ({
        title: `Story ${start + i}`, lang: 'en', article_count: 1, outlet_count: 1, first_published_at: NOW, last_published_at: NOW,
        created_at: NOW, updated_at: NOW,
      }));
      await store.db.insertInto('stories').values(rows).execute();
    }
    const web = sitemapWeb(store);
    const index = await fetchXml(web, '/sitemap.xml');
    assert.equal(index.parsed.format, 'sitemap-index');
    assert.deepEqual(index.parsed.sitemaps, [`${BASE}/sitemap-1.xml`, `${BASE}/sitemap-2.xml`]);
    const first = await fetchXml(web, '/sitemap-1.xml');
    const second = await fetchXml(web, '/sitemap-2.xml');
    assert.equal(first.parsed.items.length, 50_000);
    assert.equal(second.parsed.items.length, 11, 'the front page and 50,010 stories make 50,011 URLs');
    const all = [...first.parsed.items, ...second.parsed.items].map((i) => i.link);
    assert.equal(new Set(all).size, all.length, 'no URL is listed twice');
    assert.equal(all[0], `${BASE}/`);
    assert.equal((await web.request('/sitemap-3.xml')).status, 404);
    assert.equal((await web.request('/sitemap-0.xml')).status, 404);
  });
});
