// Repository behaviour, the same body on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDatabase } from '../support/databases.js';
import { migrate, migrations } from '../../src/store/migrations.js';
import { addSource, getSource, listSources, recordSourceFailure, recordSourceSuccess } from '../../src/store/sources.js';
import { deleteArticle, getArticle, MATCH_END, MATCH_START, searchArticles, upsertArticle, type ArticleInput } from '../../src/store/articles.js';
import { claimJobs, completeJob, enqueueJob, failJob, jobCounts } from '../../src/store/jobs.js';
import { apiKeyUser, authenticateUser, createApiKey, createSession, createUser, sessionUser } from '../../src/store/users.js';
import { getSetting, setSetting } from '../../src/store/settings.js';
import { createStory, rankedStories, refreshStoryCounts, setStoryPinned, setStoryScore, storiesOfEntity, upsertEntity, setArticleEntities } from '../../src/store/stories.js';
import { commentsOfArticle, insertComment, moderateComment } from '../../src/store/comments.js';
import type { Tx } from '../../src/store/index.js';

const T0 = Date.UTC(2026, 2, 2, 12, 0, 0);

function article(sourceId: number, n: number, over: Partial<ArticleInput> = {}): ArticleInput {
  return {
    sourceId, url: `https://news.example/a/${n}`, normalizedUrl: `https://news.example/a/${n}`, guid: `guid-${n}`,
    contentHash: `hash-${n}`, title: `Harbour bridge closed after storm ${n}`, lead: 'Engineers inspect the damage.',
    byline: 'Ada Reporter', text: 'The harbour bridge was closed on Monday.\nFerries run extra services.', html: '<p>The harbour bridge was closed on Monday.</p>',
    lang: 'en', imageUrl: null, canonicalUrl: null, siteName: 'News', wordCount: 12, publishedAt: T0 + n * 1000, modifiedAt: null, ...over,
  };
}

async function source(tx: Tx, name = 'Harbour Times', url = 'https://harbour.example/feed.xml') {
  return addSource(tx, { name, url }, T0);
}

