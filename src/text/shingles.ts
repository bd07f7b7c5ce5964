// Near-duplicate fingerprints: word shingles (runs of k words), a 64-bit SimHash over them
// (Charikar 2002; Manku et al., "Detecting near-duplicates for web crawling", WWW 2007) and a
// sampled shingle set whose overlap estimates how much of one text another contains.
import { words } from './tokens.js';

/** FNV-1a, 32 bits, over the UTF-16 code units of a string (seeded so two independent hashes exist). */
export function fnv1a32(value: string, seed = 0x811c9dc5): number {
  return avalanche(fnvAdd(seed >>> 0, value));
}

const secondSeed = 0x9747b28c;

/** FNV-1a steps over a string's code units. */
function fnvAdd(hash: number, value: string): number {
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

/** A final avalanche (murmur3's fmix32) so that low bits are usable for sampling. */
function avalanche(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The k-word shingles of a text (case-folded words, stopwords kept: copies share them too). */
export function shingles(text: string, k = 3): string[] {
  const list = words(text);
  if (list.length < k) return list.length === 0 ? [] : [list.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + k <= list.length; i++) out.push(list.slice(i, i + k).join(' '));
  return out;
}

/** The 64-bit SimHash of a list of shingles, as 16 hex digits. */
export function simhash64(items: readonly string[]): string {
  return simhashOf(items.map((item) => fnv1a32(item)), items.map((item) => fnv1a32(item, secondSeed)));
}

/** The SimHash from each shingle's two hashes (the low half from the first, the high half from the second). */
function simhashOf(first: ArrayLike<number>, second: ArrayLike<number>): string {
  const counts = new Int32Array(64);
  for (let i = 0; i < first.length; i++) {
    for (let half = 0; half < 2; half++) {
      const h = half === 0 ? first[i]! : second[i]!;
      for (let bit = 0; bit < 32; bit++) counts[half * 32 + bit]! += (h >>> bit) & 1 ? 1 : -1;
    }
  }
  let hex = '';
  for (let nibble = 15; nibble >= 0; nibble--) {
    let value = 0;
    for (let bit = 3; bit >= 0; bit--) value = (value << 1) | (counts[nibble * 4 + bit]! > 0 ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

/** Number of differing bits between two SimHashes of equal length. */
export function hammingDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < a.length; i++) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i] ?? '0', 16);
    while (x) {
      distance += x & 1;
      x >>= 1;
    }
  }
  return distance;
}

/**
 * A sample of a text's shingle hashes: those whose hash is 0 modulo `every`. Two texts sample the
 * same shingles, so the shared share of samples estimates how much of one text the other contains.
 */
export function shingleSample(items: readonly string[], every = 4): number[] {
  return sampleOf(items.map((item) => fnv1a32(item)), every);
}

/** The sample from the shingles' (first) hashes. */
function sampleOf(hashes: ArrayLike<number>, every: number): number[] {
  const sample = new Set<number>();
  for (let i = 0; i < hashes.length; i++) if (hashes[i]! % every === 0) sample.add(hashes[i]!);
  // Short texts may sample nothing; then keep every shingle so that they can still match.
  if (sample.size < 4) for (let i = 0; i < hashes.length; i++) sample.add(hashes[i]!);
  return [...sample].sort((a, b) => a - b);
}

/**
 * A text's shingle count, sample and SimHash: the same values as `shingles`, `shingleSample` and
 * `simhash64`, hashed word by word without building the shingle strings.
 */
export function shingleFingerprints(text: string, k = 3): { count: number; sample: number[]; simhash: string } {
  const list = words(text);
  const count = list.length < k ? Math.min(list.length, 1) : list.length - k + 1;
  const first = new Uint32Array(count);
  const second = new Uint32Array(count);
  const span = Math.min(k, list.length);
  for (let i = 0; i < count; i++) {
    let a = 0x811c9dc5;
    let b = secondSeed;
    for (let w = i; w < i + span; w++) {
      if (w > i) {
        // The space that joins the words of a shingle.
        a = Math.imul(a ^ 0x20, 0x01000193);
        b = Math.imul(b ^ 0x20, 0x01000193);
      }
      a = fnvAdd(a, list[w]!);
      b = fnvAdd(b, list[w]!);
    }
    first[i] = avalanche(a);
    second[i] = avalanche(b);
  }
  return { count, sample: sampleOf(first, 4), simhash: simhashOf(first, second) };
}

/** Share of the smaller sample found in the larger one (containment; 1 when one text holds the other). */
export function sampleContainment(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const set = new Set(large);
  let shared = 0;
  for (const h of small) if (set.has(h)) shared++;
  return shared / small.length;
}
