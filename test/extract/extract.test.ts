// Article extraction as a reader sees its result: the right title, byline, dates and lead; the
// article's paragraphs in order and none of the page furniture around them; bytes decoded in the
// right charset; and hostile pages refused with an error instead of hanging a worker.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { extractArticle, titleWithoutSite, type Article } from '../../src/extract/index.js';
import { findDateIn, parsePageDate } from '../../src/extract/dates.js';
import { cleanByline } from '../../src/extract/metadata.js';
import { rulesForUrl, SITE_RULES } from '../../src/extract/site-rules.js';
import { BOILERPLATE_PHRASES } from '../../src/extract/hints.js';
import { TopstoryError } from '../../src/errors.js';
import { collapse, collapsedLength, elementsIn, parseHtml } from '../../src/extract/dom.js';
import { withWorkBudget } from '../../src/extract/budget.js';
import fc from 'fast-check';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/extract/${name}`, import.meta.url));

/** Asserts that the lines appear in the text in this order, each on a line of its own. */
function assertLinesInOrder(text: string, lines: string[]): void {
  const all = text.split('\n');
  let at = -1;
  for (const line of lines) {
    const index = all.findIndex((l, i) => i > at && l.startsWith(line));
    assert.ok(index > at, `missing or out of order: "${line}"\n--- text ---\n${text}`);
    at = index;
  }
}

function assertAbsent(article: Article, phrases: string[]): void {
  for (const phrase of phrases) {
    assert.ok(!article.text.toLowerCase().includes(phrase.toLowerCase()), `text still has "${phrase}":\n${article.text}`);
    assert.ok(!article.html.toLowerCase().includes(phrase.toLowerCase()), `html still has "${phrase}"`);
  }
}

describe('WordPress aggregator post', () => {
  const url = 'https://worldnewshub.example/2024/05/07/city-council-approves-new-riverside-park/';
  const article = extractArticle(fixture('wordpress-aggregator.html'), url);

  it('metadata comes from the Yoast JSON-LD graph and OpenGraph', () => {
    assert.equal(article.title, 'City council approves new riverside park after three-year debate');
    assert.equal(article.byline, 'Maria Keller', 'the @id reference to the Person is followed, not the "newsbot" account');
    assert.equal(article.published, '2024-05-07T14:32:10.000Z');
    assert.equal(article.modified, '2024-05-07T15:01:44.000Z');
    assert.equal(article.siteName, 'World News Hub');
    assert.equal(article.lang, 'en-US');
    assert.equal(article.canonical, url);
    assert.equal(article.image, 'https://worldnewshub.example/wp-content/uploads/2024/05/riverside-park.jpg');
    assert.equal(article.lead, 'The council voted 9 to 2 on Tuesday to turn the former freight yard on the east bank into a public park with a flood meadow.');
  });

  it('body keeps paragraphs, subheadings, the quote and the list, in order, one line each', () => {
    assertLinesInOrder(article.text, [
      'The city council voted 9 to 2 on Tuesday evening',
      'The plan, drawn up by the parks department',
      'A long argument over housing',
      'Opponents on the council had argued',
      '"A city that floods every other spring',
      'The deputy mayor, Elena Ruiz',
      'What happens next',
      'Soil tests on the eastern half',
      'The cranes will be repainted',
      'The first section, along the river',
      'The project is expected to cost 14 million euros',
    ]);
    assert.equal(article.text.split('\n').length, 11, article.text);
  });

  it('drops every kind of boilerplate around and inside the post', () => {
    assertAbsent(article, [
      'Share this', 'Click to share', 'Related', 'Rail company confirms', 'Read more', 'Source link', 'Leave a Reply',
      'Your email address', 'Post Comment', 'thoughts on', 'Finally some good news', 'Back to top', 'Subscribe',
      'Sign up for our free newsletter', 'We use cookies', 'Posted in', 'Tagged', 'About newsbot', 'gathers the news',
      'Recent Posts', 'Skip to content', 'Advertisement', 'All rights reserved', 'Search for', 'Menu',
    ]);
  });

  it('html is sanitized: structure kept, no classes, forms or tracking pixels', () => {
    assert.match(article.html, /<h2>A long argument over housing<\/h2>/);
    assert.match(article.html, /<blockquote><p>"A city that floods/);
    assert.match(article.html, /<ul>\n?<li>Soil tests/);
    assert.doesNotMatch(article.html, /class=|style=|<form|<input|pixel\.wp\.com|<script/);
    assert.equal(article.wordCount, article.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length);
  });
});

describe('JSON-LD news page', () => {
  const article = extractArticle(fixture('jsonld-news.html'), 'https://www.meridianledger.example/business/2024/nov/18/harbour-cranes-strike-second-week?utm_source=rss');

  it('reads ReportageNewsArticle from a JSON-LD array with nested authors and publisher', () => {
    assert.equal(article.title, 'Harbour cranes fall silent as dock workers strike for a second week');
    assert.equal(article.byline, 'Aisha Rahman, Jonas Lindqvist');
    assert.equal(article.published, '2024-11-18T05:45:00.000Z', 'dates are converted to UTC');
    assert.equal(article.modified, '2024-11-18T08:10:00.000Z');
    assert.equal(article.siteName, 'The Meridian Ledger');
    assert.equal(article.lang, 'en-GB');
    assert.equal(article.canonical, 'https://www.meridianledger.example/business/2024/nov/18/harbour-cranes-strike-second-week');
    assert.equal(article.image, 'https://www.meridianledger.example/media/2024/11/cranes-1600.jpg', 'relative og:image resolved');
  });

  it('the standfirst under the headline is the lead', () => {
    assert.equal(article.lead, 'Container traffic at the port has dropped by two thirds since the strike began, and shipping lines are diverting vessels to the north.');
  });

  it('keeps paragraphs, quote and table in order in text, and the captioned figure in html', () => {
    assertLinesInOrder(article.text, [
      'The cranes of the eastern container terminal',
      'Figures from the port authority',
      'Pay and automation',
      'The union wants a pay rise',
      'We are not against the machines.',
      "The port's chief executive",
      'Vessels handled per week',
      'Week | 2023 | 2024',
      '46 | 126 | 41',
      'Retailers have warned',
    ]);
    assert.match(article.html, /<figure>[\s\S]*<img src="https:\/\/www\.meridianledger\.example\/media\/2024\/11\/cranes-800\.jpg"[\s\S]*<figcaption>Idle cranes at the container terminal on Sunday/);
    assert.ok(!article.text.includes('Photograph: Lena Ortiz'), 'captions are not body text');
    assert.match(article.html, /<table>[\s\S]*<th>Week<\/th>/);
  });

  it('drops share tools, promos, related links, topics and site furniture', () => {
    assertAbsent(article, ['Share on', 'Sign up to Business Today', 'More on this story', 'Dock workers walk out', 'Topics', 'Trade unions', 'Most viewed', 'Subscribe from', 'Back to top', 'By Aisha']);
  });
});

describe('bytes in: charsets', () => {
  const russianTitle = 'Паводок на Ладоге: в Приозерске подтоплены три улицы';
  const cp1251 = fixture('windows-1251.html');
  const withoutDeclaration = iconv.encode(iconv.decode(cp1251, 'windows-1251').replace(/<meta http-equiv[^>]*>/, ''), 'windows-1251');
  const cases: Array<{ name: string; bytes: Uint8Array; contentType?: string; title: string; textHas: string }> = [
    { name: 'windows-1251 declared by http-equiv', bytes: cp1251, title: russianTitle, textHas: 'Уровень воды в реке Вуоксе' },
    { name: 'windows-1251 named only by the HTTP header', bytes: withoutDeclaration, contentType: 'text/html; charset=windows-1251', title: russianTitle, textHas: 'подошла к порогам' },
    { name: 'windows-1251 with no declaration at all is detected', bytes: withoutDeclaration, title: russianTitle, textHas: 'спасатели развернули' },
    { name: 'a wrong HTTP charset is overruled by the bytes', bytes: cp1251, contentType: 'text/html; charset=utf-8', title: russianTitle, textHas: 'Синоптики ожидают' },
    { name: 'ISO-8859-1 named only by <meta charset>', bytes: fixture('meta-charset-latin1.html'), title: 'Fête de la musique : la ville prépare vingt scènes', textHas: "jusqu'à la place de l'Église" },
    {
      name: 'a UTF-8 byte order mark wins over a wrong <meta charset>',
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<html><head><meta charset="windows-1252"><title>Café crème</title></head><body><p>Un café crème coûte trois euros au comptoir, et quatre en terrasse près du marché.</p></body></html>')]),
      title: 'Café crème', textHas: 'coûte trois euros',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const article = extractArticle(c.bytes, 'https://news.example/a', { contentType: c.contentType });
      assert.equal(article.title, c.title);
      assert.ok(article.text.includes(c.textHas), article.text);
    });
  }

  it('the Russian page keeps its text and drops its furniture', () => {
    const article = extractArticle(cp1251, 'https://priozerye.example/news/flood.html');
    assert.equal(article.siteName, 'Вести Приозерья');
    assert.equal(article.lang, 'ru');
    assert.equal(article.published, '2024-04-12T05:30:00.000Z');
    assert.equal(article.text.split('\n').length, 5, article.text);
    assertAbsent(article, ['Поделиться', 'Источник', 'Читайте также', 'Наверх', 'Главная', 'Перепечатка']);
  });

  it('a byline line ("Par …") is found when nothing declares an author', () => {
    const article = extractArticle(fixture('meta-charset-latin1.html'));
    assert.equal(article.byline, 'Hélène Le Goff');
    assert.ok(!article.text.includes('Par Hélène'), 'the byline line is not body text');
  });
});

describe('bounded: hostile pages end in an error', () => {
  const cases: Array<{ name: string; html: () => string | Uint8Array; code: string }> = [
    { name: 'nesting 10,000 deep', html: () => '<html><body>' + '<div>'.repeat(10_000) + 'x' + '</div>'.repeat(10_000) + '</body></html>', code: 'too_deep' },
    { name: 'unclosed inline tags 10,000 deep', html: () => '<p>' + '<b><i>'.repeat(5_000) + 'x', code: 'too_deep' },
    { name: 'a million nodes', html: () => '<html><body>' + '<br>'.repeat(1_000_000) + '</body></html>', code: 'too_many_nodes' },
    { name: 'more than 5 MiB of bytes', html: () => new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61), code: 'too_large' },
    { name: 'more than 5 MiB of text', html: () => 'a'.repeat(5 * 1024 * 1024 + 1), code: 'too_large' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.throws(() => extractArticle(c.html(), 'https://news.example/a'), (err: unknown) => {
        assert.ok(err instanceof TopstoryError, String(err));
        assert.equal(err.layer, 'extract');
        assert.equal(err.code, c.code);
        return true;
      });
    });
  }

  it('a walk that needs more work than the budget allows ends in too_complex', () => {
    const doc = parseHtml('<div>' + '<p>x</p>'.repeat(1000) + '</div>');
    assert.throws(() => withWorkBudget(500, () => elementsIn(doc)), (err: unknown) => err instanceof TopstoryError && err.code === 'too_complex');
    assert.equal(withWorkBudget(5000, () => elementsIn(doc)).length, 1001, 'the same walk within budget');
  });

  it('a deep but legal page still extracts', () => {
    const html = '<html><body>' + '<div>'.repeat(200) + '<p>' + 'A sentence that is long enough to count as prose. '.repeat(6) + '</p>' + '</div>'.repeat(200) + '</body></html>';
    const article = extractArticle(html, 'https://news.example/a');
    assert.ok(article.text.startsWith('A sentence that is long enough'));
  });
});

describe('site rules', () => {
  const page = `<html><head><title>Rules test</title></head><body>
    <div class="teaser"><p>${'A teaser paragraph that is long and full of words, commas, and sentences. '.repeat(8)}</p></div>
    <div class="story-text"><p>The real story is short but it is the article.</p><p class="promo">Buy our app today.</p></div>
  </body></html>`;

  it('an operator content selector takes precedence over scoring, and remove selectors apply', () => {
    const article = extractArticle(page, 'https://rules.example/a', { rules: { contentSelector: '.story-text', removeSelectors: ['.promo'] } });
    assert.equal(article.text, 'The real story is short but it is the article.');
  });

  it('a selector that matches nothing falls back to scoring', () => {
    const article = extractArticle(page, 'https://rules.example/a', { rules: { contentSelector: '#missing' } });
    assert.ok(article.text.startsWith('A teaser paragraph'));
  });

  it('an invalid selector is an error that says so', () => {
    assert.throws(() => extractArticle(page, 'https://rules.example/a', { rules: { contentSelector: 'div[' } }), /invalid CSS selector "div\["/);
  });

  it('the table applies to a host and its subdomains', () => {
    assert.equal(rulesForUrl('https://en.wikipedia.org/wiki/Topstory')?.contentSelector, '#mw-content-text');
    assert.equal(rulesForUrl('https://github.com/owner/repo')?.contentSelector, 'article.markdown-body');
    assert.equal(rulesForUrl('https://notgithub.com/x'), undefined);
  });

  it('the table and the phrase table are sorted', () => {
    const hosts = SITE_RULES.map(([h]) => h);
    assert.deepEqual(hosts, [...hosts].sort((a, b) => a.localeCompare(b)));
    const phrases = BOILERPLATE_PHRASES.map(([p]) => p);
    assert.deepEqual(phrases, [...phrases].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('the Wikipedia rule keeps the article and drops edit links and navboxes', () => {
    const html = `<html><body><div id="mw-content-text"><p>${'Topstory is a news site that groups coverage of one event into a story. '.repeat(3)}</p>
      <h2>History<span class="mw-editsection">[edit]</span></h2><p>It began as a small project.<sup class="reference">[1]</sup></p>
      <div class="navbox"><a href="/a">Other</a> <a href="/b">Links</a></div></div><div id="footer">Privacy</div></body></html>`;
    const article = extractArticle(html, 'https://en.wikipedia.org/wiki/Topstory');
    assert.deepEqual(article.text.split('\n').slice(1), ['History', 'It began as a small project.']);
  });
});

describe('body cleaning', () => {
  const prose = (n: number): string => 'This sentence belongs to the article and carries enough words to count. '.repeat(n);
  const cases: Array<{ name: string; body: string; has: string[]; lacks: string[] }> = [
    {
      name: 'lazy images get their real source',
      body: `<article><p>${prose(4)}</p><figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/real.jpg" alt="Real"><figcaption>The caption</figcaption></figure><p>${prose(3)}</p></article>`,
      has: ['src="https://news.example/img/real.jpg"', 'The caption'], lacks: ['data:image'],
    },
    {
      name: 'a <picture> placeholder takes its image from <source>',
      body: `<article><p>${prose(4)}</p><picture><source type="image/webp" srcset="/img/pic-800.webp 800w, /img/pic-1600.webp 1600w"><img src="data:image/gif;base64,R0lGOD" alt="Pic"></picture><p>${prose(3)}</p></article>`,
      has: ['src="https://news.example/img/pic-800.webp"'], lacks: ['data:image'],
    },
    {
      name: 'an <h1> after the first paragraphs is a section heading and stays',
      body: `<article><h1>T</h1><p>${prose(4)}</p><h1>A section inside the article</h1><p>${prose(3)}</p></article>`,
      has: ['<h2>A section inside the article</h2>'], lacks: ['<h2>T</h2>'],
    },
    {
      name: 'hidden blocks and aria-hidden furniture are dropped',
      body: `<article><p>${prose(4)}</p><div style="display:none"><p>Hidden text here</p></div><div hidden><p>Also hidden</p></div><p>${prose(2)}</p></article>`,
      has: ['This sentence belongs'], lacks: ['Hidden text here', 'Also hidden'],
    },
    {
      name: 'a "Comments" heading ends the article',
      body: `<article><p>${prose(4)}</p><p>${prose(3)}</p><h3>Comments</h3><p>${'I disagree with this article, strongly and at length. '.repeat(4)}</p></article>`,
      has: ['This sentence belongs'], lacks: ['I disagree'],
    },
    {
      name: 'a comment section with more text than the article is not the article',
      body: `<div class="post"><h1>T</h1><p>${prose(3)}</p><p>${prose(2)}</p></div><div id="comments" class="comments-area">${'<div class="comment"><p>I have read this and I think the article is wrong about many things, at length, with commas, and sentences. I have read it twice.</p></div>'.repeat(12)}</div>`,
      has: ['This sentence belongs'], lacks: ['I have read this'],
    },
    {
      name: 'inline text and <br><br> breaks become separate lines',
      body: `<div class="post-body">First paragraph of the post with a good number of words in it, enough to count.<br><br>Second paragraph of the post, also long enough to be counted as prose here.<br><br>${prose(3)}</div>`,
      has: ['<p>First paragraph', '<p>Second paragraph'], lacks: ['<br'],
    },
    {
      name: 'words inside a script pseudo-link (an annotation pop-up) stay in their sentence',
      body: `<article><p>${prose(4)}</p><p>"Will you tell me, Bartleby, <a href="javascript:void(0);" class="popup">where you were born?"</a></p><p>${prose(3)}</p></article>`,
      has: ['where you were born?'], lacks: [],
    },
    {
      name: 'program output in <pre> keeps its dated lines',
      body: `<article><p>${prose(4)}</p><pre><span class="go">2020-08-01 18:00:00+00 │ 200 │ 4084</span>\n<span class="go">2020-08-01 17:59:00+00 │ 400 │ 12</span></pre><p>${prose(3)}</p></article>`,
      has: ['2020-08-01 18:00:00+00 │ 200 │ 4084', '2020-08-01 17:59:00+00 │ 400 │ 12'], lacks: [],
    },
    {
      name: 'a list whose items say something besides their links is text; a list of headlines is not',
      body: `<article><p>${prose(4)}</p><ul><li>Ankush Dua <a href="/b/1">fixed an issue with revoked permissions for extensions</a></li><li>gero <a href="/b/2">removed the windowtype attribute</a> from dialogs that did not need it</li></ul><p>${prose(3)}</p><ul><li><a href="/x">Another story about a different subject entirely</a></li><li><a href="/y">Yet another story from the same site, all link</a></li></ul></article>`,
      has: ['Ankush Dua', 'from dialogs that did not need it'], lacks: ['Another story about', 'Yet another story'],
    },
    {
      name: 'a date line in Japanese ("CNET Japan 3/9(木) 18:45配信") is metadata, not text',
      body: `<article><p>CNET Japan 3/9(木) 18:45配信</p><p>${prose(4)}</p></article>`,
      has: ['This sentence belongs'], lacks: ['18:45配信'],
    },
    {
      name: 'the caption of a video player that was removed goes with it; a photo\'s caption stays in html',
      body: `<article><p>${prose(4)}</p><figure><iframe src="https://player.example/v/1"></iframe><figcaption>Media caption What the video showed</figcaption></figure><figure><img src="/p.jpg" alt=""><figcaption>What the photo shows</figcaption></figure><p>${prose(3)}</p></article>`,
      has: ['What the photo shows'], lacks: ['What the video showed'],
    },
    {
      name: 'a picture widget (image and caption, no links) is a figure, not furniture',
      body: `<article><p>${prose(4)}</p><div class="dnd-widget-wrapper type-image"><img src="/luggage.jpg" alt=""><div class="dnd-caption-wrapper">Put luggage on the floor</div></div><p>${prose(3)}</p></article>`,
      has: ['Put luggage on the floor'], lacks: [],
    },
    {
      name: 'a link-only "Source link" line and a tag list are dropped',
      body: `<article><p>${prose(5)}</p><p><a href="https://origin.example/a">Source link</a></p><p>Tags: <a href="/t/a">a</a>, <a href="/t/b">b</a></p></article>`,
      has: ['This sentence belongs'], lacks: ['Source link', 'Tags:'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const article = extractArticle(`<html><head><title>T</title></head><body><nav><a href="/">Home</a></nav>${c.body}<footer>Footer</footer></body></html>`, 'https://news.example/a/b');
      for (const s of c.has) assert.ok(article.html.includes(s) || article.text.includes(s), `missing ${s}:\n${article.html}`);
      for (const s of c.lacks) assert.ok(!article.html.includes(s) && !article.text.includes(s), `still has ${s}:\n${article.html}`);
    });
  }
});

