// The sanitizer as a reader's browser meets its output: article HTML keeps what an article needs and
// nothing that runs, styles or tracks; comments keep paragraphs, breaks and links; sanitizing twice
// changes nothing; and every hostile payload in ../shared/data/security comes out inert.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { isTag, type AnyNode, type Element } from 'domhandler';
import { sanitizeArticleHtml, sanitizeCommentHtml } from '../../src/sanitize/index.js';
import { EMBED_HOSTS, TRACKER_HOSTS } from '../../src/sanitize/hosts.js';

const BASE = 'https://news.example/world/2024/story.html';

describe('article policy', () => {
  const cases: Array<{ name: string; input: string; expected: string }> = [
    { name: 'keeps paragraphs, headings, emphasis', input: '<p>A <em>b</em> <strong>c</strong> <code>d</code> H<sub>2</sub>O x<sup>2</sup></p><h2>Sub</h2><h3>Subsub</h3>', expected: '<p>A <em>b</em> <strong>c</strong> <code>d</code> H<sub>2</sub>O x<sup>2</sup></p><h2>Sub</h2><h3>Subsub</h3>' },
    { name: 'h1 becomes h2, b and i become strong and em', input: '<h1>T</h1><p><b>b</b> <i>i</i></p>', expected: '<h2>T</h2><p><strong>b</strong> <em>i</em></p>' },
    { name: 'drops style, class, id and event handlers', input: '<p class="x" id="y" style="color:red" onclick="alert(1)" onmouseover="x()">Hi</p>', expected: '<p>Hi</p>' },
    { name: 'drops scripts and styles with their content', input: '<p>a</p><script>alert(1)</script><style>p{color:red}</style><noscript><p>n</p></noscript>', expected: '<p>a</p>' },
    { name: 'resolves relative links and adds rel', input: '<a href="../about.html" target="_blank">About</a>', expected: '<a href="https://news.example/world/about.html" rel="nofollow noopener noreferrer">About</a>' },
    { name: 'keeps mailto links', input: '<a href="mailto:desk@news.example">Mail</a>', expected: '<a href="mailto:desk@news.example" rel="nofollow noopener noreferrer">Mail</a>' },
    { name: 'javascript: link loses its href, keeps its text', input: '<a href="javascript:alert(1)">x</a><a href=" JaVaScRiPt:alert(1)">y</a><a href="java&#x09;script:alert(1)">z</a>', expected: 'xyz' },
    { name: 'data: and vbscript: links lose their href', input: '<a href="data:text/html,<script>alert(1)</script>">d</a><a href="vbscript:msgbox(1)">v</a>', expected: 'dv' },
    { name: 'image: src resolved, srcset filtered, lazy', input: '<img src="/i/a.jpg" srcset="/i/a.jpg 1x, data:image/png;base64,AAAA 2x, javascript:alert(1) 3x" alt="A" onerror="alert(1)">', expected: '<img src="https://news.example/i/a.jpg" srcset="https://news.example/i/a.jpg 1x" alt="A" loading="lazy" />' },
    { name: 'image with data: src is dropped', input: '<p>x<img src="data:image/gif;base64,R0lGOD"></p>', expected: '<p>x</p>' },
    { name: 'tracking pixel by size is dropped', input: '<p>x<img src="https://cdn.example/p.gif" width="1" height="1"></p>', expected: '<p>x</p>' },
    { name: 'tracking pixel behind userinfo or a port is dropped', input: '<p>x<img src="https://user@stats.wp.com:443/g.gif"><img src="https://ad.doubleclick.net:8443/p.gif"></p>', expected: '<p>x</p>' },
    { name: 'tracking pixel by host is dropped', input: '<p>x<img src="https://pixel.wp.com/g.gif?blog=1"><img src="https://www.google-analytics.com/collect?v=1"><img src="http://feeds.feedburner.com/~r/site/~4/abc"></p>', expected: '<p>x</p>' },
    { name: 'allowlisted video iframe is sandboxed', input: '<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" frameborder="0" allow="autoplay"></iframe>', expected: '<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" allowfullscreen sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" loading="lazy"></iframe>' },
    { name: 'other iframes are dropped with their content', input: '<p>a</p><iframe src="https://evil.example/"><p>fallback</p></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>', expected: '<p>a</p>' },
    { name: 'http youtube iframe is dropped (https only)', input: '<iframe src="http://www.youtube.com/embed/abc"></iframe>', expected: '' },
    { name: 'keeps lists, quotes, figures and tables', input: '<ul><li>a</li></ul><ol start="3"><li>b</li></ol><blockquote cite="https://x.example/q">q</blockquote><figure><img src="https://x.example/a.png" alt=""><figcaption>c</figcaption></figure><table><caption>t</caption><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody></table><pre>code</pre><hr><br>', expected: '<ul><li>a</li></ul><ol start="3"><li>b</li></ol><blockquote cite="https://x.example/q">q</blockquote><figure><img src="https://x.example/a.png" alt="" loading="lazy" /><figcaption>c</figcaption></figure><table><caption>t</caption><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody></table><pre>code</pre><hr /><br />' },
    { name: 'forms, objects, embeds, base and meta are dropped', input: '<form action="javascript:alert(1)"><input value="x"><button formaction="javascript:alert(1)">b</button></form><object data="x.swf"></object><embed src="x.swf"><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><p>ok</p>', expected: '<p>ok</p>' },
    { name: 'svg and its script are dropped', input: '<svg onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)"><text>t</text></a></svg><p>ok</p>', expected: '<p>ok</p>' },
    { name: 'divs and spans unwrap to their content', input: '<div><span>a</span> <section><p>b</p></section></div>', expected: 'a <p>b</p>' },
    { name: 'text is escaped', input: '<p>1 &lt; 2 &amp; "q"</p>', expected: '<p>1 &lt; 2 &amp; "q"</p>' },
    { name: 'control characters are dropped', input: '<p>a\u0000b\u0007c\td\u007f</p>', expected: '<p>abc\td</p>' },
    { name: 'entity-encoded control characters are dropped too', input: '<p>a&#1;b&#x7f;c</p>', expected: '<p>abc</p>' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(sanitizeArticleHtml(c.input, BASE), c.expected);
    });
  }

  it('without a base URL, relative links stay relative and protocol-relative ones are dropped', () => {
    assert.equal(sanitizeArticleHtml('<a href="/a">a</a><a href="//evil.example/x">b</a>'), '<a href="/a" rel="nofollow noopener noreferrer">a</a>b');
  });

  it('an invalid base URL is ignored rather than trusted', () => {
    assert.equal(sanitizeArticleHtml('<a href="/a">a</a>', 'javascript:alert(1)//'), '<a href="/a" rel="nofollow noopener noreferrer">a</a>');
  });
});

