// `topstory comments …` as a moderator runs it, on both databases: the queue without email
// addresses, approve/hold/spam/delete with the log, export and erase by email, purge-ip, usage errors.
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.js';
import { runTopstory } from '../support/cli.js';
import { seedArticle } from './site.js';
import { getComment, insertComment } from '../../src/store/comments.js';

describeEachDatabase('topstory comments', (test) => {
  test('queue, moderation, log, export, erase, purge-ip', async ({ store, database }) => {
    const article = await seedArticle(store);
    const now = Date.now();
    const base = { articleId: article.id, parentId: null, authorUrl: null, deleteTokenHash: null, heldReason: 'first_time' };
    const a = await insertComment(store, { ...base, status: 'pending', authorName: 'Ada', authorEmail: 'ada.private@example.org', body: 'Ada writes', ipHash: 'ip-a' }, now - 40 * 86_400_000);
    const b = await insertComment(store, { ...base, status: 'pending', authorName: 'Bob', authorEmail: 'bob@example.org', body: 'Bob writes', ipHash: 'ip-b' }, now);
    const env = database.env;
    const run = (...args: string[]) => runTopstory(['comments', ...args], { env });

    const queue = await run('pending');
    assert.equal(queue.status, 0, queue.stderr);
    assert.match(queue.stdout, new RegExp(`#${a} .*Ada on "Harbour ferry returns after storm" \\(held: first time\\)\\n    Ada writes`));
    assert.match(queue.stdout, new RegExp(`#${b} `));
    assert.doesNotMatch(queue.stdout, /@example\.org/, 'the queue shows no email address');
    const json = (await run('pending', '--json')).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; author: string });
    assert.deepEqual(json.map((c) => c.id), [a, b]);
    assert.doesNotMatch(JSON.stringify(json), /@example\.org/);

    for (const [action, status] of [['approve', 'approved'], ['spam', 'spam'], ['hold', 'pending'], ['delete', 'trash'], ['approve', 'approved']] as const) {
      const res = await run(action, String(b), '--as', 'editor');
      assert.equal(res.status, 0, res.stderr);
      assert.equal(res.stdout.trim(), `#${b} ${status}`);
      assert.equal((await getComment(store, b))?.status, status);
    }
    const log = await run('log', String(b));
    assert.deepEqual(log.stdout.trim().split('\n').map((l) => l.replace(/^.*? UTC {2}/, '')).reverse(),
      ['approved', 'spam', 'pending', 'trash', 'approved'].map((s) => `#${b} ${s} by cli:editor`));
    assert.match((await run('pending', '--status', 'approved')).stdout, /Bob writes/);

    const missing = await run('approve', '99999');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^topstory: comments: no comment #99999/);
    assert.equal((await run('approve')).status, 2);
    assert.equal((await run('frobnicate')).status, 2);
    assert.equal((await run('export', 'not-an-email')).status, 2);
    assert.equal((await run('pending', '--status', 'nope')).status, 2);

    const exported = (await run('export', 'ADA.private@example.org')).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(exported.length, 1);
    assert.equal(exported[0]!.email, 'ada.private@example.org', 'the export is the one place the address is shown: to its owner');
    assert.equal(exported[0]!.body, 'Ada writes');

    const purge = await run('purge-ip');
    assert.match(purge.stdout, /cleared the IP hash of 1 comment older than 30 days/);
    assert.equal((await getComment(store, a))?.ip_hash, null);
    assert.equal((await getComment(store, b))?.ip_hash, 'ip-b');

    assert.match((await run('erase', 'ada.private@example.org')).stdout, /erased 1 comment/);
    assert.equal((await run('export', 'ada.private@example.org')).stdout, '');
    const erased = await getComment(store, a);
    assert.deepEqual([erased?.author_email, erased?.body, erased?.status], ['', '', 'trash']);
    assert.equal((await run('approve', String(a))).status, 1, 'an erased comment cannot be brought back');
  });
});
