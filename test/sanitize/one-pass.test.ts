// The one-pass sanitizer (src/sanitize/well-formed.ts) must give exactly what sanitize-html gives
// with the same policy, wherever it answers: on generated markup (mostly well-formed, in and out
// of the policies' vocabulary, with every form of entity, attribute quoting and case), on the same
// markup damaged, on the hostile payloads, and on the readability pages extraction sanitizes.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sanitizeArticleHtml, sanitizeCommentHtml, sanitizerPaths } from '../../src/sanitize/index.js';

const BASE = 'https://news.example/world/2024/story.html';

const TAGS = [
  'p', 'a', 'img', 'br', 'hr', 'em', 'strong', 'b', 'i', 'h1', 'h2', 'h3', 'ul', 'ol', 'li', 'blockquote', 'figure',
  'figcaption', 'table', 'tbody', 'tr', 'td', 'th', 'pre', 'code', 'sub', 'sup', 'tt', 'div', 'span', 'section',
  'font', 'u', 'dl', 'dt', 'dd', 'wbr', 'source', 'input', 'meta', 'iframe', 'script', 'svg', 'math', 'o:p', 'P', 'A', 'IMG', 'Br',
  'object', 'noscript', 'select', 'option', 'template', 'button', 'head', 'style', 'title', 'textarea', 'xmp', 'SCRIPT', 'image', 'frame',
  'circle', 'desc', 'foreignObject', 'g',
];
const ATTRIBUTES = ['href', 'src', 'srcset', 'alt', 'title', 'width', 'height', 'cite', 'class', 'style', 'onclick', 'rel', 'start', 'reversed', 'colspan', 'scope', 'HREF', 'Alt', '__proto__', 'data-x'];
const VALUES = [
  'https://x.example/a', '/rel/path', '../up', 'javascript:alert(1)', ' JaVaScRiPt:x', 'java&#x09;script:x', 'data:image/png;base64,AA',
  '//evil.example/x', 'mailto:a@b.c', '1', '0', '800', ' 12 ', '', 'a b', 'x&amp;y', 'x&y', '&copy=1', '&copy;', 'AT&T', '&quot;q&quot;',
  '?a=1&b=2', 'https://pixel.wp.com/g.gif', 'https://cdn.example/a.jpg 1x, https://cdn.example/b.jpg 2x', '&#0;', '&#128;', '"', "'", '<b>', '>',
];
const TEXTS = [
  'text', 'Q & A', 'AT&T', '&amp;', '&amp', '&lt;b&gt;', '&copy', '&copy;', '&notit;', '&notin;', '&#65;', '&#x41;', '&#65', '&#0;', '&#128;',
  '&#x110000;', '&#xD800;', '&nbsp;', '&bogus;', '&', '&#', '&#x;', '1 < 2', '2 > 1', '<', '< p', '"q"', "'s", 'é', ' ', '\n', '\t', '\r\n',
  '<!-- c -->', '<!---->', '<!-->', '<!--->', '<!-- a -- b -->', '<!DOCTYPE html>', '<?pi?>', '<![CDATA[x]]>', '</>', '</ p>', '</3>', 'a\u0001b', '&#1;',
  '</br>', '</img>', '</BR >', '<!>', '<!-x>', '<![x>', '<?>', '</script>', '</p>', '<!-- <p> -->', '<![CDATA[<p>]]>', '<!doctype x>',
];

