// bench/ingest: end-to-end articles per second from loopback outlets to stored articles (feed fetch,
// parse, page fetch, extraction, sanitizing, stories, store), on SQLite and PostgreSQL, with one and
// two worker processes, and where the time goes. Baseline in the same run: fetching the same pages
// with no processing at all (the ratio says what the pipeline costs over the network part). The
// loopback outlets run in a child process, as remote outlets would not share the worker's CPU time.
//
//   npx tsx bench/ingest.ts [--outlets 50] [--articles 200] [--concurrency 8] [--pg postgres://…] [--quick: SQLite, one worker only]
// Writes bench/results/ingest.json.
import { createServer, type Server } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadCorpus } from '../demo/corpus.js';
import { createFetcher } from '../src/fetch/index.js';
import { createExtractPool } from '../src/ingest/extract-pool.js';
import { createStoryAssigner } from '../src/ingest/story-assigner.js';
import { runWorker } from '../src/ingest/worker.js';
import type { StageTimes } from '../src/ingest/pipeline.js';
import { createLogger } from '../src/log.js';
import { openStore, type Store } from '../src/store/index.js';
import { migrate } from '../src/store/migrations.js';
import { addSource } from '../src/store/sources.js';

const { values } = parseArgs({ options: { outlets: { type: 'string', default: '50' }, articles: { type: 'string', default: '200' }, pg: { type: 'string' }, concurrency: { type: 'string', default: '8' }, quick: { type: 'boolean', default: false }, 'serve-outlets': { type: 'boolean', default: false } } });
const CONCURRENCY = Number(values.concurrency);
const OUTLETS = Number(values.outlets);
const PER_OUTLET = Number(values.articles);
const TOTAL = OUTLETS * PER_OUTLET;
const pgUrl = values.pg ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

// Article bodies are recombined paragraphs of the demo corpus: realistic prose and lengths.
const corpus = loadCorpus().filter((a) => a.outlet !== 'priozerye');
const paragraphs = corpus.flatMap((a) => a.body.filter((b): b is string => typeof b === 'string'));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function articleHtml(o: number, k: number): string {
  const source = corpus[(o * 31 + k * 7) % corpus.length]!;
  const body = Array.from({ length: 6 }, (_, i) => paragraphs[(o * 997 + k * 61 + i * 13) % paragraphs.length]!);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(source.title)} (${o}-${k}) | Outlet ${o}</title>
<meta name="description" content="${esc(source.lead)}"><meta property="og:site_name" content="Outlet ${o}"></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world/">World</a></li><li><a href="/business/">Business</a></li></ul></nav></header>
<main><article><h1>${esc(source.title)} (${o}-${k})</h1><p class="standfirst">${esc(source.lead)}</p><p class="byline">By ${esc(source.byline ?? 'Staff')}</p>
${body.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<div class="share"><a href="https://social.example/share">Share</a></div></article>
<aside><h2>Related Articles</h2><ul><li><a href="/a/1">Another story</a></li><li><a href="/a/2">More news</a></li></ul></aside></main>
<footer><p>© Outlet ${o}</p><a href="#top">Back to top</a></footer></body></html>`;
}

function feedXml(base: string, o: number): string {
  const items = Array.from({ length: PER_OUTLET }, (_, k) => {
    const t = corpus[(o * 31 + k * 7) % corpus.length]!;
    const date = new Date(Date.UTC(2026, 2, 2) + (o * PER_OUTLET + k) * 17_000).toUTCString();
    return `<item><title>${esc(t.title)} (${o}-${k})</title><link>${base}/a/${k}.html</link><guid>${base}/a/${k}.html</guid><pubDate>${date}</pubDate><description>${esc(t.lead)}</description></item>`;
  }).join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Outlet ${o}</title><link>${base}/</link><description>Outlet ${o}</description>${items}</channel></rss>`;
}

