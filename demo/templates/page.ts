// What every demo template receives and the pieces they share: the page models and the rendering
// of body blocks (paragraphs, subheadings, quotations), which each template dresses differently.
import type { CorpusBlock } from '../corpus.js';
import type { ArticleView, SiteOutlet } from '../edition.js';
import { esc } from '../markup.js';

/** An article page: the article, the blocks it shows, and the outlet's other articles for side lists. */
export interface ArticlePage {
  view: ArticleView;
  /** The body blocks visible on this page (a paywall shows only the teaser). */
  blocks: CorpusBlock[];
  /** How many body blocks the page leaves out (paywall). */
  hiddenBlocks: number;
  /** The outlet's newest other articles, newest first. */
  latest: ArticleView[];
  /** The outlet's article published just before this one, for "Previous post" links. */
  previous: ArticleView | null;
  /** Up to three other articles of the outlet: same story first, then same section, then newest. */
  related: ArticleView[];
  now: Date;
}

/** An outlet's home page: its newest articles. */
export interface HomePage {
  site: SiteOutlet;
  items: ArticleView[];
  now: Date;
}

/** A page template: one article page and one home page per outlet. */
export interface Template {
  article(page: ArticlePage): string;
  home(page: HomePage): string;
}

/** How a template dresses each kind of body block. */
export interface BlockStyle {
  paragraph: (text: string, index: number) => string;
  heading: (text: string) => string;
  quote: (text: string, cite: string | undefined) => string;
  /** Markup inserted after the n-th paragraph (1-based), e.g. an ad slot; empty for none. */
  afterParagraph?: (n: number, total: number) => string;
}

/** Block styles most templates use: `<p>`, `<h2>`, `<blockquote>` with a `<cite>` footer. */
export const plainBlocks: BlockStyle = {
  paragraph: (text) => `<p>${esc(text)}</p>`,
  heading: (text) => `<h2>${esc(text)}</h2>`,
  quote: (text, cite) => `<blockquote><p>${esc(text)}</p>${cite ? `<footer>— <cite>${esc(cite)}</cite></footer>` : ''}</blockquote>`,
};

/** Renders body blocks in a template's style, one block per line. */
export function renderBlocks(blocks: readonly CorpusBlock[], style: BlockStyle): string {
  const total = blocks.filter((b) => typeof b === 'string').length;
  const out: string[] = [];
  let n = 0;
  for (const block of blocks) {
    if (typeof block === 'string') {
      out.push(style.paragraph(block, n++));
      const extra = style.afterParagraph?.(n, total);
      if (extra) out.push(extra);
    } else if ('h' in block) {
      out.push(style.heading(block.h));
    } else {
      out.push(style.quote(block.quote, block.cite));
    }
  }
  return out.join('\n');
}

/** A JSON value embedded in a `<script>` element: `<`, `>` and `&` escaped so text cannot close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `<link rel="alternate">` for the outlet's feed (none for a news sitemap: sitemaps are not discovered from pages). */
export function feedLink(site: SiteOutlet): string {
  const types: Record<SiteOutlet['feed'], string | null> = {
    atom1: 'application/atom+xml',
    jsonfeed11: 'application/feed+json',
    'news-sitemap': null,
    rss1: 'application/rdf+xml',
    rss2: 'application/rss+xml',
  };
  const type = types[site.feed];
  return type ? `<link rel="alternate" type="${type}" title="${esc(site.name)} &raquo; Feed" href="${esc(site.feedUrl)}">` : '';
}
