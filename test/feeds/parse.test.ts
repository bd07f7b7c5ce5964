// parseFeed on feeds shaped like the ones news outlets publish (test/fixtures/feeds) and on the
// malformations seen in the wild: what a reader would see — titles, links, dates, sanitized HTML,
// media — and a warning for each repair.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { parseFeed, type ParsedFeed } from '../../src/feeds/index.js';
import { TopstoryError } from '../../src/errors.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const rss = (items: string, channel = '') => `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://site.example/</link>${channel}${items}</channel></rss>`;

describe('RSS 2.0 with namespaces (rss2-news.xml)', () => {
  const feed = parseFeed(fixture('rss2-news.xml'), { url: 'https://harbour.example/feed/' });
  const [ferry, podcast, pier] = feed.items;

  it('reads the channel', () => {
    assert.equal(feed.format, 'rss');
    assert.equal(feed.version, '2.0');
    assert.deepEqual(feed.feed, {
      title: 'The Daily Harbour & Coast',
      link: 'https://harbour.example/',
      description: 'News from the <em>harbour</em> towns',
      language: 'en-GB',
      updated: '2026-03-02T09:15:00.000Z',
      image: 'https://harbour.example/static/logo.png',
    });
  });

  it('keeps a guid with isPermaLink="false" as the id but not as the link, and resolves the relative link', () => {
    assert.equal(ferry?.id, 'harbour-article-48213');
    assert.equal(ferry?.link, 'https://harbour.example/2026/03/02/ferry-service-resumes/');
  });

  it('takes dc:creator as the author and every category', () => {
    assert.equal(ferry?.author, 'Jane Marlow');
    assert.deepEqual(ferry?.categories, ['Transport', 'Weather']);
  });

  it('sanitizes description and content:encoded, resolving relative URLs', () => {
    assert.equal(ferry?.summary?.includes('<script'), false);
    assert.match(ferry?.summary ?? '', /href="https:\/\/harbour\.example\/live"/);
    assert.match(ferry?.content ?? '', /<strong>gales<\/strong>/);
    assert.match(ferry?.content ?? '', /src="https:\/\/harbour\.example\/img\/ferry\.jpg"/);
    assert.doesNotMatch(ferry?.content ?? '', /onerror|javascript:/);
  });

  it('takes the full-size media:content image as the image (over the thumbnail) and as an enclosure', () => {
    assert.equal(ferry?.image, 'https://cdn.harbour.example/ferry-large.jpg');
    assert.deepEqual(ferry?.enclosures.map((e) => e.url), ['https://cdn.harbour.example/ferry-large.jpg']);
  });

  it('reads an RSS author "email (Name)", iTunes summary and image, and the enclosure with its length', () => {
    assert.equal(podcast?.author, 'Tom Reed');
    assert.equal(podcast?.summary, 'An hour with the night shift.');
    assert.equal(podcast?.image, 'https://cdn.harbour.example/podcast-art.png');
    assert.deepEqual(podcast?.enclosures, [{ url: 'https://cdn.harbour.example/ep12.mp3', type: 'audio/mpeg', length: 24986239 }]);
    assert.equal(podcast?.published, '2026-03-01T20:00:00.000Z', 'two-digit year, CET, no seconds');
  });

  it('uses a permalink guid as the link, flattens an escaped-HTML title and reads media:group', () => {
    assert.equal(pier?.link, 'https://harbour.example/2026/02/28/pier');
    assert.equal(pier?.title, 'Council approves new pier');
    assert.equal(pier?.image, 'https://cdn.harbour.example/pier.jpg');
    assert.deepEqual(pier?.enclosures, [{ url: 'https://cdn.harbour.example/pier.mp4', type: 'video/mp4', length: 1048576 }]);
    assert.equal(pier?.summary, 'Drone footage of the pier site.');
  });

  it('leaves an unreadable date empty with a warning', () => {
    assert.equal(pier?.published, null);
    assert.ok(feed.warnings.some((w) => w.includes('someday soon')));
  });
});

