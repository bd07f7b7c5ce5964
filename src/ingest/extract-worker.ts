// Worker-thread side of the extraction pool: runs the pure CPU-heavy steps — extraction of a page,
// the stories analysis of an article (terms, entities, fingerprints), or both with the article
// built in between (`prepare`) — one task at a time.
import { parentPort } from 'node:worker_threads';
import { extractArticle, type ExtractOptions } from '../extract/index.js';
import { analyzeArticle, type StoryArticleInput } from '../stories/article.js';
import { prepareArticle, type ArticleDraft } from './article-input.js';

/** A task as the pool sends it. */
export type PoolTask =
  | { id: number; kind: 'extract'; bytes: Uint8Array; url: string; options: ExtractOptions }
  | { id: number; kind: 'analyze'; input: StoryArticleInput }
  | { id: number; kind: 'prepare'; draft: ArticleDraft };

parentPort?.on('message', (task: PoolTask) => {
  try {
    const result = task.kind === 'extract' ? extractArticle(task.bytes, task.url, task.options)
      : task.kind === 'analyze' ? analyzeArticle(task.input)
        : prepareArticle(task.draft);
    parentPort!.postMessage({ id: task.id, result });
  } catch (err) {
    const e = err as Error & { code?: string; layer?: string };
    parentPort!.postMessage({ id: task.id, error: { message: e.message, code: e.code ?? 'failed', layer: e.layer ?? 'extract' } });
  }
});
