// Hostile markup inside an article page: whatever the page carries (the DOMPurify, OWASP and H5SC
// payloads of ../shared/data/security), the extracted `html` holds no script, handler, dangerous
// URL, style or foreign iframe, and `text` is plain text.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseDocument } from 'htmlparser2';
import { isTag, type AnyNode, type Element } from 'domhandler';
import { extractArticle } from '../../src/extract/index.js';

const securityDir = new URL('../../../shared/data/security/', import.meta.url);
const present = existsSync(new URL('dompurify-expect.json', securityDir));

const ALLOWED = new Set(['a', 'blockquote', 'br', 'caption', 'code', 'em', 'figcaption', 'figure', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'iframe', 'img', 'li', 'ol', 'p', 'pre', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul']);

function problems(html: string): string[] {
  const found: string[] = [];
  const stack: AnyNode[] = [...parseDocument(html).children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    const el = node as Element;
    if (!ALLOWED.has(el.name)) found.push(`<${el.name}>`);
    for (const [name, value] of Object.entries(el.attribs)) {
      const compact = value.replace(/[\s\x00-\x20]+/g, '').toLowerCase();
      if (/^on/i.test(name) || ['style', 'class', 'id', 'srcdoc'].includes(name)) found.push(name);
      if (/^(javascript|vbscript|data):/.test(compact) || (name === 'srcset' && /(javascript|vbscript|data):/.test(compact))) found.push(`${name}=${value}`);
    }
    if (el.name === 'iframe' && !/^https:\/\/(www\.youtube\.com|youtube\.com|www\.youtube-nocookie\.com|player\.vimeo\.com|www\.dailymotion\.com|geo\.dailymotion\.com)\//.test(el.attribs.src ?? '')) found.push('foreign iframe');
    stack.push(...el.children);
  }
  return found;
}

describe('hostile markup in article pages', { skip: present ? false : 'no ../shared/data/security (shared data folder absent)' }, () => {
  it('every payload, embedded in an article, leaves inert html', () => {
    const payloads: string[] = [];
    for (const p of JSON.parse(readFileSync(new URL('dompurify-expect.json', securityDir), 'utf8')) as Array<{ payload: string }>) payloads.push(p.payload);
    for (const p of JSON.parse(readFileSync(new URL('owasp-xss-filter-evasion.json', securityDir), 'utf8')) as Array<{ lang: string; vector: string }>) if (p.lang === 'html') payloads.push(p.vector);
    const prose = '<p>This paragraph belongs to the article and carries enough words, commas, and sentences to be chosen. It goes on.</p>';
    const failures: string[] = [];
    payloads.forEach((payload, i) => {
      const page = `<html><head><title>Story</title></head><body><article>${prose}<p>Inline: ${payload}</p>${prose}<div>${payload}</div>${prose}</article></body></html>`;
      let html: string;
      try {
        html = extractArticle(page, 'https://news.example/story').html;
      } catch (err) {
        failures.push(`#${i}: threw ${(err as Error).message}`);
        return;
      }
      const found = problems(html);
      if (found.length > 0) failures.push(`#${i}: ${found.join(', ')}`);
    });
    assert.ok(payloads.length > 300, `only ${payloads.length} payloads`);
    assert.deepEqual(failures, []);
  });
});
