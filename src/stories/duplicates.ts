// Near-duplicate detection: syndicated wire copies and re-posts (near-identical text under another
// URL or outlet). An article is a duplicate when it has the same normalised URL as an earlier one,
// when most of its sampled shingles appear in an earlier text (containment), or when the title is
// the same and much of the text is. A duplicate points at the original, never at another copy.
//
// The index holds a week of articles (its window) and is the largest thing a clusterer keeps: one
// posting per sampled shingle of each original and of its first few copies (of a long text, of
// its coarser sample: see maxPostedSamples). Postings live in
// typed arrays (a block of owners per hash, and a ring of hashes in arrival order) rather than in a
// Map of Sets: a Map takes several times the memory and stops at 2^24 keys, which a week of real
// articles can pass. Articles leave in arrival order, so forgetting the oldest is moving the start
// of the ring, each posting leaving as the oldest of its hash's block.
//
// The test itself runs over numbers (DuplicateTable: keys of the URL and title, SimHash halves, the
// sample's hashes), so that a thread of its own can run it (duplicate-thread.ts); the ids stay with
// the caller: DuplicateIndex (find, then add) and the clusterer's DuplicateStream (announce ahead,
// check, record).
import { TopstoryError } from '../errors.js';
import { fnv1a32 } from '../text/shingles.js';
import type { AnalyzedArticle } from './article.js';
import { grownInts } from './postings.js';

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
  /**
   * Share of the smaller text's sampled shingles found in the other: a copy (default 0.8). Between
   * texts posting different levels of their samples (see maxPostedSamples), the share is of the
   * samples at the coarser level.
   */
  minContainment: number;
  /** With the same title, a lower share suffices (default 0.5). */
  minContainmentSameTitle: number;
  /**
   * Fewer sampled shingles than this are too little text to call a copy on text alone (default 6);
   * compared at a coarser level than the full samples, at least minCoarseSample.
   */
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


/**
 * A 53-bit key of a string (two 32-bit hashes): the index keeps a week of URLs and titles, and a
 * number in place of each string of 40 to 100 characters. Two of a week's 250,000 strings share a
 * key with a chance of about one in 300,000.
 */
function stringKey(value: string): number {
  return fnv1a32(value) * 2 ** 21 + (fnv1a32(value, 0x9747b28c) >>> 11);
}

/** Words of a title key (words joined by single spaces), as `key.split(' ').length` counts them. */
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
 * Copies of one original whose samples are posted (see `add`): a wire story carried by hundreds
 * of outlets is not boilerplate, and its samples stay well under maxSamplePostings.
 */
const maxPostedCopies = 8;

/**
 * Levels of a text's sample: level j holds the sampled hashes whose bits 2 to 1 + j are all zero
 * (the sample keeps shingles whose hash is 0 modulo 4; level j keeps those 0 modulo 4 · 2^j, each
 * level about half the one below and a subset of it; a short text's sample of every shingle, see
 * shingleSample, has its levels by the same bits). A hash's level is a property of the hash
 * alone, so two texts sampled at different levels still agree on the hashes of the coarser one.
 * Twelve levels bound what a text posts up to about a million words.
 */
export const sampleLevels = 12;
/**
 * An article posts (and looks up) the hashes of the finest level of its sample holding at most
 * this many: a text of up to some 500 words posts its whole sample, as before levels; a longer
 * one posts about 64 to 128 hashes instead of one per four shingles (a 2,000-word feature posted
 * 500), so an article's share of the index and of a lookup stays bounded whatever its length.
 * Containment is then measured at the coarser of the two articles' levels, over the samples both
 * have there, and needs minCoarseSample of them: a short text inside a long one is found when it
 * is more than about a tenth of it (a 33-word brief inside an 833-word article of ECB+ no longer
 * makes that article its copy).
 * 64 saved more (ECB+ articles would post 38 hashes on average instead of 80; 59 with 128) but
 * moved held-out ECB+ BCubed from 92.50 to 92.08 through the copies found near the 0.8
 * containment line; 128 left it at 92.41 (worst order unchanged).
 */
const maxPostedSamples = 128;
/**
 * Samples the smaller text must have at the level two texts are compared at, when that is coarser
 * than both full samples: a 60-word excerpt of a 2,000-word text with 60 words of its own has 7
 * or so samples at the long text's level, and 6 shared of 7 made it a copy in 8 of 300 seeded
 * trials (1 of 300 over the full samples, where it shares 17 of 30; none with 10 required, 1
 * with 8). A 220-word wire story inside a 1,600-word page has about 14 there and is still found.
 */
const minCoarseSample = 10;

/** What DuplicateTable.find's reads ahead summed, kept where the compiler cannot tell that nobody reads it. */
const peekSink = { value: 0 };

/** The level of a sampled hash (see sampleLevels): the length of the run of zero bits from bit 2 up, at most sampleLevels − 1. */
function levelOf(hash: number): number {
  const rest = (hash >>> 2) | (1 << (sampleLevels - 1));
  return 31 - Math.clz32(rest & -rest);
}

/**
 * Per level j, how many of `sample`'s hashes are at level j or above (into `counts`, clamped to
 * 65,535); returns the level the article posts (see maxPostedSamples).
 */
function sampleLevelCounts(sample: readonly number[], counts: Int32Array): number {
  counts.fill(0);
  for (let s = 0; s < sample.length; s++) {
    const level = levelOf(sample[s]! | 0);
    for (let j = 0; j <= level; j++) if (counts[j]! < 65_535) counts[j]!++;
  }
  let level = 0;
  while (level < sampleLevels - 1 && counts[level]! > maxPostedSamples) level++;
  return level;
}

