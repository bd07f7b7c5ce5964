// The site's pages as a reader meets them, in-process with app.request() on both databases: the
// front page led by the Top Story, article pages (source link, more coverage, related articles,
// excerpt vs full text, JSON-LD, 301/404/410), story, topic, outlet and search pages, and the page
// cache (hits, invalidation by new content, ETag/304, compression).
import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import { describeEachDatabase } from '../support/databases.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createWeb, listen } from '../../src/web/server.js';
import { addSource } from '../../src/store/sources.js';
import { deleteArticle, upsertArticle, type ArticleInput } from '../../src/store/articles.js';
import { createStory, refreshStoryCounts, setArticleEntities, setStoryScore, upsertEntities } from '../../src/store/stories.js';
import { insertComment, moderateComment } from '../../src/store/comments.js';
import type { App } from '../../src/app.js';
import type { Store } from '../../src/store/index.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 4, 12, 0, 0);

function testApp(store: Store): App {
  return {
    config: loadConfig({ TOPSTORY_SITE_NAME: 'Harbour Daily Digest', TOPSTORY_BASE_URL: 'https://news.example.org' }),
    store, log: createLogger('silent'), secret: 'x'.repeat(32), close: async () => {},
  };
}

function article(sourceId: number, slug: string, over: Partial<ArticleInput> = {}): ArticleInput {
  const url = `https://outlet${sourceId}.example/${slug}`;
  return {
    sourceId, url, normalizedUrl: url, guid: slug, contentHash: slug, title: slug, lead: null, byline: null,
    text: 'Body.', html: '<p>Body.</p>', lang: 'en', imageUrl: null, canonicalUrl: null, siteName: null, wordCount: 1,
    publishedAt: NOW - HOUR, modifiedAt: null, ...over,
  };
}

