// Related articles: other outlets on the same story first, then the nearest recent stories; at most
// six; never the article itself, its original or its copies.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { packedWeight, sumPacked } from '../../src/text/packed-terms.js';
import { profileArticles, profileCacheSize, relatedArticles, relatedStoryOf, rememberedProfileCount, storyProfile, type RelatedArticle, type RelatedStory } from '../../src/stories/related.js';

const now = Date.UTC(2026, 2, 4, 12);
const hoursAgo = (h: number) => now - h * 3_600_000;

function story(id: string, title: string, text: string, articles: Array<Partial<RelatedArticle> & { id: string }>): RelatedStory {
  const { terms, entities } = storyProfile(title, text, 'en');
  return { id, terms, entities, articles: articles.map((a) => ({ story: id, published: hoursAgo(5), source: a.id, ...a })) };
}

const bridge = story('bridge', 'Lisbon bridge closed after ship strikes pillar', 'The April 25th Bridge in Lisbon was closed after the Maersk Aurora hit a pillar on the Tagus River.', [
  { id: 'me', source: 'meridian' },
  { id: 'copy-of-me', source: 'metro', duplicateOf: 'me' },
  { id: 'meridian-2', source: 'meridian', published: hoursAgo(1) },
  { id: 'harbor', source: 'harbor', published: hoursAgo(2) },
  { id: 'ledger', source: 'ledger', published: hoursAgo(3) },
]);
const ferries = story('ferries', 'Lisbon adds ferries while bridge is shut', 'Ferries between Lisbon and Almada run every ten minutes while the April 25th Bridge stays closed.', [
  { id: 'ferry-1', source: 'harbor', published: hoursAgo(4) },
]);
const oldBridge = story('old', 'Lisbon bridge repainted', 'The April 25th Bridge in Lisbon was repainted.', [
  { id: 'old-1', source: 'harbor', published: hoursAgo(24 * 10) },
]);
const football = story('football', 'Benfica win the derby', 'Benfica beat Sporting two nil in the derby.', [
  { id: 'goal', source: 'harbor' },
]);

describe('relatedArticles', () => {
  const me: RelatedArticle = { id: 'me', story: 'bridge', source: 'meridian', published: hoursAgo(5) };
  const result = relatedArticles(me, bridge, [bridge, ferries, oldBridge, football], now).map((a) => a.id);

  it('lists other outlets on the same story first, then a near recent story', () => {
    assert.deepEqual(result.slice(0, 2), ['harbor', 'ledger']);
    assert.equal(result[2], 'ferry-1');
  });
  it('never includes the article itself or its copies', () => {
    assert.ok(!result.includes('me') && !result.includes('copy-of-me'));
  });
  it('never includes the original when the page shows a copy', () => {
    const copy: RelatedArticle = { id: 'copy-of-me', story: 'bridge', source: 'metro', published: hoursAgo(5), duplicateOf: 'me' };
    const ids = relatedArticles(copy, bridge, [ferries], now).map((a) => a.id);
    assert.ok(!ids.includes('me') && !ids.includes('copy-of-me'), ids.join());
  });
  it('skips stories older than seven days and unrelated ones', () => {
    assert.ok(!result.includes('old-1') && !result.includes('goal'), result.join());
  });
  it('returns at most six', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ id: `o${i}`, source: `outlet-${i}` }));
    const big = story('bridge', 'Lisbon bridge closed', 'Lisbon bridge closed after a ship hit it.', [{ id: 'me', source: 'meridian' }, ...many]);
    assert.equal(relatedArticles(me, big, [ferries], now).length, 6);
  });
});

