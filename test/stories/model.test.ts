// The join model: committed weights behave sensibly, and retraining is reproducible.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultJoinModel, joinProbability } from '../../src/stories/model.js';
import { featureNames } from '../../src/stories/features.js';
import { fitJoinModel, type LabelledArticle } from '../../src/stories/training.js';
import { sameEvent, similarEvent, similarEventSecond, wireOriginal } from './fixtures.js';

const base = featureNames.map((f) => (f === 'daysApart' ? 0.5 : 0.3));
const index = (name: (typeof featureNames)[number]) => featureNames.indexOf(name);
const moved = (name: (typeof featureNames)[number], value: number) => base.map((v, i) => (i === index(name) ? value : v));

describe('committed join model', () => {
  it('names the features the clusterer computes, in order', () => assert.deepEqual(defaultJoinModel.features, [...featureNames]));
  const cases: Array<{ name: string; feature: (typeof featureNames)[number]; low: number; high: number; rises: boolean }> = [
    { name: 'more similar text makes joining likelier', feature: 'textCosine', low: 0.1, high: 0.6, rises: true },
    { name: 'a closer single article makes joining likelier', feature: 'bestMemberCosine', low: 0.1, high: 0.6, rises: true },
    { name: 'shared entities make joining likelier', feature: 'entityOverlap', low: 0, high: 0.8, rises: true },
    { name: 'more days apart never makes joining likelier', feature: 'daysApart', low: 0, high: 3, rises: false },
    { name: 'names the story never mentioned make joining less likely', feature: 'newEntityShare', low: 0, high: 1, rises: false },
    { name: 'a different latest year mentioned makes joining less likely', feature: 'yearConflict', low: 0, high: 1, rises: false },
    { name: 'the numbers the story stated make joining likelier', feature: 'numberOverlap', low: 0, high: 1, rises: true },
    { name: 'numbers the story never stated make joining less likely', feature: 'newNumberShare', low: 0, high: 1, rises: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const low = joinProbability(defaultJoinModel, moved(c.feature, c.low));
      const high = joinProbability(defaultJoinModel, moved(c.feature, c.high));
      assert.equal(high > low, c.rises, `${low} → ${high}`);
    });
  }
  it('has a join threshold strictly between 0 and 1', () => assert.ok(defaultJoinModel.threshold > 0 && defaultJoinModel.threshold < 1));
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
