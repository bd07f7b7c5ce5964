// The clusterer's fast paths must give the very numbers of the plain ones: an assignment can turn
// on the last bit of a feature, so a faster sum that rounds differently would move articles.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../src/stories/datasets.js';
import { articleStoryFeatures, storyVectorsOf, vectorDot, VectorTable, type ArticleVectors, type IdVector } from '../../src/stories/features.js';

/** A unit vector over `size` distinct ids below `range` (ids ascending). */
function randomVector(random: () => number, size: number, range: number): IdVector {
  const ids = new Set<number>();
  while (ids.size < size) ids.add(Math.floor(random() * range));
  const sorted = Int32Array.from(ids).sort();
  const weights = Float64Array.from(sorted, () => 0.1 + random());
  const length = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0));
  return { ids: sorted, weights: weights.map((w) => w / length) };
}

function randomArticle(random: () => number, n: number): ArticleVectors {
  return {
    id: `a${n}`, published: n * 60_000,
    vector: randomVector(random, 20 + Math.floor(random() * 100), 400),
    titleVector: randomVector(random, 3 + Math.floor(random() * 5), 400),
    entityVector: randomVector(random, Math.floor(random() * 4), 50),
    ...(random() < 0.5 ? { latestYear: 2020 + Math.floor(random() * 3) } : {}),
  };
}

describe('VectorTable', () => {
  it('gives vectorDot to the last bit, for vectors small and large', () => {
    const random = seededRandom(3);
    const table = new VectorTable();
    for (let round = 0; round < 200; round++) {
      const a = randomVector(random, 1 + Math.floor(random() * (round < 100 ? 120 : 400)), 1000);
      table.fill(a);
      for (let k = 0; k < 5; k++) {
        const b = randomVector(random, 1 + Math.floor(random() * 150), 1000);
        assert.equal(table.dot(b), vectorDot(a, b), `round ${round}: table dot differs from vectorDot`);
      }
      assert.equal(table.dot({ ids: new Int32Array(0), weights: new Float64Array(0) }), 0, 'an empty vector shares nothing');
    }
  });
});

describe('articleStoryFeatures', () => {
  it('are the same with the article held in a table as without', () => {
    const random = seededRandom(5);
    const table = new VectorTable();
    for (let round = 0; round < 50; round++) {
      const story = storyVectorsOf(Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => randomArticle(random, i)));
      const article = randomArticle(random, 100);
      table.fill(article.vector);
      assert.deepEqual(articleStoryFeatures(article, story, table), articleStoryFeatures(article, story), `round ${round}: features differ`);
    }
  });
});