describe('relatedStoryOf', () => {
  // A long-running story: its first articles were about the ship, the latest about the ferries.
  const articles = Array.from({ length: 40 }, (_, i) => ({
    id: `a${i}`, story: 'bridge', source: `outlet-${i}`, published: hoursAgo(40 - i), entities: i < 28 ? ['maersk-aurora'] : ['almada'],
    title: i < 28 ? 'Maersk Aurora still pinned against the Lisbon bridge' : 'Extra ferries to Almada while the Lisbon bridge is shut',
    lead: i < 28 ? 'Tugs wait for the wind to drop.' : 'Ferries run every ten minutes.',
  }));
  const story = relatedStoryOf('bridge', articles, 'en');

  it('takes its terms and entities from its newest articles', () => {
    assert.ok(packedWeight(story.terms, 'ferry') > 0, 'a term of the newest articles');
    assert.equal(packedWeight(story.terms, 'tug'), 0, 'a term of the older articles only');
    assert.deepEqual(story.entities, ['almada']);
  });
  it(`keeps every article for the ranking (only ${profileArticles} make the profile)`, () => {
    assert.equal(story.articles.length, 40);
  });
  it('is what storyProfile sums give for a story of a dozen articles', () => {
    const few = articles.slice(28);
    const summed = sumPacked(few.map((a) => storyProfile(a.title, a.lead, 'en').terms));
    assert.deepEqual(relatedStoryOf('bridge', few, 'en').terms, summed);
    // Every one of the 12 has the title "Extra ferries to Almada …" (counted twice) and "ferries" in its lead.
    assert.equal(packedWeight(summed, 'ferry'), 12 * 3);
  });
  it('follows its newest articles: an edited lead, a newer article', () => {
    const edited = articles.map((a, i) => (i === 39 ? { ...a, lead: 'Tugs are back at the pillar.' } : a));
    assert.equal(packedWeight(relatedStoryOf('bridge', edited, 'en').terms, 'tug'), 1, 'an edited lead is summed');
    const newer = [...articles, { ...articles[0]!, id: 'a40', published: hoursAgo(0), title: 'Bridge reopens', lead: 'Cars cross again.', entities: ['lisbon'] }];
    const rebuilt = relatedStoryOf('bridge', newer, 'en');
    assert.ok(packedWeight(rebuilt.terms, 'reopen') > 0 && rebuilt.entities.includes('lisbon'), 'a newer article is summed');
    assert.equal(packedWeight(rebuilt.terms, 'ferry'), 11 * 3, 'the oldest of the twelve before it left the profile');
    assert.equal(rebuilt.articles.length, 41);
  });
  it('built without remembering: the same sums, and nothing new is kept', () => {
    const unseen = articles.map((a, i) => ({ ...a, id: `u${i}`, title: `${a.title} (update ${i})` }));
    const before = rememberedProfileCount();
    const transient = relatedStoryOf('bridge-unseen', unseen, 'en', false);
    assert.equal(rememberedProfileCount(), before, 'no article profile kept');
    const remembered = relatedStoryOf('bridge-unseen', unseen, 'en');
    assert.equal(rememberedProfileCount(), before + profileArticles, 'the newest articles\' profiles kept');
    assert.deepEqual(transient.terms, remembered.terms, 'the same terms as when remembered');
    assert.deepEqual(transient.entities, remembered.entities);
    relatedStoryOf('bridge-unseen', unseen, 'en', false);
    assert.equal(rememberedProfileCount(), before + profileArticles, 'remembered profiles are used, not added again');
  });
});

describe('storyProfile memory', () => {
  it('stays bounded over many articles, and keeps the profiles pages keep asking for', () => {
    // A top story's article is asked for on every page while thousands of others pass once.
    const top = storyProfile('Lisbon bridge reopens to traffic', 'Cars cross again.', 'en');
    for (let i = 0; i < profileCacheSize * 3; i++) {
      storyProfile(`Passing headline number ${i}`, 'A lead.', 'en');
      if (i % 1000 === 0) assert.equal(storyProfile('Lisbon bridge reopens to traffic', 'Cars cross again.', 'en'), top, `still remembered after ${i} others`);
    }
    assert.ok(rememberedProfileCount() <= 2 * profileCacheSize + 1, `at most two generations (${rememberedProfileCount()})`);
    assert.equal(packedWeight(top.terms, 'lisbon'), 2, 'the remembered profile is the article\'s (its title counted twice)');
  });
});
