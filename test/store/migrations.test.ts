// Migrations applied to data stored before them: 0005 rebuilds SQLite's articles table with the
// body last and must keep every row, id, link, index, trigger and the id sequence; on PostgreSQL it
// changes nothing. Both databases run the same body.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { freshPostgres, freshSqlite, type TestDatabase } from '../support/databases.js';
import { migrate, migrations } from '../../src/store/migrations.js';
import { addSource } from '../../src/store/sources.js';
import { deleteArticle, getArticle, searchArticles, upsertArticle, type ArticleInput } from '../../src/store/articles.js';
import { createStory, setArticleEntities, upsertEntity } from '../../src/store/stories.js';
import { insertComment } from '../../src/store/comments.js';
import type { Store } from '../../src/store/index.js';

const T0 = Date.UTC(2026, 2, 2, 12, 0, 0);
const body = 'Engineers inspected the harbour bridge pillars all night. '.repeat(400);

function article(sourceId: number, n: number, over: Partial<ArticleInput> = {}): ArticleInput {
  return {
    sourceId, url: `https://news.example/a/${n}`, normalizedUrl: `https://news.example/a/${n}`, guid: `guid-${n}`,
    contentHash: `hash-${n}`, title: `Harbour bridge closed after storm ${n}`, lead: 'Engineers inspect the damage.',
    byline: 'Ada Reporter', text: `${body} Ferry number ${n}.`, html: `<p>${body}</p><p>Ferry number ${n}.</p>`,
    lang: 'en', imageUrl: `https://news.example/i/${n}.jpg`, canonicalUrl: null, siteName: 'News', wordCount: 2400, publishedAt: T0 + n * 1000, modifiedAt: null, ...over,
  };
}

const databases: Array<[string, () => Promise<TestDatabase>]> = [['sqlite', async () => freshSqlite()]];
if (process.env.TEST_DATABASE_URL) databases.push(['postgres', freshPostgres]);
else describe('migrations on stored data [postgres]', { skip: 'TEST_DATABASE_URL is not set: PostgreSQL half skipped (CI sets it)' }, () => {});

