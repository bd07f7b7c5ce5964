// The article page reads a candidate story's stored related profile, and its own story's, when it
// is of the story's current membership and of the page's language, and builds the story from its
// articles otherwise: related lists are the same either way.
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.js';
import { storeCorpusStories } from '../support/corpus-stories.js';
import type { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { Store } from '../../src/store/index.js';
import { articlesOfStories, articleWithSource, entitiesOfArticles } from '../../src/store/pages.js';
import { saveStoryProfile, storedStoryProfiles } from '../../src/store/story-profiles.js';
import { decodeRelatedProfile, encodeRelatedProfile } from '../../src/stories/related-profile.js';
import { relatedFor } from '../../src/web/related.js';

/** A fresh app: the candidates its pages remember are its own, so each starts with none. */
function freshApp(store: Store): App {
  return { config: loadConfig({}), store, log: createLogger('silent'), secret: 'x'.repeat(32), close: async () => {} };
}

/** The related articles' ids of an article page, as the page asks for them. */
async function relatedIds(app: App, id: number, now: number): Promise<number[]> {
  const { article } = (await articleWithSource(app.store, id))!;
  const own = await articlesOfStories(app.store, [article.story_id!]);
  const entities = await entitiesOfArticles(app.store, own.map((x) => x.id), 12);
  return (await relatedFor(app, article, own, entities.map((e) => e.id), now, new Set())).map((x) => x.id);
}

describeEachDatabase('related articles from stored profiles', (test) => {
  test('every article page lists the same related articles with and without stored profiles', async ({ store }) => {
    const world = await storeCorpusStories(store);
    const ids = [...world.ids.values()];
    const stored = await storedStoryProfiles(store, (await store.db.selectFrom('stories').select('id').execute()).map((s) => s.id));
    assert.ok(stored.length >= 25, `${stored.length} stored profiles`);
    const withStored = freshApp(store);
    const lists: number[][] = [];
    for (const id of ids) lists.push(await relatedIds(withStored, id, world.now));
    await store.db.deleteFrom('story_profiles').execute();
    const built = freshApp(store);
    for (const [i, id] of ids.entries()) assert.deepEqual(await relatedIds(built, id, world.now), lists[i], `article ${id}`);
    // Not a comparison of empty lists: pages show articles of other stories.
    const storyOf = new Map((await store.db.selectFrom('articles').select(['id', 'story_id']).execute()).map((r) => [r.id, r.story_id]));
    const fromOthers = ids.filter((id, i) => lists[i]!.some((x) => storyOf.get(x) !== storyOf.get(id)));
    assert.ok(fromOthers.length >= 20, `${fromOthers.length} of ${ids.length} pages list other stories`);
  });

  test('a page reads a stored profile of the current membership and language, and builds a stale or missing one', async ({ store }) => {
    const world = await storeCorpusStories(store);
    const ids = [...world.ids.values()];
    const storyOf = new Map((await store.db.selectFrom('articles').select(['id', 'story_id']).execute()).map((r) => [r.id, r.story_id!]));
    // A page with a related article of another story, and an article of a third story it does not list.
    let page: { id: number; shown: number; candidate: number; stranger: number } | undefined;
    for (const id of ids) {
      const list = await relatedIds(freshApp(store), id, world.now);
      const shown = list.find((x) => storyOf.get(x) !== storyOf.get(id));
      const stranger = ids.find((x) => !list.includes(x) && storyOf.get(x) !== storyOf.get(id) && storyOf.get(x) !== storyOf.get(shown ?? -1));
      if (shown !== undefined && stranger !== undefined) {
        page = { id, shown, candidate: storyOf.get(shown)!, stranger };
        break;
      }
    }
    assert.ok(page, 'a page that lists another story');
    const [real] = await storedStoryProfiles(store, [page.candidate]);
    assert.ok(real);
    // The candidate's stored profile made to offer the stranger as its newest article: only a page that
    // reads the stored profile can list it.
    const profile = decodeRelatedProfile(page.candidate, real.profile)!;
    const strangerRow = (await articleWithSource(store, page.stranger))!.article;
    const planted = encodeRelatedProfile({
      ...profile, articles: [{ id: String(page.stranger), story: String(page.candidate), source: String(strangerRow.source_id), published: world.now - 60_000, duplicateOf: null }],
    });
    const related = async () => relatedIds(freshApp(store), page.id, world.now);
    await saveStoryProfile(store, { ...real, profile: planted });
    const read = await related();
    assert.ok(read.includes(page.stranger) && !read.includes(page.shown), 'the stored profile is what the page compared');
    await saveStoryProfile(store, { ...real, version: `${real.version}-before`, profile: planted });
    assert.ok((await related()).includes(page.shown), 'a profile of another membership is not read: built from the articles');
    await saveStoryProfile(store, { ...real, lang: 'xx', profile: planted });
    assert.ok((await related()).includes(page.shown), 'nor one tokenized in another language');
    await saveStoryProfile(store, { ...real, profile: planted });
    const [version] = await store.db.selectFrom('stories').select('last_published_at').where('id', '=', page.candidate).execute();
    assert.ok((await relatedIds(freshApp(store), page.id, version!.last_published_at - 1)).every((x) => x !== page.stranger), 'nor at a time before the story\'s last article');
    await store.db.deleteFrom('story_profiles').where('story_id', '=', page.candidate).execute();
    assert.ok((await related()).includes(page.shown), 'a missing one is built');
    // The page's own story is compared by its stored profile too: stored with no terms and no
    // entities, no other story is near it, and the page lists only the story's own coverage.
    const own = storyOf.get(page.id)!;
    const [ownStored] = await storedStoryProfiles(store, [own]);
    assert.ok(ownStored);
    const before = await related();
    const ownProfile = decodeRelatedProfile(own, ownStored.profile)!;
    const empty = { keys: new Uint32Array(0), weights: new Float64Array(0), norm: 0 };
    await saveStoryProfile(store, { ...ownStored, profile: encodeRelatedProfile({ ...ownProfile, terms: empty, entities: [] }) });
    const after = await related();
    assert.ok(before.some((x) => storyOf.get(x) !== own), 'the page lists another story');
    assert.deepEqual(after, before.filter((x) => storyOf.get(x) === own), 'the own story\'s stored profile is what the page compared the others with');
    await store.db.deleteFrom('story_profiles').where('story_id', '=', own).execute();
    assert.deepEqual(await related(), before, 'without it the own story is built from its articles as the write path builds it');
  });
});