/** Postings per chunk of the ring (see SamplePostings): 128 KB each. */
const chunkBits = 15;
const chunkSize = 1 << chunkBits;
/** Integers per chunk of the block pool (see SamplePostings): 256 KB each. */
const poolBits = 16;
const poolSize = 1 << poolBits;
/**
 * Owners a hash's block holds at most (its size's log2, and the size): its newest (more than a
 * lookup reads: a hash with more live postings than maxSamplePostings is skipped whole, by its count).
 */
const maxBlockBits = 7;
const maxBlockOwners = 1 << maxBlockBits;

/**
 * Postings (hash → articles) in arrival order. An open-addressing table maps a hash to its live
 * postings' count and to a block of its own holding their owners (arrival numbers) side by side,
 * oldest first, so that a lookup reads the owners of a hash from one or a few cache lines. (They
 * were a chain through the ring below, a link per posting from each to the one before of the
 * same hash: a cache miss per link, and a lookup walked some 23 of them, most in the chains of
 * the hashes that many articles of one story share.) A block is a ring of a power-of-two size
 * (an integer first: its size's log2, and the place of its oldest owner), grown to twice its
 * size when full, up to `maxBlockOwners`, past which it keeps the newest: a hash with more live
 * postings than a lookup reads is skipped by its count, and its block is right again once the
 * count is back down. Blocks sit in fixed-size chunks of one pool (no block crosses a chunk, so
 * growing the pool copies nothing); a freed block is kept for the next of its size.
 *
 * The ring, in fixed-size chunks of typed arrays, holds each posting's hash by serial number, in
 * arrival order: postings leave in that order, each the oldest of its hash, and a hash whose last
 * posting leaves is taken out of the table. A chunk whose postings all left is taken off the
 * ring's front (one is kept for the next chunk needed), so growing copies nothing. (A ring in one
 * array grew by half when full, rebuilding the table beside it: for a moment the old and new ring
 * and table were all held, some 600 MB at a week of long texts.) The table grows when 80 % full,
 * to twice the hashes it holds, from the old table alone.
 */
export class SamplePostings {
  /** The ring's chunks, oldest first: chunk k holds the hashes of the postings with serials from (firstChunk + k) · chunkSize. */
  private chunks: Int32Array[] = [];
  private firstChunk = 0;
  /** A chunk taken off the front, kept for the next one needed. */
  private spare: Int32Array | undefined;
  /** Serial numbers of the oldest live posting and of the next one. */
  private start = 0;
  private end = 0;
  /** Postings of articles that arrived before this are gone. */
  private oldestOwner = 0;
  /**
   * The head table: per slot, side by side, a hash, where its block starts in the pool (−1 for an
   * empty slot) and its live postings.
   */
  private heads = SamplePostings.emptyHeads(4096);
  private headSize = 4096;
  private headsUsed = 0;
  /** The block pool's chunks (a block at `at` is in chunk at >>> poolBits), the next free place, and freed blocks by size's log2. */
  private readonly pool: Int32Array[] = [];
  private poolEnd = 0;
  private readonly freeBlocks: number[][] = [];

  private static emptyHeads(size: number): Int32Array {
    const heads = new Int32Array(3 * size);
    for (let slot = 0; slot < size; slot++) heads[3 * slot + 1] = -1;
    return heads;
  }

  /** Records that article `owner` (its arrival number) has sampled hash `key`. */
  add(key: number, owner: number): void {
    if ((this.headsUsed + 1) * 5 > this.headSize * 4) this.growHeads();
    const serial = this.end;
    const chunkIndex = Math.floor(serial / chunkSize) - this.firstChunk;
    if (chunkIndex === this.chunks.length) {
      this.chunks.push(this.spare ?? new Int32Array(chunkSize));
      this.spare = undefined;
    }
    this.chunks[chunkIndex]![serial & (chunkSize - 1)] = key;
    this.end++;
    const slot = this.headSlot(key);
    const heads = this.heads;
    let block = heads[3 * slot + 1]!;
    const count = block === -1 ? 0 : heads[3 * slot + 2]!;
    if (block === -1) {
      block = this.takeBlock(0);
      this.pool[block >>> poolBits]![block & (poolSize - 1)] = 0;
      heads[3 * slot] = key;
      this.headsUsed++;
    } else {
      const header = this.pool[block >>> poolBits]![block & (poolSize - 1)]!;
      const bits = header & 0xff;
      if (count === 1 << bits && bits < maxBlockBits) block = this.grownBlock(block, bits, count);
    }
    const chunk = this.pool[block >>> poolBits]!;
    const base = block & (poolSize - 1);
    const header = chunk[base]!;
    const bits = header & 0xff;
    const mask = (1 << bits) - 1;
    const first = header >>> 8;
    if (count < 1 << bits) chunk[base + 1 + ((first + count) & mask)] = owner;
    else {
      // Full at the largest size: the newest replaces the oldest.
      chunk[base + 1 + first] = owner;
      chunk[base] = bits | (((first + 1) & mask) << 8);
    }
    heads[3 * slot + 1] = block;
    heads[3 * slot + 2] = count + 1;
  }

  /**
   * Puts the arrival numbers of the live articles with hash `key` in `out` from place `at`, newest
   * first, stopping after `limit` of them; returns how many were found (`limit` without writing to
   * `out` when the hash has more live postings than that; at most maxBlockOwners).
   */
  find(key: number, limit: number, out: number[], at = 0): number {
    if (limit > maxBlockOwners) throw new RangeError(`a lookup reads at most ${maxBlockOwners} postings of a hash`);
    const slot = this.headSlot(key);
    const block = this.heads[3 * slot + 1]!;
    if (block === -1) return 0;
    const count = this.heads[3 * slot + 2]!;
    if (count > limit) return limit;
    const chunk = this.pool[block >>> poolBits]!;
    const base = block & (poolSize - 1);
    const header = chunk[base]!;
    const mask = (1 << (header & 0xff)) - 1;
    const first = header >>> 8;
    let previous = Infinity;
    let found = 0;
    for (let i = count - 1; i >= 0; i--) {
      const owner = chunk[base + 1 + ((first + i) & mask)]!;
      // Owners are held oldest first, all live: these checks only guard against a bookkeeping
      // error, cutting the list short rather than counting articles that left.
      if (owner >= previous || owner < this.oldestOwner) break;
      out[at + found++] = owner;
      previous = owner;
    }
    return found;
  }

