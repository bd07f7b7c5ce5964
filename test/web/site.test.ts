// The site as it is now: the front page shows the followed outlets and their state, source pages,
// health, 404 and an error page without internals; in-process with app.request() on both databases.
import assert from 'node:assert/strict';
import { describeEachDatabase, freshPostgres, freshSqlite } from '../support/databases.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createWeb } from '../../src/web/server.js';
import { addSource, recordSourceFailure, recordSourceSuccess } from '../../src/store/sources.js';
import { upsertArticle } from '../../src/store/articles.js';
import type { App } from '../../src/app.js';
import type { Store } from '../../src/store/index.js';

const NOW = Date.UTC(2026, 2, 4, 12, 0, 0);

function testApp(store: Store): App {
  return { config: loadConfig({ TOPSTORY_SITE_NAME: 'Harbour Daily Digest' }), store, log: createLogger('silent'), secret: 'x'.repeat(32), close: async () => {} };
}

describeEachDatabase('site', (test) => {
  test('an empty installation says how to add an outlet', async ({ store }) => {
    const web = createWeb(testApp(store), () => NOW);
    const res = await web.request('/');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<title>Harbour Daily Digest<\/title>/);
    assert.match(html, /No stories yet/);
    assert.match(await (await web.request('/sources')).text(), /follows no outlets yet/);
    assert.match(html, /<a class="skip" href="#main">Skip to content<\/a>/);
    assert.ok(res.headers.get('content-security-policy')?.includes("default-src 'self'"));
  });

  test('pages that differ by reader keep Cross-Origin-Opener-Policy, public pages do not send it', async ({ store }) => {
    const web = createWeb(testApp(store), () => NOW);
    const front = await web.request('/');
    assert.equal(front.headers.get('cross-origin-opener-policy'), null, 'the front page');
    const saved = await web.request('/', { headers: { cookie: 'ts_comment=ada' } });
    assert.equal(saved.headers.get('cross-origin-opener-policy'), 'same-origin', 'the front page made for a reader with our cookie');
    const own = await web.request('/articles/1/comments/1/delete?key=nope');
    assert.match(own.headers.get('cache-control') ?? '', /private/);
    assert.equal(own.headers.get('cross-origin-opener-policy'), 'same-origin', 'a delete page');
    const missing = await web.request('/no/such/page');
    assert.equal(missing.headers.get('content-security-policy')?.includes("default-src 'self'"), true, 'a 404 keeps the other security headers');
  });

  test('the front page shows each outlet with its true state and stored articles', async ({ store }) => {
    const ok = await addSource(store, { name: 'Coast <News>', url: 'https://coast.example/feed' }, NOW - 3_600_000);
    const bad = await addSource(store, { name: 'Valley Times', url: 'https://valley.example/rss' }, NOW - 3_600_000);
    await addSource(store, { name: 'Fresh Outlet', url: 'https://fresh.example/rss' }, NOW + 600_000);
    await recordSourceSuccess(store, ok.id, { now: NOW - 300_000, nextCheckAt: NOW + 1_500_000 });
    await recordSourceFailure(store, bad.id, { now: NOW - 120_000, error: 'fetch: server answered 500', nextCheckAt: NOW + 60_000 });
    await upsertArticle(store, {
      sourceId: ok.id, url: 'https://coast.example/a/1', normalizedUrl: 'https://coast.example/a/1', guid: '1', contentHash: 'h',
      title: 'Ferry <b>service</b> resumes', lead: null, byline: null, text: 'Ferries run.', html: '<p>Ferries run.</p>', lang: 'en',
      imageUrl: null, canonicalUrl: null, siteName: null, wordCount: 2, publishedAt: NOW - 7_200_000, modifiedAt: null,
    }, NOW);
    const html = await (await createWeb(testApp(store), () => NOW).request('/sources')).text();
    assert.match(html, /Coast &lt;News&gt;/, 'names are escaped');
    const outlet = await (await createWeb(testApp(store), () => NOW).request('/sources/coast-news')).text();
    assert.match(outlet, /Ferry &lt;b&gt;service&lt;\/b&gt; resumes/, 'titles are escaped');
    assert.match(html, /ok, last checked 5 min ago/);
    assert.match(html, /failing since 2 min ago \(1 failed checks\): fetch: server answered 500/);
    assert.match(html, /not checked yet/);
    assert.match(html, /3 outlets; 1 article are stored/);
    assert.match(html, />in 25 min</);
    assert.match(html, /href="\/sources\/coast-news"/);
  });

  test('source page, 404, health', async ({ store }) => {
    await addSource(store, { name: 'Coast News', url: 'https://coast.example/feed' }, NOW);
    const web = createWeb(testApp(store), () => NOW);
    const page = await web.request('/sources/coast-news');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<h1>Coast News<\/h1>/);
    assert.match(html, /No articles from Coast News have been stored yet/);
    const missing = await web.request('/sources/nope');
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /Page not found/);
    assert.equal((await web.request('/no/such/page')).status, 404);
    const health = await web.request('/healthz');
    assert.deepEqual(await health.json(), { ok: true, database: store.dialect });
  });

  test('a failing database gives the error page, never a stack trace', async ({ database }) => {
    // A database without the schema: every query fails.
    const other = database.dialect === 'sqlite' ? freshSqlite() : await freshPostgres();
    const broken = other.open();
    try {
      const web = createWeb(testApp(broken), () => NOW);
      const res = await web.request('/');
      assert.equal(res.status, 500);
      const html = await res.text();
      assert.match(html, /Something went wrong/);
      assert.doesNotMatch(html, /at .*\.ts:\d+|Error:|node_modules/);
      assert.equal((await web.request('/sources/x')).status, 500);
    } finally {
      await broken.close();
      await other.drop();
    }
  });
});
