// A real feed reader reads our feeds out: Debian's newsboat fetches the front page's RSS, Atom and
// JSON Feed from the site served on loopback, and what it stored in its cache (titles, links, dates,
// bodies) is what a reader would see. The articles include every item of the H5SC hostile feed, so
// the bodies newsboat keeps must hold no non-http(s) link and nothing that runs script.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { Hono } from 'hono';
import { getRequestListener } from '@hono/node-server';
import { parseDocument } from 'htmlparser2';
import { findAll } from 'domutils';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { parseFeed } from '../../src/feeds/index.js';
import { addSource } from '../../src/store/sources.js';
import { upsertArticle, type ArticleInput } from '../../src/store/articles.js';
import { migrate } from '../../src/store/migrations.js';
import type { Store } from '../../src/store/index.js';
import { feedRoutes } from '../../src/web/routes/feeds.js';
import { articlePath } from '../../src/web/urls.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';

const NOW = Date.UTC(2026, 2, 4, 12, 0, 0);
const HOUR = 3_600_000;
const NEWSBOAT = '/usr/bin/newsboat';
const HOSTILE_FEED = new URL('../../../shared/data/security/h5sc-hostile-feed.rss.xml', import.meta.url);

function newsboatVersion(): string | undefined {
  const run = spawnSync(NEWSBOAT, ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.split('\n')[0] : undefined;
}

const version = newsboatVersion();
const skip = version || process.env.CI ? false : 'newsboat is not installed (apt-get install -y newsboat); CI installs it';

// The articles a reader must see exactly: plain-text titles with the characters XML and HTML treat specially.
const READER_ARTICLES = [
  { key: 'fares', title: 'Ferry fares < £5 & "free" rides at O\'Brien\'s pier', hoursAgo: 1 },
  { key: 'pier', title: 'Pier reopens after storm', hoursAgo: 2 },
  { key: 'council', title: 'Council votes 7–2 for the new harbour wall', hoursAgo: 3 },
];

function article(sourceId: number, key: string, fields: Partial<ArticleInput>): ArticleInput {
  const url = `https://coast.example/news/${key}`;
  return {
    sourceId, url, normalizedUrl: url, guid: key, contentHash: key, title: key, lead: null, byline: null, text: 'Body.',
    html: '<p>Body.</p>', lang: 'en', imageUrl: null, canonicalUrl: null, siteName: null, wordCount: 1, publishedAt: NOW, modifiedAt: null,
    ...fields,
  };
}

// Stores each item of the hostile feed as our parser reads it (the sanitized HTML the store would
// hold), older than the reader articles, from a full-text outlet so that whole bodies are published.
async function seed(store: Store): Promise<Map<string, number>> {
  const coast = await addSource(store, { name: 'Coast News', url: 'https://coast.example/feed', display: 'excerpt' }, NOW);
  const hostile = await addSource(store, { name: 'HTML5 Security Cheatsheet', url: 'https://html5sec.example/feed', display: 'full' }, NOW);
  const ids = new Map<string, number>();
  for (const a of READER_ARTICLES) {
    const html = `<p>${a.key} body with <a href="https://coast.example/more">a link</a>.</p>`;
    ids.set(a.title, (await upsertArticle(store, article(coast.id, a.key, { title: a.title, html, publishedAt: NOW - a.hoursAgo * HOUR }), NOW)).id);
  }
  const parsed = parseFeed(new Uint8Array(readFileSync(HOSTILE_FEED)));
  let n = 0;
  for (const item of parsed.items) {
    n++;
    await upsertArticle(store, article(hostile.id, `h${n}`, {
      title: item.title ?? `Vector ${n}`,
      url: item.link ?? `javascript:alert(${n})`,
      normalizedUrl: `https://html5sec.example/item/${n}`,
      html: item.content ?? item.summary ?? '',
      publishedAt: NOW - (10 + n) * HOUR,
    }), NOW);
  }
  return ids;
}

interface CachedItem { title: string; url: string; feedurl: string; pubDate: number; content: string }

/** What newsboat made of one feed: its exit status and output, and the feeds and items in its cache. */
interface NewsboatRead { status: number | null; output: string; feeds: Array<{ rssurl: string; title: string }>; items: CachedItem[] }

// Runs `newsboat -x reload` on one feed URL with its own config and cache (no terminal needed) and
// reads the cache, which is SQLite. Asynchronous: the server answering newsboat runs in this process.
async function readWithNewsboat(dir: string, url: string): Promise<NewsboatRead> {
  const name = url.replace(/^.*\//, '');
  const files = { urls: join(dir, `${name}.urls`), cache: join(dir, `${name}.cache.db`), config: join(dir, `${name}.config`) };
  writeFileSync(files.urls, `${url}\n`);
  writeFileSync(files.config, 'download-timeout 20\n');
  let output = '';
  const status = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(NEWSBOAT, ['-u', files.urls, '-c', files.cache, '-C', files.config, '-x', 'reload', 'print-unread'], {
      env: { ...process.env, HOME: dir, LANG: 'C.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000,
    });
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', resolve);
  });
  const cache = new SQLite(files.cache, { readonly: true });
  try {
    return {
      status,
      output,
      feeds: cache.prepare('select rssurl, title from rss_feed').all() as NewsboatRead['feeds'],
      items: cache.prepare('select title, url, feedurl, pubDate, content from rss_item').all() as CachedItem[],
    };
  } finally {
    cache.close();
  }
}

describe('newsboat reads the feeds out', { skip }, () => {
  let database: TestDatabase;
  let store: Store;
  let server: Server;
  let origin: string;
  let dir: string;
  let ids: Map<string, number>;
  const read = new Map<string, NewsboatRead>();

  before(async () => {
    database = freshSqlite();
    store = database.open();
    await migrate(store);
    ids = await seed(store);
    // The server listens first: the site's base URL (and so every link in the feeds) is its origin.
    const site: { listener?: ReturnType<typeof getRequestListener> } = {};
    server = createServer((req, res) => {
      if (site.listener) void site.listener(req, res);
      else res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = loadConfig({ TOPSTORY_SITE_NAME: 'Harbour Daily Digest', TOPSTORY_BASE_URL: origin });
    const web = new Hono();
    feedRoutes(web, { config, store, log: createLogger('silent'), secret: 'x'.repeat(32), close: async () => {} }, () => NOW);
    site.listener = getRequestListener(web.fetch);

    dir = mkdtempSync(join(tmpdir(), 'topstory-newsboat-'));
    // Each format in its own newsboat cache: the three documents carry the same entry ids, which
    // newsboat rightly takes for the same articles.
    for (const path of ['/feed.xml', '/atom.xml', '/feed.json']) read.set(path, await readWithNewsboat(dir, `${origin}${path}`));
  });

  after(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const format of [{ name: 'RSS 2.0', path: '/feed.xml' }, { name: 'Atom 1.0', path: '/atom.xml' }]) {
    it(`reads the ${format.name} feed: 50 items, exact titles, our article links, publication dates`, () => {
      const { status, output, feeds, items: own } = read.get(format.path)!;
      assert.equal(status, 0, `newsboat exits 0: ${output}`);
      assert.match(output, /^50 unread articles$/m);
      assert.deepEqual(feeds, [{ rssurl: `${origin}${format.path}`, title: 'Harbour Daily Digest' }]);
      assert.equal(own.length, 50, 'a feed carries the newest 50 articles');
      for (const a of READER_ARTICLES) {
        const seen = own.find((i) => i.title === a.title);
        assert.ok(seen, `newsboat shows "${a.title}"`);
        assert.equal(seen.url, `${origin}${articlePath({ id: ids.get(a.title)!, title: a.title })}`);
        assert.equal(seen.pubDate, (NOW - a.hoursAgo * HOUR) / 1000);
        assert.match(seen.content, /<a href="https:\/\/coast\.example\/news\/[a-z]+">Source link<\/a>/);
      }
    });

    it(`keeps no non-http(s) link and nothing that runs script from the ${format.name} feed`, () => {
      const own = read.get(format.path)!.items;
      assert.equal(own.length, 50, 'items were read');
      for (const item of own) {
        assert.match(item.url, /^http:\/\/127\.0\.0\.1:\d+\/articles\/\d+\//, 'each item links to our article page');
        const doc = parseDocument(item.content);
        for (const el of findAll(() => true, doc.children)) {
          assert.ok(!['script', 'iframe', 'object', 'embed', 'form', 'svg', 'style'].includes(el.name), `no <${el.name}> in "${item.title}"`);
          for (const [name, value] of Object.entries(el.attribs)) {
            assert.ok(!name.startsWith('on'), `no ${name} handler in "${item.title}"`);
            if (['href', 'src', 'action', 'formaction', 'poster', 'background', 'cite', 'data'].includes(name)) {
              assert.match(value, /^https?:\/\//, `only http(s) ${name} in "${item.title}"`);
            }
          }
        }
      }
    });
  }

  it('fetches the JSON Feed without failing the others (newsboat reads it only if its version supports JSON Feed)', (t) => {
    const { status, output, items: own } = read.get('/feed.json')!;
    assert.equal(status, 0, `newsboat exits 0: ${output}`);
    if (own.length === 0) {
      // newsboat 2.21 (Debian 12) parses XML feeds only: it reports "XML root node is NULL" for JSON Feed.
      t.diagnostic(`${version} read no JSON Feed item; our own parser checks the JSON Feed in test/web/feeds-out.test.ts`);
      return;
    }
    assert.equal(own.length, 50);
    assert.ok(own.some((i) => i.title === READER_ARTICLES[1]!.title), 'a title of the JSON Feed is shown');
  });
});