  /** Forgets every posting before serial `start`, of articles that arrived before `oldestOwner`. */
  forget(start: number, oldestOwner: number): void {
    const heads = this.heads;
    for (let serial = this.start; serial < start; serial++) {
      // The posting leaving is the oldest of its hash.
      const slot = this.headSlot(this.chunks[Math.floor(serial / chunkSize) - this.firstChunk]![serial & (chunkSize - 1)]!);
      const block = heads[3 * slot + 1]!;
      const count = heads[3 * slot + 2]!;
      const chunk = this.pool[block >>> poolBits]!;
      const base = block & (poolSize - 1);
      const header = chunk[base]!;
      const bits = header & 0xff;
      if (count === 1) {
        this.freeBlocks[bits]!.push(block);
        this.removeHead(slot);
        continue;
      }
      // Past the block's size the oldest owners are no longer held: only the count falls.
      if (count <= 1 << bits) chunk[base] = bits | ((((header >>> 8) + 1) & ((1 << bits) - 1)) << 8);
      heads[3 * slot + 2] = count - 1;
    }
    this.start = start;
    this.oldestOwner = oldestOwner;
    // Chunks whose postings all left come off the front; one is kept for reuse.
    while (this.chunks.length > 0 && (this.firstChunk + 1) * chunkSize <= start) {
      this.spare = this.chunks.shift();
      this.firstChunk++;
    }
    if (this.chunks.length === 0) this.firstChunk = Math.floor(start / chunkSize);
  }

  /** Serial number of the next posting. */
  get next(): number {
    return this.end;
  }

  /** Postings held (serials from `start` up to `end`; those of articles gone are dropped at `forget`). */
  get size(): number {
    return this.end - this.start;
  }

  /** A block for 2^bits owners (its header not written): a freed one of that size, or one at the pool's end. */
  private takeBlock(bits: number): number {
    while (this.freeBlocks.length <= bits) this.freeBlocks.push([]);
    const reused = this.freeBlocks[bits]!.pop();
    if (reused !== undefined) return reused;
    const size = 1 + (1 << bits);
    // A block never crosses a chunk: the rest of a chunk too short for it is left unused.
    if ((this.poolEnd & (poolSize - 1)) + size > poolSize) this.poolEnd = ((this.poolEnd >>> poolBits) + 1) << poolBits;
    if (this.poolEnd >>> poolBits === this.pool.length) this.pool.push(new Int32Array(poolSize));
    const at = this.poolEnd;
    this.poolEnd += size;
    return at;
  }

  /** Moves a full block of 2^bits owners into one twice its size (oldest first from its start); frees the old one. */
  private grownBlock(block: number, bits: number, count: number): number {
    const grown = this.takeBlock(bits + 1);
    const from = this.pool[block >>> poolBits]!;
    const fromBase = block & (poolSize - 1);
    const to = this.pool[grown >>> poolBits]!;
    const toBase = grown & (poolSize - 1);
    const first = from[fromBase]! >>> 8;
    const mask = (1 << bits) - 1;
    for (let i = 0; i < count; i++) to[toBase + 1 + i] = from[fromBase + 1 + ((first + i) & mask)]!;
    to[toBase] = bits + 1;
    this.freeBlocks[bits]!.push(block);
    return grown;
  }

  /**
   * Reads the head-table cell where `key`'s probe starts and returns its block (a caller sums what
   * these return where the compiler cannot drop the reads): see DuplicateTable.find.
   */
  peek(key: number): number {
    return this.heads[3 * this.home(key) + 1]!;
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

  /** Moves the head table to one with room for twice the hashes it holds (the ring stays as it is). */
  private growHeads(): void {
    const old = this.heads;
    const oldSize = this.headSize;
    this.headSize = Math.max(4096, (this.headsUsed + 1) * 2);
    this.heads = SamplePostings.emptyHeads(this.headSize);
    const heads = this.heads;
    for (let from = 0; from < oldSize; from++) {
      if (old[3 * from + 1] === -1) continue;
      const slot = this.headSlot(old[3 * from]!);
      heads[3 * slot] = old[3 * from]!;
      heads[3 * slot + 1] = old[3 * from + 1]!;
      heads[3 * slot + 2] = old[3 * from + 2]!;
    }
  }
}

/**
 * What the table keeps of the articles in its window, in typed arrays (what the test reads of an
 * entry in one row, the rest one column per field), in a ring by arrival number: a lookup visits
 * hundreds of earlier articles through the postings, and a read in a compact array replaces an
 * object per article that was a cache miss each, and a quarter of a million objects for the
 * collector to mark. Only what the test compares is kept, not the article's terms or sample; the
 * articles' ids are the caller's, DuplicateIndex's or DuplicateStream's (see ArticleIds).
 */
class EntryColumns {
  /** Places: a power of two; the article that arrived as number n sits at n & mask. */
  capacity = 0;
  mask = 0;
  /**
   * What the test reads of a candidate, side by side (one cache line for an entry the lookup
   * counts and then tests, where a column per field cost a cache miss each), `rowFields` per
   * entry: its publication time, its language's number (the caller's langNumbers), the level
   * of its sample it posted and its samples there (level × 65,536 + count; the hashes are in the
   * postings, the counts at other levels in `levelCounts`), its shingle count, its SimHash as two
   * 32-bit halves (compared often; parsed once), the number of the lookup running while it has the
   * article's title (scratch of `find`: a mark older than the lookup running is never its), and
   * the samples it shares with the article looked up (scratch of `find`: 0 between calls).
   */
  rows = new Float64Array(0);
  /** The normalised URL's key (stringKey), −1 without one. */
  urlKey = new Float64Array(0);
  /** The title's key (stringKey) when it has four words or more, −1 otherwise: only such titles make a candidate. */
  titleKey = new Float64Array(0);
  /** Arrival numbers of the entries held with the same title key just before and after this one (−1: none). */
  olderSameTitle = new Int32Array(0);
  newerSameTitle = new Int32Array(0);
  /**
   * Serial number of the article's first posting: its postings follow it, one per sampled hash of
   * the level it posts (a copy past an original's first few posts none, and its number is then the
   * next entry's).
   */
  firstPosting = new Float64Array(0);
  /** Copies of the article whose samples were posted (see maxPostedCopies). */
  postedCopies = new Int32Array(0);
  /** Arrival number of the original the article copies (−1: it is one; originalGone: not known to the table). */
  originalOrder = new Float64Array(0);
  /** Per entry, `sampleLevels` counts: its sampled hashes at each level or above (sampleLevelCounts). */
  levelCounts = new Uint16Array(0);

