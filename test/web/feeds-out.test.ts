// The feeds out (RSS 2.0, Atom 1.0, JSON Feed 1.1) of the front page, top stories, stories, topics and
// sources, served in-process on both databases and read back with our own parser: what a feed reader
// would show (titles with markup characters, absolute links, dates), the source link, and no link
// that is not http(s) and no script, even from hostile article HTML.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { decodeXML } from 'entities';
import { parseDocument } from 'htmlparser2';
import { findAll } from 'domutils';
import { describeEachDatabase } from '../support/databases.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { parseFeed, type ParsedFeed } from '../../src/feeds/index.js';
import { addSource } from '../../src/store/sources.js';
import { upsertArticle, setArticleStory, type ArticleInput } from '../../src/store/articles.js';
import { createStory, refreshStoryCounts, setArticleEntities, setStoryScore, upsertEntities } from '../../src/store/stories.js';
import { feedRoutes } from '../../src/web/routes/feeds.js';
import {
  feedSafeHtml, renderAtom, renderJsonFeed, renderRss, rfc3339Date, rfc822Date, tagUri, xmlEscape, type FeedDocument,
} from '../../src/web/feeds-out.js';
import { absoluteUrl, articlePath, storyPath } from '../../src/web/urls.js';
import type { App } from '../../src/app.js';
import type { Store } from '../../src/store/index.js';

const NOW = Date.UTC(2026, 2, 4, 12, 0, 0);
const HOUR = 3_600_000;
const BASE = 'https://digest.example';
const SITE = 'Harbour Daily Digest';

function testApp(store: Store): App {
  return {
    config: loadConfig({ TOPSTORY_SITE_NAME: SITE, TOPSTORY_BASE_URL: BASE }),
    store, log: createLogger('silent'), secret: 'x'.repeat(32), close: async () => {},
  };
}

function feedWeb(store: Store): Hono {
  const web = new Hono();
  feedRoutes(web, testApp(store), () => NOW);
  return web;
}

function article(sourceId: number, n: number, fields: Partial<ArticleInput>): ArticleInput {
  const url = fields.url ?? `https://coast.example/news/${n}`;
  return {
    sourceId, url, normalizedUrl: `${url}#${n}`, guid: String(n), contentHash: `h${n}`, title: `Article ${n}`, lead: null, byline: null,
    text: 'Body.', html: '<p>Body.</p>', lang: 'en', imageUrl: null, canonicalUrl: null, siteName: null, wordCount: 1,
    publishedAt: NOW - n * HOUR, modifiedAt: null, ...fields,
  };
}

// The article HTML as it might look if the sanitizer ever let something through: every way of
// carrying a non-http(s) link or script that a feed out must not pass on.
const HOSTILE_HTML = [
  '<p>Ferries run again <a href="javascript:alert(1)">tap</a> and <a href=" JaVaScRiPt:alert(2)">here</a>,',
  ' <a href="java&#x09;script:alert(3)">there</a>, <a href="/timetable">timetable</a>, <a href="mailto:desk@coast.example">mail</a>.</p>',
  '<p onclick="alert(4)" style="color:red">Second <img src="data:image/svg+xml,&lt;svg onload=alert(5)&gt;" alt="x">',
  '<img src="https://coast.example/pic.jpg" srcset="javascript:alert(6) 1x, https://coast.example/pic2.jpg 2x" alt="pic"></p>',
  '<script>alert(7)</script><iframe src="javascript:alert(8)"></iframe><svg><a xlink:href="javascript:alert(9)">s</a></svg>',
  '<form action="javascript:alert(10)"><button formaction="javascript:alert(11)">b</button></form>',
  '<p>Third <a href="vbscript:msgbox(1)">vb</a> <a href="data:text/html,<script>alert(12)</script>">d</a></p>',
].join('');

// Titles are plain text (DESIGN.md "Text fields"): the characters XML and HTML treat specially must come back as typed.
const TRICKY_TITLE = 'Ferry fares < £5 & "free" rides resume at O\'Brien\'s pier <3';