describe('Atom 1.0 with xml:base and xhtml (atom-news.xml)', () => {
  const feed = parseFeed(fixture('atom-news.xml'));
  const [market, weather] = feed.items;

  it('reads the feed: html title as text, xml:lang, logo against xml:base', () => {
    assert.equal(feed.format, 'atom');
    assert.equal(feed.feed.title, 'Les Nouvelles du Port');
    assert.equal(feed.feed.link, 'https://nouvelles.example/');
    assert.equal(feed.feed.language, 'fr-FR');
    assert.equal(feed.feed.image, 'https://nouvelles.example/logo.svg');
    assert.equal(feed.feed.updated, '2026-03-02T09:00:00.000Z');
  });

  it('resolves links and xhtml content against nested xml:base', () => {
    assert.equal(market?.link, 'https://nouvelles.example/2026/03/marche-ouvre');
    assert.match(market?.content ?? '', /href="https:\/\/nouvelles\.example\/2026\/03\/photos\/"/);
    assert.match(market?.content ?? '', /src="https:\/\/nouvelles\.example\/2026\/03\/marche-2\.jpg"/);
    assert.doesNotMatch(market?.content ?? '', /xmlns|<div/);
  });

  it('reads published and updated, categories and rel=enclosure', () => {
    assert.equal(market?.published, '2026-03-02T06:45:00.000Z');
    assert.equal(market?.updated, '2026-03-02T08:00:00.000Z');
    assert.deepEqual(market?.categories, ['économie']);
    assert.deepEqual(market?.enclosures, [{ url: 'https://img.nouvelles.example/marche.jpg', type: 'image/jpeg', length: 52310 }]);
    assert.equal(market?.image, 'https://img.nouvelles.example/marche.jpg');
  });

  it('inherits the feed author, keeps text titles literal and shows text content as escaped HTML', () => {
    assert.equal(market?.author, 'Rédaction');
    assert.equal(weather?.author, 'Service Météo');
    assert.equal(weather?.title, 'Météo : <alerte> orange');
    assert.equal(weather?.content, 'Vents violents attendus.<br /><br />Restez prudents.');
  });
});

describe('RSS 1.0 (rdf-news.xml, ISO-8859-1)', () => {
  const feed = parseFeed(fixture('rdf-news.xml'));
  it('reads channel and items with Dublin Core in the declared legacy encoding', () => {
    assert.equal(feed.format, 'rdf');
    assert.equal(feed.feed.title, 'Die Zeitung');
    assert.equal(feed.feed.language, 'de');
    assert.equal(feed.items[0]?.title, 'Grüße aus Köln');
    assert.equal(feed.items[0]?.author, 'Jörg Müller');
    assert.equal(feed.items[0]?.published, '2026-03-01T16:30:00.000Z');
    assert.equal(feed.items[0]?.id, 'https://zeitung.example/a/1');
    assert.deepEqual(feed.items[0]?.categories, ['Lokales']);
    assert.deepEqual(feed.warnings, []);
  });
});

describe('JSON Feed', () => {
  it('reads 1.1: authors, content_html sanitized, summary as text, tags, attachments, relative url', () => {
    const feed = parseFeed(fixture('jsonfeed-1.1.json'));
    const [bridge, school] = feed.items;
    assert.equal(feed.format, 'json');
    assert.equal(feed.version, '1.1');
    assert.equal(feed.feed.title, 'Valley Ledger');
    assert.equal(feed.feed.language, 'en-US');
    assert.equal(bridge?.author, 'Ledger Staff');
    assert.equal(bridge?.content, '<p>The bridge is open.</p>');
    assert.equal(bridge?.summary, 'Bridge open &lt;again&gt;');
    assert.equal(bridge?.published, '2026-03-02T14:00:00.000Z');
    assert.deepEqual(bridge?.categories, ['traffic', 'infrastructure']);
    assert.deepEqual(bridge?.enclosures, [{ url: 'https://ledger.example/audio/bridge.mp3', type: 'audio/mpeg', length: 123456 }]);
    assert.equal(school?.id, '42');
    assert.equal(school?.link, 'https://ledger.example/2026/03/01/school');
    assert.equal(school?.author, 'Old-style Author');
    assert.equal(school?.published, null);
    assert.ok(feed.warnings.some((w) => w.includes('not a date')));
  });

  it('reads 1.0 with its single author object', () => {
    const feed = parseFeed(fixture('jsonfeed-1.0.json'));
    assert.equal(feed.version, '1');
    assert.equal(feed.items[0]?.author, 'Solo');
    assert.equal(feed.items[0]?.content, 'Hello');
  });

  it('refuses JSON that is not a feed, and broken JSON, with feeds-layer errors', () => {
    assert.throws(() => parseFeed(utf8('{"hello": "world"}')), (e: unknown) => e instanceof TopstoryError && e.code === 'not-a-feed');
    assert.throws(() => parseFeed(utf8('{"version": "https://jsonfeed.org/version/1.1", "items": [')), (e: unknown) => e instanceof TopstoryError && e.code === 'bad-json');
  });
});

