// Scores of a clustering against gold labels: BCubed precision/recall/F1 (Bagga & Baldwin 1998;
// Amigó et al. 2009 show it is the metric that satisfies the formal constraints) and pairwise F1.

/** Precision, recall and their harmonic mean. */
export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function groupSizes(labels: readonly string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  return sizes;
}

/** BCubed over items: `predicted[i]` and `gold[i]` are the cluster labels of item i. */
export function bcubed(predicted: readonly string[], gold: readonly string[]): PRF {
  const joint = groupSizes(predicted.map((p, i) => `${p}\u0000${gold[i]}`));
  const predSizes = groupSizes(predicted);
  const goldSizes = groupSizes(gold);
  let precision = 0;
  let recall = 0;
  for (let i = 0; i < predicted.length; i++) {
    const both = joint.get(`${predicted[i]}\u0000${gold[i]}`)!;
    precision += both / predSizes.get(predicted[i]!)!;
    recall += both / goldSizes.get(gold[i]!)!;
  }
  const n = Math.max(predicted.length, 1);
  return { precision: precision / n, recall: recall / n, f1: f1(precision / n, recall / n) };
}

/** Pairwise precision/recall/F1 over all pairs of items put together. */
export function pairwiseScores(predicted: readonly string[], gold: readonly string[]): PRF {
  const pairs = (sizes: Iterable<number>) => [...sizes].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  const together = pairs(groupSizes(predicted.map((p, i) => `${p}\u0000${gold[i]}`)).values());
  const predPairs = pairs(groupSizes(predicted).values());
  const goldPairs = pairs(groupSizes(gold).values());
  const precision = predPairs === 0 ? 1 : together / predPairs;
  const recall = goldPairs === 0 ? 1 : together / goldPairs;
  return { precision, recall, f1: f1(precision, recall) };
}
