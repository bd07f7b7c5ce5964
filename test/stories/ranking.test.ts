// The front-page score: more outlets beat fewer, copies count once, freshness halves every
// half-life, a burst of new outlets lifts a story, outlet weights are honoured.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { explainStoryScore, storyScore, type ScoredArticle } from '../../src/stories/ranking.js';

const now = Date.UTC(2026, 2, 3, 12);
const hoursAgo = (h: number): number => now - h * 3_600_000;
const story = (sources: string[], ageHours: number, extra: Partial<ScoredArticle> = {}): ScoredArticle[] =>
  sources.map((source, i) => ({ id: `${source}-${i}`, source, published: hoursAgo(ageHours), ...extra }));

describe('storyScore', () => {
  const cases: Array<{ name: string; higher: ScoredArticle[]; lower: ScoredArticle[] }> = [
    { name: 'three outlets beat one outlet of the same age', higher: story(['a', 'b', 'c'], 10), lower: story(['a'], 10) },
    { name: 'a fresh story beats an old one with the same outlets', higher: story(['a', 'b'], 1), lower: story(['a', 'b'], 20) },
    {
      name: 'outlets arriving in the last two hours beat the same outlets spread over the six before',
      higher: [...story(['a'], 7), ...story(['b', 'c', 'd'], 1)],
      lower: [...story(['a', 'b', 'c'], 7), ...story(['d'], 1)],
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.ok(storyScore(c.higher, now) > storyScore(c.lower, now)));
  }

  it('counts copies once: a wire story re-posted by four sites is one outlet', () => {
    const original: ScoredArticle = { id: 'o', source: 'wire', published: hoursAgo(10) };
    const copies = ['a', 'b', 'c', 'd'].map((source) => ({ id: `copy-${source}`, source, published: hoursAgo(10), duplicateOf: 'o' }));
    assert.equal(explainStoryScore([original, ...copies], now).coverage, 1);
    assert.equal(storyScore([original, ...copies], now), storyScore([original], now));
  });

  it('counts an outlet once however many articles it wrote', () => {
    assert.equal(explainStoryScore(story(['a', 'a', 'a', 'b'], 10), now).coverage, 2);
  });

  const halfLives: Array<{ name: string; halfLifeHours?: number; later: number }> = [
    { name: 'default 8 h half-life', later: 8 },
    { name: 'configured 4 h half-life', halfLifeHours: 4, later: 4 },
  ];
  for (const c of halfLives) {
    it(`recency halves the score per half-life (${c.name})`, () => {
      const articles = story(['a', 'b'], 12);
      const options = c.halfLifeHours ? { halfLifeHours: c.halfLifeHours } : {};
      const before = storyScore(articles, now, options);
      const after = storyScore(articles, now + c.later * 3_600_000, options);
      assert.ok(Math.abs(after / before - 0.5) < 1e-9, `${after} / ${before}`);
    });
  }

  it('honours outlet weights', () => {
    const articles = story(['big', 'small'], 10);
    assert.ok(storyScore(articles, now, { outletWeights: { big: 3 } }) > storyScore(articles, now));
  });

  it('ignores articles dated in the future and scores an empty story 0', () => {
    assert.equal(storyScore(story(['a'], -5), now), 0);
    assert.equal(storyScore([], now), 0);
  });
});