describe('titles and dates', () => {
  const titles: Array<{ raw: string; site?: string; host?: string; headings?: string[]; expected: string }> = [
    { raw: 'Harbour strike enters second week | The Meridian Ledger', site: 'The Meridian Ledger', expected: 'Harbour strike enters second week' },
    { raw: 'Harbour strike enters second week - Meridian', host: 'www.meridian.example', expected: 'Harbour strike enters second week' },
    { raw: 'The Meridian Ledger: Harbour strike enters second week', site: 'The Meridian Ledger', expected: 'Harbour strike enters second week' },
    { raw: 'Harbour strike enters second week — Business — Site', headings: ['Harbour strike enters second week'], expected: 'Harbour strike enters second week' },
    { raw: 'Why we wrote this - a reply', expected: 'Why we wrote this - a reply' },
    { raw: 'Short | The Meridian Ledger', site: 'The Meridian Ledger', expected: 'Short' },
    { raw: 'A long headline about a city :: Site Logo', headings: ['Site Logo'], expected: 'A long headline about a city :: Site Logo' },
    { raw: 'Conversations with a Cryptid - Chapter 1 - An Author - A Fandom [Archive]', headings: ['Conversations with a Cryptid'], expected: 'Conversations with a Cryptid' },
  ];
  for (const c of titles) {
    it(`title: ${c.raw}`, () => {
      assert.equal(titleWithoutSite(c.raw, c.site, c.host, c.headings ?? []), c.expected);
    });
  }
  const dates: Array<[string, string | undefined]> = [
    ['2024-05-07T14:32:10+02:00', '2024-05-07T12:32:10.000Z'],
    ['2024-05-07 14:32', '2024-05-07T14:32:00.000Z'],
    ['2024-05-07', '2024-05-07T00:00:00.000Z'],
    ['Tue, 07 May 2024 14:32:10 GMT', '2024-05-07T14:32:10.000Z'],
    ['May 7, 2024', '2024-05-07T00:00:00.000Z'],
    ['07.05.2024', '2024-05-07T00:00:00.000Z'],
    ['1715092330', '2024-05-07T14:32:10.000Z'],
    ['yesterday', undefined],
    ['0000-00-00', undefined],
  ];
  for (const [input, expected] of dates) {
    it(`date: ${input}`, () => {
      assert.equal(parsePageDate(input), expected);
    });
  }
  const inText: Array<[string, string | undefined]> = [
    ['2 марта 2026, 12:05 | Рубрика: Новости', '2026-03-02T12:05:00.000Z'],
    ['Mis à jour le 2 mars 2026 à 9h30', '2026-03-02T09:30:00.000Z'],
    ['2. März 2026', '2026-03-02T00:00:00.000Z'],
    ['2 de marzo de 2026', '2026-03-02T00:00:00.000Z'],
    ['Posted on March 2, 2026 at 9:45 pm', '2026-03-02T21:45:00.000Z'],
    ['Updated 2026-03-02T08:21:00Z by the desk', '2026-03-02T08:21:00.000Z'],
    ['Comments (12)', undefined],
  ];
  for (const [input, expected] of inText) {
    it(`date in text: ${input}`, () => {
      assert.equal(findDateIn(input), expected);
    });
  }
});

