// Story clustering as a reader of the front page would notice it: copies collapse, one event from
// several outlets is one story, similar but different events stay apart, languages never mix,
// and the same input order always gives the same stories.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StoryClusterer, clusterArticles, findLonePlacements, findStoryMerges, topInto, type Assignment } from '../../src/stories/clusterer.js';
import { russianSameEvent, sameEvent, similarEvent, similarEventSecond, wireCopy, wireOriginal, at } from './fixtures.js';
import { analyzeArticle, latestYearMentioned, numbersMentioned, type StoryArticleInput } from '../../src/stories/article.js';
import { restartTermNumbering, termNumbering } from '../../src/text/terms.js';
import { defaultJoinModel, storyPairModel } from '../../src/stories/model.js';

const storyOf = (assignments: Assignment[], id: string): string => assignments.find((a) => a.id === id)!.story;

describe('story clustering', () => {
  const cases: Array<{ name: string; articles: StoryArticleInput[]; check: (a: Assignment[]) => void }> = [
    {
      name: 'a wire copy on another outlet points at the original and joins its story',
      articles: [wireOriginal, wireCopy],
      check(a) {
        assert.equal(a[1]!.duplicateOf, 'wire-1');
        assert.equal(a[1]!.story, a[0]!.story);
        assert.equal(a[0]!.duplicateOf, undefined);
      },
    },
    {
      name: 'the same URL posted twice (tracking parameters aside) is a duplicate',
      articles: [wireOriginal, { ...wireOriginal, id: 'again', title: 'Lisbon bridge closed', text: 'Updated.', url: `${wireOriginal.url}/?utm_campaign=x#top` }],
      check(a) {
        assert.equal(a[1]!.duplicateOf, 'wire-1');
      },
    },
    {
      name: 'three outlets writing about one event form one story',
      articles: [wireOriginal, ...sameEvent],
      check(a) {
        assert.equal(new Set(a.map((x) => x.story)).size, 1, JSON.stringify(a));
        assert.ok(a.every((x) => x.duplicateOf === undefined), 'rewritten coverage is not a copy');
      },
    },
    {
      name: 'two similar but different events (other city, three days later) are two stories',
      articles: [wireOriginal, ...sameEvent, similarEvent],
      check(a) {
        assert.notEqual(storyOf(a, 'rotterdam-bridge'), storyOf(a, 'wire-1'));
      },
    },
    {
      name: 'Russian and English coverage of the same event never share a story',
      articles: [wireOriginal, russianSameEvent, ...sameEvent],
      check(a) {
        assert.notEqual(storyOf(a, 'priozerye-lisbon'), storyOf(a, 'wire-1'));
        assert.equal(storyOf(a, 'meridian-bridge'), storyOf(a, 'wire-1'));
      },
    },
    {
      name: 'a given lang wins over detection: an English text tagged ru stays apart from English stories',
      articles: [wireOriginal, { ...sameEvent[0]!, lang: 'ru' }],
      check(a) {
        assert.notEqual(a[1]!.story, a[0]!.story);
      },
    },
    {
      name: 'an article after the 72-hour window opens a new story even on the same event',
      articles: [wireOriginal, { ...sameEvent[0]!, published: at(80) }],
      check(a) {
        assert.notEqual(a[1]!.story, a[0]!.story);
      },
    },
  ];
  for (const c of cases) it(c.name, () => c.check(clusterArticles(c.articles)));

  it('gives the same stories whether or not the term counts carry their numbers', () => {
    const articles = [wireOriginal, wireCopy, ...sameEvent, similarEvent, similarEventSecond, russianSameEvent].map((a) => analyzeArticle(a));
    // New maps with the same entries: no numbering, every term interned by its string.
    const unnumbered = articles.map((a) => ({ ...a, bodyCounts: new Map(a.bodyCounts), titleCounts: new Map(a.titleCounts) }));
    assert.equal(termNumbering(unnumbered[0]!.bodyCounts), undefined);
    assert.ok(termNumbering(articles[0]!.bodyCounts));
    const numbered = clusterArticles(articles);
    // Numbered and unnumbered articles mixed in one clusterer, and each kind alone, agree.
    assert.deepEqual(clusterArticles(unnumbered), numbered);
    assert.deepEqual(clusterArticles(articles.map((a, i) => (i % 2 ? a : unnumbered[i]!))), numbered);
  });
  it('gives the same stories when a counts map was changed at the same size after it was counted', () => {
    const articles = [wireOriginal, wireCopy, ...sameEvent, similarEvent, similarEventSecond, russianSameEvent].map((a) => analyzeArticle(a));
    // One key swapped for another: the numbering still claims the map (same size), but its numbers no longer match its keys.
    const changed = articles.map((a) => {
      const bodyCounts = a.bodyCounts;
      const [first] = bodyCounts.keys();
      const kept = bodyCounts.get(first!)!;
      bodyCounts.delete(first!);
      bodyCounts.set(`${first}x`, kept);
      return a;
    });
    assert.ok(termNumbering(changed[0]!.bodyCounts));
    const unnumbered = changed.map((a) => ({ ...a, bodyCounts: new Map(a.bodyCounts), titleCounts: new Map(a.titleCounts) }));
    assert.deepEqual(clusterArticles(changed), clusterArticles(unnumbered));
  });
  it('gives the same stories when the term numbering restarts between articles', () => {
    const inputs = [wireOriginal, wireCopy, ...sameEvent, similarEvent, similarEventSecond, russianSameEvent];
    const expected = clusterArticles(inputs.map((a) => analyzeArticle(a)));
    // Half the articles analysed under one generation, half under the next, clustered by one
    // clusterer in their order: the same terms get their ids back through their strings.
    const articles = inputs.map((a, i) => {
      if (i === Math.floor(inputs.length / 2)) restartTermNumbering();
      return analyzeArticle(a);
    });
    assert.notEqual(termNumbering(articles[0]!.bodyCounts)!.generation, termNumbering(articles.at(-1)!.bodyCounts)!.generation);
    assert.deepEqual(clusterArticles(articles), expected);
    // Articles of the old generation after the new one's: the clusterer maps each by its own.
    assert.deepEqual(clusterArticles([...articles.slice(0, 1), ...articles.slice(-1), ...articles.slice(1, -1)]), clusterArticles([...inputs.slice(0, 1), ...inputs.slice(-1), ...inputs.slice(1, -1)]));
  });
  it('gives the same stories for the same input order', () => {
    const input = [wireOriginal, russianSameEvent, ...sameEvent, wireCopy, similarEvent];
    assert.deepEqual(clusterArticles(input), clusterArticles(input));
  });

  it('uses the opening article id as the story id, and a custom one when asked', () => {
    assert.equal(clusterArticles([wireOriginal])[0]!.story, 'wire-1');
    assert.equal(clusterArticles([wireOriginal], { newStoryId: (id) => `s-${id}` })[0]!.story, 's-wire-1');
  });

  it('the periodic pass merges two stories of one event that opened apart', () => {
    const clusterer = new StoryClusterer({ model: { ...new StoryClusterer().options.model, threshold: 1.01, mergeThreshold: 0.5 } });
    // Rotterdam moved to the same morning so that only the text tells the events apart.
    for (const a of [wireOriginal, ...sameEvent, { ...similarEvent, published: at(6) }]) clusterer.add(a);
    assert.equal(clusterer.snapshot().length, 4, 'with joining disabled every article opened a story');
    const { merges } = clusterer.maintain(Date.parse(at(7)));
    assert.ok(merges.length >= 1, 'converged stories are merged');
    assert.equal(clusterer.storyOf('meridian-bridge'), clusterer.storyOf('wire-1'));
    assert.notEqual(clusterer.storyOf('rotterdam-bridge'), clusterer.storyOf('wire-1'));
  });

  it('the periodic pass splits a story that chained two events together', () => {
    // Joining made indiscriminate (threshold near 0) chains Rotterdam onto the Lisbon story.
    const model = { ...new StoryClusterer().options.model, threshold: 0.0001, mergeThreshold: 1.01 };
    const clusterer = new StoryClusterer({ model, splitThreshold: 0.5 });
    const rotterdam = [
      { ...similarEvent, published: at(6) }, { ...similarEventSecond, published: at(7) },
      {
        ...similarEventSecond, id: 'rotterdam-bridge-3', source: 'metro-pulse', url: 'https://metropulse.example/erasmus', published: at(7.5),
        title: 'Rotterdam barge skipper questioned after Erasmus Bridge strike',
        text: 'Police in Rotterdam questioned the Belgian skipper of the gravel barge that struck the Erasmus Bridge on the Maas.\nRijkswaterstaat inspectors found the southern support intact and mayor Ahmed Aboutaleb reopened the bridge to trams.',
      },
    ];
    for (const a of [wireOriginal, ...sameEvent, ...rotterdam]) clusterer.add(a);
    assert.equal(clusterer.storyOf('rotterdam-bridge'), clusterer.storyOf('wire-1'), 'chained before the pass');
    const { splits } = clusterer.maintain(Date.parse(at(8)));
    assert.equal(splits.length, 1);
    assert.equal(clusterer.storyOf('wire-1'), 'wire-1', 'the part with the first article keeps the id');
    assert.equal(clusterer.storyOf('meridian-bridge'), 'wire-1');
    assert.notEqual(clusterer.storyOf('rotterdam-bridge'), 'wire-1');
    assert.equal(clusterer.storyOf('rotterdam-bridge-2'), clusterer.storyOf('rotterdam-bridge'));
    assert.equal(clusterer.storyOf('rotterdam-bridge-3'), clusterer.storyOf('rotterdam-bridge'));
  });

  it('the periodic pass moves lone articles into the story of their event, never into a similar event', () => {
    // Joining disabled: every article opened a story of its own.
    const clusterer = new StoryClusterer({ model: { ...defaultJoinModel, threshold: 1.01, mergeThreshold: 1.01 } });
    for (const a of [wireOriginal, ...sameEvent, { ...similarEvent, published: at(6) }, { ...similarEventSecond, published: at(6.5) }]) clusterer.add(a);
    const stories = clusterer.activeStories();
    assert.equal(stories.length, 5, 'every article is alone');
    const moves = findLonePlacements(stories, defaultJoinModel);
    const lisbon = new Set(['wire-1', 'meridian-bridge', 'harbor-bridge']);
    const rotterdam = new Set(['rotterdam-bridge', 'rotterdam-bridge-2']);
    assert.ok(moves.length >= 2, `lone articles of one event move together: ${JSON.stringify(moves)}`);
    for (const move of moves) {
      const event = lisbon.has(move.into) ? lisbon : rotterdam;
      assert.ok(move.from.every((id) => event.has(id)), `a move stays within its event: ${JSON.stringify(move)}`);
      assert.ok(!moves.some((m) => m.from.includes(move.into)), 'a story that takes an article in does not move itself');
    }
    assert.deepEqual(findLonePlacements(stories, defaultJoinModel, () => false), [], 'no story changed since the last pass: nothing to weigh again');
  });

  it('the periodic pass weighs story against story with the pair weights', () => {
    // Joining made indiscriminate chains Rotterdam onto the Lisbon story; the article weights are
    // the same in both runs, only the pair weights say "one story" or "two".
    const chained = (bias: number) => {
      const model = { ...defaultJoinModel, threshold: 0.0001, mergeThreshold: 1.01, splitThreshold: 0.5, pair: { ...defaultJoinModel.pair!, bias } };
      const clusterer = new StoryClusterer({ model });
      const third = {
        ...similarEventSecond, id: 'rotterdam-bridge-3', source: 'metro-pulse', url: 'https://metropulse.example/erasmus', published: at(7.5),
        title: 'Rotterdam barge skipper questioned after Erasmus Bridge strike',
        text: 'Police in Rotterdam questioned the Belgian skipper of the gravel barge that struck the Erasmus Bridge on the Maas.\nRijkswaterstaat inspectors found the southern support intact and mayor Ahmed Aboutaleb reopened the bridge to trams.',
      };
      for (const a of [wireOriginal, ...sameEvent, { ...similarEvent, published: at(6) }, { ...similarEventSecond, published: at(7) }, third]) clusterer.add(a);
      assert.equal(clusterer.storyOf('rotterdam-bridge'), clusterer.storyOf('wire-1'), 'chained before the pass');
      return clusterer.maintain(Date.parse(at(8))).splits.length;
    };
    assert.equal(chained(-50), 1, 'pair weights that never see one story cut it');
    assert.equal(chained(50), 0, 'pair weights that always see one story keep it');
  });

  it('the merge pass weighs only stories that changed, against those sharing most keys', () => {
    // Joining disabled: every article opened a story of its own.
    const clusterer = new StoryClusterer({ model: { ...defaultJoinModel, threshold: 1.01, mergeThreshold: 1.01 } });
    for (const a of [wireOriginal, ...sameEvent, { ...similarEvent, published: at(6) }, { ...similarEventSecond, published: at(6.5) }]) clusterer.add(a);
    const stories = clusterer.activeStories();
    const model = { ...storyPairModel(defaultJoinModel), mergeThreshold: 0.5 };
    const all = findStoryMerges(stories, model);
    const lisbon = new Set(['wire-1', 'meridian-bridge', 'harbor-bridge']);
    const merged = all.find((m) => lisbon.has(m.into));
    assert.ok(merged && merged.from.every((id) => lisbon.has(id)), `the Lisbon stories merge: ${JSON.stringify(all)}`);
    assert.deepEqual(findStoryMerges(stories, model, () => true, 3), all, 'every story changed: the same merges');
    assert.deepEqual(findStoryMerges(stories, model, () => false, 3), [], 'no story changed since the last pass: nothing to weigh again');
    assert.deepEqual(findStoryMerges(stories, model, () => true, 0), [], 'no partner weighed: no merge');
  });

  it('the periodic pass leaves a story of one event whole', () => {
    const clusterer = new StoryClusterer({ splitThreshold: 0.5 });
    const lisbon = [wireOriginal, ...sameEvent, { ...sameEvent[0]!, id: 'meridian-bridge-2', url: 'https://meridian.example/lisbon-bridge-2', published: at(6), title: 'Lisbon bridge inspection continues as Maersk Aurora stays pinned' }];
    for (const a of lisbon) clusterer.add(a);
    const { splits } = clusterer.maintain(Date.parse(at(8)));
    assert.equal(splits.length, 0, JSON.stringify(splits));
  });
});