describe('sitemaps', () => {
  it('reads a news sitemap into items with title, publication date, keywords and image; drops non-http locations', () => {
    const feed = parseFeed(fixture('news-sitemap.xml'));
    assert.equal(feed.format, 'sitemap');
    assert.equal(feed.feed.title, 'The Gazette');
    assert.equal(feed.items.length, 2);
    assert.equal(feed.items[0]?.title, 'Central bank holds rates & signals patience');
    assert.equal(feed.items[0]?.published, '2026-03-02T08:00:00.000Z');
    assert.equal(feed.items[0]?.updated, '2026-03-02T09:20:00.000Z');
    assert.deepEqual(feed.items[0]?.categories, ['economy', 'rates', 'central bank']);
    assert.equal(feed.items[0]?.image, 'https://gazette.example/img/rates.jpg');
    assert.equal(feed.items[1]?.published, '2026-03-01T00:00:00.000Z');
  });

  it('reads a plain sitemap', () => {
    const feed = parseFeed(fixture('sitemap.xml'));
    assert.deepEqual(feed.items.map((i) => [i.link, i.updated]), [
      ['https://gazette.example/about', '2025-11-02T00:00:00.000Z'],
      ['https://gazette.example/contact', null],
    ]);
  });

  it('lists the child sitemaps of an index, resolved against the document URL', () => {
    const feed = parseFeed(fixture('sitemap-index.xml'), { url: 'https://gazette.example/sitemap.xml' });
    assert.equal(feed.format, 'sitemap-index');
    assert.deepEqual(feed.sitemaps, [
      'https://gazette.example/sitemap-news.xml',
      'https://gazette.example/sitemap-2026-02.xml',
      'https://gazette.example/sitemap-pages.xml',
    ]);
    assert.equal(feed.feed.updated, '2026-03-02T09:20:00.000Z');
  });
});