  constructor(capacity: number) {
    this.resize(capacity, 0, 0);
  }

  /** Moves the live entries (arrival numbers from `oldest` up to `next`) into `capacity` places. */
  resize(capacity: number, oldest: number, next: number): void {
    const oldMask = this.mask;
    const mask = capacity - 1;
    const move = <T extends Float64Array | Int32Array>(old: T, fresh: T): T => {
      for (let order = oldest; order < next; order++) fresh[order & mask] = old[order & oldMask]!;
      return fresh;
    };
    // Entries of `width` numbers each, of which the first `kept` are moved.
    const moveRows = <T extends Float64Array | Uint16Array>(old: T, fresh: T, width: number, kept = width): T => {
      for (let order = oldest; order < next; order++) fresh.set(old.subarray((order & oldMask) * width, (order & oldMask) * width + kept), (order & mask) * width);
      return fresh;
    };
    // The lookup scratch (the title mark and the shared count) starts afresh.
    this.rows = moveRows(this.rows, new Float64Array(capacity * rowFields), rowFields, rowTitleMark);
    this.urlKey = move(this.urlKey, new Float64Array(capacity));
    this.titleKey = move(this.titleKey, new Float64Array(capacity));
    this.olderSameTitle = move(this.olderSameTitle, new Int32Array(capacity));
    this.newerSameTitle = move(this.newerSameTitle, new Int32Array(capacity));
    this.firstPosting = move(this.firstPosting, new Float64Array(capacity));
    this.postedCopies = move(this.postedCopies, new Int32Array(capacity));
    this.originalOrder = move(this.originalOrder, new Float64Array(capacity));
    this.levelCounts = moveRows(this.levelCounts, new Uint16Array(capacity * sampleLevels), sampleLevels);
    this.capacity = capacity;
    this.mask = mask;
  }
}

/** Fields of an entry's row (EntryColumns.rows), in this order. */
const rowPublished = 0;
const rowLang = 1;
const rowPosted = 2;
const rowShingleCount = 3;
const rowHigh = 4;
const rowLow = 5;
const rowTitleMark = 6;
const rowShared = 7;
const rowFields = 8;

/**
 * An article as the table compares it: numbers only (a DuplicateTable can run in a thread of its
 * own, see duplicate-thread.ts). Made by queryOf.
 */
export interface DuplicateQuery {
  published: number;
  /** The language's number (the caller's, in order of first appearance). */
  lang: number;
  /**
   * Keys (stringKey) of the normalised URL (−1 without one) and of the title (−1 for a title of
   * fewer than four words: only such titles make a candidate).
   */
  url: number;
  title: number;
  /** The SimHash as two 32-bit halves. */
  high: number;
  low: number;
  shingleCount: number;
  /** The level of its sample the article posts and looks up, and its counts per level (sampleLevelCounts). */
  level: number;
  levelCounts: Int32Array;
  /** The sample's hashes at `level` or above, in the sample's order: `hashes[0..hashCount)`. */
  hashes: Int32Array;
  hashCount: number;
}

/** Why a match was found, as DuplicateTable.reason holds it. */
export const duplicateReasons: readonly DuplicateReason[] = ['url', 'text', 'title'];

/** What `add` is told of an article's original: none (it is one), or it is a copy of an original the table does not know. */
export const isOriginal = -1;
export const originalGone = -2;

/**
 * The duplicate test over numbers: entries by arrival number (the articles added, oldest first),
 * postings, URL and title keys. `find` then `add` for each new article, in arrival order;
 * the caller holds the ids: DuplicateIndex says which entries leave (evictTo); DuplicateStream's
 * table keeps its own window (evictBefore).
 */
export class DuplicateTable {
  /** The entries, by arrival number: those from `oldest` up to `order` (the next one's) are held. */
  private readonly entries = new EntryColumns(4096);
  private oldest = 0;
  private order = 0;
  /** The first entry held with each URL key. */
  private readonly byUrl = new Map<number, number>();
  /** The newest entry held with each title key (the older ones are chained from it). */
  private readonly byTitle = new Map<number, number>();
  private readonly postings = new SamplePostings();
  private readonly found: number[] = [];
  /** Scratch of `find`: arrival numbers of the entries sharing samples (or the title) with the article. */
  private candidates: Int32Array<ArrayBuffer> = new Int32Array(256);
  private lookups = 0;
  /** Of the last match `find` returned: why (an index in duplicateReasons) and the containment. */
  reason = 0;
  containment = 0;

  constructor(private readonly options: DuplicateOptions) {}

