// OPML import and export: the Miniflux and FreshRSS export shapes import with their categories,
// and a round trip keeps every feed and category.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseOpml, serializeOpml, type OpmlDocument } from '../../src/feeds/index.js';
import { TopstoryError } from '../../src/errors.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('parseOpml', () => {
  it('imports a Miniflux export with its categories', () => {
    const doc = parseOpml(fixture('miniflux-export.opml'));
    assert.equal(doc.title, 'Miniflux');
    assert.deepEqual(doc.outlines, [
      { title: 'The Daily Harbour', xmlUrl: 'https://harbour.example/feed/', htmlUrl: 'https://harbour.example/', categories: ['News'] },
      { title: 'Les Nouvelles', xmlUrl: 'https://nouvelles.example/atom.xml', htmlUrl: 'https://nouvelles.example/', categories: ['News'] },
      { title: 'Valley Ledger', xmlUrl: 'https://ledger.example/feed.json', htmlUrl: 'https://ledger.example/', categories: ['Tech & Science'] },
    ]);
  });

  it('imports a FreshRSS export with nested categories, skipping outlines that are not feeds', () => {
    const doc = parseOpml(fixture('freshrss-export.opml'));
    assert.equal(doc.title, 'FreshRSS');
    assert.deepEqual(doc.outlines.map((o) => [o.title, o.xmlUrl, o.categories]), [
      ['Die Zeitung', 'https://zeitung.example/rss', ['Uncategorized']],
      ['The Gazette', 'https://gazette.example/rss.xml', ['World', 'Europe']],
      ['Harbour again', 'https://harbour.example/feed/', ['World']],
    ]);
  });

  const cases: [string, string, (d: OpmlDocument) => void][] = [
    ['OPML 1.0 with feeds at the top level and xmlURL spelt differently', '<opml version="1.0"><head><title>Old</title></head><body><outline text="A" xmlURL="http://a.example/rss"/><outline title="B" xmlurl="http://b.example/rss" type="rss"/></body></opml>',
      (d) => assert.deepEqual(d.outlines.map((o) => [o.title, o.xmlUrl, o.categories]), [['A', 'http://a.example/rss', []], ['B', 'http://b.example/rss', []]])],
    ['the OPML 2.0 category attribute for flat lists', '<opml version="2.0"><body><outline text="C" xmlUrl="https://c.example/feed" category="/News/Local"/></body></opml>',
      (d) => assert.deepEqual(d.outlines[0]?.categories, ['News', 'Local'])],
    ['non-http feed URLs are dropped', '<opml version="2.0"><body><outline text="x" xmlUrl="javascript:alert(1)"/><outline text="f" xmlUrl="file:///etc/passwd"/></body></opml>',
      (d) => assert.deepEqual(d.outlines, [])],
    ['an unescaped ampersand in a title', '<opml version="2.0"><body><outline text="News & Views" xmlUrl="https://n.example/rss?a=1&b=2"/></body></opml>',
      (d) => assert.deepEqual([d.outlines[0]?.title, d.outlines[0]?.xmlUrl], ['News & Views', 'https://n.example/rss?a=1&b=2'])],
  ];
  for (const [name, xml, check] of cases) it(`reads ${name}`, () => check(parseOpml(utf8(xml))));

  it('refuses a document that is not OPML', () => {
    assert.throws(() => parseOpml(utf8('<rss><channel/></rss>')), (e: unknown) => e instanceof TopstoryError && e.code === 'not-opml');
    assert.throws(() => parseOpml(utf8('')), (e: unknown) => e instanceof TopstoryError);
  });
});

describe('serializeOpml', () => {
  const subscriptions: OpmlDocument = {
    title: 'My <news> & more',
    outlines: [
      { title: 'Top level', xmlUrl: 'https://top.example/feed', htmlUrl: null, categories: [] },
      { title: 'Quotes "and" <tags>', xmlUrl: 'https://q.example/rss?a=1&b=2', htmlUrl: 'https://q.example/', categories: ['World', 'Europe'] },
      { title: 'Same feed, two folders', xmlUrl: 'https://twice.example/rss', htmlUrl: null, categories: ['World'] },
      { title: 'Same feed, two folders', xmlUrl: 'https://twice.example/rss', htmlUrl: null, categories: ['Tech'] },
      { title: null, xmlUrl: 'https://untitled.example/rss', htmlUrl: null, categories: ['World', 'Europe', 'Nordics'] },
    ],
  };

  it('round-trips every feed and category', () => {
    const again = parseOpml(utf8(serializeOpml(subscriptions)));
    assert.equal(again.title, subscriptions.title);
    const key = (o: OpmlDocument['outlines'][number]) => `${o.categories.join('/')}|${o.xmlUrl}|${o.htmlUrl}`;
    assert.deepEqual(again.outlines.map(key).sort(), subscriptions.outlines.map(key).sort());
    assert.equal(again.outlines.find((o) => o.xmlUrl.startsWith('https://q.'))?.title, 'Quotes "and" <tags>');
    assert.equal(again.outlines.find((o) => o.xmlUrl.startsWith('https://untitled.'))?.title, 'https://untitled.example/rss');
  });

  it('round-trips the Miniflux and FreshRSS exports', () => {
    for (const name of ['miniflux-export.opml', 'freshrss-export.opml']) {
      const first = parseOpml(fixture(name));
      const again = parseOpml(utf8(serializeOpml(first)));
      // Export writes a folder's feeds before its subfolders, so only the order may change.
      const sorted = (d: OpmlDocument) => [...d.outlines].sort((a, b) => a.xmlUrl.localeCompare(b.xmlUrl));
      assert.equal(again.title, first.title);
      assert.deepEqual(sorted(again), sorted(first), name);
    }
  });

  it('writes OPML 2.0 with the creation date it is given', () => {
    const text = serializeOpml({ title: 'x', outlines: [] }, { dateCreated: new Date(Date.UTC(2026, 2, 2, 9)) });
    assert.match(text, /<opml version="2\.0">/);
    assert.match(text, /<dateCreated>Mon, 02 Mar 2026 09:00:00 GMT<\/dateCreated>/);
  });
});