describe('metadata sources', () => {
  const page = (head: string, body = '<article><h1>The headline of the story</h1><p>Text of the story, long enough to be a paragraph of the article, with words.</p></article>'): Article =>
    extractArticle(`<html><head>${head}</head><body>${body}</body></html>`, 'https://news.example/2024/story');
  it('a <title> alone loses a short site tail', () => {
    assert.equal(page('<title>Lorem ipsum dolor sit amet – My website</title>', '<article><p>Text of the story, long enough to be a paragraph of the article.</p></article>').title, 'Lorem ipsum dolor sit amet');
  });
  it('a generic og:title that neither <title> nor <h1> confirms gives way to them', () => {
    assert.equal(page('<title>The headline of the story</title><meta property="og:title" content="News Site - Latest News">').title, 'The headline of the story');
  });
  it('a real name beats an account handle; several <meta name=author> are all named', () => {
    assert.equal(page('<script type="application/ld+json">{"@type":"NewsArticle","author":"cc7567"}</script>', '<article><h1>The headline of the story</h1><p class="byline">By <span class="author-name">Jane Doe</span></p><p>Text of the story, long enough to be a paragraph.</p></article>').byline, 'Jane Doe');
    assert.equal(page('<meta name="DC.Creator" content="Kooman, F."><meta name="DC.Creator" content="Jong, Michiel de">').byline, 'Kooman, F., Jong, Michiel de');
  });
  it('a byline element gives its name, not the job title or date beside it', () => {
    const body = '<article><h1>The headline of the story</h1><div class="author"><a href="/author/ben">Ben Silverman</a><div class="author-title">Games Editor</div></div><p>Text of the story, long enough to be a paragraph.</p></article>';
    assert.equal(page('', body).byline, 'Ben Silverman');
  });
  it('a personal site\'s author keeps the byline although the site bears the same name', () => {
    assert.equal(page('<meta property="og:site_name" content="Haki Benita"><meta name="author" content="Haki Benita">').byline, 'Haki Benita');
    assert.equal(page('<meta property="og:site_name" content="BBC News"><meta property="og:article:author" content="BBC News">').byline, null);
  });
  it('a description that is the opening of the body, or the whole body, is not a lead', () => {
    const opening = 'Text of the story, long enough to be a paragraph of the article, with words.';
    assert.equal(page(`<meta name="description" content="${opening}">`).lead, null);
    assert.equal(page(`<meta name="description" content="${'A very long description that pastes the body. '.repeat(20)}">`).lead, null);
    assert.equal(page('<meta name="description" content="The story, told in one sentence with the words of the article.">').lead, 'The story, told in one sentence with the words of the article.');
  });
});

