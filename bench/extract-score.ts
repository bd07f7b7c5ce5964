// How extraction quality is scored, the way extraction benchmarks score it (issue #4): tokens are
// runs of Unicode letters, digits and underscore; a text's shingles are its contiguous token
// 4-grams, counted as a multiset; per page TP = Σ min(true, predicted), FP = Σ (predicted − true)⁺,
// FN = Σ (true − predicted)⁺; precision and recall are averaged over the pages, then F1 = 2PR/(P+R).
// The bench and the tests both score with this file, so there is one definition of the numbers.

const SHINGLE = 4;

/** Tokens of a text: runs of Unicode letters, digits and underscore, as written (no case folding). */
export function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** The multiset of a text's contiguous token 4-grams. */
export function shingles(text: string): Map<string, number> {
  const list = tokens(text);
  const out = new Map<string, number>();
  for (let i = 0; i + SHINGLE <= list.length; i++) {
    // U+0001 cannot occur inside a token, so the joined key is unambiguous.
    const key = list.slice(i, i + SHINGLE).join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** One page's counts and its precision and recall. */
export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

/**
 * Scores an extracted text against the true text of one page. A page whose truth and prediction
 * both have no shingles scores 1/1; a prediction with no shingles for a page that has some scores
 * precision 0 (an empty result is never rewarded), and so does a prediction for a page with none.
 */
export function scorePage(predicted: string, truth: string): PageScore {
  const p = shingles(predicted);
  const t = shingles(truth);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, count] of p) {
    const want = t.get(key) ?? 0;
    tp += Math.min(count, want);
    if (count > want) fp += count - want;
  }
  for (const [key, count] of t) {
    const got = p.get(key) ?? 0;
    if (count > got) fn += count - got;
  }
  if (tp + fp === 0 && tp + fn === 0) return { tp, fp, fn, precision: 1, recall: 1 };
  return { tp, fp, fn, precision: tp + fp === 0 ? 0 : tp / (tp + fp), recall: tp + fn === 0 ? 0 : tp / (tp + fn) };
}

/** A page set's precision and recall (means over pages) and F1 = 2PR/(P+R). */
export interface SetScore {
  precision: number;
  recall: number;
  f1: number;
}

/** Averages precision and recall over the pages, then takes F1 of the two means. */
export function scoreSet(pages: readonly PageScore[]): SetScore {
  if (pages.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const precision = pages.reduce((n, p) => n + p.precision, 0) / pages.length;
  const recall = pages.reduce((n, p) => n + p.recall, 0) / pages.length;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** F1 of one page (for lists of the worst pages). */
export function pageF1(score: PageScore): number {
  const { precision: p, recall: r } = score;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}
