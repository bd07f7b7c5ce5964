// The similarity features of an (article, story) pair that the join model weighs: TF-IDF cosine of
// titles, of whole texts (title weighted) against the story's centroid and against its closest
// article (max-link), overlap of named entities and the share of the article's entities the story
// has never named, agreement of the latest year each text mentions, time apart, the share of the
// article's term weight the story never used, and agreement of the quantities stated (tolls, ages,
// amounts, days of the month): two similar events share most words but rarely their numbers.
//
// Vectors here are over interned term ids (a clusterer's Vocabulary): sorted id arrays with
// weights, so that comparing an article with a story's articles is a merge of two short arrays;
// a story's sums are sorted id arrays with weights alongside (SparseSum), walked with galloping seeks.

/** Names of the features, in model order. */
export const featureNames = [
  'titleCosine', 'textCosine', 'bestMemberCosine', 'entityOverlap', 'newEntityShare', 'missingEntityShare', 'yearAgreement', 'yearConflict', 'daysApart',
  'newTermShare', 'numberOverlap', 'newNumberShare',
] as const;

/** A feature's name. */
export type FeatureName = (typeof featureNames)[number];

/** How many of a story's latest articles the closest-article feature looks at. */
const maxMembersCompared = 8;

/** Days beyond which time apart stops mattering more (the story window is three days). */
const maxDaysApart = 3;

/** A unit-length sparse vector: ids ascending, one weight per id. */
export interface IdVector {
  ids: Int32Array;
  weights: Float64Array;
}

/**
 * The vectors of one article (all unit length), end to end in one pair of arrays on one buffer:
 * text [0, titleAt), title [titleAt, entityAt), entities [entityAt, numberAt) and quantities
 * [numberAt, packedIds.length), ids ascending within each. The window holds some 100,000 articles
 * and the collector walks every object of theirs: one object, two views and one buffer each, where
 * four vector objects with a view for ids and one for weights each took three and a half times the
 * heap (113 against 32 MB live at 200k articles of bench/stories-scale).
 */
export class ArticleVectors {
  constructor(
    readonly id: string,
    readonly published: number,
    readonly packedIds: Int32Array,
    readonly packedWeights: Float64Array,
    /** Title and body terms (the title counted `titleWeight` times) are [0, titleAt). */
    readonly titleAt: number,
    readonly entityAt: number,
    /** Quantities stated (see numbersMentioned), weighted by how rarely they are stated, from here to the end. */
    readonly numberAt: number,
    /** The latest year (1900–2099) the title or text mentions: when the text says it happened. */
    readonly latestYear: number | undefined,
  ) {}
}

/** The four vectors of an article, as separate id vectors. */
export interface ArticleParts {
  vector: IdVector;
  titleVector: IdVector;
  entityVector: IdVector;
  numberVector: IdVector;
}

/** The parts of ArticleVectors, in order. */
export const articleParts = ['vector', 'titleVector', 'entityVector', 'numberVector'] as const;

