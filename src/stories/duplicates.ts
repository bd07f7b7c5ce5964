// Near-duplicate detection: syndicated wire copies and re-posts (near-identical text under another
// URL or outlet). An article is a duplicate when it has the same normalised URL as an earlier one,
// when most of its sampled shingles appear in an earlier text (containment), or when the title is
// the same and much of the text is. A duplicate points at the original, never at another copy.
//
// The index holds a week of articles (its window) and is the largest thing a clusterer keeps: one
// posting per sampled shingle. Postings live in typed arrays (a ring in arrival order, chained per
// hash) rather than in a Map of Sets: a Map takes several times the memory and stops at 2^24 keys,
// which a week of real articles can pass. Articles leave in arrival order, so forgetting the oldest
// is moving the start of the ring.
import { fnv1a32 } from '../text/shingles.js';
import type { AnalyzedArticle } from './article.js';

/** Why an article was taken for a copy. */
export type DuplicateReason = 'url' | 'text' | 'title';

/** The original of a duplicate and why. */
export interface DuplicateMatch {
  originalId: string;
  reason: DuplicateReason;
  containment: number;
}

/** Thresholds of the duplicate test. */
export interface DuplicateOptions {
  /** Share of the smaller text's sampled shingles found in the other: a copy (default 0.8). */
  minContainment: number;
  /** With the same title, a lower share suffices (default 0.5). */
  minContainmentSameTitle: number;
  /** Fewer sampled shingles than this are too little text to call a copy on text alone (default 6). */
  minSample: number;
  /** Copies older than this are no longer looked for (default 7 days). */
  windowHours: number;
}

export const defaultDuplicateOptions: DuplicateOptions = {
  minContainment: 0.8,
  minContainmentSameTitle: 0.5,
  minSample: 6,
  windowHours: 7 * 24,
};

/** What the index keeps of an article: only what the test compares (not its terms or its sample). */
interface Entry {
  id: string;
  originalId: string;
  lang: string;
  published: number;
  /** The normalised URL's key (stringKey), −1 without one. */
  urlKey: number;
  /** The title's key (stringKey) when it has four words or more, −1 otherwise: only such titles make a candidate. */
  titleKey: number;
  /** The entries held with the same title key just before and after this one (arrival order). */
  olderSameTitle: Entry | undefined;
  newerSameTitle: Entry | undefined;
  /** Size of the article's shingle sample (its hashes are in the postings). */
  sampleSize: number;
  shingleCount: number;
  /** The SimHash as two 32-bit halves (compared often; parsed once). */
  high: number;
  low: number;
  /** Arrival number. */
  order: number;
  /** Serial number of the article's first posting (its postings follow it, one per sampled hash). */
  firstPosting: number;
  /** Scratch of `find`: samples shared with the article looked up (0 between calls). */
  shared: number;
  /** Scratch of `find`: the lookup's number while the entry has the article's title. */
  titleMark: number;
}

const simhashHalves = (hex: string): [number, number] => [parseInt(hex.slice(0, 8), 16) >>> 0, parseInt(hex.slice(8, 16), 16) >>> 0];

/** Words of a title key (words joined by single spaces), as `key.split(' ').length` counts them. */
/**
 * A 53-bit key of a string (two 32-bit hashes): the index keeps a week of URLs and titles, and a
 * number in place of each string of 40 to 100 characters. Two of a week's 250,000 strings share a
 * key with a chance of about one in 300,000.
 */
function stringKey(value: string): number {
  return fnv1a32(value) * 2 ** 21 + (fnv1a32(value, 0x9747b28c) >>> 11);
}

function wordCount(key: string): number {
  let n = 1;
  for (let at = key.indexOf(' '); at !== -1; at = key.indexOf(' ', at + 1)) n++;
  return n;
}

/** Set bits of a 32-bit number. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/**
 * A sampled shingle found in more recent articles than this is boilerplate ("said in a
 * statement"), not a sign of copying: it is not counted, so one common phrase cannot make every
 * lookup walk thousands of articles.
 */
const maxSamplePostings = 64;

/**
 * Postings (hash → articles) in arrival order. Each posting sits in a ring of typed arrays and
 * links to the previous posting of the same hash; an open-addressing table maps a hash to its
 * newest posting. A posting whose article left (arrival number below `oldestOwner`) ends its
 * chain, and the ring reuses its place; a hash whose newest posting leaves is taken out of the
 * table. A link is followed only while arrival numbers go strictly down, which also stops at a
 * place the ring has reused since. Both the ring and the table grow by half when full (not to
 * the next power of two: at millions of postings, doubling would waste a hundred megabytes).
 */
