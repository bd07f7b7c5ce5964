// Which body blocks a page shows and what they read as in plain text: shared by the templates
// (which render them) and the truth file (which records them), so the two cannot disagree.
import type { CorpusArticle, CorpusBlock } from './corpus.js';
import type { TemplateName } from './outlets.js';

/** How many paragraphs a paywalled teaser shows before the subscription box. */
export const teaserParagraphs = 2;

/** The blocks a template puts on the article page: all of them, or a paywall's teaser. */
export function visibleBlocks(template: TemplateName, article: CorpusArticle): CorpusBlock[] {
  if (template !== 'paywall') return article.body;
  const shown: CorpusBlock[] = [];
  let paragraphs = 0;
  for (const block of article.body) {
    if (paragraphs === teaserParagraphs) break;
    shown.push(block);
    if (typeof block === 'string') paragraphs++;
  }
  return shown;
}

/** The plain text of a block as a reader sees it (a quote's text without its attribution). */
export function blockText(block: CorpusBlock): string {
  if (typeof block === 'string') return block;
  return 'h' in block ? block.h : block.quote;
}
