// Worker-thread side of the extraction pool: runs the pure extractor on one page at a time.
import { parentPort } from 'node:worker_threads';
import { extractArticle, type ExtractOptions } from '../extract/index.js';

/** A page to extract, as the pool sends it. */
export interface ExtractTask {
  id: number;
  bytes: Uint8Array;
  url: string;
  options: ExtractOptions;
}

parentPort?.on('message', (task: ExtractTask) => {
  try {
    const article = extractArticle(task.bytes, task.url, task.options);
    parentPort!.postMessage({ id: task.id, article });
  } catch (err) {
    const e = err as Error & { code?: string };
    parentPort!.postMessage({ id: task.id, error: { message: e.message, code: e.code ?? 'extract_failed' } });
  }
});