for (const [name, fresh] of databases) {
  describe(`migrations on stored data [${name}]`, () => {
    it('0005_article_bodies_last keeps every article, link, index, trigger and the id sequence', async () => {
      const database = await fresh();
      const store: Store = database.open();
      try {
        const applied = await migrate(store, () => T0, { through: '0004_page_query_indexes' });
        assert.equal(applied.at(-1), '0004_page_query_indexes');
        // Data stored under the old layout: two outlets' articles in a story, a copy, entities, a reply thread, a removal.
        const s = await addSource(store, { name: 'Harbour Times', url: 'https://harbour.example/feed.xml' }, T0);
        const story = await createStory(store, { title: 'Harbour bridge', lang: 'en', publishedAt: T0 }, T0);
        const ids: number[] = [];
        for (let n = 1; n <= 6; n++) ids.push((await upsertArticle(store, article(s.id, n), T0)).id);
        await store.db.updateTable('articles').set({ story_id: story }).where('id', 'in', ids).execute();
        await store.db.updateTable('articles').set({ duplicate_of: ids[0]! }).where('id', '=', ids[1]!).execute();
        const entity = await upsertEntity(store, { kind: 'place', name: 'Harbour', slug: 'harbour' }, T0);
        await setArticleEntities(store, ids[0]!, [{ entityId: entity, mentions: 3 }]);
        const comment = await insertComment(store, { articleId: ids[0]!, parentId: null, status: 'approved', authorName: 'Reader', authorEmail: 'r@example.org', authorUrl: null, body: 'Good piece.', ipHash: 'h', deleteTokenHash: null }, T0);
        await insertComment(store, { articleId: ids[0]!, parentId: comment, status: 'approved', authorName: 'Other', authorEmail: 'o@example.org', authorUrl: null, body: 'Agreed.', ipHash: 'h2', deleteTokenHash: null, depth: 2 }, T0);
        // The newest article is removed: its id must never be given out again. (Removed as deleteArticle
        // did then: it now also drops the story's stored profile, whose table 0006 makes.)
        await store.db.deleteFrom('articles').where('id', '=', ids[5]!).execute();
        await store.db.insertInto('removed_articles').values({ id: ids[5]!, removed_at: T0 }).execute();
        const before = await store.db.selectFrom('articles').selectAll().orderBy('id').execute();

        assert.deepEqual(await migrate(store, () => T0, { through: '0005_article_bodies_last' }), ['0005_article_bodies_last']);
        assert.deepEqual(await migrate(store, () => T0, { through: '0005_article_bodies_last' }), [], 'applied once');
        const after = await store.db.selectFrom('articles').selectAll().orderBy('id').execute();
        assert.deepEqual(after, before, 'every article with every value');
        if (name === 'sqlite') {
          const columns = (await sql<{ name: string }>`pragma table_info(articles)`.execute(store.db)).rows.map((c) => c.name);
          assert.deepEqual(columns.slice(-2), ['text', 'html'], `the body last: ${columns.join(', ')}`);
          assert.equal(columns.length, 23);
          const indexes = (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'articles' and name not like 'sqlite_autoindex%' order by name`.execute(store.db)).rows.map((r) => r.name);
          assert.deepEqual(indexes, ['articles_duplicate', 'articles_published', 'articles_source', 'articles_source_guid', 'articles_story', 'articles_updated']);
          assert.equal((await sql<{ n: number }>`select count(*) as n from pragma_foreign_key_check`.execute(store.db)).rows[0]!.n, 0);
          assert.equal((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db)).rows[0]!.foreign_keys, 1, 'foreign keys on again');
        }
        // The migrations after it on the same data (what removing an article touches since 0006 included).
        assert.deepEqual(await migrate(store, () => T0), migrations.slice(migrations.findIndex((m) => m.id === '0005_article_bodies_last') + 1).map((m) => m.id));
        assert.deepEqual(await store.db.selectFrom('story_profiles').selectAll().execute(), [], 'no stored profile yet: pages build them until the re-rank stores them');
        // Full-text search still finds the stored articles, and the triggers index new and edited ones.
        assert.equal((await searchArticles(store, 'ferry', { limit: 10 })).total, 5, 'the five articles not removed');
        const added = await upsertArticle(store, article(s.id, 7, { text: `${body} A tugboat came.` }), T0);
        assert.ok(added.id > ids[5]!, `a new article gets a new id (${added.id} after the removed ${ids[5]})`);
        assert.equal((await searchArticles(store, 'tugboat', { limit: 10 })).total, 1);
        assert.equal((await getArticle(store, ids[0]!))?.html.length, article(s.id, 1).html.length);
        // Links survive and still act: the copy points at its original; removing the original
        // removes its entity links and comments (cascade) and unlinks the copy (set null).
        assert.equal((await store.db.selectFrom('comments').select('id').where('article_id', '=', ids[0]!).execute()).length, 2);
        assert.equal((await store.db.selectFrom('article_entities').select('entity_id').where('article_id', '=', ids[0]!).execute()).length, 1);
        await deleteArticle(store, ids[0]!, T0);
        assert.equal((await store.db.selectFrom('comments').select('id').where('article_id', '=', ids[0]!).execute()).length, 0);
        assert.equal((await store.db.selectFrom('article_entities').select('entity_id').where('article_id', '=', ids[0]!).execute()).length, 0);
        assert.equal((await getArticle(store, ids[1]!))?.duplicate_of, null);
      } finally {
        await store.close();
        await database.drop();
      }
    });

    it('refuses an unknown migration to stop at', async () => {
      const database = await fresh();
      const store = database.open();
      try {
        await assert.rejects(migrate(store, () => T0, { through: '9999_nothing' }), /no migration 9999_nothing/);
        assert.deepEqual(await migrate(store, () => T0), migrations.map((m) => m.id));
      } finally {
        await store.close();
        await database.drop();
      }
    });
  });
}
