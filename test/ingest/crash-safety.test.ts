// Crash safety on both databases: a real `topstory worker` process is killed with SIGKILL at random
// moments five times and restarted; afterwards the stored articles are exactly the demo's articles,
// none twice, none lost, and no job is left stuck.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeEachDatabase } from '../support/databases.js';
import { runTopstory } from '../support/cli.js';
import { startDemoOutlets } from '../../demo/server.js';
import { registerDemoSources } from '../../src/cli/demo.js';
import { jobCounts } from '../../src/store/jobs.js';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const truth = readFileSync(new URL('../../demo/truth.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A small deterministic generator, so a failure can be replayed.
function seeded(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describeEachDatabase('crash safety', (test) => {
  test('a worker killed -9 five times loses nothing and stores nothing twice', async ({ store, database }) => {
    const demo = await startDemoOutlets({ shiftTo: null, growth: null, delayMs: 0, failEvery: 0, now: () => new Date('2026-03-06T00:00:00Z') });
    const env = {
      ...database.env,
      TOPSTORY_DATABASE_URL: database.env.TOPSTORY_DATABASE_URL ?? '',
      TOPSTORY_FETCH_ALLOW_PRIVATE: '127.0.0.1/32',
      TOPSTORY_FETCH_HOST_INTERVAL_MS: '0',
      TOPSTORY_JOB_LEASE_SECONDS: '1',
      TOPSTORY_LOG_LEVEL: 'silent',
    };
    try {
      await registerDemoSources(store, demo.outlets, Date.now());
      const random = seeded(20260302);
      const articleCount = async () => Number((await store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const afterKill: number[] = [];
      for (let round = 0; round < 5; round++) {
        const child = spawn(process.execPath, ['--import', 'tsx', main, 'worker', '--concurrency', '4'], { env: { ...process.env, ...env }, stdio: 'ignore' });
        const exited = new Promise((resolve) => child.on('close', resolve));
        // Kill in the middle of the work: once this worker has stored something, after a random moment.
        const before = afterKill.at(-1) ?? 0;
        for (let waited = 0; waited < 30_000 && (await articleCount()) <= before; waited += 50) await sleep(50);
        await sleep(Math.floor(random() * 400));
        child.kill('SIGKILL');
        await exited;
        afterKill.push(await articleCount());
      }
      // Leases of the killed worker expire after a second; then one clean run finishes the work.
      await sleep(1200);
      const finish = await runTopstory(['ingest', '--once'], { env });
      assert.equal(finish.status, 0, finish.stderr);

      const rows = await store.db.selectFrom('articles').select(['url', 'normalized_url', 'story_id']).execute();
      const expected = new Set(truth.map((t) => demo.articleUrl(t.id)));
      const stored = rows.map((r) => r.url);
      assert.equal(new Set(stored).size, stored.length, 'no article twice');
      assert.deepEqual([...expected].filter((u) => !stored.includes(u)), [], 'no article lost');
      assert.equal(rows.length, expected.size, 'nothing else stored');
      assert.ok(rows.every((r) => r.story_id !== null), 'every article has its story');
      const counts = await jobCounts(store);
      assert.equal(counts.running ?? 0, 0, 'no job stuck running');
      assert.equal(counts.failed ?? 0, 0, 'no job failed');
      const due = await store.db.selectFrom('jobs').select('kind').where('status', '=', 'queued').execute();
      assert.deepEqual(due.map((j) => j.kind), ['rerank'], 'only the periodic re-rank is scheduled');
      // The kills must have interrupted real work, or this test would prove nothing.
      assert.ok(afterKill.some((n) => n > 0 && n < rows.length), `articles stored after each kill: ${afterKill.join(', ')} of ${rows.length}`);
      console.log(`articles stored after each kill: ${afterKill.join(', ')} of ${rows.length}`);
    } finally {
      await demo.close();
    }
  });
});
