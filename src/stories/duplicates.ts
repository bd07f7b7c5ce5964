// Near-duplicate detection: syndicated wire copies and re-posts (near-identical text under another
// URL or outlet). An article is a duplicate when it has the same normalised URL as an earlier one,
// when most of its sampled shingles appear in an earlier text (containment), or when the title is
// the same and much of the text is. A duplicate points at the original, never at another copy.
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

/** What the index keeps of an article: only what the test compares (not its term counts). */
type Fingerprint = Pick<AnalyzedArticle, 'id' | 'lang' | 'published' | 'url' | 'titleKey' | 'sample' | 'simhash' | 'shingleCount'>;

interface Entry {
  article: Fingerprint;
  originalId: string;
  order: number;
  /** The SimHash as two 32-bit halves (compared often; parsed once). */
  high: number;
  low: number;
}

const simhashHalves = (hex: string): [number, number] => [parseInt(hex.slice(0, 8), 16) >>> 0, parseInt(hex.slice(8, 16), 16) >>> 0];

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

/** An index of recent originals and copies; `find` then `add` for each new article, in arrival order. */
export class DuplicateIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly byUrl = new Map<string, string>();
  private readonly byTitle = new Map<string, Set<string>>();
  private readonly bySample = new Map<number, Set<string>>();
  private order = 0;
  private readonly options: DuplicateOptions;

  constructor(options: Partial<DuplicateOptions> = {}) {
    this.options = { ...defaultDuplicateOptions, ...options };
  }

  /** The original an article copies, if any (earliest-added candidate wins ties). */
  find(article: AnalyzedArticle): DuplicateMatch | undefined {
    const windowMs = this.options.windowHours * 3_600_000;
    const live = (id: string | undefined): Entry | undefined => {
      const entry = id === undefined ? undefined : this.entries.get(id);
      return entry && Math.abs(entry.article.published - article.published) <= windowMs ? entry : undefined;
    };
    const byUrl = live(article.url && this.byUrl.get(article.url));
    if (byUrl) return { originalId: byUrl.originalId, reason: 'url', containment: 1 };

    // Count shared samples per earlier article through the inverted index.
    const shared = new Map<string, number>();
    for (const hash of article.sample) {
      const postings = this.bySample.get(hash);
      if (!postings || postings.size > maxSamplePostings) continue;
      for (const id of postings) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    const sameTitle = new Set(article.titleKey.split(' ').length >= 4 ? this.byTitle.get(article.titleKey) ?? [] : []);
    const [high, low] = simhashHalves(article.simhash);
    let best: { entry: Entry; containment: number; reason: DuplicateReason } | undefined;
    for (const id of new Set([...shared.keys(), ...sameTitle])) {
      const entry = live(id);
      if (!entry || entry.article.lang !== article.lang) continue;
      const other = entry.article;
      const smaller = Math.min(other.sample.length, article.sample.length);
      // Samples are sets, so the shared count over the smaller size is the containment.
      const containment = smaller === 0 ? 0 : (shared.get(id) ?? 0) / smaller;
      let reason: DuplicateReason | undefined;
      if (smaller >= this.options.minSample && containment >= this.options.minContainment) reason = 'text';
      // SimHash catches copies whose edits spread over every sentence; it needs enough text to mean anything.
      else if (other.shingleCount >= 40 && article.shingleCount >= 40 && popcount(entry.high ^ high) + popcount(entry.low ^ low) <= 3) reason = 'text';
      else if (sameTitle.has(id) && containment >= this.options.minContainmentSameTitle) reason = 'title';
      if (!reason) continue;
      if (!best || containment > best.containment || (containment === best.containment && entry.order < best.entry.order)) {
        best = { entry, containment, reason };
      }
    }
    return best && { originalId: best.entry.originalId, reason: best.reason, containment: best.containment };
  }

  /** Records an article; `originalId` is its own id unless it is a copy. */
  add(full: AnalyzedArticle, originalId = full.id): void {
    const { id, lang, published, url, titleKey, sample, simhash, shingleCount } = full;
    const article: Fingerprint = { id, lang, published, titleKey, sample, simhash, shingleCount, ...(url !== undefined ? { url } : {}) };
    const [high, low] = simhashHalves(simhash);
    this.entries.set(article.id, { article, originalId, order: this.order++, high, low });
    if (article.url && !this.byUrl.has(article.url)) this.byUrl.set(article.url, article.id);
    push(this.byTitle, article.titleKey, article.id);
    for (const hash of article.sample) push(this.bySample, hash, article.id);
  }

  /**
   * Forgets articles published before `cutoff` (epoch ms) so memory stays bounded. Entries are
   * visited in arrival order and the walk stops at the first recent one: an article that arrived
   * late with an old date leaves a little later, and `find` ignores it meanwhile by its date.
   */
  evictBefore(cutoff: number): void {
    for (const [id, entry] of this.entries) {
      if (entry.article.published >= cutoff) break;
      this.entries.delete(id);
      const a = entry.article;
      if (a.url && this.byUrl.get(a.url) === id) this.byUrl.delete(a.url);
      pull(this.byTitle, a.titleKey, id);
      for (const hash of a.sample) pull(this.bySample, hash, id);
    }
  }
}

function push<K>(map: Map<K, Set<string>>, key: K, id: string): void {
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}

function pull<K>(map: Map<K, Set<string>>, key: K, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