// One attribute as authors write them: double, single or no quotes, or no value at all.
const attribute = fc.tuple(fc.constantFrom(...ATTRIBUTES), fc.constantFrom(...VALUES), fc.constantFrom('"', "'", '', 'none'), fc.constantFrom(' ', '  ', '\n'))
  .map(([name, value, quote, space]) => {
    if (quote === 'none') return `${space}${name}`;
    if (quote === '') return /^[^\s"'=<>`]+$/.test(value) ? `${space}${name}=${value}` : `${space}${name}="${value.replace(/"/g, '&quot;')}"`;
    return `${space}${name}=${quote}${value.split(quote).join(quote === '"' ? '&quot;' : '&#39;')}${quote}`;
  });

// Well-formed trees: every element closed in order (void ones never), sometimes with "/>" or space before ">".
const markup: fc.Arbitrary<string> = fc.letrec<{ node: string; nodes: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...TEXTS),
    fc.tuple(fc.constantFrom(...TAGS), fc.array(attribute, { maxLength: 3 }), fc.constantFrom('>', ' >', '/>', ' />'), tie('nodes'))
      .map(([tag, attrs, end, inner]) => {
        const isVoid = /^(img|br|hr|wbr|source|input|meta)$/i.test(tag);
        if (isVoid) return `<${tag}${attrs.join('')}${end}`;
        return `<${tag}${attrs.join('')}${end === '/>' || end === ' />' ? '>' : end}${inner}</${tag}>`;
      }),
  ),
  nodes: fc.array(tie('node'), { maxLength: 5 }).map((parts) => parts.join('')),
})).nodes;

// Nesting alone: block and table elements, wrappers the policies drop, in any order, so that
// elements an HTML parser would close implicitly (in the input, or once a wrapper is gone) come up.
const NESTING_TAGS = ['p', 'span', 'div', 'li', 'ul', 'a href="/x"', 'a', 'b', 'td', 'tr', 'table', 'tbody', 'h1', 'h2', 'dd', 'dt', 'figure', 'blockquote', 'font', 'pre', 'object', 'noscript', 'select', 'option', 'button', 'textarea', 'iframe src="https://www.youtube.com/embed/x"', 'iframe'];
const nesting: fc.Arbitrary<string> = fc.letrec<{ node: string; nodes: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'medium', withCrossShrink: true },
    fc.constantFrom('x', '<br>', '<hr>', '<img src="/i.jpg">', '<wbr>', '</br>', '<input>', '<script><p></script>', '<textarea><b></textarea>', '<!-- c -->'),
    fc.tuple(fc.constantFrom(...NESTING_TAGS), tie('nodes')).map(([tag, inner]) => `<${tag}>${inner}</${tag.split(' ')[0]}>`),
  ),
  nodes: fc.array(tie('node'), { maxLength: 3 }).map((parts) => parts.join('')),
})).nodes;

// One element with attributes, and one paragraph of texts: every value and entity form in turn.
const oneElement = fc.tuple(fc.constantFrom('a', 'img', 'blockquote', 'ol', 'td', 'p', 'A', 'iMg'), fc.array(attribute, { minLength: 1, maxLength: 4 }))
  .map(([tag, attrs]) => (/img/i.test(tag) ? `<${tag}${attrs.join('')}>` : `<${tag}${attrs.join('')}>t</${tag}>`));
const oneParagraph = fc.array(fc.constantFrom(...TEXTS, 'a', ';', '=', '#'), { minLength: 1, maxLength: 6 }).map((texts) => `<p>${texts.join('')}</p>`);

// The same markup with a cut: a tag lost or the document truncated, for the paths that give up.
const damaged = fc.tuple(markup, fc.nat(), fc.constantFrom('cut', 'drop-close', 'swap')).map(([html, at, how]) => {
  const k = html.length === 0 ? 0 : at % html.length;
  if (how === 'cut') return html.slice(0, k);
  if (how === 'drop-close') return html.replace(/<\/[a-z]+>/i, '');
  return html.slice(k) + html.slice(0, k);
});

function agree(html: string): { onePass: boolean } {
  assert.equal(sanitizeArticleHtml(html, BASE), sanitizerPaths.articleByParser(html, BASE), `article policy, with base: ${JSON.stringify(html)}`);
  assert.equal(sanitizeArticleHtml(html), sanitizerPaths.articleByParser(html), `article policy, no base: ${JSON.stringify(html)}`);
  assert.equal(sanitizeCommentHtml(html), sanitizerPaths.commentByParser(html), `comment policy: ${JSON.stringify(html)}`);
  return { onePass: sanitizerPaths.articleOnePass(html.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ''), BASE) !== undefined };
}

/** Both paths agree on 3,000 generated inputs. */
function agreeOn(inputs: fc.Arbitrary<string>): void {
  fc.assert(fc.property(inputs, (html) => {
    agree(html);
  }), { numRuns: 3000 });
}

describe('one-pass sanitizer agrees with sanitize-html', () => {
  it('on generated well-formed markup (and answers for most of it)', () => {
    let answered = 0;
    let total = 0;
    fc.assert(fc.property(markup, (html) => {
      total++;
      if (agree(html).onePass) answered++;
    }), { numRuns: 4000 });
    // Generated trees often hold a raw-text or foreign element; still, a good share must take the one-pass path.
    assert.ok(answered > total / 5, `the one-pass sanitizer answered only ${answered} of ${total}`);
  });

  it('on nesting that HTML parsers repair', () => {
    agreeOn(nesting);
  });

  it('on every attribute and text form', () => {
    agreeOn(oneElement);
    agreeOn(oneParagraph);
  });

  it('on damaged markup', () => {
    agreeOn(damaged);
  });

  it('on arbitrary strings', () => {
    agreeOn(fc.string({ maxLength: 120, unit: fc.constantFrom('<', '>', '/', '!', '-', '&', '#', ';', '"', "'", '=', ' ', 'a', 'p', 'b', 'r', 'i', 'm', 'g', '1', 'x') }));
  });

  it('on inputs that once disagreed (an element that closes another, spaces before ">")', () => {
    for (const html of ['<button><textarea></textarea>text</button>', '<select><textarea>x</textarea>y</select>', '<p ></p>', '<P>x</P>', '<p><span><p>x</p></span></p>', '<a></a>text', '<image><p></image>x',
      '<svg></svg><noscript/>x', '<svg><desc/>x</svg>y', '<svg><g/>x</svg>y', '<p><svg></svg><noframes/>z</p>']) agree(html);
  });

  it('on typical feed and article bodies, which it answers', () => {
    const bodies = [
      '<p>Council said <a href="/politics/related-1">Read more</a> &amp; <em>analysis</em>.</p>\n<figure><img src="/images/1.jpg" alt="Photo 1" width="800" height="450"><figcaption>A caption.</figcaption></figure>',
      '<blockquote><p>&#8220;Quoted words&#8221;</p></blockquote>',
      '<div class="entry"><p style="x">One<br/>two</p><ul><li>a</li><li>b</li></ul></div>',
      '<p><span class="dropcap">T</span>he <b>bold</b> and <i>italic</i> &mdash; <a href="https://x.example/a?b=1&amp;c=2" target="_blank">link</a></p>',
      '<h1>Heading</h1><table><tbody><tr><td colspan="2">cell</td></tr></tbody></table><!-- generated -->',
      'Plain text with no markup at all',
      '<p>Watch:</p><iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" frameborder="0" allowfullscreen></iframe>',
      '<p>Before</p><script>document.write("x")</script><noscript><img src="/fallback.gif"></noscript><p>After</p>',
    ];
    for (const html of bodies) {
      assert.ok(agree(html).onePass, `the one-pass sanitizer gave up on ${html}`);
    }
  });
});

const securityDir = new URL('../../../shared/data/security/', import.meta.url);
const pagesDir = new URL('../../../shared/data/extraction/readability-pages/', import.meta.url);

describe('one-pass sanitizer on shared data', () => {
  it('agrees on every hostile payload', { skip: existsSync(new URL('dompurify-expect.json', securityDir)) ? false : 'no ../shared/data/security' }, () => {
    const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, securityDir), 'utf8')) as T;
    const payloads = [
      ...read<Array<{ payload: string }>>('dompurify-expect.json').map((p) => p.payload),
      ...read<Array<{ vector: string }>>('owasp-xss-filter-evasion.json').map((p) => p.vector),
      ...read<{ items: Array<{ data: string }> }>('h5sc-vectors.json').items.map((p) => p.data),
      ...readFileSync(new URL('h5sc-rss-lines.txt', securityDir), 'utf8').split('\n'),
    ];
    assert.ok(payloads.length > 400, `only ${payloads.length} payloads`);
    for (const html of payloads) agree(html);
  });

  it('agrees on the readability pages', { skip: existsSync(pagesDir) ? false : 'no ../shared/data/extraction' }, () => {
    let pages = 0;
    for (const dir of readdirSync(pagesDir)) {
      for (const file of ['source.html', 'expected.html']) {
        const path = new URL(`${dir}/${file}`, pagesDir);
        if (!existsSync(path)) continue;
        const html = readFileSync(path, 'utf8');
        assert.equal(sanitizeArticleHtml(html, BASE), sanitizerPaths.articleByParser(html, BASE), `${dir}/${file}`);
        pages++;
      }
    }
    assert.ok(pages > 100, `only ${pages} pages`);
  });
});
