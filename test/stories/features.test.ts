// The clusterer's fast paths must give the very numbers of the plain ones: an assignment can turn
// on the last bit of a feature, so a faster sum that rounds differently would move articles.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../src/stories/datasets.js';
import {
  addMemberVectors, articlePart, articleStoryFeatures, articleStoryFeaturesBut, bestMemberCosine, bestMemberFeature, bestPairCosine, cosineCeiling, cosineFloor,
  packArticleVectors, SumTable, emptyStoryVectors, featureNames, idVector, mapDot, SparseSum, storyPairFeatures, storyPairFeaturesBut, storyVectorsOf, vectorDot, VectorTable,
  type ArticleVectors, type FeatureName, type IdVector,
} from '../../src/stories/features.js';
import { defaultJoinModel, joinProbability, probabilityCeiling, probabilityFloor, storyPairModel } from '../../src/stories/model.js';

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
  const parts = {
    vector: randomVector(random, 20 + Math.floor(random() * 100), 400),
    titleVector: randomVector(random, 3 + Math.floor(random() * 5), 400),
    entityVector: randomVector(random, Math.floor(random() * 4), 50),
    numberVector: randomVector(random, Math.floor(random() * 5), 30),
  };
  return packArticleVectors(`a${n}`, n * 60_000, parts, random() < 0.5 ? 2020 + Math.floor(random() * 3) : undefined);
}

describe('packArticleVectors', () => {
  it('keeps each of the four vectors whole and in order, empty ones included', () => {
    const random = seededRandom(17);
    for (let round = 0; round < 20; round++) {
      const parts = {
        vector: randomVector(random, 1 + Math.floor(random() * 50), 400),
        titleVector: randomVector(random, Math.floor(random() * 5), 400),
        entityVector: randomVector(random, Math.floor(random() * 4), 50),
        numberVector: randomVector(random, Math.floor(random() * 3), 30),
      };
      const packed = packArticleVectors('a', 5, parts, round % 2 === 0 ? 2021 : undefined);
      for (const part of ['vector', 'titleVector', 'entityVector', 'numberVector'] as const) {
        assert.deepEqual([...articlePart(packed, part).ids], [...parts[part].ids], `round ${round}: ${part} ids`);
        assert.deepEqual([...articlePart(packed, part).weights], [...parts[part].weights], `round ${round}: ${part} weights`);
      }
      assert.equal(packed.latestYear, round % 2 === 0 ? 2021 : undefined);
    }
  });
});

describe('VectorTable', () => {
  it('gives vectorDot to the last bit, for vectors small and large', () => {
    const random = seededRandom(3);
    const table = new VectorTable();
    for (let round = 0; round < 200; round++) {
      const a = randomVector(random, 1 + Math.floor(random() * (round < 100 ? 120 : 400)), 1000);
      table.fill(a.ids, a.weights);
      for (let k = 0; k < 5; k++) {
        const b = randomVector(random, 1 + Math.floor(random() * 150), 1000);
        assert.equal(table.dot(b.ids, b.weights), vectorDot(a, b), `round ${round}: table dot differs from vectorDot`);
      }
      assert.equal(table.dot(new Int32Array(0), new Float64Array(0)), 0, 'an empty vector shares nothing');
    }
  });
});

describe('SumTable', () => {
  it('sums, measures and multiplies as a SparseSum does, to the last bit, as it grows, and empties on reset', () => {
    const random = seededRandom(11);
    const table = new SumTable();
    for (let round = 0; round < 60; round++) {
      table.reset();
      const sparse = new SparseSum();
      let squares = 0;
      // Ids past the array's first size make it grow mid-sum.
      const range = round < 30 ? 500 : 5_000;
      for (let k = 0, n = 1 + Math.floor(random() * 30); k < n; k++) {
        const v = randomVector(random, 1 + Math.floor(random() * 150), range);
        squares = sparse.add(v.ids, v.weights, 0, v.ids.length, squares);
        table.add(v.ids, v.weights);
      }
      assert.equal(table.squares, squares, `round ${round}: squared length differs`);
      const back = table.toSparse();
      assert.deepEqual([...back.ids.subarray(0, back.size)], [...sparse.ids.subarray(0, sparse.size)], `round ${round}: ids differ`);
      assert.deepEqual([...back.weights.subarray(0, back.size)], [...sparse.weights.subarray(0, sparse.size)], `round ${round}: weights differ`);
      for (let k = 0; k < 5; k++) {
        const v = randomVector(random, 1 + Math.floor(random() * 150), range + 100);
        assert.equal(table.dot(v.ids, v.weights), mapDot(v, sparse), `round ${round}: dot product differs`);
      }
    }
    table.reset();
    assert.equal(table.squares, 0);
    assert.equal(table.toSparse().size, 0, 'nothing is left after a reset');
    const v = randomVector(random, 50, 5_000);
    assert.equal(table.dot(v.ids, v.weights), 0);
  });

  it('makes storyVectorsOf the same story as adding its articles one by one', () => {
    const random = seededRandom(13);
    for (let round = 0; round < 30; round++) {
      const members = Array.from({ length: 1 + Math.floor(random() * 40) }, (_, i) => randomArticle(random, i));
      const oneByOne = emptyStoryVectors();
      for (const m of members) addMemberVectors(oneByOne, m);
      const whole = storyVectorsOf(members);
      assert.deepEqual(whole.norms, oneByOne.norms, `round ${round}: lengths differ`);
      assert.deepEqual(whole.squares, oneByOne.squares);
      assert.deepEqual(whole.years, oneByOne.years);
      assert.equal(whole.membersWithYear, oneByOne.membersWithYear);
      for (const key of ['centroid', 'titleCentroid', 'entityCentroid', 'numberCentroid'] as const) {
        assert.deepEqual([...whole[key].ids.subarray(0, whole[key].size)], [...oneByOne[key].ids.subarray(0, oneByOne[key].size)], `round ${round}: ${key} ids`);
        assert.deepEqual([...whole[key].weights.subarray(0, whole[key].size)], [...oneByOne[key].weights.subarray(0, oneByOne[key].size)], `round ${round}: ${key} weights`);
      }
      const other = storyVectorsOf(members.slice(0, Math.ceil(members.length / 2)));
      assert.deepEqual(storyPairFeatures(whole, other), storyPairFeatures(oneByOne, other), `round ${round}: pair features differ`);
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
      const text = articlePart(article, 'vector');
      table.fill(text.ids, text.weights);
      assert.deepEqual(articleStoryFeatures(article, story, table), articleStoryFeatures(article, story), `round ${round}: features differ`);
    }
  });
});