async function startOutlets(): Promise<{ feeds: string[]; pages: string[]; close(): Promise<void> }> {
  const servers: Server[] = [];
  const feeds: string[] = [];
  const pages: string[] = [];
  for (let o = 0; o < OUTLETS; o++) {
    const cache = new Map<string, Buffer>();
    const server = createServer((req, res) => {
      const path = req.url ?? '/';
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      let body = cache.get(path);
      if (!body) {
        const m = /^\/a\/(\d+)\.html$/.exec(path);
        if (path === '/feed.xml') body = Buffer.from(feedXml(base, o));
        else if (m) body = Buffer.from(articleHtml(o, Number(m[1])));
        else return void res.writeHead(404).end();
        cache.set(path, body);
      }
      res.writeHead(200, { 'content-type': path.endsWith('.xml') ? 'application/rss+xml; charset=utf-8' : 'text/html; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    servers.push(server);
    feeds.push(`${base}/feed.xml`);
    for (let k = 0; k < PER_OUTLET; k++) pages.push(`${base}/a/${k}.html`);
  }
  return { feeds, pages, close: async () => void (await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))) };
}

interface Database { label: 'sqlite' | 'postgres'; env: Record<string, string>; open(): Store; drop(): Promise<void> }

async function freshDatabase(kind: 'sqlite' | 'postgres'): Promise<Database> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'topstory-bench-'));
    return { label: kind, env: { TOPSTORY_DATA_DIR: dir, TOPSTORY_DATABASE_URL: '' }, open: () => openStore({ sqlitePath: join(dir, 'topstory.db') }), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    label: kind,
    env: { TOPSTORY_DATABASE_URL: url.toString() },
    open: () => openStore({ databaseUrl: url.toString(), sqlitePath: '', poolSize: 8 }),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

const fetchOptions = { userAgent: 'Topstory/bench (+http://127.0.0.1/)', allowPrivate: '127.0.0.1/32', perHostIntervalMs: 0, perHostConcurrency: 4 };

// Baseline: fetch every feed and page through the same fetcher, no parsing, extraction or storage.
async function fetchOnly(feeds: string[], pages: string[]): Promise<number> {
  const fetcher = createFetcher(fetchOptions);
  const queue = [...feeds, ...pages];
  const started = performance.now();
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let url = queue.shift(); url; url = queue.shift()) await fetcher.fetch({ url });
  }));
  const seconds = (performance.now() - started) / 1000;
  await fetcher.close();
  return pages.length / seconds;
}

async function register(store: Store, feeds: string[]): Promise<void> {
  await migrate(store);
  for (const [i, url] of feeds.entries()) await addSource(store, { name: `Outlet ${i}`, url, display: 'full' }, Date.now());
}