/** Packs an article's four vectors into one buffer (the clusterer writes its articles' in place; this is for the rest). */
export function packArticleVectors(id: string, published: number, parts: ArticleParts, latestYear?: number): ArticleVectors {
  const sizes = articleParts.map((part) => parts[part].ids.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  const buffer = new ArrayBuffer(total * 12);
  const weights = new Float64Array(buffer, 0, total);
  const ids = new Int32Array(buffer, total * 8, total);
  let at = 0;
  const starts: number[] = [];
  for (const part of articleParts) {
    starts.push(at);
    ids.set(parts[part].ids, at);
    weights.set(parts[part].weights, at);
    at += parts[part].ids.length;
  }
  return new ArticleVectors(id, published, ids, weights, starts[1]!, starts[2]!, starts[3]!, latestYear);
}

/** One of an article's vectors as an id vector (views on its arrays). */
export function articlePart(a: ArticleVectors, part: (typeof articleParts)[number]): IdVector {
  const bounds = [0, a.titleAt, a.entityAt, a.numberAt, a.packedIds.length];
  const k = articleParts.indexOf(part);
  return { ids: a.packedIds.subarray(bounds[k], bounds[k + 1]), weights: a.packedWeights.subarray(bounds[k], bounds[k + 1]) };
}

const noIds = new Int32Array(0);
const noWeights = new Float64Array(0);

/** Scratch of SparseSum.add: where each new id goes, and its place in the vector added (callers are single-threaded). */
let insertAt = new Int32Array(256);
let insertFrom = new Int32Array(256);

/**
 * A running sum of id vectors: ids ascending with their summed weights, in typed arrays with
 * room to grow. Comparing an article with a story is then a merge of two sorted arrays read in
 * order, which the memory system streams; a hash table per story would cost a cache miss per
 * term looked up, and the window holds thousands of stories. Adding a vector merges it in from
 * the back, in place.
 */
export class SparseSum {
  /** Ids ascending; only the first `size` are in use. */
  ids: Int32Array;
  /** Weight of `ids[i]`. */
  weights: Float64Array;
  size = 0;

  /** Without a capacity, the sum starts on shared empty arrays: its first vector sizes it. */
  constructor(capacity = 0) {
    this.ids = capacity > 0 ? new Int32Array(capacity) : noIds;
    this.weights = capacity > 0 ? new Float64Array(capacity) : noWeights;
  }

  /**
   * Adds a vector (`vIds[from..to)` with their weights); returns the sum's new squared length
   * given the old one (updated term by term in ascending id order, so the result does not depend
   * on how the sum is stored).
   */
  add(vIds: Int32Array, vWeights: Float64Array, from: number, to: number, squares: number): number {
    const { ids, weights, size } = this;
    // Ids the sum holds take the weight in place; new ids are noted with where they go.
    if (insertAt.length < to - from) {
      insertAt = new Int32Array(Math.max(to - from, insertAt.length * 2));
      insertFrom = new Int32Array(insertAt.length);
    }
    let added = 0;
    for (let i = from, j = 0; i < to; i++) {
      const id = vIds[i]!;
      j = seek(ids, j, size, id);
      const found = j < size && ids[j] === id;
      const old = found ? weights[j]! : 0;
      const next = old + vWeights[i]!;
      squares += next * next - old * old;
      if (found) weights[j] = next;
      else {
        insertAt[added] = j;
        insertFrom[added++] = i;
      }
    }
    if (added === 0) return squares;
    if (size + added > ids.length) this.reserve(size + added);
    // From the back: the held entries above the n-th new id (0-based) move up by n + 1, a run at a
    // time, and the new id goes in below them (it has n new ids below it).
    const outIds = this.ids;
    const outWeights = this.weights;
    let end = size;
    for (let n = added - 1; n >= 0; n--) {
      const at = insertAt[n]!;
      const shift = n + 1;
      if (end - at > 32) {
        outIds.copyWithin(at + shift, at, end);
        outWeights.copyWithin(at + shift, at, end);
      } else {
        for (let q = end - 1; q >= at; q--) {
          outIds[q + shift] = outIds[q]!;
          outWeights[q + shift] = outWeights[q]!;
        }
      }
      outIds[at + n] = vIds[insertFrom[n]!]!;
      outWeights[at + n] = vWeights[insertFrom[n]!]!;
      end = at;
    }
    this.size = size + added;
    return squares;
  }

  private reserve(size: number): void {
    // A story's sums grow with most of its first joins: doubling into one buffer for both arrays
    // takes 0.58 times the growth steps of growing by half, each one allocation instead of two,
    // for more room unused on average (about 28 % of a sum's capacity against 18 %).
    const capacity = Math.max(size, this.ids.length * 2);
    const buffer = new ArrayBuffer(capacity * 12);
    const weights = new Float64Array(buffer, 0, capacity);
    const ids = new Int32Array(buffer, capacity * 8, capacity);
    ids.set(this.ids.subarray(0, this.size));
    weights.set(this.weights.subarray(0, this.size));
    this.ids = ids;
    this.weights = weights;
  }
}

/**
 * A sum of id vectors built whole and thrown away (the halves of a story being bisected, a story's
 * vectors built at once), in an open-addressing table (ids, −1 for empty; weights alongside):
 * adding a vector is a lookup per term, where a SparseSum moves its entries up for every id new
 * to it, which for a centroid of thousands of terms built from hundreds of vectors is most of the
 * work. The table is sized to the sum, not to the vocabulary (which grows for as long as the
 * process runs). The sums, the squared length and the dot products are the same to the last bit
 * as a SparseSum's (each weight and the squares are updated in the same order). Reset before
 * reuse; the table keeps its size.
 */
export class SumTable {
  private ids = new Int32Array(1024).fill(-1);
  private weights = new Float64Array(1024);
  private shift = 32 - 10;
  /** Ids held, in order of first addition. */
  private held: Int32Array<ArrayBuffer> = new Int32Array(512);
  private count = 0;
  /** The greatest id held (−1: none). */
  private most = -1;
  /** The squared length of the sum. */
  squares = 0;

  /** Adds the vector `vIds[from..to)` (with its weights). */
  add(vIds: Int32Array, vWeights: Float64Array, from = 0, to = vIds.length): void {
    // At most half full, so that probes stay short.
    if ((this.count + to - from) * 2 > this.ids.length) this.grow((this.count + to - from) * 2);
    const { ids, weights, shift } = this;
    const mask = ids.length - 1;
    let squares = this.squares;
    // Ids ascending: the vector's last is its greatest.
    if (to > from && vIds[to - 1]! > this.most) this.most = vIds[to - 1]!;
    for (let i = from; i < to; i++) {
      const id = vIds[i]!;
      let at = Math.imul(id, 0x9e3779b1) >>> shift;
      let key = ids[at]!;
      while (key !== id && key !== -1) key = ids[(at = (at + 1) & mask)]!;
      let old = 0;
      if (key === -1) {
        ids[at] = id;
        weights[at] = 0;
        if (this.count === this.held.length) this.held = grownInt(this.held, this.count * 2);
        this.held[this.count++] = id;
      } else old = weights[at]!;
      const next = old + vWeights[i]!;
      squares += next * next - old * old;
      weights[at] = next;
    }
    this.squares = squares;
  }

  /** Dot product with the vector `vIds[from..to)`, summed in its id order (as vectorDot and mapDot sum it, to the last bit). */
  dot(vIds: Int32Array, vWeights: Float64Array, from = 0, to = vIds.length): number {
    const { ids, weights, shift, most } = this;
    const mask = ids.length - 1;
    let sum = 0;
    for (let i = from; i < to; i++) {
      const id = vIds[i]!;
      // Ids ascending: past the table's greatest id nothing is shared.
      if (id > most) break;
      let at = Math.imul(id, 0x9e3779b1) >>> shift;
      for (let key = ids[at]!; key !== -1; key = ids[(at = (at + 1) & mask)]!) {
        if (key === id) {
          sum += weights[at]! * vWeights[i]!;
          break;
        }
      }
    }
    return sum;
  }

  /** The sum as a SparseSum (ids ascending): the same ids and weights as adding the vectors to one. */
  toSparse(): SparseSum {
    const sum = new SparseSum(this.count);
    sum.ids.set(this.held.subarray(0, this.count));
    sum.ids.sort();
    sum.size = this.count;
    const { ids, weights, shift } = this;
    const mask = ids.length - 1;
    for (let i = 0; i < this.count; i++) {
      const id = sum.ids[i]!;
      let at = Math.imul(id, 0x9e3779b1) >>> shift;
      while (ids[at] !== id) at = (at + 1) & mask;
      sum.weights[i] = weights[at]!;
    }
    return sum;
  }

  /** Empties the sum. */
  reset(): void {
    if (this.count * 8 < this.ids.length) {
      // Few entries in a large table: clear them where they are.
      const { ids, shift } = this;
      const mask = ids.length - 1;
      for (let i = 0; i < this.count; i++) {
        let at = Math.imul(this.held[i]!, 0x9e3779b1) >>> shift;
        while (ids[at] !== this.held[i]) at = (at + 1) & mask;
        ids[at] = -1;
      }
      // Clearing leaves holes in probe chains only among the entries cleared, all of which are gone.
    } else this.ids.fill(-1);
    this.count = 0;
    this.squares = 0;
    this.most = -1;
  }

  private grow(size: number): void {
    let capacity = this.ids.length;
    while (capacity < size) capacity *= 2;
    const oldIds = this.ids;
    const oldWeights = this.weights;
    this.ids = new Int32Array(capacity).fill(-1);
    this.weights = new Float64Array(capacity);
    this.shift = 32 - Math.log2(capacity);
    const mask = capacity - 1;
    for (let k = 0; k < oldIds.length; k++) {
      const id = oldIds[k]!;
      if (id === -1) continue;
      let at = Math.imul(id, 0x9e3779b1) >>> this.shift;
      while (this.ids[at] !== -1) at = (at + 1) & mask;
      this.ids[at] = id;
      this.weights[at] = oldWeights[k]!;
    }
  }
}

function grownInt(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  return next;
}

/**
 * The first index in [from, size) whose id is ≥ `id` (ids ascending): a few steps forward, then
 * doubling steps and a binary search, so a short vector skips through a long sum.
 */
function seek(ids: Int32Array, from: number, size: number, id: number): number {
  let lo = from;
  let hi = from;
  let step = 1;
  while (hi < size && ids[hi]! < id) {
    lo = hi + 1;
    hi += step;
    step <<= 1;
  }
  if (hi > size) hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What features need from a story: its articles' vectors and running sums of them. */
export interface StoryVectors {
  members: readonly ArticleVectors[];
  /**
   * The members' publication times, in member order: the time-apart feature reads them side by
   * side here rather than from each member (a cache miss per member on a story in a full window).
   */
  times: readonly number[];
  centroid: SparseSum;
  titleCentroid: SparseSum;
  entityCentroid: SparseSum;
  numberCentroid: SparseSum;
  /** Lengths of the sums, kept up to date by whoever adds members (see addMemberVectors). */
  norms: { centroid: number; title: number; entity: number; number: number };
  /** Squared lengths of the sums, updated term by term as members are added. */
  squares: { centroid: number; title: number; entity: number; number: number };
  /** Members per latest year mentioned, and how many members mention a year at all. */
  years: Map<number, number>;
  membersWithYear: number;
}

/** A story with no articles yet. */
export function emptyStoryVectors(): StoryVectors & { members: ArticleVectors[]; times: number[] } {
  return {
    members: [], times: [], centroid: new SparseSum(), titleCentroid: new SparseSum(), entityCentroid: new SparseSum(), numberCentroid: new SparseSum(),
    norms: { centroid: 0, title: 0, entity: 0, number: 0 }, squares: { centroid: 0, title: 0, entity: 0, number: 0 }, years: new Map(), membersWithYear: 0,
  };
}

/** A unit IdVector from id → weight pairs (weights need not be normalised). */
export function idVector(weights: ReadonlyMap<number, number>): IdVector {
  const ids = Int32Array.from(weights.keys()).sort();
  const values = new Float64Array(ids.length);
  let sum = 0;
  for (let i = 0; i < ids.length; i++) {
    const w = weights.get(ids[i]!)!;
    values[i] = w;
    sum += w * w;
  }
  const length = Math.sqrt(sum);
  if (length > 0) for (let i = 0; i < values.length; i++) values[i]! /= length;
  return { ids, weights: values };
}

/** Dot product of two id vectors (a merge of the sorted ids). */
export function vectorDot(a: IdVector, b: IdVector): number {
  return rangeDot(a.ids, a.weights, 0, a.ids.length, b.ids, b.weights, 0, b.ids.length);
}

/** Dot product of two articles' text vectors (as vectorDot of them). */
export function textDot(a: ArticleVectors, b: ArticleVectors): number {
  return rangeDot(a.packedIds, a.packedWeights, 0, a.titleAt, b.packedIds, b.packedWeights, 0, b.titleAt);
}

/** Dot product of `ai[i..iEnd)` and `bi[j..jEnd)` with their weights (a merge of the sorted ids). */
function rangeDot(ai: Int32Array, aw: Float64Array, i: number, iEnd: number, bi: Int32Array, bw: Float64Array, j: number, jEnd: number): number {
  let sum = 0;
  while (i < iEnd && j < jEnd) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) sum += aw[i++]! * bw[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/**
 * One id vector held as a table (a SumTable of that vector alone: its weights exactly): comparing it
 * with many vectors is then one lookup per term of theirs in a table that stays in the processor's
 * nearest cache, whatever the size of the vocabulary.
 */
export class VectorTable extends SumTable {
  /** Holds the vector `vIds[from..to)` (replacing what the table held). */
  fill(vIds: Int32Array, vWeights: Float64Array, from = 0, to = vIds.length): void {
    this.reset();
    this.add(vIds, vWeights, from, to);
  }
}

/**
 * One merge of a unit vector with a running sum: their dot product (summed in the vector's order,
 * as mapDot sums it) and the share of the vector's weight (squared) on terms the sum lacks, i.e.
 * how much of what the article says most distinctly the story has never said.
 */
function termsAgainst(aIds: Int32Array, aWeights: Float64Array, from: number, to: number, sum: SparseSum): { dot: number; unseen: number } {
  const ids = sum.ids;
  const size = sum.size;
  let dot = 0;
  let unseen = 0;
  let j = 0;
  for (let i = from; i < to; i++) {
    const id = aIds[i]!;
    j = seek(ids, j, size, id);
    if (j < size && ids[j] === id) dot += aWeights[i]! * sum.weights[j]!;
    else unseen += aWeights[i]! ** 2;
  }
  return { dot, unseen };
}

/** Dot product of an id vector with a running sum (a merge; terms summed in the vector's order). */
export function mapDot(a: IdVector, sum: SparseSum): number {
  return rangeMapDot(a.ids, a.weights, 0, a.ids.length, sum);
}

/** mapDot of the vector `aIds[from..to)`. */
function rangeMapDot(aIds: Int32Array, aWeights: Float64Array, from: number, to: number, sum: SparseSum): number {
  const ids = sum.ids;
  const size = sum.size;
  let total = 0;
  for (let i = from, j = 0; i < to && j < size; i++) {
    const id = aIds[i]!;
    j = seek(ids, j, size, id);
    if (j < size && ids[j] === id) total += aWeights[i]! * sum.weights[j]!;
  }
  return total;
}

/** Adds an article's vectors to a story's sums and refreshes their lengths. */
export function addMemberVectors(story: StoryVectors & { members: ArticleVectors[]; times: number[] }, member: ArticleVectors): void {
  story.members.push(member);
  story.times.push(member.published);
  // Updated in place: a story's lengths are its own (emptyStoryVectors makes them per story).
  const { squares, norms } = story;
  const { packedIds: ids, packedWeights: weights, titleAt, entityAt, numberAt } = member;
  squares.centroid = story.centroid.add(ids, weights, 0, titleAt, squares.centroid);
  squares.title = story.titleCentroid.add(ids, weights, titleAt, entityAt, squares.title);
  squares.entity = story.entityCentroid.add(ids, weights, entityAt, numberAt, squares.entity);
  squares.number = story.numberCentroid.add(ids, weights, numberAt, ids.length, squares.number);
  norms.centroid = Math.sqrt(squares.centroid);
  norms.title = Math.sqrt(squares.title);
  norms.entity = Math.sqrt(squares.entity);
  norms.number = Math.sqrt(squares.number);
  if (member.latestYear !== undefined) {
    story.years.set(member.latestYear, (story.years.get(member.latestYear) ?? 0) + 1);
    story.membersWithYear++;
  }
}

/**
 * The story vectors of a list of articles, as adding them one by one makes them (the same sums to
 * the last bit), summed in tables (SumTable): a lookup per article term. `textSum`, when given,
 * already holds the members' text vectors added in this order (the split pass's last round
 * summed them), and is used for the text centroid instead of adding them again.
 */
export function storyVectorsOf(members: readonly ArticleVectors[], textSum?: SumTable): StoryVectors & { members: ArticleVectors[]; times: number[] } {
  const story = emptyStoryVectors();
  for (const sum of builders) sum.reset();
  const [, title, entity, number] = builders;
  const text = textSum ?? builders[0];
  for (const member of members) {
    story.members.push(member);
    story.times.push(member.published);
    const { packedIds: ids, packedWeights: weights, titleAt, entityAt, numberAt } = member;
    if (!textSum) text.add(ids, weights, 0, titleAt);
    title.add(ids, weights, titleAt, entityAt);
    entity.add(ids, weights, entityAt, numberAt);
    number.add(ids, weights, numberAt, ids.length);
    if (member.latestYear !== undefined) {
      story.years.set(member.latestYear, (story.years.get(member.latestYear) ?? 0) + 1);
      story.membersWithYear++;
    }
  }
  story.centroid = text.toSparse();
  story.titleCentroid = title.toSparse();
  story.entityCentroid = entity.toSparse();
  story.numberCentroid = number.toSparse();
  const { squares, norms } = story;
  squares.centroid = text.squares;
  squares.title = title.squares;
  squares.entity = entity.squares;
  squares.number = number.squares;
  norms.centroid = Math.sqrt(squares.centroid);
  norms.title = Math.sqrt(squares.title);
  norms.entity = Math.sqrt(squares.entity);
  norms.number = Math.sqrt(squares.number);
  return story;
}
/** storyVectorsOf's sums (reused: callers are single-threaded). */
const builders = [new SumTable(), new SumTable(), new SumTable(), new SumTable()] as const;

/**
 * Features of an article against a story, in `featureNames` order. `articleTable`, when given,
 * holds the article's text vector: comparing it with each member is then a pass over the member's
 * terms instead of a merge (the same sum).
 */
export function articleStoryFeatures(article: ArticleVectors, story: StoryVectors, articleTable?: VectorTable): number[] {
  const features = articleStoryFeaturesBut(article, story);
  features[bestMemberFeature] = bestMemberCosine(article, story, articleTable);
  return features;
}

/** Where bestMemberCosine sits in a feature vector (articleStoryFeaturesBut and storyPairFeaturesBut leave it 0). */
export const bestMemberFeature = featureNames.indexOf('bestMemberCosine');

/**
 * The greatest value a cosine of two unit vectors can take, with a hair to spare: a bound on
 * bestMemberCosine that float rounding cannot overstep (a vector's dot product with itself comes
 * out above 1 by a few units in the last place).
 */
export const cosineCeiling = 1 + 1e-9;
/**
 * The least value bestMemberCosine can take: it starts at 0 and only grows, so 0 bounds it
 * exactly; the hair below keeps the bound's margin the same as the ceiling's.
 */
export const cosineFloor = -1e-9;

/** An array's first value, 0 for an empty one (the reads ahead never read past an end). */
const firstOf = (values: Int32Array | Float64Array): number => (values.length > 0 ? values[0]! : 0);

/** What the reads ahead summed (here and in the clusterer), kept where the compiler cannot tell that nobody reads it (so that it keeps the reads). */
export const readAheadSink = { value: 0 };

/**
 * Reads the first cache line of each part of a story that articleStoryFeaturesBut and
 * bestMemberCosine read (its sums, times and latest members): called for every candidate before
 * any is weighed, the cache misses of all of them overlap instead of coming one after another,
 * each waiting for the object that points to it.
 */
export function readStoryAhead(story: StoryVectors): void {
  const { times, members, centroid, titleCentroid, entityCentroid, numberCentroid } = story;
  let touch = (times.length > 0 ? times[times.length - 1]! : 0) + story.norms.title + story.squares.entity + story.membersWithYear;
  touch += firstOf(centroid.ids) + firstOf(centroid.weights) + firstOf(titleCentroid.ids) + firstOf(entityCentroid.ids) + firstOf(entityCentroid.weights) + firstOf(numberCentroid.ids);
  for (let i = Math.max(0, members.length - maxMembersCompared); i < members.length; i++) touch += firstOf(members[i]!.packedIds);
  readAheadSink.value = touch;
}

/**
 * The cosine of the article with the closest of the story's latest articles: a dot product with
 * each of them, the costliest of the features. A caller that only needs to know whether the join
 * model could reach a probability computes the others first (articleStoryFeaturesBut) and this
 * one only when the model, with it at the end of its range that favours the pair
 * (probabilityCeiling), could.
 */
export function bestMemberCosine(article: ArticleVectors, story: StoryVectors, articleTable?: VectorTable): number {
  let best = 0;
  // The latest articles stand for a long story: comparing with hundreds would cost more than it tells.
  const members = story.members;
  const from = Math.max(0, members.length - maxMembersCompared);
  // Each member's first ids read in a loop of their own: the member, its array and the array's
  // first cache line are each a cache miss, fetched here side by side for all the members instead
  // of one after another as each dot product reaches its member.
  let touch = 0;
  for (let i = from; i < members.length; i++) touch += firstOf(members[i]!.packedIds);
  readAheadSink.value = touch;
  for (let i = from; i < members.length; i++) {
    const member = members[i]!;
    best = Math.max(best, articleTable ? articleTable.dot(member.packedIds, member.packedWeights, 0, member.titleAt) : textDot(article, member));
  }
  return best;
}

/** articleStoryFeatures but bestMemberCosine, left 0 (see bestMemberCosine). */
export function articleStoryFeaturesBut(article: ArticleVectors, story: StoryVectors): number[] {
  let nearest = Infinity;
  const times = story.times;
  for (let i = Math.max(0, times.length - maxMembersCompared); i < times.length; i++) nearest = Math.min(nearest, Math.abs(article.published - times[i]!));
  // One pass over the article's entities for the three entity features: the overlap (as mapDot
  // sums it), the share of the article's weight on entities the story never named, and the share
  // of the story's entity weight (squared) that the article names.
  const entities = story.entityCentroid;
  const entityIds = entities.ids;
  const entitySize = entities.size;
  const { packedIds: ids, packedWeights: weights, titleAt, entityAt, numberAt } = article;
  let overlap = 0;
  let unseen = 0;
  let named = 0;
  for (let i = entityAt, j = 0; i < numberAt; i++) {
    const id = ids[i]!;
    j = seek(entityIds, j, entitySize, id);
    if (j < entitySize && entityIds[j] === id) {
      overlap += weights[i]! * entities.weights[j]!;
      named += entities.weights[j]! ** 2;
    } else unseen += weights[i]! ** 2;
  }
  const squares = story.squares.entity;
  const text = termsAgainst(ids, weights, 0, titleAt, story.centroid);
  const numbers = termsAgainst(ids, weights, numberAt, ids.length, story.numberCentroid);
  let agree = 0;
  let conflict = 0;
  // Share of the story's year-mentioning members that agree (and disagree) with the article's latest year.
  if (article.latestYear !== undefined && story.membersWithYear > 0) {
    agree = (story.years.get(article.latestYear) ?? 0) / story.membersWithYear;
    conflict = 1 - agree;
  }
  return [
    story.norms.title === 0 ? 0 : rangeMapDot(ids, weights, titleAt, entityAt, story.titleCentroid) / story.norms.title,
    story.norms.centroid === 0 ? 0 : text.dot / story.norms.centroid,
    0,
    story.norms.entity === 0 ? 0 : overlap / story.norms.entity,
    unseen,
    squares <= 0 ? 0 : Math.max(0, 1 - named / squares),
    agree,
    conflict,
    Math.min(nearest / 86_400_000, maxDaysApart),
    text.unseen,
    story.norms.number === 0 ? 0 : numbers.dot / story.norms.number,
    numbers.unseen,
  ];
}

function mapCosine(a: SparseSum, la: number, b: SparseSum, lb: number): number {
  if (la === 0 || lb === 0) return 0;
  // The smaller sum walked through the larger, as rangeMapDot walks a vector.
  return (a.size <= b.size ? rangeMapDot(a.ids, a.weights, 0, a.size, b) : rangeMapDot(b.ids, b.weights, 0, b.size, a)) / (la * lb);
}

/**
 * Features of two stories against each other (the merge pass compares stories as wholes): the
 * smaller story plays the article, so one feature vector means the same thing in both uses.
 */
export function storyPairFeatures(a: StoryVectors, b: StoryVectors): number[] {
  const features = storyPairFeaturesBut(a, b);
  features[bestMemberFeature] = bestPairCosine(a, b);
  return features;
}

/** The smaller of two stories first (it plays the article; the first of the two on a tie). */
const smallFirst = (a: StoryVectors, b: StoryVectors): [StoryVectors, StoryVectors] => (a.members.length <= b.members.length ? [a, b] : [b, a]);

/** bestMemberCosine of two stories: the closest pair of the smaller story's articles and the larger's latest. */
export function bestPairCosine(a: StoryVectors, b: StoryVectors): number {
  const [small, large] = smallFirst(a, b);
  const from = Math.max(0, large.members.length - maxMembersCompared);
  let best = 0;
  for (const x of small.members) {
    for (let i = from; i < large.members.length; i++) best = Math.max(best, textDot(x, large.members[i]!));
  }
  return best;
}

const daysApartFeature = featureNames.indexOf('daysApart');
const newTermShareFeature = featureNames.indexOf('newTermShare');

/**
 * storyPairFeatures but bestMemberCosine, left 0 (see bestPairCosine). Given the weights of the
 * model that will read them, the two costliest features it gives a weight of 0 (daysApart, a walk
 * of both stories' times; newTermShare, a walk of both text centroids) are left 0 too: the
 * model's probability is the same whatever their value.
 */
export function storyPairFeaturesBut(a: StoryVectors, b: StoryVectors, weights?: readonly number[]): number[] {
  const [small, large] = smallFirst(a, b);
  const from = Math.max(0, large.times.length - maxMembersCompared);
  let nearest = 0;
  if (weights?.[daysApartFeature] !== 0) {
    nearest = Infinity;
    for (const x of small.times) {
      for (let i = from; i < large.times.length; i++) nearest = Math.min(nearest, Math.abs(x - large.times[i]!));
    }
  }
  // The smaller story's entities the larger never named (their weight squared), and the larger's
  // weight (squared) on the entities the smaller names: one walk of both.
  let unseen = 0;
  let named = 0;
  const { ids: largeIds, weights: largeWeights, size: largeSize } = large.entityCentroid;
  const { ids: smallIds, weights: smallWeights, size: smallSize } = small.entityCentroid;
  for (let i = 0, j = 0; i < smallSize; i++) {
    const id = smallIds[i]!;
    j = seek(largeIds, j, largeSize, id);
    if (j < largeSize && largeIds[j] === id) named += largeWeights[j]! ** 2;
    else unseen += smallWeights[i]! * smallWeights[i]!;
  }
  let agree = 0;
  let conflict = 0;
  // The smaller story's terms the larger never used, as shares of its own weight (squared).
  const unseenShare = (sum: SparseSum, squares: number, against: SparseSum): number => (squares <= 0 ? 0 : termsAgainst(sum.ids, sum.weights, 0, sum.size, against).unseen / squares);
  if (small.membersWithYear > 0 && large.membersWithYear > 0) {
    for (const [year, n] of small.years) agree += (n / small.membersWithYear) * ((large.years.get(year) ?? 0) / large.membersWithYear);
    conflict = 1 - agree;
  }
  return [
    mapCosine(small.titleCentroid, small.norms.title, large.titleCentroid, large.norms.title),
    mapCosine(small.centroid, small.norms.centroid, large.centroid, large.norms.centroid),
    0,
    mapCosine(small.entityCentroid, small.norms.entity, large.entityCentroid, large.norms.entity),
    small.norms.entity === 0 ? 0 : unseen / small.norms.entity ** 2,
    large.squares.entity <= 0 ? 0 : Math.max(0, 1 - named / large.squares.entity),
    agree,
    conflict,
    Math.min(nearest / 86_400_000, maxDaysApart),
    weights?.[newTermShareFeature] === 0 ? 0 : unseenShare(small.centroid, small.squares.centroid, large.centroid),
    mapCosine(small.numberCentroid, small.norms.number, large.numberCentroid, large.norms.number),
    unseenShare(small.numberCentroid, small.squares.number, large.numberCentroid),
  ];
}
