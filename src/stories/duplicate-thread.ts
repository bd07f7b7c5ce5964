// The clusterer's duplicate table (duplicates.ts, DuplicateStream) in a thread of its own. The
// clusterer announces articles ahead of placing them (the bench a thousand at a time, the pipeline
// as they come); this thread looks each up and records it in turn, so that its answer is waiting
// when the clusterer comes to the article. A copy of an original the table no longer holds waits
// here until the clusterer says how it placed it (StreamAnswer.pending), and so does every later
// article: the table's state follows the articles in order.
//
// Why ahead and not one article at a time: on these machines waking a sleeping thread costs the
// waker some 50 µs and the sleeper wakes 100 µs late, more than the 25–30 µs of a lookup; a thread
// kept awake shares the second core with the collector's threads and answered 10 % of lookups
// 100 µs or more late (docs/benchmarks.md, session 21). Ahead, the thread works through a batch
// and sleeps until the next: one wake-up per batch.
//
// The threads share one buffer: the announced articles' numbers in a ring of slots (their
// samples' hashes in a ring of their own), each slot's answer, and counters each thread waits on.
import type { Worker } from 'node:worker_threads';
import { TopstoryError } from '../errors.js';
import { startModuleWorker } from '../worker-thread.js';
import {
  answerInTable, DuplicateTable, sampleLevels, settleInTable, StreamWindow,
  type DuplicateOptions, type DuplicateQuery, type DuplicateStreamHost, type StreamAnswer,
} from './duplicates.js';

// Counters (int32 cells): articles announced, answered, done with (answered, and recorded when
// pending), and pending ones settled; 1 while the table thread sleeps; 1 when it failed.
const announcedCell = 0;
const answeredCell = 1;
const consumedCell = 2;
const settledCell = 3;
const sleepingCell = 4;
const failedCell = 5;
const counterCells = 16;
/** Slots of announced articles: the clusterer announces at most this many ahead. */
const slots = 2048;
// Per slot, int32: the language, the level, the hash count, where the hashes start in their ring,
// the answer's reason and whether it is pending, the clusterer's decision (1: a copy), then the
// level counts.
const slotLang = 0;
const slotLevel = 1;
const slotHashCount = 2;
const slotHashAt = 3;
const slotReason = 4;
const slotPending = 5;
const slotAsCopy = 6;
const slotLevels = 8;
const slotInts = slotLevels + sampleLevels;
// Per slot, float64: the article's numbers, then the answer's order and containment.
const slotPublished = 0;
const slotUrl = 1;
const slotTitle = 2;
const slotHigh = 3;
const slotLow = 4;
const slotShingleCount = 5;
const slotOrder = 6;
const slotContainment = 7;
const slotFloats = 8;
/** The hashes' ring (4 MB): a sample posts at most a few hundred at its level (see maxPostedSamples). */
const hashCells = 1 << 20;
/** The failure's message: its length, then UTF-16 code units. */
const messageCells = 256;

interface Views {
  counters: Int32Array;
  ints: Int32Array;
  floats: Float64Array;
  hashes: Int32Array;
  message: Int32Array;
}

function views(shared: SharedArrayBuffer): Views {
  let at = 0;
  const take = <T>(make: (offset: number) => T, bytes: number): T => {
    const view = make(at);
    at += bytes;
    return view;
  };
  return {
    floats: take((o) => new Float64Array(shared, o, slots * slotFloats), slots * slotFloats * 8),
    counters: take((o) => new Int32Array(shared, o, counterCells), counterCells * 4),
    ints: take((o) => new Int32Array(shared, o, slots * slotInts), slots * slotInts * 4),
    hashes: take((o) => new Int32Array(shared, o, hashCells), hashCells * 4),
    message: take((o) => new Int32Array(shared, o, messageCells), messageCells * 4),
  };
}
const sharedBytes = slots * slotFloats * 8 + counterCells * 4 + slots * slotInts * 4 + hashCells * 4 + messageCells * 4;

/** Loads of a counter before a thread waits for it asleep (the answer is most often there, or microseconds away). */
const spinsBeforeSleep = 100_000;
/** How long the clusterer waits for the table thread before calling it lost (it answers in microseconds). */
const answerTimeoutMs = 60_000;

/** Whether `counters[cell]` reaches `value` within `spins` loads (a thread spins a while before it sleeps: waking costs more than the wait, most often). */
function reachedSpinning(counters: Int32Array, cell: number, value: number, spins: number): boolean {
  for (let spin = 0; spin < spins; spin++) if (Atomics.load(counters, cell) >= value) return true;
  return false;
}