describe('text measure', () => {
  it('collapsedLength counts what collapse() returns, for any mix of spaces', () => {
    const unit = fc.constantFrom('a', 'é', ' ', '\n', '\t', '\u00a0', '\u2003', '\u200b', '\u3000', '\u0085', '\ufeff');
    fc.assert(fc.property(fc.string({ unit, maxLength: 40 }), (s) => collapsedLength(s) === collapse(s).length), { numRuns: 500 });
  });
});

describe('lead', () => {
  it('a subtitle right under the headline in <header> is the lead, and not body text', () => {
    const prose = 'This sentence belongs to the article and carries enough words to count. '.repeat(4);
    const html = `<html><head><title>Bridge reopens | Site</title></head><body><article><header><h1>Bridge reopens</h1><h2>After two years of repairs, the old crossing carries traffic again from Monday.</h2></header><p>${prose}</p><p>${prose}</p></article></body></html>`;
    const article = extractArticle(html, 'https://site.example/bridge');
    assert.equal(article.lead, 'After two years of repairs, the old crossing carries traffic again from Monday.');
    assert.ok(!article.text.includes('After two years'), article.text);
  });

  it('a site-wide description is not a lead', () => {
    const prose = 'The council approved the budget on Tuesday after a long debate about schools and roads. '.repeat(4);
    const html = `<html><head><title>Budget approved</title><meta name="description" content="Your trusted source for weather, traffic and sports from the valley."></head><body><article><h1>Budget approved</h1><p>${prose}</p></article></body></html>`;
    assert.equal(extractArticle(html, 'https://site.example/budget').lead, null);
  });
});

