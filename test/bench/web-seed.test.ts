// The site seeder of bench/web and `npm run audit`: a real SQLite file whose articles, stories,
// entities and search index agree with each other, and the same data for the same seed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { seedSiteDatabase, type SeededSite } from '../../bench/web-seed.js';
import { openStore, type Store } from '../../src/store/index.js';
import { searchArticles } from '../../src/store/articles.js';
import { getEntityBySlug, storyCounts, storyMembers } from '../../src/store/stories.js';
import { getSource } from '../../src/store/sources.js';
import { articlePath } from '../../src/web/urls.js';

const NOW = Date.UTC(2026, 2, 4, 12, 0, 0);
const dirs: string[] = [];

async function seeded(articles: number, seed: number): Promise<{ site: SeededSite; store: Store }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'topstory-seed-'));
  dirs.push(dataDir);
  const site = await seedSiteDatabase({ dataDir, articles, seed, now: NOW });
  return { site, store: openStore({ sqlitePath: join(dataDir, 'topstory.db') }) };
}

describe('web seed', () => {
  const stores: Store[] = [];
  after(async () => {
    for (const s of stores) await s.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('writes 200 articles whose stories, counts, entities and search index agree', async () => {
    const { site, store } = await seeded(200, 7);
    stores.push(store);
    assert.deepEqual(site.counts, { articles: 200, stories: 50, sources: 12, entities: site.counts.entities }, 'articles, stories and sources as asked');
    const orphans = await store.db.selectFrom('articles').select('id').where('story_id', 'is', null).execute();
    assert.equal(orphans.length, 0, 'every article is in a story');
    const future = await store.db.selectFrom('articles').select('id').where('published_at', '>', NOW).execute();
    assert.equal(future.length, 0, 'nothing is published after the seed clock');
    for (const story of await store.db.selectFrom('stories').selectAll().execute()) {
      const counts = storyCounts(await storyMembers(store, story.id));
      assert.ok(counts, `story ${story.id} has an original article`);
      assert.equal(story.article_count, counts.article_count, `story ${story.id} article count matches its articles`);
      assert.equal(story.outlet_count, counts.outlet_count, `story ${story.id} outlet count matches its articles`);
      assert.ok(story.score > 0, `story ${story.id} is scored`);
    }
    const copies = await store.db.selectFrom('articles as copy').innerJoin('articles as original', 'original.id', 'copy.duplicate_of')
      .select(['copy.id', 'copy.story_id as copyStory', 'original.story_id as originalStory', 'original.duplicate_of as originalOf']).execute();
    for (const c of copies) {
      assert.equal(c.copyStory, c.originalStory, `duplicate ${c.id} is in its original's story`);
      assert.equal(c.originalOf, null, `duplicate ${c.id} points at an original`);
    }
    const unlinked = await store.db.selectFrom('articles').select('id')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('article_entities').select('entity_id').whereRef('article_entities.article_id', '=', 'articles.id')))).execute();
    assert.equal(unlinked.length, 0, 'every article names its entities');
  });

  it('returns pages that exist: the Top Story, its articles, a topic, a source and a search word that hits', async () => {
    const { site, store } = await seeded(200, 7);
    stores.push(store);
    const top = await store.db.selectFrom('stories').select('id').orderBy('pinned', 'desc').orderBy('score', 'desc').orderBy('last_published_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(site.storyId, top.id, 'storyId is the Top Story');
    for (const page of [site.article, site.excerptArticle]) {
      const row = await store.db.selectFrom('articles').innerJoin('sources', 'sources.id', 'articles.source_id')
        .select(['articles.id', 'articles.title', 'articles.story_id', 'sources.display']).where('articles.id', '=', page.id).executeTakeFirst();
      assert.ok(row, `article ${page.id} exists`);
      assert.equal(row.story_id, site.storyId, 'the article belongs to the Top Story');
      assert.equal(page.path, articlePath(row), 'the path is the site path of that article');
      assert.equal(page.display, row.display, 'display is the source policy');
    }
    assert.equal(site.excerptArticle.display, 'excerpt', 'the indexable article comes from an excerpt source');
    const topic = await getEntityBySlug(store, site.topicSlug);
    assert.ok(topic, 'the topic exists');
    const linked = await store.db.selectFrom('article_entities').select('article_id').where('entity_id', '=', topic.id).execute();
    assert.ok(linked.length > 0, 'the topic has articles');
    assert.ok(await getSource(store, site.sourceSlug), 'the source exists');
    const found = await searchArticles(store, site.searchWord, { limit: 10 });
    assert.ok(found.total >= linked.length, `searching "${site.searchWord}" finds at least the topic's articles (${found.total} of ${linked.length})`);
  });

  it('writes the same articles for the same seed and different ones for another', async () => {
    const titles = async (seed: number) => {
      const { store } = await seeded(60, seed);
      stores.push(store);
      return (await store.db.selectFrom('articles').select(['title', 'text', 'published_at']).orderBy('id').execute());
    };
    const [a, b, c] = [await titles(3), await titles(3), await titles(4)];
    assert.deepEqual(a, b, 'same seed, same data');
    assert.notDeepEqual(a, c, 'another seed, other data');
  });
});
