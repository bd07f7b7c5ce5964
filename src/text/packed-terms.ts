// Term vectors packed into two typed arrays: 32-bit hashes of the terms in ascending order and their
// weights, with the vector's length computed once. For vectors that are kept (a web process
// remembers thousands of story profiles for its related-articles lists) a Map of strings is a
// few hundred small heap objects that every garbage collection has to look at; a packed vector is
// three objects whose arrays live outside the JavaScript heap, and its dot product with another is
// one merge of two sorted arrays instead of a hash lookup per term.
//
// Terms are told apart by their hash alone: two different terms of the two vectors compared having
// the same 32-bit hash adds one product to a similarity, which for vectors of a few hundred terms
// happens about once in ten thousand comparisons and moves the similarity by a term's share.

/** A sparse term vector: ascending term hashes, their weights, and the Euclidean length. */
export interface PackedTerms {
  readonly keys: Uint32Array;
  readonly weights: Float64Array;
  readonly norm: number;
}

/** The empty vector. */
export const emptyPackedTerms: PackedTerms = { keys: new Uint32Array(0), weights: new Float64Array(0), norm: 0 };

/** 32-bit FNV-1a hash of a term's UTF-16 code units. */
export function termKey(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Index bits below the key in the sort of packTerms (2^20 distinct terms per vector at most). */
const INDEX_SPAN = 2 ** 20;

/**
 * Working arrays reused from call to call (grown to the largest vector seen): the only arrays a
 * packed vector allocates are its own two, of the size it ends up with.
 */
let order = new Float64Array(256);
let values = new Float64Array(256);
let runKeys = [new Uint32Array(256), new Uint32Array(256)] as const;
let runWeights = [new Float64Array(256), new Float64Array(256)] as const;
const capacity = (n: number, have: number) => Math.max(n, have * 2);

/** Packs term → weight (terms whose hashes collide are summed into one entry). */
export function packTerms(terms: ReadonlyMap<string, number>): PackedTerms {
  const n = terms.size;
  if (n === 0) return emptyPackedTerms;
  if (n >= INDEX_SPAN) throw new RangeError(`packTerms: ${n} terms in one vector (at most ${INDEX_SPAN - 1})`);
  if (order.length < n) {
    order = new Float64Array(capacity(n, order.length));
    values = new Float64Array(order.length);
  }
  // Sort (hash, position) pairs as one float each: exact below 2^53, and a typed-array sort is numeric.
  let i = 0;
  for (const [term, weight] of terms) {
    order[i] = termKey(term) * INDEX_SPAN + i;
    values[i++] = weight;
  }
  const sorted = order.subarray(0, n).sort();
  reserve(n);
  const keys = runKeys[0];
  const weights = runWeights[0];
  let m = -1;
  for (let k = 0; k < n; k++) {
    const key = Math.floor(sorted[k]! / INDEX_SPAN);
    const w = values[sorted[k]! - key * INDEX_SPAN]!;
    if (m >= 0 && keys[m] === key) weights[m]! += w;
    else {
      keys[++m] = key;
      weights[m] = w;
    }
  }
  return copied(keys, weights, m + 1);
}

/** Makes the merge buffers hold at least n entries. */
function reserve(n: number): void {
  if (runKeys[0].length >= n) return;
  const size = capacity(n, runKeys[0].length);
  runKeys = [new Uint32Array(size), new Uint32Array(size)];
  runWeights = [new Float64Array(size), new Float64Array(size)];
}

/** A vector of copies of the first `n` entries, with its length. */
function copied(keys: Uint32Array, weights: Float64Array, n: number): PackedTerms {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += weights[k]! * weights[k]!;
  return { keys: keys.slice(0, n), weights: weights.slice(0, n), norm: Math.sqrt(sum) };
}
/** Dot product of two packed vectors. */
export function packedDot(a: PackedTerms, b: PackedTerms): number {
  const ak = a.keys;
  const bk = b.keys;
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < ak.length && j < bk.length) {
    const x = ak[i]!;
    const y = bk[j]!;
    if (x === y) sum += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** Cosine similarity of two packed vectors (0 when either is empty). */
export function packedCosine(a: PackedTerms, b: PackedTerms): number {
  return a.norm === 0 || b.norm === 0 ? 0 : packedDot(a, b) / (a.norm * b.norm);
}

/** The weight of a term in a packed vector (0 when absent). */
export function packedWeight(v: PackedTerms, term: string): number {
  const key = termKey(term);
  let lo = 0;
  let hi = v.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = v.keys[mid]!;
    if (k === key) return v.weights[mid]!;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** The sum of packed vectors (entry by entry), as one packed vector. */
export function sumPacked(vectors: readonly PackedTerms[]): PackedTerms {
  let total = 0;
  for (const v of vectors) total += v.keys.length;
  if (total === 0) return emptyPackedTerms;
  reserve(total);
  // Merge one vector at a time into the running sum, between the two buffers.
  let [keys, nextKeys] = runKeys;
  let [weights, nextWeights] = runWeights;
  let n = 0;
  for (const v of vectors) {
    let i = 0;
    let j = 0;
    let m = 0;
    while (i < n || j < v.keys.length) {
      if (j === v.keys.length || (i < n && keys[i]! < v.keys[j]!)) {
        nextKeys[m] = keys[i]!;
        nextWeights[m++] = weights[i++]!;
      } else if (i === n || v.keys[j]! < keys[i]!) {
        nextKeys[m] = v.keys[j]!;
        nextWeights[m++] = v.weights[j++]!;
      } else {
        nextKeys[m] = keys[i]!;
        nextWeights[m++] = weights[i++]! + v.weights[j++]!;
      }
    }
    [keys, nextKeys] = [nextKeys, keys];
    [weights, nextWeights] = [nextWeights, weights];
    n = m;
  }
  return copied(keys, weights, n);
}