/** Seeds two outlets (an excerpt one, a full-text one), a story of two articles, a topic and an unrelated article. */
async function seed(store: Store) {
  const coast = await addSource(store, { name: 'Coast <News> & "Co"', url: 'https://coast.example/feed', display: 'excerpt' }, NOW - 100 * HOUR);
  const valley = await addSource(store, { name: 'Valley Times', url: 'https://valley.example/rss', display: 'full' }, NOW - 100 * HOUR);
  const ferry = await upsertArticle(store, article(coast.id, 2, {
    title: TRICKY_TITLE, url: 'https://coast.example/news/ferry', html: HOSTILE_HTML, lead: 'Ferries & <boats> run.', byline: 'Ann Lee',
  }), NOW - 2 * HOUR);
  const valleyArticle = await upsertArticle(store, article(valley.id, 1, {
    title: 'Valley\u0007 ferry\uFFFE riders cheer', url: 'javascript:alert("original")',
    html: `${HOSTILE_HTML}<p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p><p>Five.</p>`, lang: 'en', modifiedAt: NOW - 30 * 60_000,
  }), NOW - HOUR);
  const other = await upsertArticle(store, article(coast.id, 5, { title: 'Harbour authority budget' }), NOW - 5 * HOUR);
  const unrelated = await upsertArticle(store, article(coast.id, 6, { title: 'Weather turns' }), NOW - 6 * HOUR);
  const copy = await upsertArticle(store, article(valley.id, 3, { title: 'Ferry service resumes (copy)', duplicateOf: ferry.id }), NOW - 3 * HOUR);
  const story = await createStory(store, { title: 'Ferry service resumes', lang: 'en', publishedAt: NOW - 2 * HOUR }, NOW - 2 * HOUR);
  const quiet = await createStory(store, { title: 'Weather turns', lang: 'en', publishedAt: NOW - 6 * HOUR }, NOW - 6 * HOUR);
  await setArticleStory(store, ferry.id, story, null, NOW);
  await setArticleStory(store, valleyArticle.id, story, null, NOW);
  await setArticleStory(store, copy.id, story, ferry.id, NOW);
  await setArticleStory(store, unrelated.id, quiet, null, NOW);
  await refreshStoryCounts(store, story, NOW);
  await refreshStoryCounts(store, quiet, NOW);
  await setStoryScore(store, story, 10, NOW);
  await setStoryScore(store, quiet, 1, NOW);
  const entities = await upsertEntities(store, [{ kind: 'org', name: 'Harbour Authority', slug: 'harbour-authority' }], NOW);
  const authority = entities.get('harbour-authority')!;
  await setArticleEntities(store, valleyArticle.id, [{ entityId: authority, mentions: 2 }]);
  await setArticleEntities(store, other.id, [{ entityId: authority, mentions: 1 }]);
  return { coast, valley, ferry: ferry.id, valleyArticle: valleyArticle.id, other: other.id, unrelated: unrelated.id, copy: copy.id, story, quiet };
}

const FORMATS = [
  { name: 'rss', file: 'feed.xml', type: 'application/rss+xml; charset=utf-8', format: 'rss' },
  { name: 'atom', file: 'atom.xml', type: 'application/atom+xml; charset=utf-8', format: 'atom' },
  { name: 'json', file: 'feed.json', type: 'application/feed+json; charset=utf-8', format: 'json' },
] as const;

async function fetchFeed(web: Hono, path: string): Promise<{ raw: string; feed: ParsedFeed; res: Response }> {
  const res = await web.request(path);
  assert.equal(res.status, 200, `${path} answers 200`);
  const raw = await res.text();
  const feed = parseFeed(new TextEncoder().encode(raw), { url: `${BASE}${path}`, contentType: res.headers.get('content-type') ?? undefined });
  return { raw, feed, res };
}