describe('storyPairFeatures', () => {
  /** A sum as a plain map (the reference reads it only through lookups). */
  const plain = (sum: SparseSum): Map<number, number> => new Map([...sum.ids.subarray(0, sum.size)].map((id, i) => [id, sum.weights[i]!]));
  /** Σ w × other(id) over `of`, ids ascending. */
  const dot = (of: Map<number, number>, other: Map<number, number>): number => [...of].reduce((sum, [id, w]) => sum + w * (other.get(id) ?? 0), 0);
  const unseenIn = (of: Map<number, number>, other: Map<number, number>): number => [...of].reduce((sum, [id, w]) => (other.has(id) ? sum : sum + w * w), 0);
  /** The features as their definitions state them, term by term through map lookups. */
  function reference(a: ReturnType<typeof storyVectorsOf>, b: ReturnType<typeof storyVectorsOf>): number[] {
    const [small, large] = a.members.length <= b.members.length ? [a, b] : [b, a];
    const cosine = (x: SparseSum, lx: number, y: SparseSum, ly: number) => (lx === 0 || ly === 0 ? 0 : (x.size <= y.size ? dot(plain(x), plain(y)) : dot(plain(y), plain(x))) / (lx * ly));
    const latest = large.members.slice(-8);
    let best = 0;
    let nearest = Infinity;
    for (const x of small.members) {
      const xs = articlePart(x, 'vector');
      const xMap = new Map([...xs.ids].map((id, i) => [id, xs.weights[i]!]));
      for (const y of latest) {
        const ys = articlePart(y, 'vector');
        best = Math.max(best, dot(xMap, new Map([...ys.ids].map((id, i) => [id, ys.weights[i]!]))));
        nearest = Math.min(nearest, Math.abs(x.published - y.published));
      }
    }
    const smallEntities = plain(small.entityCentroid);
    const largeEntities = plain(large.entityCentroid);
    const named = [...smallEntities.keys()].reduce((sum, id) => sum + (largeEntities.get(id) ?? 0) ** 2, 0);
    let agree = 0;
    if (small.membersWithYear > 0 && large.membersWithYear > 0) {
      for (const [year, n] of small.years) agree += (n / small.membersWithYear) * ((large.years.get(year) ?? 0) / large.membersWithYear);
    }
    const share = (x: SparseSum, squares: number, y: SparseSum) => (squares <= 0 ? 0 : unseenIn(plain(x), plain(y)) / squares);
    return [
      cosine(small.titleCentroid, small.norms.title, large.titleCentroid, large.norms.title),
      cosine(small.centroid, small.norms.centroid, large.centroid, large.norms.centroid),
      best,
      cosine(small.entityCentroid, small.norms.entity, large.entityCentroid, large.norms.entity),
      small.norms.entity === 0 ? 0 : unseenIn(smallEntities, largeEntities) / small.norms.entity ** 2,
      large.squares.entity <= 0 ? 0 : Math.max(0, 1 - named / large.squares.entity),
      agree,
      small.membersWithYear > 0 && large.membersWithYear > 0 ? 1 - agree : 0,
      Math.min(nearest / 86_400_000, 3),
      share(small.centroid, small.squares.centroid, large.centroid),
      cosine(small.numberCentroid, small.norms.number, large.numberCentroid, large.norms.number),
      share(small.numberCentroid, small.squares.number, large.numberCentroid),
    ];
  }
  it('are the features as defined, to the last bit, for stories small and large, in either order', () => {
    const random = seededRandom(23);
    for (let round = 0; round < 60; round++) {
      const a = storyVectorsOf(Array.from({ length: 1 + Math.floor(random() * 15) }, (_, i) => randomArticle(random, i)));
      const b = storyVectorsOf(Array.from({ length: 1 + Math.floor(random() * 15) }, (_, i) => randomArticle(random, 200 + i * 7)));
      assert.deepEqual(storyPairFeatures(a, b), reference(a, b), `round ${round}`);
      assert.deepEqual(storyPairFeatures(b, a), reference(b, a), `round ${round}, reversed`);
    }
  });
});

