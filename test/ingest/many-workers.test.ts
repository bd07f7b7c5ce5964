// Several `topstory worker` processes share the load: 30 loopback sources, 3 workers, each feed and
// each article page fetched exactly once in the period (the server's request log proves it), and
// SIGTERM leaves no job claimed.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describeEachDatabase } from '../support/databases.js';
import { addSource } from '../../src/store/sources.js';
import { jobCounts } from '../../src/store/jobs.js';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const SOURCES = 30;
const ITEMS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const words = ['harbour', 'council', 'ferry', 'budget', 'storm', 'library', 'rail', 'museum', 'school', 'market'];

function feed(base: string, n: number): string {
  const items = Array.from({ length: ITEMS }, (_, m) => `<item><title>${words[n % 10]} report ${n}-${m}</title>
    <link>${base}/s/${n}/a/${m}.html</link><guid>${base}/s/${n}/a/${m}.html</guid>
    <pubDate>Mon, 02 Mar 2026 ${String(10 + m).padStart(2, '0')}:00:00 GMT</pubDate><description>Report ${n}-${m}.</description></item>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Outlet ${n}</title><link>${base}/s/${n}/</link><description>Outlet ${n}</description>${items}</channel></rss>`;
}

function page(n: number, m: number): string {
  const w = words[(n + m) % 10];
  return `<!doctype html><html lang="en"><head><title>${w} report ${n}-${m}</title></head><body><article><h1>${w} report ${n}-${m}</h1>
    <p>The ${w} of outlet ${n} published its report number ${m} on Monday, officials said in a statement to reporters.</p>
    <p>Residents of district ${n * 7 + m} were told that the ${w} plan would be reviewed again next month by the committee.</p>
    <p>A spokesperson for the ${w} office declined to give further details about item ${m} before the review.</p></article></body></html>`;
}

describeEachDatabase('several workers', (test) => {
  test('3 workers, 30 sources: each feed and page fetched exactly once; SIGTERM releases everything', async ({ store, database }) => {
    const log = new Map<string, number>();
    const server: Server = createServer((req, res) => {
      const path = req.url ?? '/';
      log.set(path, (log.get(path) ?? 0) + 1);
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      let m: RegExpExecArray | null;
      if (path === '/robots.txt') return void res.writeHead(404).end();
      if ((m = /^\/s\/(\d+)\/feed\.xml$/.exec(path))) return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feed(base, Number(m[1])));
      if ((m = /^\/s\/(\d+)\/a\/(\d+)\.html$/.exec(path))) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(Number(m[1]), Number(m[2])));
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const workers: ChildProcess[] = [];
    try {
      for (let n = 0; n < SOURCES; n++) await addSource(store, { name: `Outlet ${n}`, url: `${base}/s/${n}/feed.xml` }, Date.now());
      const env = {
        ...process.env, ...database.env, TOPSTORY_DATABASE_URL: database.env.TOPSTORY_DATABASE_URL ?? '',
        TOPSTORY_FETCH_ALLOW_PRIVATE: '127.0.0.1/32', TOPSTORY_FETCH_HOST_INTERVAL_MS: '0', TOPSTORY_LOG_LEVEL: 'silent',
      };
      const exits: Array<Promise<number | null>> = [];
      for (let i = 0; i < 3; i++) {
        const child = spawn(process.execPath, ['--import', 'tsx', main, 'worker', '--concurrency', '3'], { env, stdio: 'ignore' });
        workers.push(child);
        exits.push(new Promise((resolve) => child.on('close', resolve)));
      }
      const done = async () => {
        const checked = await store.db.selectFrom('sources').select('id').where('last_success_at', 'is not', null).execute();
        const counts = await jobCounts(store);
        return checked.length === SOURCES && (counts.running ?? 0) === 0 && (counts.queued ?? 0) <= 1;
      };
      for (let waited = 0; waited < 90_000 && !(await done()); waited += 100) await sleep(100);
      assert.ok(await done(), 'all sources polled and all articles stored');
      // Let the workers go round a few more times: nothing is due again within the period.
      await sleep(1500);
      for (const w of workers) w.kill('SIGTERM');
      assert.deepEqual(await Promise.all(exits), [0, 0, 0], 'every worker exits cleanly on SIGTERM');

      const twice = [...log].filter(([path, count]) => path !== '/robots.txt' && count !== 1);
      assert.deepEqual(twice, [], 'no feed or page fetched twice');
      for (let n = 0; n < SOURCES; n++) {
        assert.equal(log.get(`/s/${n}/feed.xml`), 1, `feed ${n} fetched once`);
        for (let m = 0; m < ITEMS; m++) assert.equal(log.get(`/s/${n}/a/${m}.html`), 1, `page ${n}-${m} fetched once`);
      }
      const articles = await store.db.selectFrom('articles').select('id').execute();
      assert.equal(articles.length, SOURCES * ITEMS);
      const counts = await jobCounts(store);
      assert.equal(counts.running ?? 0, 0, 'no job left claimed');
    } finally {
      for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
