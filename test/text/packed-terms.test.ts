// Packed term vectors: the same dot products, sums and lengths as term maps, in sorted typed arrays.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPackedTerms, packedCosine, packedDot, packedWeight, packTerms, sumPacked, termKey } from '../../src/text/packed-terms.js';
import { termCounts } from '../../src/text/terms.js';

const a = termCounts('The Lisbon bridge was closed after a ship struck a pillar of the bridge on the Tagus.', 'en');
const b = termCounts('Ferries cross the Tagus to Lisbon while the bridge stays closed.', 'en');

/** The reference: dot product and cosine of two term maps. */
function dot(x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const [term, w] of x) sum += w * (y.get(term) ?? 0);
  return sum;
}
const cosine = (x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>) => dot(x, y) / Math.sqrt(dot(x, x) * dot(y, y));

describe('packTerms', () => {
  it('keeps every term with its weight, keys ascending, and the length', () => {
    const p = packTerms(a);
    assert.equal(p.keys.length, a.size);
    for (let i = 1; i < p.keys.length; i++) assert.ok(p.keys[i - 1]! < p.keys[i]!, `keys ascending at ${i}`);
    for (const [term, w] of a) assert.equal(packedWeight(p, term), w, term);
    assert.equal(packedWeight(p, 'ferry'), 0, 'a term not in it');
    assert.equal(p.norm, Math.sqrt([...a.values()].reduce((s, w) => s + w * w, 0)));
  });
  it('sums terms whose hashes collide into one entry', () => {
    assert.equal(termKey('glbvs'), termKey('yacxa'), 'a known FNV-1a collision');
    const p = packTerms(new Map([['glbvs', 2], ['yacxa', 3], ['other', 1]]));
    assert.equal(p.keys.length, 2);
    assert.equal(packedWeight(p, 'glbvs'), 5);
  });
  it('packs nothing into the empty vector', () => {
    assert.equal(packTerms(new Map()), emptyPackedTerms);
    assert.equal(packedCosine(emptyPackedTerms, packTerms(a)), 0);
  });
});

describe('packedDot and packedCosine', () => {
  it('give what the term maps give', () => {
    assert.ok(dot(a, b) > 0, 'the two texts share terms');
    assert.equal(packedDot(packTerms(a), packTerms(b)), dot(a, b));
    assert.ok(Math.abs(packedCosine(packTerms(a), packTerms(b)) - cosine(a, b)) < 1e-12);
    assert.ok(Math.abs(packedCosine(packTerms(a), packTerms(a)) - 1) < 1e-12, 'a vector with itself');
  });
});

describe('sumPacked', () => {
  it('adds vectors entry by entry', () => {
    const c = termCounts('A tug pushed the ship off the pillar.', 'en');
    const summed = new Map<string, number>();
    for (const v of [a, b, c]) for (const [t, w] of v) summed.set(t, (summed.get(t) ?? 0) + w);
    const p = sumPacked([a, b, c].map(packTerms));
    assert.deepEqual(p, packTerms(summed));
    assert.equal(packedWeight(p, 'bridg'), 3, '"bridge" twice in the first text, once in the second');
  });
  it('handles vectors bigger than its working arrays, and small ones after them', () => {
    const big = (from: number) => new Map(Array.from({ length: 1500 }, (_, i) => [`w${from + i}`, 1 + (i % 7)] as [string, number]));
    const vectors = [big(0), big(1000), big(2000)];
    const summed = new Map<string, number>();
    for (const v of vectors) for (const [t, w] of v) summed.set(t, (summed.get(t) ?? 0) + w);
    const p = sumPacked(vectors.map(packTerms));
    assert.equal(p.keys.length, 3500);
    assert.deepEqual(p, packTerms(summed));
    assert.equal(packedWeight(p, 'w1200'), (1 + (1200 % 7)) + (1 + (200 % 7)), 'in the first two (at 1200 and at 200)');
    assert.deepEqual(sumPacked([packTerms(a), packTerms(b)]), packTerms(new Map([...a].concat([...b]).reduce((m, [t, w]) => m.set(t, (m.get(t) ?? 0) + w), new Map<string, number>()))));
  });
  it('of nothing or of empty vectors is the empty vector', () => {
    assert.equal(sumPacked([]), emptyPackedTerms);
    assert.equal(sumPacked([emptyPackedTerms, emptyPackedTerms]), emptyPackedTerms);
    assert.deepEqual(sumPacked([emptyPackedTerms, packTerms(b)]), packTerms(b));
  });
});