describe('a long-running clusterer (keepHistory off: memory bounded by the window)', () => {
  const stream = [wireOriginal, russianSameEvent, ...sameEvent, wireCopy, similarEvent, similarEventSecond];

  it('makes the same assignments as one that keeps its history', () => {
    const bounded = new StoryClusterer({ keepHistory: false });
    assert.deepEqual(stream.map((a) => bounded.add(a)), clusterArticles(stream));
  });

  it('forgets a story that left the window, yet a late copy of its article still joins it by id', () => {
    const bounded = new StoryClusterer({ keepHistory: false });
    const keeping = new StoryClusterer();
    const late = [wireOriginal, { ...similarEvent, published: at(100) }, { ...wireCopy, published: at(101) }, { ...sameEvent[0]!, published: at(102) }];
    const [, , copy, report] = late.map((a) => bounded.add(a));
    for (const a of late) keeping.add(a);
    assert.deepEqual(copy, { id: 'wire-1-copy', story: 'wire-1', duplicateOf: 'wire-1' }, 'the copy points at its original and its story');
    assert.notEqual(report!.story, 'wire-1', 'another late article on the event opens a new story');
    assert.ok(!bounded.snapshot().some((s) => s.id === 'wire-1'), 'the story left memory');
    assert.deepEqual(bounded.articlesOf('wire-1'), []);
    assert.deepEqual(keeping.articlesOf('wire-1'), ['wire-1', 'wire-1-copy'], 'with history the copy is listed in the old story');
  });

  it('stops knowing the story of an article once the duplicate index forgot it too', () => {
    const bounded = new StoryClusterer({ keepHistory: false });
    bounded.add(wireOriginal);
    bounded.add({ ...similarEvent, published: at(100) });
    assert.equal(bounded.storyOf('wire-1'), 'wire-1', 'a recent original keeps its story id for late copies');
    bounded.add({ ...sameEvent[1]!, published: at(24 * 8) });
    assert.equal(bounded.storyOf('wire-1'), undefined, 'after the seven-day duplicate window');
    assert.equal(new StoryClusterer().storyOf('wire-1'), undefined);
  });
});