describe('host tables', () => {
  it('the embed and tracker host tables are sorted', () => {
    for (const table of [EMBED_HOSTS, TRACKER_HOSTS]) assert.deepEqual([...table], [...table].sort());
  });
});

describe('comment policy', () => {
  const cases: Array<{ name: string; input: string; expected: string }> = [
    { name: 'keeps paragraphs, breaks and http links', input: '<p>Hi<br>there <a href="https://x.example/">x</a></p>', expected: '<p>Hi<br />there <a href="https://x.example/" rel="nofollow ugc noopener noreferrer">x</a></p>' },
    { name: 'drops formatting, headings and images', input: '<h1>Big</h1><p><b>b</b> <img src="https://x.example/a.png"></p>', expected: 'Big<p>b </p>' },
    { name: 'relative and mailto links lose their href', input: '<a href="/admin">a</a> <a href="mailto:x@y.z">m</a>', expected: 'a m' },
    { name: 'javascript links lose their href', input: '<a href="javascript:alert(1)" onclick="x()">c</a>', expected: 'c' },
    { name: 'scripts go with their content', input: '<p>ok</p><script>alert(1)</script>', expected: '<p>ok</p>' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(sanitizeCommentHtml(c.input), c.expected);
    });
  }
});

// Tags and attributes that the generated inputs draw from: a mix of allowed, dropped and dangerous.
const TAGS = ['p', 'a', 'img', 'div', 'span', 'h1', 'h2', 'ul', 'li', 'table', 'tr', 'td', 'script', 'style', 'iframe', 'blockquote', 'pre', 'b', 'em', 'svg', 'textarea', 'noscript', 'figure', 'figcaption', 'br', 'xmp', 'math', 'template'];
const ATTRS = ['href', 'src', 'srcset', 'onclick', 'style', 'class', 'title', 'alt', 'width', 'height', 'cite', 'rel', 'target'];
const VALUES = ['https://x.example/a', '/rel/path', 'javascript:alert(1)', '1', '0', 'data:text/html,x', '"><script>', 'a b', '//evil.example', 'https://www.youtube.com/embed/x', 'mailto:a@b.c', '&amp;&lt;'];

const htmlArbitrary: fc.Arbitrary<string> = fc.letrec<{ node: string; nodes: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('text', 'a < b', '&amp;', '"q"', ' ', '\n', 'é', '</p>', '<', '>', '&'),
    fc.tuple(fc.constantFrom(...TAGS), fc.array(fc.tuple(fc.constantFrom(...ATTRS), fc.constantFrom(...VALUES)), { maxLength: 3 }), tie('nodes'))
      .map(([tag, attrs, inner]) => `<${tag}${attrs.map(([n, v]) => ` ${n}="${v.replace(/"/g, '&quot;')}"`).join('')}>${inner}</${tag}>`),
  ),
  nodes: fc.array(tie('node'), { maxLength: 4 }).map((parts) => parts.join('')),
})).nodes;