  /** The arrival number of the entry an article copies (its original is the entry's), or −1; earliest-added candidate wins ties. */
  find(query: DuplicateQuery): number {
    const windowMs = this.options.windowHours * 3_600_000;
    const published = query.published;
    const entries = this.entries;
    const mask = entries.mask;
    const urlOrder = query.url === -1 ? undefined : this.byUrl.get(query.url);
    const rows = entries.rows;
    if (urlOrder !== undefined && Math.abs(rows[(urlOrder & mask) * rowFields + rowPublished]! - published) <= windowMs) {
      this.reason = 0;
      this.containment = 1;
      return urlOrder;
    }

    // Count shared samples per earlier article through the postings.
    const found = this.found;
    const { level, levelCounts, hashes, hashCount } = query;
    let candidates = this.candidates;
    let count = 0;
    // The hashes looked up: an earlier article shares those of the coarser of the two levels, so
    // this one's level is where they start. Their head-table cells are read here, in a loop of their
    // own: each is a cache miss (the table holds a week of hashes), and here they overlap; read in
    // the loop below, each would wait for the postings of the hash before it.
    let touch = 0;
    for (let h = 0; h < hashCount; h++) touch += this.postings.peek(hashes[h]!);
    peekSink.value = touch;
    // Every hash's owners listed first, then counted in one loop: each owner's row is a cache
    // miss, and the rows of all of them are fetched side by side there rather than a hash's few
    // at a time, each batch after its postings were found. (The same counts in the same order.)
    let owners = 0;
    for (let h = 0; h < hashCount; h++) {
      const n = this.postings.find(hashes[h]!, maxSamplePostings + 1, found, owners);
      if (n <= maxSamplePostings) owners += n;
    }
    if (owners > candidates.length) candidates = this.candidates = grownInts(candidates, owners, 0);
    for (let i = 0; i < owners; i++) {
      const order = found[i]!;
      if (rows[(order & mask) * rowFields + rowShared]!++ === 0) candidates[count++] = order;
    }
    // Entries with the same title (of four words or more) are candidates too, marked for the title test.
    const mark = ++this.lookups;
    if (query.title !== -1) {
      for (let order = this.byTitle.get(query.title) ?? -1; order !== -1; order = entries.olderSameTitle[order & mask]!) {
        const row = (order & mask) * rowFields;
        rows[row + rowTitleMark] = mark;
        if (rows[row + rowShared] === 0) {
          if (count === candidates.length) candidates = this.candidates = grownInts(candidates, count + 1, 0);
          candidates[count++] = order;
        }
      }
    }
    const { high, low, lang } = query;
    let best = -1;
    let bestContainment = 0;
    let bestReason = 1;
    for (let c = 0; c < count; c++) {
      const order = candidates[c]!;
      const row = (order & mask) * rowFields;
      const sharedSamples = rows[row + rowShared]!;
      rows[row + rowShared] = 0;
      if (!(Math.abs(rows[row + rowPublished]! - published) <= windowMs) || rows[row + rowLang] !== lang) continue;
      // The samples both have at the coarser level: the shared ones are all at that level or above.
      // The entry's count at its own level is in its row; at a coarser one, in its column.
      const posted = rows[row + rowPosted]!;
      const entryLevel = posted >>> 16;
      const both = entryLevel > level ? entryLevel : level;
      const entryCount = both === entryLevel ? posted & 0xffff : entries.levelCounts[(order & mask) * sampleLevels + both]!;
      const smaller = Math.min(entryCount, levelCounts[both]!);
      // Samples are sets, so the shared count over the smaller size is the containment.
      const containment = smaller === 0 ? 0 : sharedSamples / smaller;
      // 1: text, 2: title (duplicateReasons).
      let reason = 0;
      if (smaller >= (both === 0 ? this.options.minSample : Math.max(this.options.minSample, minCoarseSample)) && containment >= this.options.minContainment) reason = 1;
      // SimHash catches copies whose edits spread over every sentence; it needs enough text to mean anything.
      else if (rows[row + rowShingleCount]! >= 40 && query.shingleCount >= 40 && popcount(rows[row + rowHigh]! ^ high) + popcount(rows[row + rowLow]! ^ low) <= 3) reason = 1;
      else if (rows[row + rowTitleMark] === mark && containment >= this.options.minContainmentSameTitle) reason = 2;
      if (reason === 0) continue;
      if (best === -1 || containment > bestContainment || (containment === bestContainment && order < best)) {
        best = order;
        bestContainment = containment;
        bestReason = reason;
      }
    }
    this.reason = bestReason;
    this.containment = bestContainment;
    return best;
  }

  /** The arrival number of the original of the entry that arrived as `order` (itself when it is one; originalGone when not known). */
  originalOf(order: number): number {
    const original = this.entries.originalOrder[order & this.entries.mask]!;
    return original === isOriginal ? order : original;
  }

  /** True while the table holds the entry that arrived as `order`. */
  holds(order: number): boolean {
    return order >= this.oldest && order < this.order;
  }

  /**
   * Forgets the entries published before `cutoff` (epoch ms), visited in arrival order up to the
   * first recent one (DuplicateStream's table: it keeps its window by the dates of the articles it
   * is given; DuplicateIndex's is told which leave, see evictTo).
   */
  evictBefore(cutoff: number): void {
    const rows = this.entries.rows;
    const mask = this.entries.mask;
    let oldest = this.oldest;
    while (oldest < this.order && rows[(oldest & mask) * rowFields + rowPublished]! < cutoff) oldest++;
    this.evictTo(oldest);
  }