/** The HTML bodies of a feed document exactly as served (before any reader sanitizes them). */
function rawBodies(raw: string, format: 'rss' | 'atom' | 'json'): string[] {
  if (format === 'json') return (JSON.parse(raw) as { items: Array<{ content_html: string }> }).items.map((i) => i.content_html);
  const tag = format === 'rss' ? /<description>([\s\S]*?)<\/description>/g : /<content type="html">([\s\S]*?)<\/content>/g;
  return [...raw.matchAll(tag)].map((m) => decodeXML(m[1]!)).filter((html) => html.includes('<'));
}

const URL_ATTRIBUTES = ['action', 'background', 'cite', 'data', 'formaction', 'href', 'poster', 'src', 'xlink:href'];

/** Every URL an HTML fragment links to or loads, and every script-capable thing in it. */
function linksAndScripts(html: string): { urls: string[]; scripts: string[] } {
  const doc = parseDocument(html);
  const urls: string[] = [];
  const scripts: string[] = [];
  for (const el of findAll(() => true, doc.children)) {
    if (['script', 'iframe', 'object', 'embed', 'form', 'svg', 'button'].includes(el.name)) scripts.push(`<${el.name}>`);
    for (const [name, value] of Object.entries(el.attribs)) {
      if (name.startsWith('on')) scripts.push(`${name}=`);
      if (URL_ATTRIBUTES.includes(name)) urls.push(value);
      if (name === 'srcset') urls.push(...value.split(',').map((c) => c.trim().split(/\s+/)[0]!));
    }
  }
  return { urls, scripts };
}

