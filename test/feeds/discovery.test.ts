// Feed discovery in HTML pages: <link rel="alternate"> feeds, relative hrefs and <base href>
// resolved, ranked by type, unsafe and duplicate links dropped.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { discoverFeeds } from '../../src/feeds/index.js';

describe('discoverFeeds', () => {
  it('finds the feeds of a news page, Atom first, relative to <base href>, without duplicates or javascript:', () => {
    const html = readFileSync(new URL('../fixtures/feeds/page-with-feeds.html', import.meta.url), 'utf8');
    assert.deepEqual(discoverFeeds(html, 'https://harbour.example/news/today'), [
      { url: 'https://harbour.example/atom.xml', type: 'application/atom+xml', title: 'Harbour Atom' },
      { url: 'https://harbour.example/news/feed/', type: 'application/rss+xml', title: 'Harbour RSS' },
      { url: 'https://harbour.example/feed.json', type: 'application/feed+json', title: 'JSON Feed' },
    ]);
  });

  const cases: [string, string, string[]][] = [
    ['relative href against the page URL', '<link rel="alternate" type="application/rss+xml" href="../rss.xml">', ['https://site.example/rss.xml']],
    ['upper-case tags, unquoted attributes, type parameters', '<LINK REL=alternate TYPE="application/rss+xml; charset=utf-8" HREF=/feed>', ['https://site.example/feed']],
    ['several rel values', '<link rel="alternate feed" type="application/atom+xml" href="/a">', ['https://site.example/a']],
    ['entities in href', '<link rel="alternate" type="application/rss+xml" href="/feed?a=1&amp;b=2">', ['https://site.example/feed?a=1&b=2']],
    ['links inside comments are ignored', '<!-- <link rel="alternate" type="application/rss+xml" href="/old"> -->', []],
    ['stylesheets and translations are not feeds', '<link rel="stylesheet" href="/s.css"><link rel="alternate" hreflang="de" href="/de/">', []],
    ['plain application/json needs a hint that it is a feed', '<link rel="alternate" type="application/json" href="/api/x"><link rel="alternate" type="application/json" title="JSON Feed" href="/feed.json">', ['https://site.example/feed.json']],
    ['RSS before generic XML', '<link rel="alternate" type="text/xml" href="/x.xml"><link rel="alternate" type="application/rss+xml" href="/r">', ['https://site.example/r', 'https://site.example/x.xml']],
  ];
  for (const [name, html, urls] of cases) {
    it(name, () => assert.deepEqual(discoverFeeds(`<html><head>${html}</head></html>`, 'https://site.example/section/page').map((f) => f.url), urls));
  }

  it('keeps relative hrefs as written when there is no base URL at all, and still drops unsafe ones', () => {
    const html = '<link rel="alternate" type="application/rss+xml" href="/feed/"><link rel="alternate" type="application/atom+xml" href="javascript:x">';
    assert.deepEqual(discoverFeeds(html).map((f) => f.url), ['/feed/']);
  });

  it('stays fast and correct on a page of 200,000 nested elements', () => {
    const html = `<head><link rel="alternate" type="application/rss+xml" href="/deep"></head>${'<div>'.repeat(200_000)}`;
    assert.deepEqual(discoverFeeds(html, 'https://site.example/').map((f) => f.url), ['https://site.example/deep']);
  });
});