  /**
   * Records the next article: `copyOf` is the arrival number of the original it copies (held or
   * not), or isOriginal, or originalGone (a copy of an original the table does not know).
   */
  add(query: DuplicateQuery, copyOf: number): void {
    const { url: urlKey, title: titleKey, high, low, level } = query;
    if (this.order - this.oldest === this.entries.capacity) this.entries.resize(this.entries.capacity * 2, this.oldest, this.order);
    const order = this.order++;
    const entries = this.entries;
    const at = order & entries.mask;
    const row = at * rowFields;
    const rows = entries.rows;
    rows[row + rowPublished] = query.published;
    rows[row + rowLang] = query.lang;
    entries.urlKey[at] = urlKey;
    entries.titleKey[at] = titleKey;
    entries.olderSameTitle[at] = -1;
    entries.newerSameTitle[at] = -1;
    entries.levelCounts.set(query.levelCounts, at * sampleLevels);
    rows[row + rowPosted] = level * 65_536 + query.levelCounts[level]!;
    rows[row + rowShingleCount] = query.shingleCount;
    rows[row + rowHigh] = high;
    rows[row + rowLow] = low;
    // The shared count and the title mark are left as they are: the first is 0 between lookups, and the
    // second never holds the mark of a lookup to come.
    entries.firstPosting[at] = this.postings.next;
    if (urlKey !== -1 && !this.byUrl.has(urlKey)) this.byUrl.set(urlKey, order);
    if (titleKey !== -1) {
      const newest = this.byTitle.get(titleKey);
      if (newest !== undefined) {
        entries.newerSameTitle[newest & entries.mask] = order;
        entries.olderSameTitle[at] = newest;
      }
      this.byTitle.set(titleKey, order);
    }
    // The first copies of an original post their samples (a later copy may be closer to one of
    // them than to the original), the rest do not: posted, the copies of a wire story that many
    // outlets carry would make its samples look like boilerplate (a sample in more than
    // maxSamplePostings articles is not counted), and from then on its copies would be found by
    // none of their samples. A copy whose original left the window (it was found through an
    // earlier copy) posts none.
    entries.postedCopies[at] = 0;
    entries.originalOrder[at] = copyOf;
    if (copyOf !== isOriginal) {
      if (!this.holds(copyOf) || entries.postedCopies[copyOf & entries.mask]! >= maxPostedCopies) return;
      entries.postedCopies[copyOf & entries.mask]!++;
    }
    const { hashes, hashCount } = query;
    for (let h = 0; h < hashCount; h++) {
      const hash = hashes[h]!;
      // A sample is a set; a repeated hash would break the order of owners the postings rely on.
      let repeated = false;
      for (let t = 0; t < h && !repeated; t++) repeated = hashes[t] === hash;
      if (!repeated) this.postings.add(hash, order);
    }
  }

  /** Forgets the entries that arrived before number `oldest` (DuplicateIndex says which leave). */
  evictTo(oldest: number): void {
    const entries = this.entries;
    const mask = entries.mask;
    const start = this.oldest;
    for (; this.oldest < oldest && this.oldest < this.order; this.oldest++) {
      const order = this.oldest;
      const at = order & mask;
      const urlKey = entries.urlKey[at]!;
      if (urlKey !== -1 && this.byUrl.get(urlKey) === order) this.byUrl.delete(urlKey);
      // Entries leave in arrival order: this is the oldest held with its title.
      const newer = entries.newerSameTitle[at]!;
      if (newer !== -1) entries.olderSameTitle[newer & mask] = -1;
      else {
        const titleKey = entries.titleKey[at]!;
        if (titleKey !== -1 && this.byTitle.get(titleKey) === order) this.byTitle.delete(titleKey);
      }
    }
    if (this.oldest > start) {
      const next = this.oldest < this.order ? entries.firstPosting[this.oldest & mask]! : this.postings.next;
      this.postings.forget(next, this.oldest);
    }
  }

  /** Sampled hashes the table holds postings of (see maxPostedSamples). */
  get postingsHeld(): number {
    return this.postings.size;
  }
}

/**
 * The ids of the articles in a duplicate table's window, by arrival number (a ring), with each
 * one's original and date: from them DuplicateIndex says which entries leave, and both callers
 * (DuplicateIndex, DuplicateStream) what a match's original is called.
 */
class ArticleIds {
  /** Arrival numbers held: from `oldest` up to `next`. */
  oldest = 0;
  next = 0;
  private mask = 0;
  private ids: Array<string | undefined> = [];
  private originals: Array<string | undefined> = [];
  private published = new Float64Array(0);
  /** Arrival number of each held article, by id. */
  private readonly byId = new Map<string, number>();

  constructor() {
    this.resize(4096);
  }

  /** Records the next article; returns its arrival number. */
  add(id: string, originalId: string, published: number): number {
    if (this.next - this.oldest === this.mask + 1) this.resize(2 * (this.mask + 1));
    const order = this.next++;
    const at = order & this.mask;
    this.ids[at] = id;
    this.originals[at] = originalId;
    this.published[at] = published;
    this.byId.set(id, order);
    return order;
  }

  /** The original of the article that arrived as number `order` (itself unless it is a copy). */
  originalOf(order: number): string {
    return this.originals[order & this.mask]!;
  }

  /** An article's arrival number while held. */
  orderOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  /**
   * Forgets articles published before `cutoff`, visited in arrival order up to the first recent
   * one (an article that arrived late with an old date leaves a little later, and `find` ignores
   * it meanwhile by its date); returns their ids.
   */
  evictBefore(cutoff: number): string[] {
    const gone: string[] = [];
    for (; this.oldest < this.next; this.oldest++) {
      const at = this.oldest & this.mask;
      if (this.published[at]! >= cutoff) break;
      const id = this.ids[at]!;
      gone.push(id);
      this.ids[at] = undefined;
      this.originals[at] = undefined;
      if (this.byId.get(id) === this.oldest) this.byId.delete(id);
    }
    return gone;
  }