describe('idempotence', () => {
  it('blocks left nested by a dropped wrapper settle (regression: "<p><span><p></p></span></p>")', () => {
    const once = sanitizeArticleHtml('<p><span><p></p></span></p>', BASE);
    assert.equal(sanitizeArticleHtml(once, BASE), once);
  });
  it('sanitizing article HTML twice equals sanitizing it once', () => {
    fc.assert(fc.property(htmlArbitrary, (html) => {
      const once = sanitizeArticleHtml(html, BASE);
      assert.equal(sanitizeArticleHtml(once, BASE), once);
    }), { numRuns: 3000 });
  });
  it('sanitizing comment HTML twice equals sanitizing it once', () => {
    fc.assert(fc.property(htmlArbitrary, (html) => {
      const once = sanitizeCommentHtml(html);
      assert.equal(sanitizeCommentHtml(once), once);
    }), { numRuns: 2000 });
  });
  it('arbitrary strings are idempotent too', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (html) => {
      const once = sanitizeArticleHtml(html, BASE);
      assert.equal(sanitizeArticleHtml(once, BASE), once);
    }), { numRuns: 400 });
  });
});

// ---- hostile payloads -------------------------------------------------------------------------

const securityDir = new URL('../../../shared/data/security/', import.meta.url);
const hasSecurityData = existsSync(new URL('dompurify-expect.json', securityDir));

function loadPayloads(): Array<{ name: string; html: string }> {
  const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, securityDir), 'utf8')) as T;
  const out: Array<{ name: string; html: string }> = [];
  read<Array<{ payload: string; title?: string }>>('dompurify-expect.json').forEach((p, i) => out.push({ name: `dompurify #${i}`, html: p.payload }));
  read<Array<{ lang: string; vector: string }>>('owasp-xss-filter-evasion.json').forEach((p, i) => {
    if (p.lang === 'html') out.push({ name: `owasp #${i}`, html: p.vector });
  });
  read<{ items: Array<{ id: string | number; data: string }> }>('h5sc-vectors.json').items.forEach((p) => out.push({ name: `h5sc ${p.id}`, html: p.data }));
  readFileSync(new URL('h5sc-rss-lines.txt', securityDir), 'utf8').split('\n').forEach((line, i) => {
    if (line.trim()) out.push({ name: `h5sc-rss line ${i + 1}`, html: line });
  });
  return out;
}

const ARTICLE_ELEMENTS = new Set(['a', 'blockquote', 'br', 'caption', 'code', 'em', 'figcaption', 'figure', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'iframe', 'img', 'li', 'ol', 'p', 'pre', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul']);
const COMMENT_ELEMENTS = new Set(['a', 'br', 'p']);
const URL_ATTRS = new Set(['href', 'src', 'cite', 'action', 'formaction', 'poster', 'background', 'xlink:href', 'data']);

/** What is wrong with sanitized HTML, parsed again; empty when it is inert. */
function problems(html: string, allowed: Set<string>): string[] {
  const found: string[] = [];
  const stack: AnyNode[] = [...parseDocument(html).children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    const el = node as Element;
    if (!allowed.has(el.name)) found.push(`element <${el.name}>`);
    for (const [name, value] of Object.entries(el.attribs)) {
      if (/^on/i.test(name)) found.push(`attribute ${name}`);
      if (name === 'style' || name === 'class' || name === 'id' || name === 'srcdoc') found.push(`attribute ${name}`);
      const compact = value.replace(/[\s\x00-\x20]+/g, '').toLowerCase();
      if (URL_ATTRS.has(name) && /^(javascript|vbscript|data):/.test(compact)) found.push(`${name}=${value}`);
      if (name === 'srcset' && /(javascript|vbscript|data):/.test(compact)) found.push(`srcset=${value}`);
    }
    if (el.name === 'iframe' && !/^https:\/\/(www\.youtube\.com|youtube\.com|www\.youtube-nocookie\.com|player\.vimeo\.com|www\.dailymotion\.com|geo\.dailymotion\.com)\//.test(el.attribs.src ?? '')) {
      found.push(`iframe src=${el.attribs.src ?? ''}`);
    }
    stack.push(...el.children);
  }
  return found;
}

describe('hostile payloads', { skip: hasSecurityData ? false : 'no ../shared/data/security (shared data folder absent)' }, () => {
  const payloads = hasSecurityData ? loadPayloads() : [];
  it('there are payloads to test', () => {
    assert.ok(payloads.length > 400, `only ${payloads.length} payloads`);
  });
  it('article policy leaves no script, handler, dangerous URL, style or foreign iframe', () => {
    const failures: string[] = [];
    for (const p of payloads) {
      const out = sanitizeArticleHtml(p.html, BASE);
      const found = problems(out, ARTICLE_ELEMENTS);
      if (found.length > 0) failures.push(`${p.name}: ${found.join(', ')} in ${out.slice(0, 200)}`);
      if (sanitizeArticleHtml(out, BASE) !== out) failures.push(`${p.name}: not idempotent`);
    }
    assert.deepEqual(failures, []);
  });
  it('comment policy leaves only paragraphs, breaks and safe links', () => {
    const failures: string[] = [];
    for (const p of payloads) {
      const out = sanitizeCommentHtml(p.html);
      const found = problems(out, COMMENT_ELEMENTS);
      if (found.length > 0) failures.push(`${p.name}: ${found.join(', ')} in ${out.slice(0, 200)}`);
    }
    assert.deepEqual(failures, []);
  });
});