class SamplePostings {
  /**
   * The ring: per place, side by side (one cache line for a posting the walk visits), the hash,
   * the owner's arrival number and the place of the previous posting of the same hash (−1 for none).
   */
  private ring = new Int32Array(3 * 4096);
  private ringSize = 4096;
  /** Serial numbers of the oldest live posting and of the next one (place = serial mod ring size). */
  private start = 0;
  private end = 0;
  /** Postings of articles that arrived before this are gone. */
  private oldestOwner = 0;
  /**
   * The head table: per slot, side by side, a hash, the ring place of its newest posting (−1 for
   * an empty slot) and its live postings: a boilerplate shingle shared by more articles than a
   * lookup takes is skipped without walking its chain (the walk grew with the articles in the window).
   */
  private heads = SamplePostings.emptyHeads(4096);
  private headSize = 4096;
  private headsUsed = 0;

  private static emptyHeads(size: number): Int32Array {
    const heads = new Int32Array(3 * size);
    for (let slot = 0; slot < size; slot++) heads[3 * slot + 1] = -1;
    return heads;
  }

  /** Records that article `owner` (its arrival number) has sampled hash `key`. */
  add(key: number, owner: number): void {
    if (this.end - this.start === this.ringSize) this.relink(Math.ceil(this.ringSize * 1.5));
    if ((this.headsUsed + 1) * 5 > this.headSize * 4) this.relink(this.ringSize);
    const place = this.end % this.ringSize;
    const slot = this.headSlot(key);
    const heads = this.heads;
    const fresh = heads[3 * slot + 1] === -1;
    const ring = this.ring;
    ring[3 * place] = key;
    ring[3 * place + 1] = owner;
    ring[3 * place + 2] = fresh ? -1 : heads[3 * slot + 1]!;
    heads[3 * slot] = key;
    heads[3 * slot + 1] = place;
    heads[3 * slot + 2] = fresh ? 1 : heads[3 * slot + 2]! + 1;
    this.end++;
    if (fresh) this.headsUsed++;
  }

  /**
   * Puts the arrival numbers of the live articles with hash `key` in `out`, newest first, stopping
   * after `limit` of them; returns how many were found (`limit` without filling `out` when the hash
   * has more live postings than that).
   */
  find(key: number, limit: number, out: number[]): number {
    const slot = this.headSlot(key);
    let place = this.heads[3 * slot + 1]!;
    if (place !== -1 && this.heads[3 * slot + 2]! > limit) return limit;
    const ring = this.ring;
    let previous = Infinity;
    let found = 0;
    while (place !== -1 && found < limit) {
      const owner = ring[3 * place + 1]!;
      if (ring[3 * place] !== key || owner >= previous || owner < this.oldestOwner) break;
      out[found++] = owner;
      previous = owner;
      place = ring[3 * place + 2]!;
    }
    return found;
  }

  /** Forgets every posting before serial `start`, of articles that arrived before `oldestOwner`. */
  forget(start: number, oldestOwner: number): void {
    for (let serial = this.start; serial < start; serial++) {
      // The hash's newest posting leaving means none is left: its head goes.
      const place = serial % this.ringSize;
      const slot = this.headSlot(this.ring[3 * place]!);
      if (this.heads[3 * slot + 1] === place) this.removeHead(slot);
      else this.heads[3 * slot + 2]!--;
    }
    this.start = start;
    this.oldestOwner = oldestOwner;
  }

  /** Serial number of the next posting. */
  get next(): number {
    return this.end;
  }

  /** Home slot of a hash in the head table (multiply-shift onto any table size). */
  private home(key: number): number {
    return Math.floor(((Math.imul(key, 0x9e3779b1) >>> 0) * this.headSize) / 4294967296);
  }

  /** The head-table slot of a hash: where it is, or the empty slot where it would go. */
  private headSlot(key: number): number {
    const heads = this.heads;
    const size = this.headSize;
    let slot = this.home(key);
    while (heads[3 * slot + 1] !== -1 && heads[3 * slot] !== key) slot = slot + 1 === size ? 0 : slot + 1;
    return slot;
  }

  /** Empties a head-table slot, moving later entries of its probe run back (deletion without tombstones). */
  private removeHead(slot: number): void {
    const heads = this.heads;
    const size = this.headSize;
    let hole = slot;
    for (let next = hole + 1 === size ? 0 : hole + 1; heads[3 * next + 1] !== -1; next = next + 1 === size ? 0 : next + 1) {
      const home = this.home(heads[3 * next]!);
      // The entry at `next` may fill the hole unless its home lies cyclically in (hole, next].
      const stays = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (stays) continue;
      heads[3 * hole] = heads[3 * next]!;
      heads[3 * hole + 1] = heads[3 * next + 1]!;
      heads[3 * hole + 2] = heads[3 * next + 2]!;
      hole = next;
    }
    heads[3 * hole + 1] = -1;
    this.headsUsed--;
  }