describeEachDatabase('feeds out', (test) => {
  for (const f of FORMATS) {
    test(`front page ${f.name}: titles, absolute links, dates, source link, our parser reads it cleanly`, async ({ store }) => {
      const ids = await seed(store);
      const { raw, feed, res } = await fetchFeed(feedWeb(store), `/${f.file}`);
      assert.equal(res.headers.get('content-type'), f.type);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
      assert.equal(feed.format, f.format);
      assert.deepEqual(feed.warnings, [], 'a well-formed document needs no repair');
      assert.equal(feed.feed.title, SITE);
      assert.equal(feed.feed.link, `${BASE}/`);
      // Newest first, duplicates left out; the control characters are gone, the markup characters kept as text.
      assert.deepEqual(feed.items.map((i) => i.title), ['Valley ferry riders cheer', TRICKY_TITLE, 'Harbour authority budget', 'Weather turns']);
      const [valley, ferry] = feed.items;
      assert.equal(ferry!.link, absoluteUrl(BASE, articlePath({ id: ids.ferry, title: TRICKY_TITLE })));
      assert.ok(feed.items.every((i) => i.link?.startsWith(`${BASE}/articles/`)), 'every item links to our article page');
      assert.equal(ferry!.published, new Date(NOW - 2 * HOUR).toISOString());
      assert.equal(valley!.published, new Date(NOW - HOUR).toISOString());
      if (f.format !== 'rss') assert.equal(valley!.updated, new Date(NOW - 30 * 60_000).toISOString());
      assert.equal(ferry!.author, 'Ann Lee');
      assert.match(ferry!.content ?? ferry!.summary ?? '', /<a href="https:\/\/coast\.example\/news\/ferry"[^>]*>Source link<\/a>/);
      assert.match(ferry!.content ?? ferry!.summary ?? '', /This is an excerpt\. The full article is published by Coast &lt;News&gt; &amp; "Co"\./);
      // The full-text outlet's article is republished whole; its original URL is not http(s), so no source link.
      const valleyBody = valley!.content ?? valley!.summary ?? '';
      assert.match(valleyBody, /<p>Five\.<\/p>/);
      assert.doesNotMatch(valleyBody, /Source link/);
      assert.doesNotMatch(raw, /alert\("original"\)/, 'the non-http(s) original URL appears nowhere');
      assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u.test(raw), 'no XML-invalid character is served');
      assert.ok(ids.copy > 0, 'the duplicate exists but is not an item');
    });

    test(`front page ${f.name}: hostile article HTML leaves no non-http(s) link and no script`, async ({ store }) => {
      await seed(store);
      const { raw } = await fetchFeed(feedWeb(store), `/${f.file}`);
      const bodies = rawBodies(raw, f.format);
      assert.equal(bodies.length, 4, 'every item has an HTML body');
      assert.equal(bodies.filter((b) => b.includes('Ferries run again')).length, 2, 'both hostile bodies are served (excerpt and full)');
      const ferry = bodies.find((b) => b.includes('https://coast.example/news/ferry'));
      assert.ok(ferry, 'the ferry article body is served');
      for (const body of bodies) {
        const { urls, scripts } = linksAndScripts(body);
        assert.deepEqual(scripts, [], 'no element or attribute that runs script');
        for (const url of urls) assert.match(url, /^https?:\/\//, `only http(s) URLs, not ${url}`);
      }
      const { urls } = linksAndScripts(ferry);
      assert.ok(urls.includes('https://coast.example/timetable'), 'a relative link is resolved against the article URL');
      assert.ok(urls.includes('https://coast.example/pic.jpg'), 'an http(s) image stays');
      assert.ok(urls.includes('https://coast.example/pic2.jpg'), 'the http(s) srcset candidate stays');
      assert.doesNotMatch(raw, /javascript:|vbscript:|mailto:|data:text|data:image/i);
      assert.doesNotMatch(raw, /&lt;script|<script|onclick/i);
    });
  }

  test('RSS: RFC 822 dates, self link, guid, channel fields; Atom: ids, self and related links; JSON Feed: external_url', async ({ store }) => {
    const ids = await seed(store);
    const web = feedWeb(store);
    const rss = await (await web.request('/feed.xml')).text();
    assert.match(rss, /<atom:link href="https:\/\/digest\.example\/feed\.xml" rel="self" type="application\/rss\+xml"\/>/);
    assert.match(rss, /<pubDate>Wed, 04 Mar 2026 10:00:00 GMT<\/pubDate>/);
    assert.match(rss, /<lastBuildDate>Wed, 04 Mar 2026 11:30:00 GMT<\/lastBuildDate>/);
    assert.match(rss, new RegExp(`<guid isPermaLink="false">tag:digest\\.example,2026-03-04:articles/${ids.ferry}</guid>`));
    assert.match(rss, /<language>en<\/language>/);
    assert.match(rss, /<source url="https:\/\/digest\.example\/sources\/coast-news-co\/feed\.xml">Coast &lt;News&gt; &amp; &quot;Co&quot;<\/source>/);
    const atom = await (await web.request('/atom.xml')).text();
    assert.match(atom, /<id>https:\/\/digest\.example\/atom\.xml<\/id>/);
    assert.match(atom, /<link rel="self" type="application\/atom\+xml" href="https:\/\/digest\.example\/atom\.xml"\/>/);
    assert.match(atom, /<link rel="related" type="text\/html" href="https:\/\/coast\.example\/news\/ferry"\/>/);
    assert.match(atom, /<updated>2026-03-04T11:30:00Z<\/updated>/);
    assert.match(atom, /<title type="text">Ferry fares &lt; £5 &amp; &quot;free&quot; rides resume at O&apos;Brien&apos;s pier &lt;3<\/title>/);
    const json = JSON.parse(await (await web.request('/feed.json')).text()) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
    assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(json.feed_url, `${BASE}/feed.json`);
    assert.equal(json.home_page_url, `${BASE}/`);
    const ferry = json.items.find((i) => i.title === TRICKY_TITLE)!;
    assert.equal(ferry.external_url, 'https://coast.example/news/ferry');
    assert.equal(ferry.date_published, '2026-03-04T10:00:00Z');
    assert.equal(ferry.summary, 'Ferries & <boats> run.');
    const valley = json.items.find((i) => i.title === 'Valley ferry riders cheer')!;
    assert.equal(valley.external_url, undefined, 'a non-http(s) original is not an external_url');
  });

  test('top stories: one item per ranked story, its lead article, linking to the story page', async ({ store }) => {
    const ids = await seed(store);
    const web = feedWeb(store);
    for (const f of FORMATS) {
      const { feed } = await fetchFeed(web, `/top/${f.file}`);
      assert.deepEqual(feed.warnings, [], `${f.name}: no repair needed`);
      assert.equal(feed.feed.title, `Top stories — ${SITE}`);
      assert.deepEqual(feed.items.map((i) => i.link), [absoluteUrl(BASE, storyPath({ id: ids.story })), absoluteUrl(BASE, storyPath({ id: ids.quiet }))]);
      // The lead is the earliest original article with a standfirst: the ferry article, not the later full-text one.
      assert.deepEqual(feed.items.map((i) => i.title), [TRICKY_TITLE, 'Weather turns']);
      assert.match(feed.items[0]!.id ?? '', new RegExp(`^tag:digest\\.example,2026-03-04:stories/${ids.story}$`));
    }
  });

  test('story, topic and source feeds hold their own articles; unknown ones answer 404', async ({ store }) => {
    const ids = await seed(store);
    const web = feedWeb(store);
    const cases = [
      { path: `/stories/${ids.story}`, title: `Ferry service resumes — ${SITE}`, items: ['Valley ferry riders cheer', TRICKY_TITLE] },
      { path: '/topics/harbour-authority', title: `Harbour Authority — ${SITE}`, items: ['Valley ferry riders cheer', TRICKY_TITLE, 'Harbour authority budget'] },
      { path: `/sources/${ids.coast.slug}`, title: `Coast <News> & "Co" — ${SITE}`, items: [TRICKY_TITLE, 'Harbour authority budget', 'Weather turns'] },
      { path: `/sources/${ids.valley.slug}`, title: `Valley Times — ${SITE}`, items: ['Valley ferry riders cheer', 'Ferry service resumes (copy)'] },
    ];
    for (const c of cases) {
      for (const f of FORMATS) {
        const { feed, raw } = await fetchFeed(web, `${c.path}/${f.file}`);
        assert.deepEqual(feed.warnings, [], `${c.path} ${f.name}: no repair needed`);
        // JSON Feed titles are plain text by the spec; our parser reads markup-looking ones as HTML, so the JSON is checked as served.
        const title = f.format === 'json' ? (JSON.parse(raw) as { title: string }).title : feed.feed.title;
        assert.equal(title, c.title, `${c.path} ${f.name} title`);
        assert.equal(feed.feed.link, `${BASE}${c.path}`);
        assert.deepEqual(feed.items.map((i) => i.title), c.items, `${c.path} ${f.name} items`);
      }
    }
    for (const path of ['/stories/99999', '/stories/abc', '/topics/nobody', '/sources/nope']) {
      for (const f of FORMATS) assert.equal((await web.request(`${path}/${f.file}`)).status, 404, `${path}/${f.file} is 404`);
    }
  });

  test('an empty site serves valid empty feeds dated now; a busy one at most 50 items', async ({ store }) => {
    const web = feedWeb(store);
    for (const f of FORMATS) {
      const { feed } = await fetchFeed(web, `/${f.file}`);
      assert.deepEqual(feed.warnings, [], `${f.name}: no repair needed`);
      assert.equal(feed.items.length, 0);
      if (f.format !== 'json') assert.equal(feed.feed.updated, new Date(NOW).toISOString());
    }
    const source = await addSource(store, { name: 'Busy Wire', url: 'https://busy.example/feed' }, NOW);
    for (let n = 1; n <= 55; n++) await upsertArticle(store, article(source.id, n, { url: `https://busy.example/${n}` }), NOW);
    for (const f of FORMATS) {
      const { feed } = await fetchFeed(web, `/${f.file}`);
      assert.equal(feed.items.length, 50, `${f.name} holds 50 items`);
      assert.equal(feed.items[0]!.title, 'Article 1');
      assert.equal(feed.items[49]!.title, 'Article 50');
    }
  });
});