describe('broken XML is recovered with warnings', () => {
  const cases: { name: string; xml: string; check: (f: ParsedFeed) => void; warning: RegExp }[] = [
    {
      name: 'unescaped ampersands in text and URLs',
      xml: rss('<item><title>Fish & Chips</title><link>https://site.example/?a=1&b=2</link></item>'),
      check: (f) => {
        assert.equal(f.items[0]?.title, 'Fish & Chips');
        assert.equal(f.items[0]?.link, 'https://site.example/?a=1&b=2');
      },
      warning: /unescaped "&"/,
    },
    {
      name: 'HTML entities that XML does not define',
      xml: rss('<item><title>Caf&eacute; &mdash; na&iuml;ve &hellip;</title></item>'),
      check: (f) => assert.equal(f.items[0]?.title, 'Café — naïve …'),
      warning: /HTML entities/,
    },
    {
      name: 'unclosed tags',
      xml: '<rss version="2.0"><channel><title>T</title><item><title>First<link>https://site.example/1</link></item><item><title>Second</title></channel></rss>',
      check: (f) => {
        assert.equal(f.items.length, 2);
        assert.equal(f.items[1]?.title, 'Second');
      },
      warning: /unclosed element/,
    },
    {
      name: 'control characters',
      xml: rss('<item><title>Bad\u0001 \u0008bytes\u001F here</title></item>'),
      check: (f) => assert.equal(f.items[0]?.title, 'Bad bytes here'),
      warning: /control characters/,
    },
    {
      name: 'a truncated document',
      xml: rss('<item><title>Whole</title></item><item><title>Cut</title><description>half a sen').slice(0, -'</channel></rss>'.length),
      check: (f) => {
        assert.deepEqual(f.items.map((i) => i.title), ['Whole', 'Cut']);
        assert.equal(f.items[1]?.summary, 'half a sen');
      },
      warning: /truncated/,
    },
    {
      name: 'an unterminated CDATA section',
      xml: '<rss version="2.0"><channel><item><title>Ok</title><description><![CDATA[<p>never ends',
      check: (f) => assert.equal(f.items[0]?.title, 'Ok'),
      warning: /CDATA|truncated/,
    },
    {
      name: 'windows-1252 characters stored as C1 controls',
      xml: rss('<item><title>It\u0092s \u0093quoted\u0094</title></item>'),
      check: (f) => assert.equal(f.items[0]?.title, 'It’s “quoted”'),
      warning: /C1 control/,
    },
    {
      name: 'undeclared namespace prefixes',
      xml: '<rss version="2.0"><channel><item><title>x</title><dc:creator>Ann</dc:creator><content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded></item></channel></rss>',
      check: (f) => {
        assert.equal(f.items[0]?.author, 'Ann');
        assert.equal(f.items[0]?.content, '<p>Body</p>');
      },
      warning: /undeclared namespace/,
    },
    {
      name: 'garbage after the root element',
      xml: `${rss('<item><title>Kept</title></item>')}<rss><channel><item><title>Ignored</title></item></channel></rss>`,
      check: (f) => assert.deepEqual(f.items.map((i) => i.title), ['Kept']),
      warning: /after the root/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const feed = parseFeed(utf8(c.xml));
      c.check(feed);
      assert.ok(feed.warnings.some((w) => c.warning.test(w)), `warnings: ${JSON.stringify(feed.warnings)}`);
    });
  }

  it('lets no control character reach sanitized HTML, whichever way the document carries it', () => {
    const routes = [
      '<description>a&#1;b&#x7F;c</description>', // character references in escaped HTML
      '<description><![CDATA[<p>a&#1;b</p>]]></description>', // references inside the HTML itself
      '<description>a\u007Fb</description>', // a raw DEL, which XML allows
      '<description>a\u0001b</description>', // a raw C0 control, which XML does not
      '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p title="x&#1;">a\u007Fb</p>]]></content:encoded>',
    ];
    for (const route of routes) {
      const item = parseFeed(utf8(rss(`<item><title>t</title>${route}</item>`))).items[0];
      const html = `${item?.summary ?? ''}${item?.content ?? ''}`;
      assert.ok(html.includes('a') && html.includes('b'), `the text survives: ${route} gave ${JSON.stringify(html)}`);
      assert.doesNotMatch(html, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/, route);
    }
    // Base64 content is decoded from the document, not read from it: its bytes are checked too.
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title><content type="application/octet-stream">${Buffer.from('<p>a\u0001b\u007Fc</p>').toString('base64')}</content></entry></feed>`;
    assert.equal(parseFeed(utf8(atom)).items[0]?.content, '<p>abc</p>');
  });

  it('reads a well-formed feed without warnings', () => {
    assert.deepEqual(parseFeed(utf8(rss('<item><title>A &amp; B</title></item>'))).warnings, []);
  });
});

describe('RSS details', () => {
  const cases: { name: string; item: string; expect: Record<string, unknown> }[] = [
    { name: 'feedburner:origLink is the article link', item: '<link>https://feeds.example/~r/x/1</link><feedburner:origLink xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">https://site.example/real</feedburner:origLink>', expect: { link: 'https://site.example/real' } },
    { name: 'atom:link alternate when <link> is missing', item: '<atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="alternate" href="https://site.example/a"/>', expect: { link: 'https://site.example/a' } },
    { name: 'javascript: links are dropped', item: '<link>javascript:alert(1)</link>', expect: { link: null } },
    { name: 'data: guid is not a link', item: '<guid>data:text/html,hi</guid>', expect: { link: null } },
    { name: 'dcterms:modified is the update date', item: '<pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate><dcterms:modified xmlns:dcterms="http://purl.org/dc/terms/">2026-03-02T10:00:00Z</dcterms:modified>', expect: { published: '2026-03-02T08:00:00.000Z', updated: '2026-03-02T10:00:00.000Z' } },
    { name: 'dc:date when there is no pubDate', item: '<dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">2026-03-02T08:00:00+02:00</dc:date>', expect: { published: '2026-03-02T06:00:00.000Z' } },
    { name: '"Name <email>" author', item: '<author>Ann Lee &lt;ann@site.example&gt;</author>', expect: { author: 'Ann Lee' } },
    { name: 'unescaped HTML left in a description', item: '<description><p>Hello <b>world</b></p></description>', expect: { summary: '<p>Hello <strong>world</strong></p>' } },
    { name: 'duplicate categories once', item: '<category>A</category><category>A</category><category>B</category>', expect: { categories: ['A', 'B'] } },
    { name: 'a misspelt namespace URI for a well-known prefix', item: '<content:encoded xmlns:content="https://purl.org/rss/1.0/modules/content">&lt;p&gt;Full&lt;/p&gt;</content:encoded>', expect: { content: '<p>Full</p>' } },
    { name: 'the id falls back to the link', item: '<link>https://site.example/x</link>', expect: { id: 'https://site.example/x' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const item = parseFeed(utf8(rss(`<item><title>t</title>${c.item}</item>`)), { url: 'https://site.example/feed' }).items[0] as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(c.expect)) assert.deepEqual(item[k], v, k);
    });
  }

  it('reads RSS 0.91 and a version-less <rss>', () => {
    const old = parseFeed(utf8('<rss version="0.91"><channel><title>Old</title><item><title>i</title><link>https://o.example/</link></item></channel></rss>'));
    assert.equal(old.version, '0.91');
    assert.equal(old.items[0]?.link, 'https://o.example/');
    assert.equal(parseFeed(utf8('<rss><channel><title>x</title></channel></rss>')).version, null);
  });

  it('reads Atom 0.3', () => {
    const feed = parseFeed(utf8('<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title><entry><title>e</title><link rel="alternate" type="text/html" href="https://a.example/e"/><issued>2004-01-01T10:00:00Z</issued><modified>2004-01-02T10:00:00Z</modified><content type="text/html" mode="escaped">&lt;p&gt;hi&lt;/p&gt;</content></entry></feed>'));
    assert.equal(feed.version, '0.3');
    assert.equal(feed.items[0]?.published, '2004-01-01T10:00:00.000Z');
    assert.equal(feed.items[0]?.updated, '2004-01-02T10:00:00.000Z');
    assert.equal(feed.items[0]?.content, '<p>hi</p>');
  });
});

describe('encodings', () => {
  const title = {
    'koi8-r': 'Новости дня: пожар в Москве',
    'windows-1251': 'Новости дня: пожар в Москве',
    'iso-8859-2': 'Zażółć gęślą jaźń - Łódź',
    'windows-1252': 'Café “déjà vu” – naïve €5',
    shift_jis: '東京で大雨、交通機関に乱れ',
    'euc-jp': '東京で大雨、交通機関に乱れ',
    gb18030: '北京今日天气晴朗，空气质量良好',
    big5: '台北今日天氣晴朗，空氣品質良好',
  } as const;
  const doc = (label: string, text: string) => `<?xml version="1.0" encoding="${label}"?><rss version="2.0"><channel><title>${text}</title><item><title>${text}</title></item></channel></rss>`;
  const iconvName: Record<string, string> = { 'iso-8859-2': 'iso88592', 'iso-8859-1': 'latin1' };

  for (const [label, text] of Object.entries(title)) {
    it(`decodes ${label} from the XML declaration`, () => {
      const feed = parseFeed(new Uint8Array(iconv.encode(doc(label, text), iconvName[label] ?? label)));
      assert.equal(feed.items[0]?.title, text.replace(/\s+/g, ' '));
      assert.equal(feed.encoding, label === 'iso-8859-2' ? 'iso-8859-2' : label);
      assert.deepEqual(feed.warnings, []);
    });
  }

  const wide: [string, string, boolean][] = [['UTF-16LE with BOM', 'utf16le', true], ['UTF-16BE with BOM', 'utf16be', true], ['UTF-16LE without BOM', 'utf16le', false], ['UTF-32LE with BOM', 'utf32le', true], ['UTF-32BE without BOM', 'utf32be', false]];
  for (const [name, enc, bom] of wide) {
    it(`decodes ${name}`, () => {
      const body = iconv.encode(`<?xml version="1.0" encoding="${enc.startsWith('utf16') ? 'UTF-16' : 'UTF-32'}"?><rss version="2.0"><channel><title>Ünïcödé ✓ 𝄞</title></channel></rss>`, enc, { addBOM: bom });
      const feed = parseFeed(new Uint8Array(body));
      assert.equal(feed.feed.title, 'Ünïcödé ✓ 𝄞');
    });
  }

  it('lets the BOM win over the HTTP charset and the declaration (RFC 7303 §3.2)', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(doc('iso-8859-1', 'Grüße'))]);
    const feed = parseFeed(bytes, { contentType: 'application/rss+xml; charset=windows-1251' });
    assert.equal(feed.feed.title, 'Grüße');
    assert.equal(feed.encoding, 'utf-8');
  });

  it('lets the HTTP charset win over the XML declaration', () => {
    const bytes = new Uint8Array(iconv.encode(doc('utf-8', title['windows-1251']), 'windows-1251'));
    const feed = parseFeed(bytes, { contentType: 'text/xml; charset="windows-1251"' });
    assert.equal(feed.feed.title, title['windows-1251']);
    assert.equal(feed.encoding, 'windows-1251');
  });

  it('recovers UTF-8 bytes declared as ISO-8859-1, with a warning', () => {
    const feed = parseFeed(utf8(doc('ISO-8859-1', 'Grüße aus Köln — “zitiert”')));
    assert.equal(feed.feed.title, 'Grüße aus Köln — “zitiert”');
    assert.equal(feed.encoding, 'utf-8');
    assert.ok(feed.warnings.some((w) => /contradicts the bytes/.test(w)));
  });

  it('recovers windows-1251 bytes declared as UTF-8, with a warning', () => {
    const text = 'Правительство объявило о новых мерах поддержки экономики и малого бизнеса в регионах';
    const feed = parseFeed(new Uint8Array(iconv.encode(doc('utf-8', text), 'windows-1251')));
    assert.equal(feed.feed.title, text);
    assert.ok(feed.warnings.some((w) => /not valid utf-8/.test(w)));
  });

  it('ignores an unknown encoding label with a warning', () => {
    const feed = parseFeed(utf8(doc('x-no-such-charset', 'plain')));
    assert.equal(feed.feed.title, 'plain');
    assert.ok(feed.warnings.some((w) => /unknown XML declaration/.test(w)));
  });
});

describe('what is not a feed', () => {
  it('an HTML page is refused with the feeds it links to', () => {
    assert.throws(
      () => parseFeed(fixture('page-with-feeds.html'), { url: 'https://harbour.example/news/' }),
      (e: unknown) => e instanceof TopstoryError && e.code === 'not-a-feed'
        && /HTML page/.test(e.message) && e.message.includes('https://harbour.example/atom.xml') && e.message.includes('https://harbour.example/news/feed/'),
    );
  });

  it('an empty document, an unknown XML root, and OPML are refused with a feeds error', () => {
    for (const input of ['', '   ', 'just text', '<note><to>x</to></note>', '<opml version="2.0"><body/></opml>']) {
      assert.throws(() => parseFeed(utf8(input)), (e: unknown) => e instanceof TopstoryError && e.layer === 'feeds', JSON.stringify(input));
    }
  });
});