async function inProcess(db: Database, feeds: string[]): Promise<{ rate: number; stages: StageTimes; seconds: number; cpuMsPerArticle: number }> {
  const store = db.open();
  await register(store, feeds);
  const stageTimes: StageTimes = { fetch: 0, parse: 0, extract: 0, analyze: 0, store: 0 };
  const fetcher = createFetcher(fetchOptions);
  const extractor = createExtractPool();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await runWorker({ store, fetcher, extractor, stories: createStoryAssigner(), log: createLogger('silent'), now: Date.now, random: Math.random, stageTimes }, { once: true, concurrency: CONCURRENCY });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const n = Number((await store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  await extractor.close();
  await fetcher.close();
  await store.close();
  if (n !== TOTAL) throw new Error(`stored ${n} of ${TOTAL}`);
  return { rate: n / seconds, stages: stageTimes, seconds, cpuMsPerArticle: (cpu.user + cpu.system) / 1000 / n };
}

async function processes(db: Database, feeds: string[], count: number): Promise<{ rate: number; seconds: number }> {
  const store = db.open();
  await register(store, feeds);
  const env = { ...process.env, ...db.env, TOPSTORY_FETCH_ALLOW_PRIVATE: '127.0.0.1/32', TOPSTORY_FETCH_HOST_INTERVAL_MS: '0', TOPSTORY_LOG_LEVEL: 'silent' };
  const started = performance.now();
  const children = Array.from({ length: count }, () => spawn(process.execPath, ['--import', 'tsx', main, 'ingest', '--once', '--concurrency', String(CONCURRENCY)], { env, stdio: 'ignore' }));
  await Promise.all(children.map((c) => new Promise((resolve) => c.on('close', resolve))));
  // A worker that found nothing left stops early; wait for the stragglers' jobs to be stored.
  let n = 0;
  for (let i = 0; i < 600; i++) {
    n = Number((await store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (n >= TOTAL) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  if (n !== TOTAL) throw new Error(`stored ${n} of ${TOTAL}`);
  return { rate: n / seconds, seconds };
}

// The outlets are other machines in real life: here they run in a child process of their own, so
// that serving them does not take the pipeline's event loop (the child prints its URLs, then serves
// until its stdin closes).
if (values['serve-outlets']) {
  const served = await startOutlets();
  process.stdout.write(`${JSON.stringify({ feeds: served.feeds, pages: served.pages })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void served.close().then(() => process.exit(0)));
  await new Promise(() => {});
}

async function outletsProcess(): Promise<{ feeds: string[]; pages: string[]; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve-outlets', '--outlets', String(OUTLETS), '--articles', String(PER_OUTLET)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const urls = await new Promise<{ feeds: string[]; pages: string[] }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.indexOf('\n');
      if (line >= 0) resolve(JSON.parse(out.slice(0, line)) as { feeds: string[]; pages: string[] });
    });
    child.once('exit', (code) => reject(new Error(`the outlets process exited with ${code}`)));
  });
  return { ...urls, close: () => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.stdin.end(); }) };
}

const outlets = await outletsProcess();
const rows: Array<Record<string, string | number>> = [];
const baseline = await fetchOnly(outlets.feeds, outlets.pages);
rows.push({ run: 'baseline: fetch only (no processing)', articlesPerSecond: Math.round(baseline), ratio: 1 });
for (const kind of values.quick ? (['sqlite'] as const) : (['sqlite', 'postgres'] as const)) {
  let db = await freshDatabase(kind);
  const one = await inProcess(db, outlets.feeds);
  await db.drop();
  const busy = one.stages.fetch + one.stages.parse + one.stages.extract + one.stages.analyze + one.stages.store;
  rows.push({
    run: `${kind}, 1 worker`, articlesPerSecond: Math.round(one.rate), ratio: +(one.rate / baseline).toFixed(3), seconds: +one.seconds.toFixed(1),
    cpuMsPerArticle: +one.cpuMsPerArticle.toFixed(2),
    fetch: `${Math.round((100 * one.stages.fetch) / busy)}%`, parse: `${Math.round((100 * one.stages.parse) / busy)}%`,
    extract: `${Math.round((100 * one.stages.extract) / busy)}%`, analyze: `${Math.round((100 * one.stages.analyze) / busy)}%`, store: `${Math.round((100 * one.stages.store) / busy)}%`,
  });
  if (values.quick) continue;
  db = await freshDatabase(kind);
  const two = await processes(db, outlets.feeds, 2);
  await db.drop();
  rows.push({ run: `${kind}, 2 worker processes`, articlesPerSecond: Math.round(two.rate), ratio: +(two.rate / baseline).toFixed(3), seconds: +two.seconds.toFixed(1) });
}
await outlets.close();
console.log(`bench/ingest: ${OUTLETS} outlets x ${PER_OUTLET} articles = ${TOTAL} articles, loopback, ${CONCURRENCY} jobs per worker; stage shares are summed busy time of the 1-worker run; cpuMsPerArticle is CPU time of the whole process (all threads, the loopback outlets included) per stored article`);
console.table(rows);
const out = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'ingest.json'), JSON.stringify({ date: new Date().toISOString(), outlets: OUTLETS, perOutlet: PER_OUTLET, rows }, null, 2) + '\n');