  /**
   * Rebuilds the ring (at `capacity` places) and the head table from the live postings, oldest
   * first; the table gets room for twice the hashes it holds.
   */
  private relink(capacity: number): void {
    const old = this.ring;
    const oldSize = this.ringSize;
    this.ring = new Int32Array(3 * capacity);
    this.ringSize = capacity;
    this.headSize = Math.max(4096, (this.headsUsed + 1) * 2);
    this.heads = SamplePostings.emptyHeads(this.headSize);
    this.headsUsed = 0;
    const { ring, heads } = this;
    for (let serial = this.start; serial < this.end; serial++) {
      const from = serial % oldSize;
      const key = old[3 * from]!;
      const place = serial % capacity;
      const slot = this.headSlot(key);
      if (heads[3 * slot + 1] === -1) this.headsUsed++;
      ring[3 * place] = key;
      ring[3 * place + 1] = old[3 * from + 1]!;
      ring[3 * place + 2] = heads[3 * slot + 1]!;
      heads[3 * slot] = key;
      heads[3 * slot + 1] = place;
      heads[3 * slot + 2]!++;
    }
  }
}

/** An index of recent originals and copies; `find` then `add` for each new article, in arrival order. */
export class DuplicateIndex {
  /** Entries in arrival order: the one that arrived as number n is `queue[n - queueOffset]`; places before `queueStart` are gone. */
  private queue: Array<Entry | undefined> = [];
  private queueStart = 0;
  private queueOffset = 0;
  private readonly byId = new Map<string, Entry>();
  /** The first entry held with each URL key. */
  private readonly byUrl = new Map<number, Entry>();
  /** The newest entry held with each title key (the older ones are chained from it). */
  private readonly byTitle = new Map<number, Entry>();
  private readonly postings = new SamplePostings();
  private readonly found: number[] = [];
  /** Scratch of `find`: entries sharing samples (or the title) with the article. */
  private readonly candidates: Entry[] = [];
  private lookups = 0;
  /** The SimHash last parsed and its halves (`find` then `add` parse an article's once). */
  private simhashText: string | undefined;
  private simhashHalves: [number, number] = [0, 0];
  private order = 0;
  private readonly options: DuplicateOptions;

  constructor(options: Partial<DuplicateOptions> = {}) {
    this.options = { ...defaultDuplicateOptions, ...options };
  }

  /** The original an article copies, if any (earliest-added candidate wins ties). */
  find(article: AnalyzedArticle): DuplicateMatch | undefined {
    const windowMs = this.options.windowHours * 3_600_000;
    const published = article.published;
    const byUrl = article.url === undefined ? undefined : this.byUrl.get(stringKey(article.url));
    if (byUrl && Math.abs(byUrl.published - published) <= windowMs) return { originalId: byUrl.originalId, reason: 'url', containment: 1 };

    // Count shared samples per earlier article through the postings (on the entries themselves).
    const candidates = this.candidates;
    const found = this.found;
    const sample = article.sample;
    for (let s = 0; s < sample.length; s++) {
      const n = this.postings.find(sample[s]! | 0, maxSamplePostings + 1, found);
      if (n > maxSamplePostings) continue;
      for (let i = 0; i < n; i++) {
        const entry = this.entryOf(found[i]!);
        if (entry.shared++ === 0) candidates.push(entry);
      }
    }
    // Entries with the same title (of four words or more) are candidates too, marked for the title test.
    const mark = ++this.lookups;
    if (wordCount(article.titleKey) >= 4) {
      for (let entry = this.byTitle.get(stringKey(article.titleKey)); entry; entry = entry.olderSameTitle) {
        entry.titleMark = mark;
        if (entry.shared === 0) candidates.push(entry);
      }
    }
    const [high, low] = this.simhashOf(article);
    let best: Entry | undefined;
    let bestContainment = 0;
    let bestReason: DuplicateReason = 'text';
    for (let c = 0; c < candidates.length; c++) {
      const entry = candidates[c]!;
      const shared = entry.shared;
      entry.shared = 0;
      if (!(Math.abs(entry.published - published) <= windowMs) || entry.lang !== article.lang) continue;
      const smaller = Math.min(entry.sampleSize, sample.length);
      // Samples are sets, so the shared count over the smaller size is the containment.
      const containment = smaller === 0 ? 0 : shared / smaller;
      let reason: DuplicateReason | undefined;
      if (smaller >= this.options.minSample && containment >= this.options.minContainment) reason = 'text';
      // SimHash catches copies whose edits spread over every sentence; it needs enough text to mean anything.
      else if (entry.shingleCount >= 40 && article.shingleCount >= 40 && popcount(entry.high ^ high) + popcount(entry.low ^ low) <= 3) reason = 'text';
      else if (entry.titleMark === mark && containment >= this.options.minContainmentSameTitle) reason = 'title';
      if (!reason) continue;
      if (!best || containment > bestContainment || (containment === bestContainment && entry.order < best.order)) {
        best = entry;
        bestContainment = containment;
        bestReason = reason;
      }
    }
    candidates.length = 0;
    return best && { originalId: best.originalId, reason: bestReason, containment: bestContainment };
  }