describe('feed renderers', () => {
  const doc = (title: string): FeedDocument => ({
    title: 'Digest & "Co" <News>', description: 'd', pageUrl: `${BASE}/`, language: 'en', updated: NOW, siteName: 'Digest',
    feedUrls: { rss: `${BASE}/feed.xml`, atom: `${BASE}/atom.xml`, json: `${BASE}/feed.json` },
    entries: [{
      id: 'tag:digest.example,2026-03-04:articles/1', title, url: `${BASE}/articles/1/x`, externalUrl: null, contentHtml: '<p>x</p>',
      summary: null, author: null, published: NOW, updated: NOW, image: null, language: 'en', source: null,
    }],
  });
  // Titles a reader must see exactly as typed, although they read as markup or entity references.
  const cases = [
    { name: 'a tag', title: 'Use <b> for bold text' },
    { name: 'an entity reference', title: 'Write &amp; for an ampersand' },
    { name: 'a closing tag and quotes', title: '"</title>" breaks naive feeds' },
  ];
  for (const c of cases) {
    it(`keeps a title with ${c.name} as plain text in RSS and Atom, and as the exact string in JSON`, () => {
      for (const [name, raw] of [['rss', renderRss(doc(c.title))], ['atom', renderAtom(doc(c.title))]] as const) {
        const feed = parseFeed(new TextEncoder().encode(raw));
        assert.deepEqual(feed.warnings, [], `${name}: no repair needed`);
        assert.equal(feed.items[0]!.title, c.title, `${name} title`);
        assert.equal(feed.feed.title, 'Digest & "Co" <News>', `${name} feed title`);
      }
      const json = JSON.parse(renderJsonFeed(doc(c.title))) as { items: Array<{ title: string }> };
      assert.equal(json.items[0]!.title, c.title);
    });
  }

  it('formats dates and ids as RFC 822, RFC 3339 and RFC 4151 say', () => {
    assert.equal(rfc822Date(Date.UTC(2026, 0, 5, 7, 8, 9)), 'Mon, 05 Jan 2026 07:08:09 GMT');
    assert.equal(rfc3339Date(Date.UTC(2026, 0, 5, 7, 8, 9)), '2026-01-05T07:08:09Z');
    assert.equal(rfc3339Date(Date.UTC(2026, 0, 5, 7, 8, 9, 120)), '2026-01-05T07:08:09.120Z');
    assert.equal(tagUri('https://Digest.Example:8443/news', Date.UTC(2026, 0, 5, 23, 0), 'articles/7'), 'tag:digest.example,2026-01-05:articles/7');
  });

  it('escapes markup characters and drops characters XML cannot hold', () => {
    assert.equal(xmlEscape('a<b>&"c\'\u0000\u0008\u000B\uFFFE\uD800d\t\n😀'), 'a&lt;b&gt;&amp;&quot;c&apos;d\t\n😀');
  });

  it('feedSafeHtml keeps http(s) links, resolves relative ones and drops every other', () => {
    const html = feedSafeHtml('<p><a href="/a">a</a><a href="javascript:x()">b</a><a href="//evil.example/x">c</a><img src="data:x" alt=""><a href="https://ok.example/">d</a></p><!-- <a href="javascript:y()"> -->', 'https://coast.example/news/1');
    assert.equal(html, '<p><a href="https://coast.example/a">a</a><a>b</a><a href="https://evil.example/x">c</a><img alt><a href="https://ok.example/">d</a></p>');
    assert.equal(feedSafeHtml('<a href="/a">a</a>', 'javascript:void(0)'), '<a>a</a>', 'no base to resolve against: the relative link goes');
    assert.equal(
      feedSafeHtml('<img src="/a.jpg" srcset="/a.jpg 1x,javascript:alert(1) 2x, /b.jpg 2x, data:x 3x" alt="">', 'https://coast.example/n/1'),
      '<img src="https://coast.example/a.jpg" srcset="https://coast.example/b.jpg 2x" alt>',
    );
  });
});
