// The join-or-new decision as a small logistic model over similarity features, instead of one
// cosine threshold tuned to one data set. Weights are data (src/stories/model/join-model.json),
// retrained by scripts/train-stories.ts; this file applies and fits them. The periodic pass weighs
// story against story with a second set of weights over the same features (JoinModel.pair).
import committed from './model/join-model.json' with { type: 'json' };

/** Weights of a logistic model over standardised features. */
export interface LogisticWeights {
  weights: number[];
  bias: number;
  /** Per-feature mean and standard deviation of the training data (standardisation). */
  mean: number[];
  scale: number[];
}

/** A fitted logistic model over standardised features. */
export interface JoinModel extends LogisticWeights {
  /** Feature names, in the order of `weights` (see features.ts). */
  features: string[];
  /** Probability at or above which an article joins its best candidate story. */
  threshold: number;
  /** Probability (of `pair` when present) at or above which the periodic pass merges two stories (above 1: never). */
  mergeThreshold: number;
  /**
   * Probability (of `pair` when present) at or above which the two halves of a bisected story
   * stay together in the periodic pass (above 1 or absent: never split).
   */
  splitThreshold?: number;
  /**
   * Weights over the same features for two stories compared as wholes (the periodic pass's merge
   * and split decisions), fitted on story pairs: a story's centroid smooths its words out, so two
   * stories look more alike than an article and a story with the same overlap, and the article
   * weights read story pairs as near-certain joins. Absent: the article weights serve both.
   */
  pair?: LogisticWeights;
  /** Where the weights came from (data set, date, settings). */
  trainedOn: string;
}

/** The committed model. */
export const defaultJoinModel: JoinModel = committed as JoinModel;

/** Probability that an article belongs to a story (or two stories are one), given the pair's features. */
export function joinProbability(model: LogisticWeights, features: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) {
    z += model.weights[i]! * ((features[i]! - model.mean[i]!) / model.scale[i]!);
  }
  return 1 / (1 + Math.exp(-z));
}

/** The probability with feature `index` at `value` and the others as given (`features[index]` is left as it was). */
function probabilityWith(model: LogisticWeights, features: number[], index: number, value: number): number {
  const kept = features[index]!;
  features[index] = value;
  const probability = joinProbability(model, features);
  features[index] = kept;
  return probability;
}

/**
 * The greatest probability the model can give `features` with feature `index` anywhere in
 * [`low`, `high`] and the others as given (the model is linear in each feature, so the greatest is
 * at one end): a caller that needs only to know whether a pair could reach a probability skips
 * computing a costly feature when even this falls short.
 */
export function probabilityCeiling(model: LogisticWeights, features: number[], index: number, low: number, high: number): number {
  return probabilityWith(model, features, index, rises(model, index) ? high : low);
}

/** The least probability the model can give `features` with feature `index` anywhere in [`low`, `high`] (see probabilityCeiling). */
export function probabilityFloor(model: LogisticWeights, features: number[], index: number, low: number, high: number): number {
  return probabilityWith(model, features, index, rises(model, index) ? low : high);
}

/** Whether the probability rises with feature `index` (its weight over its scale is not negative). */
const rises = (model: LogisticWeights, index: number): boolean => model.weights[index]! / model.scale[index]! >= 0;

/** The model the periodic pass weighs two stories with: the pair weights when it has them, its own thresholds. */
export function storyPairModel(model: JoinModel): JoinModel {
  return model.pair ? { ...model, ...model.pair } : model;
}

/** Settings of the fit. */
export interface TrainOptions {
  /** L2 penalty on the weights (keeps them small when a feature separates one data set perfectly). */
  l2: number;
  epochs: number;
  learningRate: number;
  /** Up-weights positive pairs so that the rare "joins" weigh as much as the many "does not join". */
  balance: boolean;
  /**
   * Sign each weight must keep (+1: ≥ 0, −1: ≤ 0, 0: free), per feature. Domain knowledge a data set
   * cannot overrule: more similarity never argues against joining, more time apart never for it
   * (ECB+ has no dates, so its synthetic times would otherwise teach noise).
   */
  signs: readonly number[];
}

/** Default weight signs by feature name: similarities push towards joining, time apart away. */
export const featureSigns: Readonly<Record<string, number>> = {
  bestMemberCosine: 1, daysApart: -1, entityOverlap: 1, missingEntityShare: -1, newEntityShare: -1, newNumberShare: -1, newTermShare: -1, numberOverlap: 1, textCosine: 1, titleCosine: 1, yearAgreement: 1, yearConflict: -1,
};

/** Fits a logistic model by full-batch gradient descent (deterministic: no sampling). */
export function trainJoinModel(
  features: readonly string[], samples: readonly (readonly number[])[], labels: readonly number[],
  options: Partial<TrainOptions> & { trainedOn: string },
): JoinModel {
  const { l2 = 0.01, epochs = 800, learningRate = 0.5, balance = false } = options;
  const signs = options.signs ?? features.map((f) => featureSigns[f] ?? 0);
  const d = features.length;
  const n = samples.length;
  const mean = Array.from({ length: d }, (_, j) => samples.reduce((s, x) => s + x[j]!, 0) / Math.max(n, 1));
  const scale = mean.map((m, j) => {
    const variance = samples.reduce((s, x) => s + (x[j]! - m) ** 2, 0) / Math.max(n, 1);
    return Math.sqrt(variance) || 1;
  });
  const z = samples.map((x) => x.map((v, j) => (v - mean[j]!) / scale[j]!));
  const positives = labels.filter((y) => y === 1).length;
  const positiveWeight = balance && positives > 0 ? (n - positives) / positives : 1;
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = new Array<number>(d).fill(0);
    let gradBias = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const x = z[i]!;
      let s = bias;
      for (let j = 0; j < d; j++) s += weights[j]! * x[j]!;
      const p = 1 / (1 + Math.exp(-s));
      const w = labels[i] === 1 ? positiveWeight : 1;
      const err = (p - labels[i]!) * w;
      for (let j = 0; j < d; j++) grad[j]! += err * x[j]!;
      gradBias += err;
      total += w;
    }
    for (let j = 0; j < d; j++) {
      weights[j]! -= learningRate * (grad[j]! / total + l2 * weights[j]!);
      // Projected gradient descent: a weight that crosses its allowed sign stops at zero.
      if (signs[j]! * weights[j]! < 0) weights[j] = 0;
    }
    bias -= learningRate * (gradBias / total);
  }
  return {
    features: [...features],
    weights: weights.map((w) => round(w)),
    bias: round(bias),
    mean: mean.map(round),
    scale: scale.map(round),
    threshold: 0.5,
    mergeThreshold: 0.5,
    trainedOn: options.trainedOn,
  };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
