// Plain text of a demo corpus article body, one line per block, as the extractor would give it.
import type { CorpusBlock } from '../../demo/corpus.js';

/** The body blocks as text lines. */
export function blocksText(body: CorpusBlock[]): string {
  return body.map((b) => (typeof b === 'string' ? b : 'h' in b ? b.h : b.quote)).join('\n');
}
