// Stories' stored related profiles follow their membership on every write path: the assigner's joins
// (and its periodic merge/split pass), an edited article, a removal and the re-rank after it,
// `recluster`, a merged-away story's deletion. "Fresh" means: stored for the story's current
// membership version, and byte for byte what building it from the story's articles now gives.
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.js';
import { corpusInput, storeAndAssign, storeCorpusStories } from '../support/corpus-stories.js';
import { recluster } from '../../src/ingest/recluster.js';
import { rescoreStories } from '../../src/ingest/story-score.js';
import { deleteArticle } from '../../src/store/articles.js';
import type { Store } from '../../src/store/index.js';
import { entityIdsOfArticles, newestArticlesOfStories } from '../../src/store/pages.js';
import { storedStoryProfiles, storyMembershipVersion } from '../../src/store/story-profiles.js';
import { decodeRelatedProfile, encodeRelatedProfile } from '../../src/stories/related-profile.js';
import { entityKeysByArticle, profileArticles, rankedArticleOf, relatedStoryOfRows } from '../../src/stories/related.js';

const DAY = 86_400_000;

/** The profile of a story as built from its articles now, encoded. */
async function builtNow(store: Store, storyId: number, lang: string): Promise<Uint8Array> {
  const rows = await newestArticlesOfStories(store, [storyId], profileArticles, Number.MAX_SAFE_INTEGER);
  const entities = entityKeysByArticle(await entityIdsOfArticles(store, rows.map((x) => x.id)));
  return encodeRelatedProfile(relatedStoryOfRows(storyId, rows, entities, rows.map((x) => rankedArticleOf(x, storyId)), lang, false));
}

/** Asserts that every story with an original has a fresh stored profile (and no other story has one); returns how many. */
async function assertAllFresh(store: Store, what: string): Promise<number> {
  const stories = await store.db.selectFrom('stories').select(['id', 'lang', 'article_count', 'first_published_at', 'last_published_at']).execute();
  const stored = new Map((await storedStoryProfiles(store, stories.map((s) => s.id))).map((p) => [p.story_id, p]));
  let fresh = 0;
  for (const story of stories) {
    const originals = await store.db.selectFrom('articles').select('id').where('story_id', '=', story.id).where('duplicate_of', 'is', null).execute();
    const profile = stored.get(story.id);
    if (originals.length === 0) {
      assert.equal(profile, undefined, `${what}: story ${story.id} has no original and no profile`);
      continue;
    }
    assert.ok(profile, `${what}: story ${story.id} has a stored profile`);
    assert.equal(profile.version, storyMembershipVersion(story), `${what}: story ${story.id}'s profile is of its membership`);
    assert.equal(profile.lang, story.lang ?? 'en');
    assert.deepEqual(Buffer.from(profile.profile), Buffer.from(await builtNow(store, story.id, profile.lang)), `${what}: story ${story.id}'s profile is as built from its articles`);
    fresh++;
  }
  return fresh;
}

describeEachDatabase('stored related profiles', (test) => {
  test('the assigner stores each story\'s profile as articles join it; an edit rebuilds it', async ({ store }) => {
    const world = await storeCorpusStories(store);
    const stories = await assertAllFresh(store, 'after the corpus');
    assert.ok(stories >= 25, `${stories} stories`);
    const grown = await store.db.selectFrom('stories').select('id').where('article_count', '>=', 3).execute();
    assert.ok(grown.length >= 5, 'stories that articles joined');

    // An edited headline: the story's membership stays, its profile follows the new text.
    const a = world.corpus.find((x) => !x.copyOf && x.outlet !== 'priozerye')!;
    const id = world.ids.get(a.id)!;
    const { story_id: storyId } = await store.db.selectFrom('articles').select('story_id').where('id', '=', id).executeTakeFirstOrThrow();
    const before = (await storedStoryProfiles(store, [storyId!]))[0]!;
    await storeAndAssign(store, world.assigner, corpusInput(a, world.sources.get(a.outlet)!, { title: 'Lighthouse keeper rescues stranded ferry', contentHash: 'edited' }), world.now);
    const after = (await storedStoryProfiles(store, [storyId!]))[0]!;
    assert.equal(after.version, before.version, 'the same membership');
    assert.notDeepEqual(Buffer.from(after.profile), Buffer.from(before.profile), 'another profile');
    const terms = decodeRelatedProfile(storyId!, after.profile)!.terms;
    assert.ok(terms.keys.length > 0);
    await assertAllFresh(store, 'after an edit');
  });

  test('a removal drops the story\'s profile; the re-rank stores it for the new membership, and what is missing', async ({ store }) => {
    const world = await storeCorpusStories(store);
    const story = await store.db.selectFrom('stories').select(['id', 'article_count']).where('article_count', '>=', 2).orderBy('id').executeTakeFirstOrThrow();
    const newest = await newestArticlesOfStories(store, [story.id], 1, Number.MAX_SAFE_INTEGER);
    await store.writeTransaction((tx) => deleteArticle(tx, newest[0]!.id, world.now));
    assert.deepEqual(await storedStoryProfiles(store, [story.id]), [], 'no profile of a membership the story no longer has');
    // Profiles lost otherwise (a database from before stored profiles) come back with the re-rank too.
    const other = await store.db.selectFrom('stories').select('id').where('id', '!=', story.id).where('article_count', '>', 0).orderBy('id', 'desc').executeTakeFirstOrThrow();
    await store.db.deleteFrom('story_profiles').where('story_id', '=', other.id).execute();
    await store.writeTransaction((tx) => rescoreStories(tx, world.now, world.now - 7 * DAY));
    const [stored] = await storedStoryProfiles(store, [story.id]);
    assert.ok(stored, 'the re-rank stored it again');
    assert.equal(stored.version.split(':')[0], String(story.article_count - 1), 'for one article less');
    assert.equal((await storedStoryProfiles(store, [other.id])).length, 1, 'the missing one is stored');
    await assertAllFresh(store, 'after a removal and a re-rank');
  });

  test('recluster stores every rebuilt story\'s profile; a deleted story\'s profile goes with it', async ({ store }) => {
    const world = await storeCorpusStories(store);
    await recluster(store, world.now);
    assert.ok((await assertAllFresh(store, 'after recluster')) >= 25);
    // As the merge pass deletes a merged-away story once its articles moved.
    const [gone, into] = await store.db.selectFrom('stories').select('id').where('article_count', '>', 0).orderBy('id').limit(2).execute();
    await store.db.updateTable('articles').set({ story_id: into!.id }).where('story_id', '=', gone!.id).execute();
    await store.db.deleteFrom('stories').where('id', '=', gone!.id).execute();
    assert.deepEqual(await storedStoryProfiles(store, [gone!.id]), []);
  });
});