describe('the closest-member cosine computed apart (the clusterer skips it when the model could not use it)', () => {
  const pair = storyPairModel(defaultJoinModel);
  /** The pair model without a say for the time apart and the new terms (the committed one gives them none). */
  const unweighed = { ...pair, weights: pair.weights.map((w, i) => (['daysApart', 'newTermShare'].includes(featureNames[i]!) ? 0 : w)) };
  it('the features without it, then it, are the features; the model\'s ceiling and floor over it bound the probability', () => {
    const random = seededRandom(11);
    let between = 0;
    for (let round = 0; round < 200; round++) {
      const story = storyVectorsOf(Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => randomArticle(random, i)));
      const article = randomArticle(random, 100);
      const features = articleStoryFeaturesBut(article, story);
      assert.equal(features[bestMemberFeature], 0);
      const best = bestMemberCosine(article, story);
      assert.ok(best >= cosineFloor && best <= cosineCeiling, `round ${round}: cosine ${best} out of range`);
      const ceiling = probabilityCeiling(defaultJoinModel, features, bestMemberFeature, cosineFloor, cosineCeiling);
      const floor = probabilityFloor(defaultJoinModel, features, bestMemberFeature, cosineFloor, cosineCeiling);
      assert.equal(features[bestMemberFeature], 0, 'the bounds leave the features as they were');
      features[bestMemberFeature] = best;
      assert.deepEqual(features, articleStoryFeatures(article, story), `round ${round}: features differ`);
      const probability = joinProbability(defaultJoinModel, features);
      assert.ok(floor < probability && probability < ceiling, `round ${round}: ${floor} < ${probability} < ${ceiling}`);
      if (floor < defaultJoinModel.threshold && ceiling >= defaultJoinModel.threshold) between++;

      const other = storyVectorsOf(Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) => randomArticle(random, 50 + i)));
      const pairFeatures = storyPairFeaturesBut(story, other);
      pairFeatures[bestMemberFeature] = bestPairCosine(story, other);
      assert.deepEqual(pairFeatures, storyPairFeatures(story, other), `round ${round}: pair features differ`);
      // Given a model's weights, the features it does not weigh are left 0 and the rest are the
      // same: so is its probability.
      const weighed = storyPairFeaturesBut(story, other, unweighed.weights);
      weighed[bestMemberFeature] = pairFeatures[bestMemberFeature]!;
      unweighed.weights.forEach((w, i) => assert.equal(weighed[i], w === 0 ? 0 : pairFeatures[i], `round ${round}: ${featureNames[i]}`));
      assert.equal(joinProbability(unweighed, weighed), joinProbability(unweighed, pairFeatures), `round ${round}: the model's probability`);
      const pairProbability = joinProbability(pair, pairFeatures);
      assert.ok(probabilityFloor(pair, pairFeatures, bestMemberFeature, cosineFloor, cosineCeiling) <= pairProbability);
      assert.ok(probabilityCeiling(pair, pairFeatures, bestMemberFeature, cosineFloor, cosineCeiling) >= pairProbability);
    }
    assert.ok(between > 0, 'some pairs are decided by the closest member alone');
  });
  it('a feature with a negative weight is bounded at the other end', () => {
    const model = { ...defaultJoinModel, weights: defaultJoinModel.weights.map((w, i) => (i === bestMemberFeature ? -Math.abs(w) - 1 : w)) };
    const features = featureNames.map(() => 0.3);
    const at = (value: number) => joinProbability(model, features.map((v, i) => (i === bestMemberFeature ? value : v)));
    assert.equal(probabilityCeiling(model, features, bestMemberFeature, 0, 1), at(0));
    assert.equal(probabilityFloor(model, features, bestMemberFeature, 0, 1), at(1));
  });
});

/** An article whose text terms and quantities are the given ids (equal weights). */
function plainArticle(id: string, terms: number[], numbers: number[]): ArticleVectors {
  const vector = (ids: number[]) => idVector(new Map(ids.map((i) => [i, 1])));
  return packArticleVectors(id, 0, { vector: vector(terms), titleVector: vector(terms.slice(0, 2)), entityVector: vector([]), numberVector: vector(numbers) });
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
