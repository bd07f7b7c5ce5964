// The comment repository on both databases: rate limits and duplicate detection that hold when
// many posts race from several connections (as from several web processes), erasure by email,
// IP-hash retention, counts for lists.
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.js';
import { seedArticle, T0 } from './site.js';
import {
  approvedCommentCounts, commentsByEmail, eraseCommentsByEmail, getComment, insertComment, moderationLog, purgeIpHashes, submitComment,
  type CommentSubmission,
} from '../../src/store/comments.js';
import type { Store } from '../../src/store/index.js';

const LIMITS = { windowMs: 600_000, perIp: 5, perEmail: 1000, maxDepth: 5 };

function submission(articleId: number, i: number, overrides: Partial<CommentSubmission> = {}): CommentSubmission {
  return {
    articleId, parentId: null, authorName: `Reader ${i}`, authorEmail: `reader${i}@example.org`, authorUrl: null, body: `Comment number ${i}`,
    ipHash: 'same-ip-hash', deleteTokenHash: null, duplicateKey: `key-${i}`, ...overrides,
  };
}

const approveAll = () => ({ status: 'approved' as const, reason: 'hold_none' });

// Four connections on PostgreSQL (as four web processes). SQLite is one web process: better-sqlite3
// blocks the thread while another connection of the same thread holds the write lock, so there
// the racing posts share the process's one connection, as they do in production.
function connections(store: Store, open: () => Store): Store[] {
  return store.dialect === 'postgres' ? [store, open(), open(), open()] : [store, store, store, store];
}

async function closeExtra(store: Store, stores: Store[]): Promise<void> {
  for (const s of stores) if (s !== store) await s.close();
}

describeEachDatabase('comment store', (test) => {
  test('the rate limit per IP hash holds when 20 posts race over 4 connections (PostgreSQL) or one process (SQLite)', async ({ store, database }) => {
    const article = await seedArticle(store);
    const stores = connections(store, () => database.open());
    try {
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => submitComment(stores[i % 4]!, submission(article.id, i), LIMITS, approveAll, T0 + i)));
      const kinds = outcomes.map((o) => o.kind);
      assert.equal(kinds.filter((k) => k === 'stored').length, 5, `exactly the limit is stored: ${kinds.join(' ')}`);
      assert.equal(kinds.filter((k) => k === 'rate_limited').length, 15);
      const rows = await store.db.selectFrom('comments').select('id').where('ip_hash', '=', 'same-ip-hash').execute();
      assert.equal(rows.length, 5);
    } finally {
      await closeExtra(store, stores);
    }
  });

  test('the same post racing over 4 connections (PostgreSQL) or one process (SQLite) is stored once', async ({ store, database }) => {
    const article = await seedArticle(store);
    const stores = connections(store, () => database.open());
    try {
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => submitComment(stores[i % 4]!, submission(article.id, 1, { ipHash: `ip-${i}` }), LIMITS, approveAll, T0)));
      assert.equal(outcomes.filter((o) => o.kind === 'stored').length, 1);
      assert.equal(outcomes.filter((o) => o.kind === 'duplicate').length, 11);
      const ids = new Set(outcomes.map((o) => ('id' in o ? o.id : -1)));
      assert.equal(ids.size, 1, 'every duplicate names the stored comment');
    } finally {
      await closeExtra(store, stores);
    }
  });

  test('replies: parent must be approved on the same article, depth counted', async ({ store }) => {
    const article = await seedArticle(store);
    const other = await seedArticle(store, 'Other story', 'https://coast.example/a/other');
    const parent = await submitComment(store, submission(article.id, 1), LIMITS, approveAll, T0);
    assert.equal(parent.kind, 'stored');
    const parentId = (parent as { id: number }).id;
    const reply = await submitComment(store, submission(article.id, 2, { parentId }), LIMITS, approveAll, T0);
    assert.equal((await getComment(store, (reply as { id: number }).id))?.depth, 2);
    assert.equal((await submitComment(store, submission(other.id, 3, { parentId }), LIMITS, approveAll, T0)).kind, 'parent_unavailable');
    const held = await submitComment(store, submission(article.id, 4), LIMITS, () => ({ status: 'pending', reason: 'first_time' }), T0);
    assert.equal((await submitComment(store, submission(article.id, 5, { parentId: (held as { id: number }).id }), LIMITS, approveAll, T0)).kind, 'parent_unavailable');
    const log = await moderationLog(store, { commentId: (held as { id: number }).id, limit: 5 });
    assert.deepEqual(log.map((e) => [e.action, e.actor, e.reason]), [['pending', 'system', 'first_time']]);
  });

  test('export and erase by email; counts; IP hashes cleared after the retention time', async ({ store }) => {
    const article = await seedArticle(store);
    const base = { articleId: article.id, parentId: null, authorUrl: 'https://ada.example/', deleteTokenHash: 'h' };
    const old = await insertComment(store, { ...base, status: 'approved', authorName: 'Ada', authorEmail: 'ada@example.org', body: 'Old one', ipHash: 'ip-old' }, T0 - 40 * 86_400_000);
    await insertComment(store, { ...base, status: 'pending', authorName: 'Ada', authorEmail: 'ada@example.org', body: 'New one', ipHash: 'ip-new' }, T0);
    const bob = await insertComment(store, { ...base, status: 'approved', authorName: 'Bob', authorEmail: 'bob@example.org', body: 'Bob says', ipHash: 'ip-bob' }, T0);
    assert.deepEqual([...(await approvedCommentCounts(store, [article.id, 999]))], [[article.id, 2]]);
    assert.deepEqual((await commentsByEmail(store, ' ADA@example.org')).map((c) => c.body), ['Old one', 'New one']);

    assert.equal(await purgeIpHashes(store, T0 - 30 * 86_400_000), 1);
    assert.equal((await getComment(store, old))?.ip_hash, null);
    assert.equal((await getComment(store, bob))?.ip_hash, 'ip-bob');

    assert.equal(await eraseCommentsByEmail(store, 'ada@example.org', 'cli:admin', T0 + 1), 2);
    assert.deepEqual(await commentsByEmail(store, 'ada@example.org'), []);
    const erased = await getComment(store, old);
    assert.deepEqual([erased?.status, erased?.author_name, erased?.author_email, erased?.author_url, erased?.body, erased?.delete_token_hash],
      ['trash', '', '', null, '', null]);
    assert.deepEqual([...(await approvedCommentCounts(store, [article.id]))], [[article.id, 1]]);
    assert.equal((await moderationLog(store, { commentId: old, limit: 5 }))[0]?.action, 'erased');
  });
});
