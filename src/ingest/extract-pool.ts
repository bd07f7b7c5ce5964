// A pool of worker threads that run extraction, so a slow or pathological page never stalls the
// worker's event loop or the other pages: a task that runs too long has its thread terminated.
import type { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { TopstoryError } from '../errors.js';
import { startModuleWorker } from '../worker-thread.js';
import type { Article, ExtractOptions } from '../extract/index.js';
import type { AnalyzedArticle, StoryArticleInput } from '../stories/article.js';
import type { Layer } from '../errors.js';
import type { PoolTask } from './extract-worker.js';
import type { ArticleDraft, PreparedArticle } from './article-input.js';

interface Pending {
  task: PoolTask;
  timeoutMs: number;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
}

/** Runs the CPU-heavy pure steps (extraction, stories analysis) off the main thread. */
export interface ExtractPool {
  /** Extracts one page; `timeoutMs` overrides the pool's limit for this page. */
  extract(bytes: Uint8Array, url: string, options?: ExtractOptions, timeoutMs?: number): Promise<Article>;
  /** Computes what clustering compares of an article (terms, entities, fingerprints). */
  analyze(input: StoryArticleInput): Promise<AnalyzedArticle>;
  /** Extracts the draft's page (if any), builds the article and analyzes it, in one thread round trip. */
  prepare(draft: ArticleDraft, timeoutMs?: number): Promise<PreparedArticle>;
  close(): Promise<void>;
}

/** An extraction thread (extract-worker.ts beside this module). */
const startWorker = (): Worker => startModuleWorker(import.meta.url, 'extract-worker');

/** Starts `size` extraction threads; a task taking longer than `taskTimeoutMs` fails and its thread is replaced. */
export function createExtractPool(options: { size?: number; taskTimeoutMs?: number } = {}): ExtractPool {
  // One thread per core: the main thread mostly waits on the network and the database.
  const size = Math.max(1, options.size ?? Math.min(4, availableParallelism()));
  const timeoutMs = options.taskTimeoutMs ?? 10_000;
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const slot: Slot = { worker: startWorker(), current: null, timer: null };
    slot.worker.unref();
    slot.worker.on('message', (msg: { id: number; result?: unknown; error?: { message: string; code: string; layer: Layer } }) => {
      const pending = slot.current;
      if (!pending || pending.task.id !== msg.id) return;
      finish(slot);
      if (msg.error) pending.reject(new TopstoryError(msg.error.layer, msg.error.code, msg.error.message));
      else pending.resolve(msg.result);
      pump();
    });
    slot.worker.on('error', (err) => replace(slot, new TopstoryError('extract', 'worker_crashed', `extraction thread crashed: ${err.message}`, { cause: err })));
    slot.worker.on('exit', () => {
      if (!closed && slot.current) replace(slot, new TopstoryError('extract', 'worker_exited', 'extraction thread exited'));
    });
    return slot;
  }

  function finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.current = null;
  }

  function replace(slot: Slot, error: Error): void {
    const pending = slot.current;
    finish(slot);
    void slot.worker.terminate();
    const index = slots.indexOf(slot);
    if (index >= 0 && !closed) slots[index] = spawn();
    pending?.reject(error);
    pump();
  }

  function pump(): void {
    for (const slot of slots) {
      if (slot.current || queue.length === 0) continue;
      const pending = queue.shift()!;
      slot.current = pending;
      slot.timer = setTimeout(() => replace(slot, new TopstoryError('extract', 'timeout', `extraction took longer than ${pending.timeoutMs / 1000} s`)), pending.timeoutMs);
      // Page bytes are moved, not copied: a copy of exactly their size is transferred to the thread
      // (cloning a view would copy its whole underlying buffer).
      if (pending.task.kind === 'extract') {
        const own = pending.task.bytes.slice();
        slot.worker.postMessage({ ...pending.task, bytes: own }, [own.buffer]);
      } else if (pending.task.kind === 'prepare' && pending.task.draft.page) {
        const page = pending.task.draft.page;
        const own = page.bytes.slice();
        slot.worker.postMessage({ ...pending.task, draft: { ...pending.task.draft, page: { ...page, bytes: own } } }, [own.buffer]);
      } else {
        slot.worker.postMessage(pending.task);
      }
    }
  }

  function submit<T>(task: PoolTask, taskTimeoutMs: number): Promise<T> {
    if (closed) return Promise.reject(new TopstoryError('extract', 'closed', 'extraction pool is closed'));
    return new Promise<T>((resolve, reject) => {
      queue.push({ task, timeoutMs: taskTimeoutMs, resolve: resolve as (r: unknown) => void, reject });
      pump();
    });
  }

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    extract(bytes, url, extractOptions = {}, taskTimeoutMs = timeoutMs) {
      return submit<Article>({ id: nextId++, kind: 'extract', bytes, url, options: extractOptions }, taskTimeoutMs);
    },
    analyze(input) {
      return submit<AnalyzedArticle>({ id: nextId++, kind: 'analyze', input }, timeoutMs);
    },
    prepare(draft, taskTimeoutMs = timeoutMs) {
      return submit<PreparedArticle>({ id: nextId++, kind: 'prepare', draft }, taskTimeoutMs);
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new TopstoryError('extract', 'closed', 'extraction pool is closed'));
      await Promise.all(slots.map(async (slot) => {
        slot.current?.reject(new TopstoryError('extract', 'closed', 'extraction pool is closed'));
        finish(slot);
        await slot.worker.terminate();
      }));
    },
  };
}
