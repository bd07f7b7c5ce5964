// Several real processes against one database: concurrent migrations and job claims.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeEachDatabase } from '../support/databases.js';
import { enqueueJobs, jobCounts } from '../../src/store/jobs.js';
import { migrations } from '../../src/store/migrations.js';

const worker = fileURLToPath(new URL('./claim-worker.ts', import.meta.url));

function runChild(mode: string, env: Record<string, string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, mode], {
      env: { ...process.env, TOPSTORY_DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`child ${mode} exited ${code}: ${err}`));
      else resolve(JSON.parse(out));
    });
  });
}

describeEachDatabase('concurrency', (test) => {
  test('three processes migrating at once: each migration applied exactly once', async ({ store, database }) => {
    // The harness migrated already; start over from an empty schema.
    await store.db.schema.dropTable('schema_migrations').execute();
    const tables = ['story_profiles', 'comment_moderation', 'comments', 'article_entities', 'entities', 'articles', 'stories', 'sources', 'sessions', 'api_keys', 'users', 'jobs', 'settings', 'removed_articles'];
    if (database.dialect === 'sqlite') await store.db.schema.dropTable('articles_fts').execute();
    for (const table of tables) await store.db.schema.dropTable(table).execute();
    const results = (await Promise.all([1, 2, 3].map(() => runChild('migrate', database.env)))) as string[][];
    assert.deepEqual(results.flat().sort(), migrations.map((m) => m.id));
    const rows = await store.db.selectFrom('schema_migrations').select('id').execute();
    assert.equal(rows.length, migrations.length);
  });

  test('two processes claiming 5,000 jobs: none claimed twice, none lost', async ({ store, database }) => {
    const now = Date.now() - 1000;
    await enqueueJobs(store, Array.from({ length: 5000 }, (_, i) => ({ kind: 'noop', payload: { i }, runAt: now })), now);
    const [a, b] = (await Promise.all([runChild('claim', database.env), runChild('claim', database.env)])) as number[][];
    const all = [...a!, ...b!];
    assert.equal(new Set(all).size, all.length, 'a job was claimed twice');
    assert.equal(all.length, 5000, 'a job was lost');
    assert.ok(a!.length > 0 && b!.length > 0, `both workers got work (${a!.length} / ${b!.length})`);
    assert.deepEqual(await jobCounts(store), { done: 5000 });
    const attempts = await store.db.selectFrom('jobs').select('attempts').where('attempts', '!=', 1).execute();
    assert.equal(attempts.length, 0);
  });
});