describe('script-rendered pages', () => {
  it('a page whose body is rendered by script falls back to JSON-LD articleBody', () => {
    const body = 'The first paragraph of a story that the page renders with JavaScript only.\n\nThe second paragraph, which a reader would see after the script ran & the <div> filled.';
    const html = `<html><head><title>Story | Site</title><script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Story', articleBody: body })}</script></head><body><div id="root"></div><script>render()</script></body></html>`;
    const article = extractArticle(html, 'https://site.example/story');
    assert.equal(article.text, 'The first paragraph of a story that the page renders with JavaScript only.\nThe second paragraph, which a reader would see after the script ran & the <div> filled.');
    assert.match(article.html, /^<p>The first paragraph[^<]*<\/p>\n<p>The second paragraph, which a reader would see after the script ran &amp; the &lt;div&gt; filled\.<\/p>$/);
  });
});

describe('bylines', () => {
  const cases: Array<[string, string | undefined]> = [
    ['By Jane Doe', 'Jane Doe'],
    ['Par Hélène Le Goff', 'Hélène Le Goff'],
    ['Bradley M. Kuhn (http://ebb.org/bkuhn/)', 'Bradley M. Kuhn'],
    ['Jane Doe <jane@news.example>', 'Jane Doe'],
    ['Posted by Ruth Ellery in World · Permalink', 'Ruth Ellery'],
    ['By Nathan Willis March 25, 2015', 'Nathan Willis'],
    ['Jane Doe, May 3, 2024', 'Jane Doe'],
    ['Jane Doe | Updated 10:00', 'Jane Doe'],
    ['Nikhil Marathe', 'Nikhil Marathe'],
    ['March 2', undefined],
    ['Name *', undefined],
    ['Last Updated: January 7, 2025', undefined],
    ['clicking "Submit," you agree to the Privacy Policy', undefined],
    ['https://news.example/authors/jane', undefined],
    ['Written by Rob Ewaschuk Edited by Betsy Beyer', 'Rob Ewaschuk'],
    ['Alon Zakai.', 'Alon Zakai'],
    ['John F.', 'John F.'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(cleanByline(input), expected);
    });
  }
});