  private resize(capacity: number): void {
    const mask = capacity - 1;
    const ids = new Array<string | undefined>(capacity).fill(undefined);
    const originals = new Array<string | undefined>(capacity).fill(undefined);
    const published = new Float64Array(capacity);
    for (let order = this.oldest; order < this.next; order++) {
      ids[order & mask] = this.ids[order & this.mask];
      originals[order & mask] = this.originals[order & this.mask];
      published[order & mask] = this.published[order & this.mask]!;
    }
    Object.assign(this, { ids, originals, published, mask });
  }
}

/** An index of recent originals and copies; `find` then `add` for each new article, in arrival order. */
export class DuplicateIndex {
  private readonly ids = new ArticleIds();
  /** Languages by number (the table's entries keep the number). */
  private readonly langNumbers = new Map<string, number>();
  private readonly table: DuplicateTable;
  /** The article `queryOf` last described, and the query (its scratch, overwritten for the next). */
  private queried: AnalyzedArticle | undefined;
  private readonly query = emptyQuery();
  readonly options: DuplicateOptions;

  constructor(options: Partial<DuplicateOptions> = {}) {
    this.options = { ...defaultDuplicateOptions, ...options };
    this.table = new DuplicateTable(this.options);
  }

  /** The original an article copies, if any (earliest-added candidate wins ties). */
  find(article: AnalyzedArticle): DuplicateMatch | undefined {
    const order = this.table.find(this.queryOf(article));
    return order === -1 ? undefined : { originalId: this.ids.originalOf(order), reason: duplicateReasons[this.table.reason]!, containment: this.table.containment };
  }

  /** Records an article; `originalId` is its own id unless it is a copy. */
  add(article: AnalyzedArticle, originalId = article.id): void {
    this.ids.add(article.id, originalId, article.published);
    this.table.add(this.queryOf(article), originalId === article.id ? isOriginal : (this.ids.orderOf(originalId) ?? originalGone));
  }

  /** Sampled hashes the index holds postings of (see maxPostedSamples): for tests and inspection. */
  get postingsHeld(): number {
    return this.table.postingsHeld;
  }

  /** True while the index holds the article (it has not left the window). */
  has(id: string): boolean {
    return this.ids.orderOf(id) !== undefined;
  }

  /**
   * Forgets articles published before `cutoff` (epoch ms) so memory stays bounded; returns their
   * ids. Entries are visited in arrival order and the walk stops at the first recent one: an
   * article that arrived late with an old date leaves a little later, and `find` ignores it
   * meanwhile by its date.
   */
  evictBefore(cutoff: number): string[] {
    const gone = this.ids.evictBefore(cutoff);
    if (gone.length > 0) this.table.evictTo(this.ids.oldest);
    return gone;
  }

  /** The article as the table compares it (computed once for `find` then `add`). */
  private queryOf(article: AnalyzedArticle): DuplicateQuery {
    if (this.queried === article) return this.query;
    this.queried = article;
    return queryOf(article, this.langNumbers, this.query);
  }
}

/** A query to fill (queryOf): its hashes' array grows as samples need. */
function emptyQuery(): DuplicateQuery {
  return { published: 0, lang: -1, url: -1, title: -1, high: 0, low: 0, shingleCount: 0, level: 0, levelCounts: new Int32Array(sampleLevels), hashes: new Int32Array(64), hashCount: 0 };
}

/** An article as a DuplicateTable compares it, into `out`; languages are numbered in `langNumbers`. */
function queryOf(article: AnalyzedArticle, langNumbers: Map<string, number>, out: DuplicateQuery): DuplicateQuery {
  let lang = langNumbers.get(article.lang);
  if (lang === undefined) langNumbers.set(article.lang, (lang = langNumbers.size));
  const sample = article.sample;
  out.published = article.published;
  out.lang = lang;
  out.url = article.url === undefined ? -1 : stringKey(article.url);
  out.title = wordCount(article.titleKey) >= 4 ? stringKey(article.titleKey) : -1;
  out.high = parseInt(article.simhash.slice(0, 8), 16) >>> 0;
  out.low = parseInt(article.simhash.slice(8, 16), 16) >>> 0;
  out.shingleCount = article.shingleCount;
  const level = (out.level = sampleLevelCounts(sample, out.levelCounts));
  if (out.hashes.length < sample.length) out.hashes = new Int32Array(Math.max(sample.length, out.hashes.length * 2));
  const hashes = out.hashes;
  let count = 0;
  for (let s = 0; s < sample.length; s++) {
    const hash = sample[s]! | 0;
    if (level > 0 && levelOf(hash) < level) continue;
    hashes[count++] = hash;
  }
  out.hashCount = count;
  return out;
}

/** The table's answer for an article (DuplicateStreamHost.next). */
export interface StreamAnswer {
  /** Arrival number of the entry the article copies, −1 for none; why, and the containment. */
  order: number;
  reason: number;
  containment: number;
  /**
   * True when the article copies an original the table no longer holds (found through one of its
   * copies): the table then waits to be told how to record it (settle). Otherwise it has recorded
   * it already: as an original, or as a copy of the original it holds.
   */
  pending: boolean;
}

/**
 * Where DuplicateStream's table runs: in this thread, or in one of its own (duplicate-thread.ts),
 * where it looks up the articles announced ahead while the clusterer weighs earlier ones.
 */
export interface DuplicateStreamHost {
  /** Hands the next article over (in arrival order); a host in another thread starts on it. */
  announce(query: DuplicateQuery): void;
  /** The answer for the oldest article announced and not answered (`query` is that article's). */
  next(query: DuplicateQuery): StreamAnswer;
  /** Records the article of a pending answer: as a copy of the original found, or as an original. */
  settle(query: DuplicateQuery, asCopy: boolean): void;
  close(): void;
}

/** The cutoff of a table's window at an article's date: the window before the latest date seen. */
export class StreamWindow {
  private latest = -Infinity;
  constructor(private readonly windowMs: number) {}

