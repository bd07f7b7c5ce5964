// Hostile and broken sources leave a clear error on the source and the worker carries on with the
// others; a source failing for 7 days is paused with the reason.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { describeEachDatabase } from '../support/databases.js';
import { createFetcher } from '../../src/fetch/index.js';
import { createExtractPool } from '../../src/ingest/extract-pool.js';
import { createStoryAssigner } from '../../src/ingest/story-assigner.js';
import { runWorker } from '../../src/ingest/worker.js';
import { createLogger } from '../../src/log.js';
import { addSource, getSource } from '../../src/store/sources.js';

const bombUrl = new URL('../../../shared/data/security/gzip-bomb-100MiB.gz', import.meta.url);
let bomb: Buffer | null = null;
try {
  bomb = readFileSync(bombUrl);
} catch {
  bomb = null;
}

const goodFeed = (base: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Good</title><link>${base}/</link><description>d</description>
<item><title>Council approves harbour budget</title><link>${base}/a/1.html</link><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate>
<description>The council approved the harbour budget on Monday after a long debate.</description></item></channel></rss>`;

describeEachDatabase('hostile sources', (test) => {
  test('each failure is stored in words on its source; the good source is ingested', async ({ store }) => {
    let dripTimer: NodeJS.Timeout | undefined;
    const server: Server = createServer((req, res) => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      switch (req.url) {
        case '/robots.txt': return void res.writeHead(404).end();
        case '/good.xml': return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(goodFeed(base));
        case '/a/1.html': return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><article><h1>Council approves harbour budget</h1><p>The council approved the harbour budget on Monday after a long debate about ferries and piers.</p></article></body></html>');
        case '/missing.xml': return void res.writeHead(404).end('not here');
        case '/broken.xml': return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>Just a page, no feed links.</p></body></html>');
        case '/to-metadata.xml': return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
        case '/loop.xml': return void res.writeHead(302, { location: '/loop.xml' }).end();
        case '/limited.xml': return void res.writeHead(429, { 'retry-after': '7200' }).end();
        case '/drip.xml':
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          dripTimer = setInterval(() => res.write(' '), 100);
          return;
        case '/bomb.xml':
          if (!bomb) return void res.writeHead(404).end();
          return void res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(bomb);
        default: return void res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const now = Date.UTC(2026, 2, 3);
    const cases: Array<[string, RegExp]> = [
      ['missing', /404/],
      ['broken', /not a feed but an HTML page; it links to no feed/],
      ['to-metadata', /169\.254\.169\.254/],
      ['loop', /redirect/],
      ['limited', /429/],
      ['drip', /no complete answer .* within 5 s/],
      ...(bomb ? [['bomb', /larger than/] as [string, RegExp]] : []),
    ];
    const ids = new Map<string, number>();
    for (const [name] of [['good'], ...cases]) {
      ids.set(name!, (await addSource(store, { name, url: `${base}/${name}.xml`, display: 'full' }, now)).id);
    }
    // The drip never completes, so the fetcher's deadline ends it; every other case must end on its
    // own well before, even on a loaded machine (at 1.5 s, the bomb's fetch lost the race once in
    // five runs beside two busy processes and ended as a timeout instead of "larger than").
    const fetcher = createFetcher({ userAgent: 'Topstory/test', allowPrivate: '127.0.0.1/32', perHostIntervalMs: 0, perHostConcurrency: 8, totalTimeoutMs: 5000 });
    const extractor = createExtractPool({ size: 1 });
    try {
      const result = await runWorker({ store, fetcher, extractor, stories: createStoryAssigner(), log: createLogger('silent'), now: () => now, random: () => 0.5 }, { once: true, concurrency: 8 });
      assert.equal(result.failed, 0, 'a bad source is a recorded failure, not a crashed job');
      const good = await getSource(store, ids.get('good')!);
      assert.equal(good?.consecutive_failures, 0);
      const articles = await store.db.selectFrom('articles').select(['title']).execute();
      assert.deepEqual(articles.map((a) => a.title), ['Council approves harbour budget']);
      for (const [name, pattern] of cases) {
        const source = await getSource(store, ids.get(name)!);
        assert.equal(source?.consecutive_failures, 1, name);
        assert.match(source?.last_error ?? '', /^fetch: |^feeds: /, `${name}: ${source?.last_error}`);
        assert.match(source?.last_error ?? '', pattern, `${name}: ${source?.last_error}`);
        assert.ok(source!.next_check_at > now, `${name} backs off`);
      }
      const limited = await getSource(store, ids.get('limited')!);
      assert.ok(limited!.next_check_at >= now + 7200_000, 'Retry-After is honoured');

      // Failing for a week: paused, with the reason in words.
      const missing = ids.get('missing')!;
      await store.db.updateTable('sources').set({ failing_since: now - 7 * 24 * 3_600_000, next_check_at: now }).where('id', '=', missing).execute();
      await runWorker({ store, fetcher, extractor, stories: createStoryAssigner(), log: createLogger('silent'), now: () => now, random: () => 0.5 }, { once: true, concurrency: 2 });
      const paused = await getSource(store, missing);
      assert.equal(paused?.status, 'paused');
      assert.match(paused?.paused_reason ?? '', /failing for 7 days; last error: fetch: .*404/);
    } finally {
      if (dripTimer) clearInterval(dripTimer);
      await extractor.close();
      await fetcher.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
