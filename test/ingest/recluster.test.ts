// `recluster` rebuilds stories from stored articles: copies point at their originals, each event's
// coverage shares a story, pins survive, and a running assigner follows the rebuild.
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.js';
import { loadCorpus } from '../../demo/corpus.js';
import { recluster } from '../../src/ingest/recluster.js';
import { createStoryAssigner } from '../../src/ingest/story-assigner.js';
import { analyzeArticle } from '../../src/stories/article.js';
import { upsertArticle } from '../../src/store/articles.js';
import { addSource } from '../../src/store/sources.js';
import { setStoryPinned } from '../../src/store/stories.js';
import { blocksText } from '../support/corpus-text.js';

describeEachDatabase('recluster', (test) => {
  test('rebuilds stories from the stored demo corpus', async ({ store }) => {
    const corpus = loadCorpus();
    const now = Date.UTC(2026, 2, 5);
    const sources = new Map<string, number>();
    const ids = new Map<string, number>();
    for (const a of corpus) {
      if (!sources.has(a.outlet)) sources.set(a.outlet, (await addSource(store, { name: a.outlet, url: `https://${a.outlet}.example/feed` }, now)).id);
      const text = blocksText(a.body);
      const { id } = await upsertArticle(store, {
        sourceId: sources.get(a.outlet)!, url: `https://${a.outlet}.example/${a.id}`, normalizedUrl: `https://${a.outlet}.example/${a.id}`,
        guid: a.id, contentHash: a.id, title: a.title, lead: a.lead, byline: a.byline, text, html: '', lang: a.outlet === 'priozerye' ? 'ru' : 'en',
        imageUrl: null, canonicalUrl: null, siteName: null, wordCount: text.split(/\s+/).length, publishedAt: Date.parse(a.published), modifiedAt: null,
      }, now);
      ids.set(a.id, id);
    }
    const first = await recluster(store, now);
    assert.equal(first.articles, corpus.length);
    const rows = new Map((await store.db.selectFrom('articles').select(['id', 'story_id', 'duplicate_of']).execute()).map((r) => [r.id, r]));
    for (const a of corpus.filter((x) => x.copyOf)) {
      const row = rows.get(ids.get(a.id)!)!;
      const original = rows.get(ids.get(a.copyOf!)!)!;
      assert.equal(row.story_id, original.story_id, `${a.id} shares its original's story`);
      assert.ok(row.duplicate_of !== null, `${a.id} is marked a duplicate`);
    }
    assert.ok(first.stories < corpus.length && first.stories >= 25, `${first.stories} stories`);
    const chile = corpus.filter((a) => a.story === 'a-chile-quake').map((a) => rows.get(ids.get(a.id)!)!.story_id);
    assert.ok(new Set(chile).size <= 2, 'the coverage of one event is (nearly) one story');

    // A pinned story stays pinned through a rebuild; an assigner made before the rebuild follows it.
    const pinned = rows.get(ids.get(corpus[0]!.id)!)!.story_id!;
    await setStoryPinned(store, pinned, true, now);
    const assigner = createStoryAssigner();
    const second = await recluster(store, now);
    assert.equal(second.stories, first.stories, 'deterministic');
    const pinnedAfter = await store.db.selectFrom('stories').select('id').where('pinned', '=', 1).execute();
    assert.equal(pinnedAfter.length, 1);
    const late = corpus.find((a) => a.story === 'a-chile-quake' && !a.copyOf)!;
    const { id } = await upsertArticle(store, {
      sourceId: sources.get('northfield')!, url: 'https://northfield.example/late', normalizedUrl: 'https://northfield.example/late', guid: 'late',
      contentHash: 'late', title: late.title, lead: null, byline: null, text: blocksText(late.body), html: '', lang: 'en', imageUrl: null,
      canonicalUrl: null, siteName: null, wordCount: 100, publishedAt: Date.parse(late.published) + 60_000, modifiedAt: null,
    }, now);
    await store.writeTransaction((tx) => assigner.assign(tx, { id, analyzed: analyzeArticle({ id: String(id), title: late.title, text: blocksText(late.body), published: Date.parse(late.published) + 60_000, lang: 'en' }) }, now));
    const lateRow = await store.db.selectFrom('articles').select(['story_id', 'duplicate_of']).where('id', '=', id).executeTakeFirstOrThrow();
    const originalStory = (await store.db.selectFrom('articles').select('story_id').where('id', '=', ids.get(late.id)!).executeTakeFirstOrThrow()).story_id;
    assert.equal(lateRow.story_id, originalStory, 'the re-post joins the rebuilt story');
    assert.equal(lateRow.duplicate_of, ids.get(late.id), 'and is a duplicate of the stored original');
  });
});