  /** Records an article; `originalId` is its own id unless it is a copy. */
  add(article: AnalyzedArticle, originalId = article.id): void {
    const [high, low] = this.simhashOf(article);
    const order = this.order++;
    const entry: Entry = {
      id: article.id, originalId, lang: article.lang, published: article.published,
      urlKey: article.url === undefined ? -1 : stringKey(article.url), titleKey: wordCount(article.titleKey) >= 4 ? stringKey(article.titleKey) : -1,
      olderSameTitle: undefined, newerSameTitle: undefined,
      sampleSize: article.sample.length, shingleCount: article.shingleCount, high, low, order, firstPosting: this.postings.next, shared: 0, titleMark: 0,
    };
    this.queue.push(entry);
    this.byId.set(entry.id, entry);
    if (entry.urlKey !== -1 && !this.byUrl.has(entry.urlKey)) this.byUrl.set(entry.urlKey, entry);
    if (entry.titleKey !== -1) {
      const newest = this.byTitle.get(entry.titleKey);
      if (newest) {
        newest.newerSameTitle = entry;
        entry.olderSameTitle = newest;
      }
      this.byTitle.set(entry.titleKey, entry);
    }
    const sample = article.sample;
    for (let s = 0; s < sample.length; s++) {
      const hash = sample[s]! | 0;
      // A sample is a set; a repeated hash would break the chain order the postings rely on.
      let repeated = false;
      for (let t = 0; t < s && !repeated; t++) repeated = (sample[t]! | 0) === hash;
      if (!repeated) this.postings.add(hash, order);
    }
  }

  /** True while the index holds the article (it has not left the window). */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * Forgets articles published before `cutoff` (epoch ms) so memory stays bounded; returns their
   * ids. Entries are visited in arrival order and the walk stops at the first recent one: an
   * article that arrived late with an old date leaves a little later, and `find` ignores it
   * meanwhile by its date.
   */
  evictBefore(cutoff: number): string[] {
    const gone: string[] = [];
    let last: Entry | undefined;
    while (this.queueStart < this.queue.length) {
      const entry = this.queue[this.queueStart]!;
      if (entry.published >= cutoff) break;
      this.queue[this.queueStart++] = undefined;
      last = entry;
      gone.push(entry.id);
      if (this.byId.get(entry.id) === entry) this.byId.delete(entry.id);
      if (entry.urlKey !== -1 && this.byUrl.get(entry.urlKey) === entry) this.byUrl.delete(entry.urlKey);
      // Entries leave in arrival order: this is the oldest held with its title.
      if (entry.newerSameTitle) {
        entry.newerSameTitle.olderSameTitle = undefined;
        entry.newerSameTitle = undefined;
      } else if (entry.titleKey !== -1 && this.byTitle.get(entry.titleKey) === entry) this.byTitle.delete(entry.titleKey);
    }
    if (last) {
      const next = this.queue[this.queueStart];
      this.postings.forget(next ? next.firstPosting : this.postings.next, last.order + 1);
    }
    // Drop the emptied front of the queue once it is most of it.
    if (this.queueStart > 1024 && this.queueStart * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueStart);
      this.queueOffset += this.queueStart;
      this.queueStart = 0;
    }
    return gone;
  }

  private simhashOf(article: AnalyzedArticle): [number, number] {
    if (this.simhashText !== article.simhash) {
      this.simhashText = article.simhash;
      this.simhashHalves = simhashHalves(article.simhash);
    }
    return this.simhashHalves;
  }

  private entryOf(order: number): Entry {
    return this.queue[order - this.queueOffset]!;
  }
}
