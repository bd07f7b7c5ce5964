// What of an article the site republishes (DESIGN.md "Publishing policy"): a source shown as `full`
// gets its whole sanitized body; an `excerpt` source gets the first paragraphs only, and the reader
// is sent to the outlet for the rest. Pages and feeds out both take the body from here.
import { parseDocument } from 'htmlparser2';
import { getOuterHTML } from 'domutils';
import { isTag, type ChildNode } from 'domhandler';
import { sanitizeArticleHtml } from '../sanitize/index.js';

/** How much of an excerpt to show: at most this many top-level blocks and about this many words. */
export const EXCERPT_BLOCKS = 3;
export const EXCERPT_WORDS = 120;

/**
 * The body to publish and whether it is only an excerpt. The stored html was sanitized when it was
 * ingested; it is sanitized again here (idempotent, and pages are cached) so that nothing stored by
 * an older version or written to the database by hand reaches a reader unsanitized.
 */
export function publishedBody(article: { html: string; url: string }, display: string): { html: string; excerpt: boolean } {
  const safe = sanitizeArticleHtml(article.html, article.url);
  if (display === 'full') return { html: safe, excerpt: false };
  return { html: excerptHtml(safe), excerpt: true };
}

// The first few top-level blocks, stopping once the word budget is spent. Headings at the start
// are skipped (the page shows the headline already); text between blocks is dropped.
function excerptHtml(html: string): string {
  const doc = parseDocument(html);
  const kept: ChildNode[] = [];
  let words = 0;
  for (const node of doc.children) {
    if (!isTag(node)) continue;
    if (kept.length === 0 && /^h[1-6]$/u.test(node.name)) continue;
    if (node.name === 'figure' || node.name === 'table' || node.name === 'iframe') continue;
    kept.push(node);
    words += textOf(node).split(/\s+/u).filter(Boolean).length;
    if (kept.length >= EXCERPT_BLOCKS || words >= EXCERPT_WORDS) break;
  }
  return getOuterHTML(kept, { encodeEntities: 'utf8' });
}

function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if ('children' in node) return node.children.map(textOf).join(' ');
  return '';
}