describeEachDatabase('store', (test) => {
  test('migrate is idempotent and records every migration', async ({ store }) => {
    assert.deepEqual(await migrate(store), []);
    const rows = await store.db.selectFrom('schema_migrations').select('id').execute();
    assert.deepEqual(rows.map((r) => r.id), migrations.map((m) => m.id));
  });

  test('sources: add, unique slug, duplicate URL refused, health recorded', async ({ store }) => {
    const a = await source(store);
    assert.equal(typeof a.id, 'number');
    assert.equal(a.slug, 'harbour-times');
    assert.equal(a.next_check_at, T0);
    const b = await addSource(store, { name: 'Harbour Times', url: 'https://other.example/rss' }, T0);
    assert.equal(b.slug, 'harbour-times-2');
    await assert.rejects(source(store), /already a source/);
    await recordSourceFailure(store, a.id, { now: T0 + 1, error: 'fetch: connection refused', nextCheckAt: T0 + 60_000 });
    await recordSourceFailure(store, a.id, { now: T0 + 2, error: 'fetch: timeout', nextCheckAt: T0 + 120_000 });
    let row = await getSource(store, a.id);
    assert.equal(row?.consecutive_failures, 2);
    assert.equal(row?.failing_since, T0 + 1);
    assert.equal(row?.last_error, 'fetch: timeout');
    await recordSourceSuccess(store, a.id, { now: T0 + 3, nextCheckAt: T0 + 1_800_000, etag: '"abc"' });
    row = await getSource(store, 'harbour-times');
    assert.equal(row?.consecutive_failures, 0);
    assert.equal(row?.failing_since, null);
    assert.equal(row?.etag, '"abc"');
    assert.equal((await listSources(store)).length, 2);
  });

  test('articles: stored once, updated in place when changed, ids are numbers', async ({ store }) => {
    const s = await source(store);
    const first = await upsertArticle(store, article(s.id, 1), T0);
    assert.equal(first.outcome, 'created');
    assert.equal(typeof first.id, 'number');
    assert.deepEqual(await upsertArticle(store, article(s.id, 1), T0 + 5), { id: first.id, outcome: 'unchanged' });
    // Same guid from the same source under another URL is the same article.
    const moved = await upsertArticle(store, article(s.id, 1, { normalizedUrl: 'https://news.example/moved', contentHash: 'hash-new', title: 'Bridge reopens' }), T0 + 9);
    assert.deepEqual(moved, { id: first.id, outcome: 'updated' });
    const row = await getArticle(store, first.id);
    assert.equal(row?.title, 'Bridge reopens');
    assert.equal(typeof row?.published_at, 'number');
    assert.equal(row?.created_at, T0);
    assert.equal(row?.updated_at, T0 + 9);
  });

  test('search: finds words, follows updates and deletes in the same transaction, never breaks on odd input', async ({ store }) => {
    const s = await source(store);
    const a = await upsertArticle(store, article(s.id, 1, { title: 'Volcano erupts near Reykjavik', text: 'Lava reached the coastal road overnight.', lead: null }), T0);
    await upsertArticle(store, article(s.id, 2, { title: 'Markets calm', text: 'Shares rose slightly.' }), T0);
    const result = await searchArticles(store, 'lava coastal', { limit: 10 });
    assert.equal(result.total, 1);
    assert.equal(result.hits[0]?.id, a.id);
    assert.ok(result.hits[0]?.snippet.includes(`${MATCH_START}`) && result.hits[0]?.snippet.includes(MATCH_END), result.hits[0]?.snippet);
    // An update that rolls back leaves the index as it was.
    await assert.rejects(store.writeTransaction(async (tx) => {
      await upsertArticle(tx, article(s.id, 1, { contentHash: 'x', title: 'Glacier', text: 'Ice only.' }), T0 + 1);
      throw new Error('abort');
    }));
    assert.equal((await searchArticles(store, 'lava', { limit: 10 })).total, 1);
    await store.writeTransaction((tx) => upsertArticle(tx, article(s.id, 1, { contentHash: 'y', title: 'Glacier', text: 'Ice only.' }), T0 + 2));
    assert.equal((await searchArticles(store, 'lava', { limit: 10 })).total, 0);
    assert.equal((await searchArticles(store, 'glacier', { limit: 10 })).total, 1);
    await deleteArticle(store, a.id);
    assert.equal((await searchArticles(store, 'glacier', { limit: 10 })).total, 0);
    for (const odd of ['', '   ', '"', 'AND OR NOT', 'title:*', '(((', "'; drop table articles; --", 'NEAR(a b)', '\u0000']) {
      const r = await searchArticles(store, odd, { limit: 10 });
      assert.ok(r.total >= 0, odd);
    }
    assert.equal((await searchArticles(store, 'shares', { limit: 10, sourceId: s.id + 1000 })).total, 0);
    assert.equal((await searchArticles(store, 'shares', { limit: 10, sourceId: s.id })).total, 1);
  });

  test('jobs: unique key, claim with lease, complete, retry, expired lease claimable again', async ({ store }) => {
    const id = await enqueueJob(store, { kind: 'fetch', payload: { url: 'x' }, runAt: T0, uniqueKey: 'fetch:x' }, T0);
    assert.equal(typeof id, 'number');
    assert.equal(await enqueueJob(store, { kind: 'fetch', runAt: T0, uniqueKey: 'fetch:x' }, T0), undefined);
    await enqueueJob(store, { kind: 'fetch', runAt: T0 + 60_000 }, T0);
    const claimed = await claimJobs(store, { owner: 'w1', now: T0, leaseMs: 30_000, limit: 10 });
    assert.deepEqual(claimed.map((j) => j.id), [id]);
    assert.equal(claimed[0]?.attempts, 1);
    assert.deepEqual(await claimJobs(store, { owner: 'w2', now: T0 + 1000, leaseMs: 30_000, limit: 10 }), []);
    // w1 died: after the lease expires w2 gets the job, and w1 can no longer complete it.
    const again = await claimJobs(store, { owner: 'w2', now: T0 + 31_000, leaseMs: 30_000, limit: 1 });
    assert.deepEqual(again.map((j) => j.id), [id]);
    assert.equal(await completeJob(store, id!, 'w1', T0 + 32_000), false);
    await failJob(store, id!, 'w2', 'fetch: timeout', T0 + 40_000, T0 + 32_000);
    assert.deepEqual(await claimJobs(store, { owner: 'w3', now: T0 + 39_000, leaseMs: 30_000, limit: 1, kinds: ['fetch'] }), []);
    const third = await claimJobs(store, { owner: 'w3', now: T0 + 40_000, leaseMs: 30_000, limit: 1, kinds: ['fetch'] });
    assert.equal(third[0]?.last_error, 'fetch: timeout');
    assert.equal(await completeJob(store, id!, 'w3', T0 + 41_000), true);
    assert.deepEqual(await jobCounts(store), { done: 1, queued: 1 });
    // Once done, the unique key is free again.
    assert.equal(typeof (await enqueueJob(store, { kind: 'fetch', runAt: T0, uniqueKey: 'fetch:x' }, T0)), 'number');
  });

  test('users: hashed password, sessions and API keys by hash only', async ({ store }) => {
    const user = await createUser(store, 'editor', 'correct horse battery', T0);
    assert.notEqual(user.password_hash, 'correct horse battery');
    await assert.rejects(createUser(store, 'editor', 'another password', T0), /already exists/);
    await assert.rejects(createUser(store, 'x', 'short', T0), /at least 8/);
    assert.equal((await authenticateUser(store, 'editor', 'wrong password'))?.id, undefined);
    assert.equal((await authenticateUser(store, 'editor', 'correct horse battery'))?.id, user.id);
    const token = await createSession(store, user.id, T0, 60_000);
    assert.equal((await sessionUser(store, token, T0 + 1))?.name, 'editor');
    assert.equal(await sessionUser(store, token, T0 + 60_001), undefined);
    const stored = await store.db.selectFrom('sessions').select('token_hash').execute();
    assert.ok(stored.every((r) => r.token_hash !== token));
    const key = await createApiKey(store, user.id, 'cli', T0);
    assert.equal((await apiKeyUser(store, key, T0))?.id, user.id);
    assert.equal(await apiKeyUser(store, key + 'x', T0), undefined);
  });

  test('settings, stories ranking with pin, entities and comments', async ({ store }) => {
    assert.equal(await getSetting(store, 'moderation', 'hold-first'), 'hold-first');
    await setSetting(store, 'moderation', 'hold-all', T0);
    await setSetting(store, 'moderation', 'hold-none', T0);
    assert.equal(await getSetting(store, 'moderation', 'x'), 'hold-none');

    const s1 = await source(store);
    const s2 = await addSource(store, { name: 'Coast News', url: 'https://coast.example/atom' }, T0);
    const big = await createStory(store, { title: 'Storm', lang: 'en', publishedAt: T0 }, T0);
    const small = await createStory(store, { title: 'Fair', lang: 'en', publishedAt: T0 }, T0);
    const a1 = await upsertArticle(store, article(s1.id, 1, { storyId: big }), T0);
    const a2 = await upsertArticle(store, article(s2.id, 2, { storyId: big }), T0);
    await upsertArticle(store, article(s2.id, 3, { storyId: big, duplicateOf: a2.id }), T0);
    await upsertArticle(store, article(s1.id, 4, { storyId: small }), T0);
    await refreshStoryCounts(store, big, T0);
    await refreshStoryCounts(store, small, T0);
    await setStoryScore(store, big, 2.5, T0);
    await setStoryScore(store, small, 1.0, T0);
    let ranked = await rankedStories(store, { limit: 10 });
    assert.deepEqual(ranked.map((r) => r.id), [big, small]);
    assert.equal(ranked[0]?.article_count, 2, 'the duplicate counts once');
    assert.equal(ranked[0]?.outlet_count, 2);
    await setStoryPinned(store, small, true, T0);
    ranked = await rankedStories(store, { limit: 10 });
    assert.equal(ranked[0]?.id, small, 'a pinned story leads');

    const kz = await upsertEntity(store, { kind: 'place', name: 'Kazakhstan', slug: 'kazakhstan' }, T0);
    assert.equal(await upsertEntity(store, { kind: 'place', name: 'Kazakhstan', slug: 'kazakhstan' }, T0), kz);
    await setArticleEntities(store, a1.id, [{ entityId: kz, mentions: 3 }]);
    assert.deepEqual((await storiesOfEntity(store, kz, 10)).map((r) => r.id), [big]);

    const c = await insertComment(store, { articleId: a1.id, parentId: null, status: 'pending', authorName: 'Reader', authorEmail: 'r@example.org', authorUrl: null, body: 'Good piece.', ipHash: 'h', deleteTokenHash: null }, T0);
    assert.deepEqual(await commentsOfArticle(store, a1.id), []);
    assert.equal(await moderateComment(store, c, 'approved', 'editor', T0 + 1), true);
    assert.deepEqual((await commentsOfArticle(store, a1.id)).map((r) => r.id), [c]);
    const log = await store.db.selectFrom('comment_moderation').selectAll().execute();
    assert.equal(log[0]?.action, 'approved');
    // Deleting an article removes its comments and entity links with it (foreign keys hold on both).
    await deleteArticle(store, a1.id);
    const left = await sql<{ n: number }>`select count(*) as n from comments`.execute(store.db);
    assert.equal(Number(left.rows[0]?.n), 0);
  });
});