  /** The date before which entries leave, once an article published at `published` comes. */
  cutoff(published: number): number {
    if (published > this.latest) this.latest = published;
    return this.latest - this.windowMs;
  }
}

/**
 * What the clusterer's duplicate test does with an article, in order, wherever the table runs:
 * the entries published before the window leave (by the dates of the articles given: the table
 * keeps its own window), the article is looked up, and it is recorded as an original, or as a
 * copy of an original the table holds; a copy of one it no longer holds waits to be told.
 */
export function answerInTable(table: DuplicateTable, window: StreamWindow, query: DuplicateQuery, answer: StreamAnswer): void {
  table.evictBefore(window.cutoff(query.published));
  const found = table.find(query);
  answer.order = found;
  answer.reason = table.reason;
  answer.containment = table.containment;
  answer.pending = false;
  if (found === -1) table.add(query, isOriginal);
  else if (table.holds(table.originalOf(found))) table.add(query, table.originalOf(found));
  else answer.pending = true;
}

/** Records the article of a pending answer (the entry it matched: `found`) as a copy of that entry's original, or as an original. */
export function settleInTable(table: DuplicateTable, query: DuplicateQuery, found: number, asCopy: boolean): void {
  table.add(query, asCopy ? table.originalOf(found) : isOriginal);
}

/** DuplicateStream's table in this thread. */
class LocalStreamTable implements DuplicateStreamHost {
  private readonly table: DuplicateTable;
  private readonly window: StreamWindow;
  private readonly answer: StreamAnswer = { order: -1, reason: 0, containment: 0, pending: false };

  constructor(options: DuplicateOptions) {
    this.table = new DuplicateTable(options);
    this.window = new StreamWindow(options.windowHours * 3_600_000);
  }

  announce(): void {}

  next(query: DuplicateQuery): StreamAnswer {
    answerInTable(this.table, this.window, query, this.answer);
    return this.answer;
  }

  settle(query: DuplicateQuery, asCopy: boolean): void {
    settleInTable(this.table, query, this.answer.order, asCopy);
  }

  close(): void {}
}

/**
 * The clusterer's duplicate test: articles looked up and recorded in arrival order, each `check`
 * followed by its `record`. Articles may be announced ahead (`announce`): with the table in a
 * thread of its own, it looks them up while the clusterer places earlier ones. The table keeps
 * its window by the dates of the articles it is given; the ids here (`has`, the originals'
 * names) leave when the clusterer says (evictBefore), never before the table's entries do.
 */
export class DuplicateStream {
  private readonly ids = new ArticleIds();
  private readonly langNumbers = new Map<string, number>();
  private readonly host: DuplicateStreamHost;
  /** Articles announced and not yet checked, oldest first (from `head`), with their queries. */
  private readonly announced: Array<{ article: AnalyzedArticle; query: DuplicateQuery } | undefined> = [];
  private head = 0;
  /** Queries of recorded articles, to fill again (an article's query lives from its announce to its record). */
  private readonly spareQueries: DuplicateQuery[] = [];
  /** The article checked and not yet recorded, its query and answer. */
  private checked: AnalyzedArticle | undefined;
  private checkedQuery: DuplicateQuery | undefined;
  private pending = false;
  private matched = false;
  private matchedOrder = -1;

  constructor(options: Partial<DuplicateOptions> = {}, host?: (options: DuplicateOptions) => DuplicateStreamHost) {
    const full = { ...defaultDuplicateOptions, ...options };
    this.host = host ? host(full) : new LocalStreamTable(full);
  }

  /** Hands an article over ahead of its `check` (articles are checked in the order announced). */
  announce(article: AnalyzedArticle): void {
    const query = queryOf(article, this.langNumbers, this.spareQueries.pop() ?? emptyQuery());
    this.announced.push({ article, query });
    this.host.announce(query);
  }

  /** The original an article copies, if any; `record` says next how the clusterer placed it. */
  check(article: AnalyzedArticle): DuplicateMatch | undefined {
    if (this.checked) throw new TopstoryError('stories', 'duplicate_order', `${this.checked.id} was checked for copies and not recorded`);
    if (this.head === this.announced.length) this.announce(article);
    const next = this.announced[this.head]!;
    if (next.article !== article) throw new TopstoryError('stories', 'duplicate_order', `${article.id} was checked for copies before ${next.article.id}, announced first`);
    this.announced[this.head++] = undefined;
    if (this.head === this.announced.length) {
      this.announced.length = 0;
      this.head = 0;
    }
    const answer = this.host.next(next.query);
    this.checked = article;
    this.checkedQuery = next.query;
    this.pending = answer.pending;
    this.matched = answer.order !== -1;
    if (answer.order === -1) return undefined;
    this.matchedOrder = answer.order;
    return { originalId: this.ids.originalOf(answer.order), reason: duplicateReasons[answer.reason]!, containment: answer.containment };
  }

  /**
   * Records the article checked last: as a copy of the original `check` found (`asCopy`), or as
   * an original. An article whose original the table holds was recorded as its copy already (the
   * clusterer has the original's story then: it holds the ids the table holds).
   */
  record(article: AnalyzedArticle, asCopy: boolean): void {
    if (this.checked !== article) throw new TopstoryError('stories', 'duplicate_order', `${article.id} was recorded without being checked for copies`);
    this.checked = undefined;
    const copy = this.matched && asCopy;
    if (this.pending) this.host.settle(this.checkedQuery!, copy);
    this.spareQueries.push(this.checkedQuery!);
    this.checkedQuery = undefined;
    this.ids.add(article.id, copy ? this.ids.originalOf(this.matchedOrder) : article.id, article.published);
  }

  /** True while the ids of the article are held (it has not left the clusterer's window for copies). */
  has(id: string): boolean {
    return this.ids.orderOf(id) !== undefined;
  }

  /** Forgets the ids of articles published before `cutoff`; returns them (see ArticleIds.evictBefore). */
  evictBefore(cutoff: number): string[] {
    return this.ids.evictBefore(cutoff);
  }

  close(): void {
    this.host.close();
  }

}