/** Waits until `counters[cell]` reaches `value` (counters only grow); throws the table thread's failure. */
function waitFor(v: Views, cell: number, value: number, what: string): void {
  const { counters } = v;
  if (reachedSpinning(counters, cell, value, spinsBeforeSleep)) return;
  let waited = 0;
  for (let now = Atomics.load(counters, cell); now < value; now = Atomics.load(counters, cell)) {
    if (Atomics.load(counters, failedCell) === 1) break;
    if (Atomics.wait(counters, cell, now, 1000) === 'timed-out' && (waited += 1000) >= answerTimeoutMs) {
      throw new TopstoryError('stories', 'duplicate_thread', `the duplicate thread did not ${what} in ${answerTimeoutMs / 1000} s`);
    }
  }
  if (Atomics.load(counters, failedCell) === 1) {
    const length = v.message[0]!;
    throw new TopstoryError('stories', 'duplicate_thread', `the duplicate thread failed: ${String.fromCharCode(...v.message.subarray(1, 1 + length))}`);
  }
}

/**
 * The thread allocates little (its table is typed arrays and two maps of numbers): a small young
 * generation, and an old one collected well before it would grow as a process's does by default
 * (with 24 GB of memory, V8 lets a heap grow to gigabytes of garbage).
 */
const resourceLimits = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };

/** A DuplicateStream's table in a thread of its own (the clusterer's side). */
export class ThreadStreamTable implements DuplicateStreamHost {
  private readonly worker: Worker;
  private readonly v: Views;
  private announced = 0;
  private answered = 0;
  /** Where each announced slot's hashes start, as an ever-growing position (its place in the ring modulo hashCells). */
  private readonly hashStarts = new Float64Array(slots);
  private hashEnd = 0;
  private closed = false;
  private readonly answer: StreamAnswer = { order: -1, reason: 0, containment: 0, pending: false };

  constructor(options: DuplicateOptions) {
    const shared = new SharedArrayBuffer(sharedBytes);
    this.v = views(shared);
    this.worker = startModuleWorker(import.meta.url, 'duplicate-worker', { workerData: { shared, options }, resourceLimits });
    // The thread holds nothing that must outlive the clusterer: it never keeps the process up.
    this.worker.unref();
  }

  announce(query: DuplicateQuery): void {
    if (this.closed) throw new TopstoryError('stories', 'duplicate_closed', 'the clusterer was closed');
    const count = query.hashCount;
    if (count > hashCells / 4) throw new TopstoryError('stories', 'duplicate_sample', `a sample of ${count} hashes at its level is more than the duplicate thread takes`);
    const k = this.announced;
    // A hash list does not wrap round the ring's end: it starts at the ring's start instead.
    let start = this.hashEnd;
    if ((start % hashCells) + count > hashCells) start += hashCells - (start % hashCells);
    // Room: a slot, and hashes, not still held by an article the thread is not done with.
    // (A caller more than `slots` ahead of an article the thread waits on, pending, would wait here for ever: it is told after a minute.)
    waitFor(this.v, consumedCell, k - slots + 1, `take an article (at most ${slots} may be announced ahead)`);
    for (let consumed = Atomics.load(this.v.counters, consumedCell); consumed < k && start + count - this.hashStarts[consumed % slots]! > hashCells; consumed = Atomics.load(this.v.counters, consumedCell)) {
      waitFor(this.v, consumedCell, consumed + 1, 'take an article');
    }
    this.hashStarts[k % slots] = start;
    this.hashEnd = start + count;
    const { ints, floats, hashes, counters } = this.v;
    const i = (k % slots) * slotInts;
    const f = (k % slots) * slotFloats;
    floats[f + slotPublished] = query.published;
    floats[f + slotUrl] = query.url;
    floats[f + slotTitle] = query.title;
    floats[f + slotHigh] = query.high;
    floats[f + slotLow] = query.low;
    floats[f + slotShingleCount] = query.shingleCount;
    ints[i + slotLang] = query.lang;
    ints[i + slotLevel] = query.level;
    ints[i + slotHashCount] = count;
    ints[i + slotHashAt] = start % hashCells;
    ints.set(query.levelCounts, i + slotLevels);
    hashes.set(query.hashes.subarray(0, count), start % hashCells);
    this.announced = k + 1;
    Atomics.store(counters, announcedCell, this.announced);
    this.wake(announcedCell);
  }

