// The whole ingest path against the demo outlets on loopback, on both databases: every published
// article is stored once with its story, a second run stores nothing new, a headline change is an
// update in place that keeps the article's id.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeEachDatabase } from '../support/databases.js';
import { startDemoOutlets, type DemoOutlets } from '../../demo/server.js';
import { createFetcher } from '../../src/fetch/index.js';
import { createExtractPool } from '../../src/ingest/extract-pool.js';
import { createStoryAssigner } from '../../src/ingest/story-assigner.js';
import { runWorker } from '../../src/ingest/worker.js';
import type { PipelineDeps } from '../../src/ingest/pipeline.js';
import { createLogger } from '../../src/log.js';
import { registerDemoSources } from '../../src/cli/demo.js';
import type { Store } from '../../src/store/index.js';

interface Truth { outlet: string; id: string; url: string; story: string; title: string; previousTitle: string | null; copyOf: string | null }
const truth = readFileSync(new URL('../../demo/truth.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Truth);

async function setUp(store: Store, demo: DemoOutlets, clock: () => number): Promise<PipelineDeps & { close(): Promise<void> }> {
  await registerDemoSources(store, demo.outlets, clock());
  const fetcher = createFetcher({ userAgent: 'Topstory/test (+http://127.0.0.1/)', allowPrivate: '127.0.0.1/32', perHostIntervalMs: 0, perHostConcurrency: 4 });
  const extractor = createExtractPool({ size: 1 });
  return {
    store, fetcher, extractor, stories: createStoryAssigner(), log: createLogger('silent'), now: clock, random: () => 0.5,
    async close() {
      await extractor.close();
      await fetcher.close();
    },
  };
}

describeEachDatabase('ingest pipeline', (test) => {
  test('demo outlets: every article once, with stories; a re-run stores nothing new', async ({ store }) => {
    let now = Date.UTC(2026, 2, 5, 12);
    const demo = await startDemoOutlets({ shiftTo: null, growth: null, delayMs: 0, failEvery: 0, now: () => new Date(now) });
    const deps = await setUp(store, demo, () => now);
    try {
      const first = await runWorker(deps, { once: true, concurrency: 4 });
      assert.equal(first.failed, 0);
      const rows = await store.db.selectFrom('articles').select(['id', 'url', 'title', 'story_id', 'duplicate_of', 'text']).execute();
      assert.equal(rows.length, truth.length, 'every published article stored once');
      const byUrl = new Map(rows.map((r) => [r.url, r]));
      for (const t of truth) {
        const row = byUrl.get(demo.articleUrl(t.id));
        assert.ok(row, `stored: ${t.id}`);
        assert.equal(row.title, t.title, `title of ${t.id}`);
        assert.ok(row.story_id !== null, `in a story: ${t.id}`);
        assert.ok(row.text.length > 100, `text of ${t.id}`);
      }
      const stories = await store.db.selectFrom('stories').select(['id', 'article_count', 'outlet_count']).execute();
      assert.ok(stories.length < rows.length, 'coverage of one event is grouped');
      assert.ok(stories.some((s) => s.outlet_count >= 3), 'some story spans three outlets');
      // Sources are healthy and scheduled into the future.
      const sources = await store.db.selectFrom('sources').selectAll().execute();
      for (const s of sources) {
        assert.equal(s.consecutive_failures, 0, `${s.name}: ${s.last_error}`);
        assert.ok(s.next_check_at > now, `${s.name} scheduled`);
        assert.ok(s.etag !== null || s.last_modified !== null, `${s.name} validators kept`);
      }
      // A second pass over the same feeds (due again) stores nothing new.
      now += 25 * 3_600_000;
      const second = await runWorker(deps, { once: true, concurrency: 4 });
      assert.equal(second.failed, 0);
      const again = await store.db.selectFrom('articles').select(['id']).execute();
      assert.equal(again.length, rows.length);
    } finally {
      await deps.close();
      await demo.close();
    }
  });

  test('a headline changed after publication updates the article in place', async ({ store }) => {
    const changed = truth.find((t) => t.previousTitle !== null)!;
    let now = Date.UTC(2026, 2, 1);
    const demo = await startDemoOutlets({ shiftTo: null, growth: null, delayMs: 0, failEvery: 0, now: () => new Date(now) });
    const deps = await setUp(store, demo, () => now);
    try {
      // Before the update the outlet still shows the old headline.
      const corpusArticle = (await import('../../demo/corpus.js')).loadCorpus().find((a) => a.id === changed.id)!;
      now = Date.parse(corpusArticle.published) + 60_000;
      await runWorker(deps, { once: true, concurrency: 2 });
      const url = demo.articleUrl(changed.id);
      const before = await store.db.selectFrom('articles').select(['id', 'title', 'story_id']).where('url', '=', url).executeTakeFirstOrThrow();
      assert.equal(before.title, changed.previousTitle);
      now = Date.parse(corpusArticle.updated!) + 60_000;
      await store.db.updateTable('sources').set({ next_check_at: 0 }).execute();
      await runWorker(deps, { once: true, concurrency: 2 });
      const after = await store.db.selectFrom('articles').select(['id', 'title', 'story_id']).where('url', '=', url).executeTakeFirstOrThrow();
      assert.equal(after.title, changed.title);
      assert.equal(after.id, before.id, 'same id');
      assert.equal(after.story_id, before.story_id, 'same story');
    } finally {
      await deps.close();
      await demo.close();
    }
  });

  test('an article that fails to store leaves the others stored with it, and its job is retried', async ({ store }) => {
    let now = Date.UTC(2026, 2, 5, 12);
    const demo = await startDemoOutlets({ shiftTo: null, growth: null, delayMs: 0, failEvery: 0, now: () => new Date(now) });
    const deps = await setUp(store, demo, () => now);
    // The fifth article to be assigned a story fails once, inside its store transaction (where
    // articles ready at the same time are stored together, each in a savepoint).
    const assigner = deps.stories;
    let calls = 0;
    deps.stories = {
      reset: () => assigner.reset?.(),
      async assign(tx, article, at) {
        if (++calls === 5) throw new Error('story assignment failed');
        return assigner.assign(tx, article, at);
      },
    };
    try {
      const first = await runWorker(deps, { once: true, concurrency: 8 });
      assert.equal(first.failed, 1, 'one job failed');
      const rows = await store.db.selectFrom('articles').select(['url', 'story_id']).execute();
      assert.equal(rows.length, truth.length - 1, 'every other article stored');
      assert.ok(rows.every((r) => r.story_id !== null), 'each stored article is in a story');
      const jobs = await store.db.selectFrom('jobs').select(['status', 'payload']).where('kind', '=', 'article').execute();
      const waiting = jobs.filter((j) => j.status === 'queued');
      assert.equal(waiting.length, 1, 'its job waits for a retry');
      const link = (JSON.parse(waiting[0]!.payload) as { item: { link: string } }).item.link;
      assert.ok(!rows.some((r) => r.url === link), 'nothing of the failed article stayed');
      assert.equal(jobs.filter((j) => j.status === 'running').length, 0, 'no job left running');
      now += 3_600_000;
      const second = await runWorker(deps, { once: true, concurrency: 8 });
      assert.equal(second.failed, 0);
      const after = await store.db.selectFrom('articles').select(['url']).execute();
      assert.equal(after.length, truth.length, 'the retry stored it');
      assert.equal(new Set(after.map((r) => r.url)).size, truth.length, 'none twice');
    } finally {
      await deps.close();
      await demo.close();
    }
  });
});
