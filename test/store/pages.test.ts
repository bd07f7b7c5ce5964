// The site's bounded read queries (src/store/pages.ts), the same body on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.js';
import { addSource } from '../../src/store/sources.js';
import { setArticleStory, upsertArticle } from '../../src/store/articles.js';
import { createStory, setArticleEntities, upsertEntity } from '../../src/store/stories.js';
import { entityIdsOfArticles, MENTIONS_PER_ENTITY, newestArticlesOfStories, storiesSharingEntities } from '../../src/store/pages.js';
import type { Tx } from '../../src/store/index.js';

const T0 = Date.UTC(2026, 2, 2, 12, 0, 0);
const HOUR = 3_600_000;

/** Stores an article of `story` published at `at`; returns its id. */
async function storedArticle(tx: Tx, sourceId: number, n: number, story: number, at: number, duplicateOf: number | null = null): Promise<number> {
  const { id } = await upsertArticle(tx, {
    sourceId, url: `https://news.example/a/${n}`, normalizedUrl: `https://news.example/a/${n}`, guid: `g${n}`, contentHash: `h${n}`,
    title: `Headline ${n}`, lead: `Lead ${n}.`, byline: null, text: `Text ${n}.`, html: `<p>Text ${n}.</p>`, lang: 'en', imageUrl: null,
    canonicalUrl: null, siteName: null, wordCount: 2, publishedAt: at, modifiedAt: null,
  }, T0);
  await setArticleStory(tx, id, story, duplicateOf, T0);
  return id;
}

describeEachDatabase('site queries', (test) => {
  test('newestArticlesOfStories: the newest originals of each story up to a time, newest first', async ({ store }) => {
    const src = await addSource(store, { name: 'Harbour Times', url: 'https://harbour.example/feed.xml' }, T0);
    const big = await createStory(store, { title: 'Big', lang: 'en', publishedAt: T0 }, T0);
    const small = await createStory(store, { title: 'Small', lang: 'en', publishedAt: T0 }, T0);
    const bigIds: number[] = [];
    for (let i = 0; i < 20; i++) bigIds.push(await storedArticle(store, src.id, i, big, T0 + i * HOUR));
    const copy = await storedArticle(store, src.id, 100, big, T0 + 30 * HOUR, bigIds[0]);
    const future = await storedArticle(store, src.id, 101, big, T0 + 40 * HOUR);
    const only = await storedArticle(store, src.id, 200, small, T0);
    const rows = await newestArticlesOfStories(store, [big, small, big], 5, T0 + 35 * HOUR);
    const ofBig = rows.filter((r) => r.story_id === big).map((r) => r.id);
    assert.deepEqual(ofBig, bigIds.slice(15).reverse(), 'the five newest originals of the big story, newest first');
    assert.ok(!ofBig.includes(copy) && !ofBig.includes(future), 'no duplicate, nothing after the given time');
    assert.deepEqual(rows.filter((r) => r.story_id === small).map((r) => r.id), [only], 'a small story whole');
    assert.equal(rows[0]!.source_name, 'Harbour Times', 'rows carry the outlet');
    assert.deepEqual(await newestArticlesOfStories(store, [], 5, T0), []);
  });

  test('entityIdsOfArticles: each article with the ids of the entities it names', async ({ store }) => {
    const src = await addSource(store, { name: 'Harbour Times', url: 'https://harbour.example/feed.xml' }, T0);
    const story = await createStory(store, { title: 'Story', lang: 'en', publishedAt: T0 }, T0);
    const country = await upsertEntity(store, { kind: 'place', name: 'Kazakhstan', slug: 'kazakhstan' }, T0);
    const minister = await upsertEntity(store, { kind: 'person', name: 'Ada Minister', slug: 'ada-minister' }, T0);
    const a = await storedArticle(store, src.id, 1, story, T0);
    const b = await storedArticle(store, src.id, 2, story, T0);
    const none = await storedArticle(store, src.id, 3, story, T0);
    await setArticleEntities(store, a, [{ entityId: country, mentions: 2 }, { entityId: minister, mentions: 1 }]);
    await setArticleEntities(store, b, [{ entityId: minister, mentions: 1 }]);
    const pairs = (await entityIdsOfArticles(store, [a, b, none])).map((r) => `${r.article_id}:${r.entity_id}`).sort();
    assert.deepEqual(pairs, [`${a}:${country}`, `${a}:${minister}`, `${b}:${minister}`].sort());
    assert.deepEqual(await entityIdsOfArticles(store, []), []);
  });

  test('storiesSharingEntities: most shared first, recent only, and a common entity read by its newest mentions', async ({ store }) => {
    const src = await addSource(store, { name: 'Harbour Times', url: 'https://harbour.example/feed.xml' }, T0);
    const own = await createStory(store, { title: 'Own', lang: 'en', publishedAt: T0 }, T0);
    const both = await createStory(store, { title: 'Both', lang: 'en', publishedAt: T0 }, T0);
    const old = await createStory(store, { title: 'Old', lang: 'en', publishedAt: T0 }, T0);
    const country = await upsertEntity(store, { kind: 'place', name: 'Kazakhstan', slug: 'kazakhstan' }, T0);
    const minister = await upsertEntity(store, { kind: 'person', name: 'Ada Minister', slug: 'ada-minister' }, T0);
    let n = 0;
    const mention = async (story: number, at: number, entities: number[]) => {
      const id = await storedArticle(store, src.id, n++, story, at);
      await setArticleEntities(store, id, entities.map((entityId) => ({ entityId, mentions: 1 })));
    };
    await mention(old, T0, [country, minister]);
    await mention(own, T0 + 10 * HOUR, [country, minister]);
    // Many stories name the country later; only its newest mentions are read.
    const later: number[] = [];
    for (let i = 0; i < MENTIONS_PER_ENTITY + 5; i++) {
      const story = await createStory(store, { title: `Later ${i}`, lang: 'en', publishedAt: T0 }, T0);
      later.push(story);
      await mention(story, T0 + 12 * HOUR + i, [country]);
    }
    await mention(both, T0 + 11 * HOUR, [country, minister]);
    const since = T0 + 5 * HOUR;
    const found = await storiesSharingEntities(store, own, [country, minister], since, 1000);
    assert.equal(found[0], both, 'the story sharing both entities comes first');
    assert.ok(!found.includes(own), 'never the story itself');
    assert.ok(!found.includes(old), 'not a story whose mentions are older than `since`');
    assert.equal(found.length, 1 + MENTIONS_PER_ENTITY - 1, 'the country counts by its newest mentions only (one of them is the story sharing both)');
    assert.ok(found.includes(later.at(-1)!) && !found.includes(later[0]!), 'the newest mentions, not the oldest');
    assert.deepEqual(await storiesSharingEntities(store, own, [country, minister], since, 3), [both, ...later.slice(-2).reverse()], 'limit, ties by newest story');
    assert.deepEqual(await storiesSharingEntities(store, own, [], since, 3), []);
  });
});