// A small world: a ferry story covered by three outlets (one copy of wire text), a harbour-strike
// story sharing the entity "Portmouth", and an unrelated bakery story.
async function seed(store: Store) {
  const wire = await addSource(store, { name: 'Wire Service', url: 'https://outlet1.example/feed', display: 'full' }, NOW - 100 * HOUR);
  const coast = await addSource(store, { name: 'Coast News', url: 'https://outlet2.example/feed' }, NOW - 100 * HOUR);
  const valley = await addSource(store, { name: 'Valley Times', url: 'https://outlet3.example/feed' }, NOW - 100 * HOUR);
  const longBody = Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1} about the ferry timetable and the crossing to Portmouth harbour.</p>`).join('');
  const ids = await store.writeTransaction(async (tx) => {
    const ferry = await createStory(tx, { title: 'Ferry service resumes', lang: 'en', publishedAt: NOW - 5 * HOUR }, NOW);
    const strike = await createStory(tx, { title: 'Harbour strike', lang: 'en', publishedAt: NOW - 20 * HOUR }, NOW);
    const bakery = await createStory(tx, { title: 'Bakery prize', lang: 'en', publishedAt: NOW - 30 * HOUR }, NOW);
    const a1 = (await upsertArticle(tx, article(wire.id, 'ferry-wire', {
      title: 'Ferry service to Portmouth resumes after storm', lead: 'Crossings restart on Monday with a reduced timetable.',
      byline: 'Ana Silva', html: `<p>The ferry to Portmouth <a href="javascript:alert(1)">runs</a> again.</p>${longBody}`,
      text: 'The ferry to Portmouth runs again. Lighthousekeeper quotes.', imageUrl: 'https://outlet1.example/ferry.jpg',
      publishedAt: NOW - 5 * HOUR, storyId: ferry,
    }), NOW)).id;
    const a2 = (await upsertArticle(tx, article(coast.id, 'ferry-coast', {
      title: 'Portmouth ferries are back', lead: 'Coast News on the restart.', html: longBody, text: 'Portmouth ferries are back in service.',
      publishedAt: NOW - 3 * HOUR, storyId: ferry,
    }), NOW)).id;
    const copy = (await upsertArticle(tx, article(valley.id, 'ferry-copy', {
      title: 'Ferry service to Portmouth resumes after storm', html: '<p>The ferry to Portmouth runs again.</p>', text: 'The ferry to Portmouth runs again.',
      publishedAt: NOW - 4 * HOUR, storyId: ferry, duplicateOf: null,
    }), NOW)).id;
    await tx.db.updateTable('articles').set({ duplicate_of: a1 }).where('id', '=', copy).execute();
    const s1 = (await upsertArticle(tx, article(valley.id, 'strike', {
      title: 'Portmouth harbour workers strike over pay', html: '<p>Dockers at Portmouth walked out.</p>', text: 'Dockers at Portmouth walked out.',
      publishedAt: NOW - 20 * HOUR, storyId: strike,
    }), NOW)).id;
    const b1 = (await upsertArticle(tx, article(coast.id, 'bakery', {
      title: 'Village bakery wins bread prize', text: 'A sourdough loaf won.', html: '<p>A sourdough loaf won.</p>', publishedAt: NOW - 30 * HOUR, storyId: bakery,
    }), NOW)).id;
    const entities = await upsertEntities(tx, [{ kind: 'place', name: 'Portmouth', slug: 'portmouth' }, { kind: 'person', name: 'Ana Silva', slug: 'ana-silva' }], NOW);
    for (const id of [a1, a2, copy, s1]) await setArticleEntities(tx, id, [{ entityId: entities.get('portmouth')!, mentions: 2 }]);
    for (const s of [ferry, strike, bakery]) await refreshStoryCounts(tx, s, NOW);
    await setStoryScore(tx, ferry, 9, NOW);
    await setStoryScore(tx, strike, 5, NOW);
    await setStoryScore(tx, bakery, 1, NOW);
    return { ferry, strike, bakery, a1, a2, copy, s1, b1 };
  });
  return { ...ids, wire, coast, valley };
}

async function page(web: ReturnType<typeof createWeb>, path: string, init?: RequestInit) {
  const res = await web.request(path, init);
  return { res, html: await res.text() };
}

// Pattern checks that print a short excerpt, not the whole page, when they fail.
function has(html: string, pattern: RegExp, message?: string): void {
  assert.ok(pattern.test(html), `${message ?? 'expected'}: ${pattern} in ${html.length} chars of HTML`);
}

function lacks(html: string, pattern: RegExp, message?: string): void {
  const m = pattern.exec(html);
  assert.ok(!m, `${message ?? 'unexpected'}: ${pattern} found: …${m ? html.slice(Math.max(0, m.index - 80), m.index + 80) : ''}…`);
}

function jsonLd(html: string): Array<Record<string, unknown>> {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gsu)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
}

describeEachDatabase('site pages', (test) => {
  test('the front page leads with the Top Story, then top stories, latest and topics', async ({ store }) => {
    const w = await seed(store);
    const web = createWeb(testApp(store), () => NOW);
    const { res, html } = await page(web, '/');
    assert.equal(res.status, 200);
    assert.ok(html.startsWith('<!DOCTYPE html><html lang="en">'), 'standards mode, language declared');
    const lead = /<article class="lead-story[^"]*"[^>]*>([\s\S]*?)<\/article>/u.exec(html)?.[1] ?? '';
    has(lead, /Top Story/, 'the lead is labelled Top Story');
    has(lead, new RegExp(`href="/articles/${w.a1}/ferry-service-to-portmouth-resumes-after-storm"`), 'the lead links to its article page');
    has(lead, /Crossings restart on Monday/, 'the standfirst is shown');
    has(lead, /2 outlets/, 'outlets covering it (the copy counts once)');
    has(lead, /broke <time datetime="2026-03-04T07:00:00.000Z"/, 'when it broke');
    has(lead, /<img[^>]+src="https:\/\/outlet1.example\/ferry.jpg"[^>]+width="800" height="450"/, 'image with width and height');
    assert.ok(html.indexOf('Portmouth harbour workers strike') < html.indexOf('Village bakery wins'), 'stories in rank order');
    has(html, /<h2 id="latest">Latest<\/h2>/);
    has(html, /<a href="\/topics\/portmouth">Portmouth<\/a>/, 'a section by topic');
    assert.equal((await web.request('/?page=abc')).status, 400);
    assert.equal((await web.request('/?page=2')).status, 404, 'no second page with three stories');
    const sources = await page(web, '/sources');
    has(sources.html, /3 outlets; 5 articles are stored/);
    has(sources.html, /href="\/sources\/coast-news"/);
  });

  test('related articles follow edits, new articles and removals in the stories they come from', async ({ store }) => {
    const w = await seed(store);
    const app = testApp(store);
    // The page cache off: what is checked is the related stories remembered between pages.
    const web = createWeb(app, () => NOW, { cache: false });
    const path = `/articles/${w.a1}/ferry-service-to-portmouth-resumes-after-storm`;
    const related = async () => /<section aria-labelledby="related-heading">([\s\S]*?)<\/section>/u.exec((await page(web, path)).html)?.[1] ?? '';
    has(await related(), /Portmouth harbour workers strike over pay/, 'the strike story, as first seen');
    await upsertArticle(store, article(w.valley.id, 'strike', {
      title: 'Portmouth dockers strike over pay', html: '<p>Dockers at Portmouth walked out.</p>', text: 'Dockers at Portmouth walked out.',
      publishedAt: NOW - 20 * HOUR, storyId: w.strike, contentHash: 'strike-edited',
    }), NOW + 1);
    const edited = await related();
    has(edited, /Portmouth dockers strike over pay/, 'an edited headline shows as it is now');
    lacks(edited, /harbour workers strike/, 'not the old headline');
    const s2 = await store.writeTransaction(async (tx) => {
      const id = (await upsertArticle(tx, article(w.coast.id, 'strike-talks', {
        title: 'Portmouth strike talks resume', text: 'Talks at Portmouth.', html: '<p>Talks at Portmouth.</p>', publishedAt: NOW - 2 * HOUR, storyId: w.strike,
      }), NOW + 2)).id;
      const portmouth = (await upsertEntities(tx, [{ kind: 'place', name: 'Portmouth', slug: 'portmouth' }], NOW)).get('portmouth')!;
      await setArticleEntities(tx, id, [{ entityId: portmouth, mentions: 1 }]);
      await refreshStoryCounts(tx, w.strike, NOW + 2);
      return id;
    });
    const grown = await related();
    has(grown, new RegExp(`/articles/${s2}/`), 'the story\'s new newest article is the one offered');
    lacks(grown, new RegExp(`/articles/${w.s1}/`), 'one article per related story');
    await deleteArticle(store, s2, NOW + 3);
    await store.writeTransaction((tx) => refreshStoryCounts(tx, w.strike, NOW + 3));
    const shrunk = await related();
    lacks(shrunk, new RegExp(`/articles/${s2}/`), 'a removed article is not offered');
    has(shrunk, new RegExp(`/articles/${w.s1}/`), 'the story\'s remaining article is');
  });

  test('an article page: source link, more coverage, related articles, comments seam, back to top, JSON-LD', async ({ store }) => {
    const w = await seed(store);
    const web = createWeb(testApp(store), () => NOW);
    const path = `/articles/${w.a1}/ferry-service-to-portmouth-resumes-after-storm`;
    const wrong = await web.request(`/articles/${w.a1}/old-title`);
    assert.equal(wrong.status, 301, 'another slug redirects');
    assert.equal(wrong.headers.get('location'), path);
    const { res, html } = await page(web, path);
    assert.equal(res.status, 200);
    has(html, /<p class="label">Top Story<\/p>/, 'its story is the Top Story');
    has(html, /<h1 id="article-title">Ferry service to Portmouth resumes after storm<\/h1>/);
    has(html, /By Ana Silva/);
    has(html, /<time datetime="2026-03-04T07:00:00.000Z">2026-03-04 07:00 UTC \(5 h ago\)<\/time>/);
    has(html, /<a href="https:\/\/outlet1.example\/ferry-wire" rel="noopener">Source link<\/a>/, 'visible source link to the outlet');
    lacks(html, /javascript:/, 'stored html is shown sanitized');
    has(html, /Paragraph 8 about the ferry/, 'a full-text source shows the whole body');
    const coverage = /<section aria-labelledby="coverage-heading">([\s\S]*?)<\/section>/u.exec(html)?.[1] ?? '';
    has(coverage, new RegExp(`/articles/${w.a2}/`), 'the other outlet covers it');
    lacks(coverage, new RegExp(`/articles/(${w.a1}|${w.copy})/`), 'never itself or its copy');
    has(html, /<h2 id="copies-heading">Also published as<\/h2>/, 'the copy is listed as a copy');
    const related = /<section aria-labelledby="related-heading">([\s\S]*?)<\/section>/u.exec(html)?.[1] ?? '';
    has(related, /Related Articles/);
    has(related, new RegExp(`/articles/${w.s1}/`), 'the strike story shares Portmouth');
    lacks(related, new RegExp(`/articles/${w.b1}/`), 'the bakery story is not related');
    has(html, /<section id="comments"/, 'the comments section');
    has(html, /<a class="back-to-top" href="#top">/);
    has(html, /<header class="site-header" id="top" tabindex="-1">/, 'back to top targets a focusable element');
    has(html, /<link rel="canonical" href="https:\/\/news.example.org\/articles\//, 'canonical is our own URL');
    has(html, /<meta name="robots" content="noindex, follow"/, 'a full-text republished page is noindex');
    has(html, /<meta property="og:image" content="https:\/\/outlet1.example\/ferry.jpg"/);
    const [news, crumbs] = jsonLd(html);
    assert.equal(news?.['@type'], 'NewsArticle');
    assert.equal(news?.isBasedOn, 'https://outlet1.example/ferry-wire');
    assert.equal(news?.datePublished, '2026-03-04T07:00:00.000Z');
    assert.deepEqual(news?.author, [{ '@type': 'Person', name: 'Ana Silva' }]);
    assert.equal(crumbs?.['@type'], 'BreadcrumbList');
  });

  test('an excerpt source shows the first paragraphs and sends the reader to the outlet', async ({ store }) => {
    const w = await seed(store);
    const web = createWeb(testApp(store), () => NOW);
    const { html } = await page(web, `/articles/${w.a2}/portmouth-ferries-are-back`);
    has(html, /Paragraph 3 about/);
    lacks(html, /Paragraph 4 about/, 'only an excerpt');
    has(html, /Read the full article at Coast News/);
    has(html, /<p class="label">Top Story/, 'every article of the top story carries the label');
    const other = await page(web, `/articles/${w.s1}/portmouth-harbour-workers-strike-over-pay`);
    lacks(other.html, /<p class="label">Top Story/, 'an article of another story does not');
    lacks(html, /name="robots"/, 'excerpt pages may be indexed');
  });

  test('missing and removed articles: 404 and 410', async ({ store }) => {
    const w = await seed(store);
    const web = createWeb(testApp(store), () => NOW);
    assert.equal((await web.request('/articles/999999/x')).status, 404);
    assert.equal((await web.request('/articles/abc')).status, 404);
    await store.writeTransaction((tx) => deleteArticle(tx, w.b1, NOW));
    const gone = await page(web, `/articles/${w.b1}/village-bakery-wins-bread-prize`);
    assert.equal(gone.res.status, 410);
    has(gone.html, /Page removed/);
  });

  test('story, topic and outlet pages', async ({ store }) => {
    const w = await seed(store);
    const web = createWeb(testApp(store), () => NOW);
    const story = await page(web, `/stories/${w.ferry}`);
    assert.equal(story.res.status, 200);
    has(story.html, /2 articles from 2 outlets/);
    const wireAt = story.html.indexOf(`/articles/${w.a1}/`);
    const coastAt = story.html.indexOf(`/articles/${w.a2}/`);
    assert.ok(wireAt > 0 && coastAt > wireAt, 'timeline oldest first');
    has(story.html, /<summary>and 1 copy of it<\/summary>/, 'the copy is collapsed under its original');
    has(story.html, /<a href="\/topics\/portmouth">Portmouth<\/a>/);
    assert.equal((await web.request('/stories/424242')).status, 404);
    const topic = await page(web, '/topics/portmouth');
    assert.equal(topic.res.status, 200);
    has(topic.html, /Portmouth harbour workers strike/);
    has(topic.html, /Ferry service to Portmouth/);
    lacks(topic.html, /bakery/);
    assert.equal((await web.request('/topics/atlantis')).status, 404);
    const outlet = await page(web, '/sources/coast-news');
    has(outlet.html, /Portmouth ferries are back/);
    has(outlet.html, /<link rel="alternate" type="application\/rss\+xml"[^>]+href="\/sources\/coast-news\/feed.xml"/);
  });

  test('search: body words found with highlighted snippets, filters, helpful answers to bad queries', async ({ store }) => {
    const w = await seed(store);
    const web = createWeb(testApp(store), () => NOW);
    const found = await page(web, '/search?q=dockers');
    assert.equal(found.res.status, 200);
    has(found.html, /1 article found for “dockers”/);
    has(found.html, new RegExp(`href="/articles/${w.s1}/`));
    has(found.html, /<mark>Dockers<\/mark>/i);
    has(found.html, /<meta name="robots" content="noindex, follow"/);
    const filtered = await page(web, '/search?q=portmouth&source=coast-news');
    has(filtered.html, /1 article found/);
    const dated = await page(web, '/search?q=portmouth&from=2026-03-04&to=2026-03-04');
    lacks(dated.html, /harbour workers strike/, 'the strike was the day before');
    const none = await page(web, '/search?q=zeppelin');
    has(none.html, /Nothing found for “zeppelin”/);
    const empty = await page(web, '/search');
    assert.equal(empty.res.status, 200);
    has(empty.html, /Type one or more words/);
    assert.equal((await web.request('/search?q=%25%25%25')).status, 400);
    const badDate = await page(web, '/search?q=ferry&from=2026-02-31');
    assert.equal(badDate.res.status, 400);
    has(badDate.html, /must be a date such as/);
    has(badDate.html, /value="ferry"/, 'the form keeps the query');
    assert.equal((await web.request('/search?q=ferry&source=nope')).status, 400);
    const hostile = await page(web, '/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    lacks(hostile.html, /<script>alert/, 'the query is escaped');
  });

  test('the page cache serves hits, re-renders after new content, answers 304 and compresses', async ({ store }) => {
    const w = await seed(store);
    const web = createWeb(testApp(store), () => NOW);
    const first = await web.request('/', { headers: { 'accept-encoding': 'br' } });
    assert.equal(first.headers.get('content-encoding'), 'br');
    const html = brotliDecompressSync(Buffer.from(await first.arrayBuffer())).toString('utf8');
    has(html, /Ferry service to Portmouth/);
    const etag = first.headers.get('etag');
    assert.ok(etag, 'an ETag');
    const again = await web.request('/', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304, 'unchanged page → 304');
    const hit = await web.request('/');
    assert.equal(hit.headers.get('x-cache'), 'hit');
    assert.ok(hit.headers.get('content-security-policy')?.includes("default-src 'self'"), 'a cached page keeps its security headers');
    assert.equal(Number(hit.headers.get('content-length')), Buffer.byteLength(await hit.text()), 'content-length of the identity body');
    await upsertArticle(store, article(w.coast.id, 'breaking', { title: 'Lighthouse keeper retires', publishedAt: NOW - 60_000 }), NOW + 1);
    const after = await web.request('/', { headers: { 'if-none-match': etag } });
    assert.equal(after.status, 200, 'a new article changes the page');
    has(await after.text(), /Lighthouse keeper retires/);
    const plain = await web.request('/');
    assert.equal(plain.headers.get('content-encoding'), null, 'no encoding unless asked');
  });

  test('the listener answers fresh hits itself, with the bytes and headers the app sent', async ({ store }) => {
    const w = await seed(store);
    const app = testApp(store);
    const { server, url } = await listen(app, createWeb(app, () => NOW), { host: '127.0.0.1', port: 0 });
    try {
      // What a response says, less what differs per request.
      const headersOf = (res: Response) => [...res.headers].filter(([k]) => !['date', 'x-cache', 'connection', 'keep-alive'].includes(k));
      const path = `/articles/${w.s1}/portmouth-harbour-workers-strike-over-pay`;
      const miss = await fetch(url + path);
      assert.equal(miss.headers.get('x-cache'), 'miss');
      const missBody = await miss.text();
      const hit = await fetch(url + path);
      assert.equal(hit.headers.get('x-cache'), 'hit', 'the second request is a hit');
      assert.equal(await hit.text(), missBody, 'the same bytes');
      assert.deepEqual(headersOf(hit), headersOf(miss), 'the same headers (security headers included)');
      const brHit = await fetch(url + path, { headers: { 'accept-encoding': 'br' } });
      assert.equal(brHit.headers.get('content-encoding'), 'br');
      assert.equal(await brHit.text(), missBody, 'the brotli body decodes to the page');
      const etag = hit.headers.get('etag')!;
      const notModified = await fetch(url + path, { headers: { 'if-none-match': `W/${etag}` } });
      assert.equal(notModified.status, 304, 'a weak match of the ETag → 304');
      assert.equal(await notModified.text(), '');
      const head = await fetch(url + path, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(missBody)));
      assert.equal(await head.text(), '', 'HEAD has no body');
      const reader = await fetch(url + path, { headers: { cookie: 'ts_commenter=abc' } });
      assert.notEqual(reader.headers.get('x-cache'), 'hit', 'a reader with our cookie gets a page made for them');
      await fetch(`${url}/search?q=ferry&page=1`);
      const reordered = await fetch(`${url}/search?page=1&q=ferry`);
      assert.equal(reordered.headers.get('x-cache'), 'hit', 'query parameters in another order are the same page');
      await fetch(`${url}/`);
      const frontHit = await fetch(`${url}/`);
      assert.equal(frontHit.headers.get('x-cache'), 'hit');
      await upsertArticle(store, article(w.valley.id, 'dock-news', { title: 'Dock cranes replaced', publishedAt: NOW - 60_000 }), NOW + 1);
      const front = await fetch(`${url}/`, { headers: { 'if-none-match': frontHit.headers.get('etag')! } });
      assert.equal(front.status, 200, 'new content is never answered from the old entry');
      assert.equal(front.headers.get('x-cache'), 'miss');
      has(await front.text(), /Dock cranes replaced/, 'the front page shows the new article');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('an approved comment shows on the cached article page at once; a re-rank changes the front page', async ({ store }) => {
    const w = await seed(store);
    const web = createWeb(testApp(store), () => NOW);
    const path = `/articles/${w.s1}/portmouth-harbour-workers-strike-over-pay`;
    const before = await page(web, path);
    lacks(before.html, /The dockers deserve better/);
    const id = await insertComment(store, {
      articleId: w.s1, parentId: null, status: 'approved', authorName: 'Reader', authorEmail: 'reader@example.org', authorUrl: null,
      body: 'The dockers deserve better.', ipHash: null, deleteTokenHash: null,
    }, NOW);
    has((await page(web, path)).html, /The dockers deserve better/, 'the comment shows');
    has((await page(web, '/sources/valley-times')).html, new RegExp(`href="/articles/${w.s1}/[a-z-]+#comments">1 comment</a>`), 'lists show the count');
    await moderateComment(store, id, 'trash', 'test', NOW + 1);
    lacks((await page(web, path)).html, /The dockers deserve better/, 'a trashed comment is gone at once');
    const front = await page(web, '/');
    assert.ok(front.html.indexOf('Portmouth harbour workers') > front.html.indexOf('Village bakery') === false, 'strike ranks above bakery');
    await setStoryScore(store, w.bakery, 50, NOW + 2);
    const reranked = await page(web, '/');
    has(reranked.html.slice(reranked.html.indexOf('lead-story'), reranked.html.indexOf('</article>')), /Village bakery wins bread prize/, 'the re-ranked story leads');
  });
});