  next(): StreamAnswer {
    const k = this.answered;
    waitFor(this.v, answeredCell, k + 1, 'answer');
    this.answered = k + 1;
    const i = (k % slots) * slotInts;
    const f = (k % slots) * slotFloats;
    const answer = this.answer;
    answer.order = this.v.floats[f + slotOrder]!;
    answer.reason = this.v.ints[i + slotReason]!;
    answer.containment = this.v.floats[f + slotContainment]!;
    answer.pending = this.v.ints[i + slotPending] === 1;
    return answer;
  }

  settle(_query: DuplicateQuery, asCopy: boolean): void {
    const k = this.answered - 1;
    this.v.ints[(k % slots) * slotInts + slotAsCopy] = asCopy ? 1 : 0;
    Atomics.store(this.v.counters, settledCell, k + 1);
    this.wake(settledCell);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate();
  }

  /**
   * Wakes the table thread if it sleeps (a system call that waits for the other core: some 50 µs
   * here). It says it sleeps before it looks at the counters a last time, and this reads whether it
   * sleeps after writing them: one of the two sees the other.
   */
  private wake(cell: number): void {
    if (Atomics.load(this.v.counters, sleepingCell) === 1) Atomics.notify(this.v.counters, cell);
  }
}

/** Waits, in the table thread, until `counters[cell]` passes `value`: asleep, saying so, until woken (timed: a terminated thread stops at the next turn). */
function awaitWork(counters: Int32Array, cell: number, value: number): void {
  if (reachedSpinning(counters, cell, value + 1, 1000)) return;
  Atomics.store(counters, sleepingCell, 1);
  for (let now = Atomics.load(counters, cell); now <= value; now = Atomics.load(counters, cell)) Atomics.wait(counters, cell, now, 1000);
  Atomics.store(counters, sleepingCell, 0);
}

/** The table thread's loop (duplicate-worker.ts): answers the announced articles in order. */
export function serveDuplicateTable(shared: SharedArrayBuffer, options: DuplicateOptions): void {
  const v = views(shared);
  const { counters, ints, floats, hashes } = v;
  const table = new DuplicateTable(options);
  const window = new StreamWindow(options.windowHours * 3_600_000);
  const answer: StreamAnswer = { order: -1, reason: 0, containment: 0, pending: false };
  const levels = Array.from({ length: slots }, (_, k) => ints.subarray(k * slotInts + slotLevels, k * slotInts + slotLevels + sampleLevels));
  const query: DuplicateQuery = { published: 0, lang: 0, url: -1, title: -1, high: 0, low: 0, shingleCount: 0, level: 0, levelCounts: levels[0]!, hashes, hashCount: 0 };
  try {
    for (let k = 0; ; k++) {
      awaitWork(counters, announcedCell, k);
      const i = (k % slots) * slotInts;
      const f = (k % slots) * slotFloats;
      query.published = floats[f + slotPublished]!;
      query.url = floats[f + slotUrl]!;
      query.title = floats[f + slotTitle]!;
      query.high = floats[f + slotHigh]!;
      query.low = floats[f + slotLow]!;
      query.shingleCount = floats[f + slotShingleCount]!;
      query.lang = ints[i + slotLang]!;
      query.level = ints[i + slotLevel]!;
      query.hashCount = ints[i + slotHashCount]!;
      query.levelCounts = levels[k % slots]!;
      const at = ints[i + slotHashAt]!;
      query.hashes = hashes.subarray(at, at + query.hashCount);
      answerInTable(table, window, query, answer);
      floats[f + slotOrder] = answer.order;
      floats[f + slotContainment] = answer.containment;
      ints[i + slotReason] = answer.reason;
      ints[i + slotPending] = answer.pending ? 1 : 0;
      Atomics.store(counters, answeredCell, k + 1);
      Atomics.notify(counters, answeredCell);
      if (answer.pending) {
        awaitWork(counters, settledCell, k);
        settleInTable(table, query, answer.order, ints[i + slotAsCopy] === 1);
      }
      Atomics.store(counters, consumedCell, k + 1);
      Atomics.notify(counters, consumedCell);
    }
  } catch (error) {
    const text = (error instanceof Error ? error.message : String(error)).slice(0, messageCells - 1);
    for (let c = 0; c < text.length; c++) v.message[1 + c] = text.charCodeAt(c);
    v.message[0] = text.length;
    Atomics.store(counters, failedCell, 1);
    for (const cell of [answeredCell, consumedCell]) Atomics.notify(counters, cell);
  }
}
