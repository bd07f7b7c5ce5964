// The clusterer's fast paths must give the very numbers of the plain ones: an assignment can turn
// on the last bit of a feature, so a faster sum that rounds differently would move articles.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../src/stories/datasets.js';
import {
  articleStoryFeatures, featureNames, idVector, storyPairFeatures, storyVectorsOf, vectorDot, VectorTable, type ArticleVectors, type FeatureName, type IdVector,
} from '../../src/stories/features.js';

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
    numberVector: randomVector(random, Math.floor(random() * 5), 30),
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

/** An article whose text terms and quantities are the given ids (equal weights). */
function plainArticle(id: string, terms: number[], numbers: number[]): ArticleVectors {
  const vector = (ids: number[]) => idVector(new Map(ids.map((i) => [i, 1])));
  return { id, published: 0, vector: vector(terms), titleVector: vector(terms.slice(0, 2)), entityVector: vector([]), numberVector: vector(numbers) };
}

const feature = (values: number[], name: FeatureName): number => values[featureNames.indexOf(name)]!;

describe('features that tell similar events apart', () => {
  // Two quakes told in the same words: one with magnitude 6.1 and 10 dead (ids 1, 2), the other 5.6 and 5 hurt (ids 3, 4).
  const words = [10, 11, 12, 13];
  const story = storyVectorsOf([plainArticle('a', words, [1, 2]), plainArticle('b', words, [1, 2])]);
  const sameNumbers = plainArticle('same', words, [1, 2]);
  const otherNumbers = plainArticle('other', words, [3, 4]);

  it('an article stating the story\'s numbers overlaps it fully; one stating others not at all', () => {
    const same = articleStoryFeatures(sameNumbers, story);
    const other = articleStoryFeatures(otherNumbers, story);
    assert.ok(Math.abs(feature(same, 'numberOverlap') - 1) < 1e-12, `overlap ${feature(same, 'numberOverlap')}`);
    assert.equal(feature(same, 'newNumberShare'), 0);
    assert.equal(feature(other, 'numberOverlap'), 0);
    assert.ok(Math.abs(feature(other, 'newNumberShare') - 1) < 1e-12, `new share ${feature(other, 'newNumberShare')}`);
    assert.equal(feature(same, 'textCosine'), feature(other, 'textCosine'), 'the words alone cannot tell them apart');
  });

  it('an article with no numbers says nothing either way', () => {
    const none = articleStoryFeatures(plainArticle('none', words, []), story);
    assert.equal(feature(none, 'numberOverlap'), 0);
    assert.equal(feature(none, 'newNumberShare'), 0);
  });

  it('the new-term share is the article\'s weight on terms the story never used', () => {
    // Four equal terms, one of them new: a quarter of the squared weight.
    const values = articleStoryFeatures(plainArticle('new', [10, 11, 12, 99], []), story);
    assert.ok(Math.abs(feature(values, 'newTermShare') - 0.25) < 1e-12, `share ${feature(values, 'newTermShare')}`);
    assert.equal(feature(articleStoryFeatures(sameNumbers, story), 'newTermShare'), 0);
  });

  it('two stories compared as wholes get the same features, the smaller playing the article', () => {
    const pair = storyPairFeatures(storyVectorsOf([otherNumbers]), story);
    assert.equal(pair.length, featureNames.length, 'one value per feature');
    assert.equal(feature(pair, 'numberOverlap'), 0);
    assert.ok(Math.abs(feature(pair, 'newNumberShare') - 1) < 1e-12);
    assert.equal(feature(pair, 'newTermShare'), 0);
    assert.equal(storyPairFeatures(story, storyVectorsOf([otherNumbers]))[featureNames.indexOf('newNumberShare')], feature(pair, 'newNumberShare'), 'the order of the two stories does not matter');
  });
});
