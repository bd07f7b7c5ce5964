// The join model: committed weights behave sensibly, and retraining is reproducible.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultJoinModel, joinProbability, storyPairModel } from '../../src/stories/model.js';
import { featureNames } from '../../src/stories/features.js';
import { collectPairExamples, fitJoinModel, type LabelledArticle } from '../../src/stories/training.js';
import { at, sameEvent, similarEvent, similarEventSecond, wireOriginal } from './fixtures.js';

const base = featureNames.map((f) => (f === 'daysApart' ? 0.5 : 0.3));
const index = (name: (typeof featureNames)[number]) => featureNames.indexOf(name);
const moved = (name: (typeof featureNames)[number], value: number) => base.map((v, i) => (i === index(name) ? value : v));

/** A feature moved from `low` to `high`, all else equal: does the probability rise? */
interface Direction { name: string; feature: (typeof featureNames)[number]; low: number; high: number; rises: boolean }
/** One test per case: moving the feature moves the probability of `weights` the stated way. */
function itMovesAsStated(weights: Parameters<typeof joinProbability>[0], cases: readonly Direction[]): void {
  for (const c of cases) {
    it(c.name, () => {
      const low = joinProbability(weights, moved(c.feature, c.low));
      const high = joinProbability(weights, moved(c.feature, c.high));
      assert.equal(high > low, c.rises, `${low} → ${high}`);
    });
  }
}

describe('committed join model', () => {
  it('names the features the clusterer computes, in order', () => assert.deepEqual(defaultJoinModel.features, [...featureNames]));
  const cases: Direction[] = [
    { name: 'more similar text makes joining likelier', feature: 'textCosine', low: 0.1, high: 0.6, rises: true },
    { name: 'a closer single article makes joining likelier', feature: 'bestMemberCosine', low: 0.1, high: 0.6, rises: true },
    { name: 'shared entities make joining likelier', feature: 'entityOverlap', low: 0, high: 0.8, rises: true },
    { name: 'more days apart never makes joining likelier', feature: 'daysApart', low: 0, high: 3, rises: false },
    { name: 'names the story never mentioned make joining less likely', feature: 'newEntityShare', low: 0, high: 1, rises: false },
    { name: 'a different latest year mentioned makes joining less likely', feature: 'yearConflict', low: 0, high: 1, rises: false },
    { name: 'the numbers the story stated make joining likelier', feature: 'numberOverlap', low: 0, high: 1, rises: true },
    { name: 'numbers the story never stated make joining less likely', feature: 'newNumberShare', low: 0, high: 1, rises: false },
  ];
  itMovesAsStated(defaultJoinModel, cases);
  it('has a join threshold strictly between 0 and 1', () => assert.ok(defaultJoinModel.threshold > 0 && defaultJoinModel.threshold < 1));
});

describe('committed pair weights (stories compared as wholes)', () => {
  const pair = storyPairModel(defaultJoinModel);
  it('are there, one per feature, and keep the model\'s thresholds', () => {
    assert.ok(defaultJoinModel.pair, 'the committed model has pair weights');
    assert.equal(defaultJoinModel.pair.weights.length, featureNames.length);
    assert.deepEqual(pair.weights, defaultJoinModel.pair.weights);
    assert.equal(pair.mergeThreshold, defaultJoinModel.mergeThreshold);
    assert.equal(pair.splitThreshold, defaultJoinModel.splitThreshold);
  });
  const cases: Direction[] = [
    { name: 'more similar centroids make one story likelier', feature: 'textCosine', low: 0.1, high: 0.6, rises: true },
    { name: 'shared entities make one story likelier', feature: 'entityOverlap', low: 0, high: 0.8, rises: true },
    { name: 'shared numbers make one story likelier', feature: 'numberOverlap', low: 0, high: 1, rises: true },
    { name: 'a different latest year makes one story less likely', feature: 'yearConflict', low: 0, high: 1, rises: false },
  ];
  itMovesAsStated(pair, cases);
  it('a model without pair weights weighs stories with its article weights', () => {
    const { pair: _, ...single } = defaultJoinModel;
    assert.equal(storyPairModel(single), single);
  });
});

describe('fitJoinModel', () => {
  const corpus: LabelledArticle[] = [
    { ...wireOriginal, story: 'lisbon' }, ...sameEvent.map((a) => ({ ...a, story: 'lisbon' })),
    { ...similarEvent, published: sameEvent[1]!.published, story: 'rotterdam' }, { ...similarEventSecond, published: sameEvent[1]!.published, story: 'rotterdam' },
  ];
  it('gives the same weights and thresholds for the same data', () => {
    assert.deepEqual(fitJoinModel([corpus], 'test'), fitJoinModel([corpus], 'test'));
  });
});

describe('collectPairExamples', () => {
  // Two events of four and three articles: parts of one event, and samples of both.
  const lisbon: LabelledArticle[] = [
    wireOriginal, ...sameEvent,
    {
      ...sameEvent[0]!, id: 'meridian-bridge-2', url: 'https://meridian.example/lisbon-bridge-2', published: at(6),
      title: 'Lisbon bridge inspection continues as Maersk Aurora stays pinned',
      text: 'Tugs failed again to free the Maersk Aurora from the pillar of the April 25th Bridge in Lisbon, harbour master Rui Valente said.\nThe crossing over the Tagus stays closed and ferries to Almada run every ten minutes.',
    },
  ].map((a) => ({ ...a, story: 'lisbon' }));
  const rotterdam: LabelledArticle[] = [
    { ...similarEvent, published: at(6) }, { ...similarEventSecond, published: at(7) },
    {
      ...similarEventSecond, id: 'rotterdam-bridge-3', url: 'https://metropulse.example/erasmus', published: at(7.5),
      title: 'Rotterdam barge skipper questioned after Erasmus Bridge strike',
      text: 'Police in Rotterdam questioned the Belgian skipper of the gravel barge that struck the Erasmus Bridge on the Maas.',
    },
  ].map((a) => ({ ...a, story: 'rotterdam' }));
  const { samples, labels } = collectPairExamples([...lisbon, ...rotterdam]);
  const textCosine = featureNames.indexOf('textCosine');
  const meanCosine = (label: number) => {
    const xs = samples.filter((_, i) => labels[i] === label).map((x) => x[textCosine]!);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  it('cuts the story of four articles into parts that belong together', () => assert.equal(labels.filter((y) => y === 1).length, 6));
  it('pairs each story with the other as two stories', () => assert.equal(labels.filter((y) => y === 0).length, 6));
  it('parts of one event are more alike than samples of two', () => assert.ok(meanCosine(1) > meanCosine(0), `${meanCosine(1)} vs ${meanCosine(0)}`));
  it('is deterministic', () => assert.deepEqual(collectPairExamples([...lisbon, ...rotterdam]), { samples, labels }));
});