describe('latest year mentioned', () => {
  const published = Date.UTC(2026, 2, 2);
  const cases: Array<{ name: string; text: string; year: number | undefined }> = [
    { name: 'the latest of several years', text: 'Lohan was at Betty Ford in 2010; on May 3, 2013 she checked in again.', year: 2013 },
    { name: 'years after publication are plans, not dates', text: 'The bridge opened in 2019 and is due for repair by 2030.', year: 2019 },
    { name: 'no year at all', text: 'A ship struck the bridge on Monday.', year: undefined },
    { name: 'digits inside codes are not years', text: 'Patch MS08-078 and flight BA2012 were delayed.', year: undefined },
  ];
  for (const c of cases) it(c.name, () => assert.equal(latestYearMentioned(c.text, published), c.year));
});

describe('quantities stated', () => {
  const cases: Array<{ name: string; text: string; numbers: Record<string, number> }> = [
    { name: 'a numeral with what it counts', text: 'Indian Navy captures 26 Somali pirates', numbers: { 26: 1 } },
    { name: 'number words read as numerals', text: 'Three killed and 3 hurt as rioters bomb bank', numbers: { 3: 2 } },
    { name: 'years and clock times are left out', text: 'Updated: 12 January 2010, 09:29 GMT (14: 08 local)', numbers: { 12: 1 } },
    { name: 'thousands, decimals, ages and ordinals', text: 'A 6.1 quake left 1,200 homeless; a 33-year-old died on September 18th.', numbers: { '6.1': 1, 1200: 1, 33: 1, 18: 1 } },
    { name: 'digits inside codes are not quantities', text: 'Patch MS08-078 for IE8 fixes it.', numbers: {} },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(Object.fromEntries(numbersMentioned(c.text, 'en')), c.numbers));
  it('number words count only in their language', () => assert.deepEqual(Object.fromEntries(numbersMentioned('three', 'ru')), {}));
});

