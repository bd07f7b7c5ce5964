// Term vectors for comparing texts: stemmed content words, document frequencies learned online, and
// TF-IDF weighted sparse vectors with cosine similarity.
import { tokenize } from './tokens.js';
import { stem } from './tokens.js';
import { isStopword } from './stopwords.js';

/** A sparse vector: term → weight. */
export type SparseVector = Map<string, number>;

const shortNumber = /^\d{1,3}$/u;

/** The term a case-folded word counts as, or null when it does not count. */
function termOf(word: string, lang: string): string | null {
  if (word.length < 2 || isStopword(word, lang)) return null;
  // Bare numbers under four digits (counts, ages, times) say little about which event it is.
  if (shortNumber.test(word)) return null;
  return stem(word, lang);
}

/** Terms by language and word, remembered (see `stem`): most words of a text were seen before. */
const termCache = new Map<string, Map<string, string | null>>();
const termCacheSize = 100_000;

/** Counts of the content terms (stemmed, stopwords and one-letter words dropped) of a text. */
export function termCounts(text: string, lang: string): Map<string, number> {
  return addTermCounts(new Map(), text, lang);
}

/**
 * Adds `times` × the term counts of a text to `counts` (terms new to it in order of first
 * appearance) and returns it: counting a text twice this way gives what counting it written twice would.
 */
export function addTermCounts(counts: Map<string, number>, text: string, lang: string, times = 1): Map<string, number> {
  let cache = termCache.get(lang);
  if (!cache) termCache.set(lang, (cache = new Map()));
  for (const token of tokenize(text)) {
    let term = cache.get(token.word);
    if (term === undefined) {
      if (cache.size >= termCacheSize) cache.clear();
      cache.set(token.word, (term = termOf(token.word, lang)));
    }
    if (term !== null) counts.set(term, (counts.get(term) ?? 0) + times);
  }
  return counts;
}

/** Document frequencies of terms, grown one document at a time (the order of documents fixes them). */
export class DocumentFrequencies {
  private readonly df = new Map<string, number>();
  private docs = 0;

  /** Counts one document's distinct terms. */
  add(terms: Iterable<string>): void {
    this.docs++;
    for (const term of new Set(terms)) this.df.set(term, (this.df.get(term) ?? 0) + 1);
  }

  /** Number of documents counted so far. */
  get size(): number {
    return this.docs;
  }

  /** Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1, so unseen terms weigh most. */
  idf(term: string): number {
    return Math.log((this.docs + 1) / ((this.df.get(term) ?? 0) + 1)) + 1;
  }
}

/** A unit-length TF-IDF vector from term counts: (1 + ln tf) · idf, L2-normalised. */
export function tfidfVector(counts: ReadonlyMap<string, number>, df: DocumentFrequencies): SparseVector {
  const vector: SparseVector = new Map();
  for (const [term, tf] of counts) vector.set(term, (1 + Math.log(tf)) * df.idf(term));
  return normalize(vector);
}

/** Scales a vector to unit length in place and returns it (an empty vector stays empty). */
export function normalize(vector: SparseVector): SparseVector {
  const length = norm(vector);
  if (length > 0) for (const [term, w] of vector) vector.set(term, w / length);
  return vector;
}

/** Euclidean length of a vector. */
export function norm(vector: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const w of vector.values()) sum += w * w;
  return Math.sqrt(sum);
}

/** Dot product of two sparse vectors (iterates the smaller one). */
export function dot(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, w] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += w * other;
  }
  return sum;
}

/** Cosine similarity of two sparse vectors (0 when either is empty). */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const na = norm(a);
  const nb = norm(b);
  return na === 0 || nb === 0 ? 0 : dot(a, b) / (na * nb);
}

/** Adds `weight · vector` into `sum` in place (centroids are running sums of unit vectors). */
export function addInto(sum: SparseVector, vector: ReadonlyMap<string, number>, weight = 1): void {
  for (const [term, w] of vector) sum.set(term, (sum.get(term) ?? 0) + weight * w);
}

/** The n heaviest terms of a vector, heaviest first, ties by term so the order is deterministic. */
export function topTerms(vector: ReadonlyMap<string, number>, n: number): string[] {
  return [...vector.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([term]) => term);
}