describe('topInto (the n heaviest ids, heaviest first, ties by the smaller id)', () => {
  /** The same by sorting everything: weight descending, then id ascending. */
  const bySort = (ids: number[], weights: number[], n: number) =>
    ids.map((id, i) => ({ id, w: weights[i]! })).sort((a, b) => b.w - a.w || a.id - b.id).slice(0, n);

  it('gives the sorted top n whether it ranks by insertion or by heap, with many ties', () => {
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    // Sizes either side of where the heap takes over (n ≥ 32 and count > 1.5 n), a few kept of many, all kept.
    for (const [count, n] of [[250, 120], [181, 120], [180, 120], [60, 120], [500, 40], [40, 40], [33, 32], [1000, 10], [7, 3], [0, 5], [50, 0]] as const) {
      for (let trial = 0; trial < 20; trial++) {
        const ids = Array.from({ length: count }, (_, i) => i * 7 + Math.floor(random() * 7));
        // Ids in random order; weights from a few values, so that many tie.
        for (let i = ids.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [ids[i], ids[j]] = [ids[j]!, ids[i]!];
        }
        const weights = ids.map(() => Math.floor(random() * 9) / 4);
        const outIds = new Int32Array(Math.max(n, 1));
        const outWeights = new Float64Array(Math.max(n, 1));
        // From an offset, as the clusterer reads a range of a packed vector.
        const size = topInto([-1, -2, ...ids], [99, 99, ...weights], n, count, outIds, outWeights, 2);
        const expected = bySort(ids, weights, n);
        assert.equal(size, expected.length, `count ${count}, n ${n}`);
        assert.deepEqual(Array.from(outIds.subarray(0, size)), expected.map((e) => e.id), `count ${count}, n ${n}`);
        assert.deepEqual(Array.from(outWeights.subarray(0, size)), expected.map((e) => e.w));
      }
    }
  });
});
