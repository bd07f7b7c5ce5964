// bench/comments: 200 concurrent posters on one article for 30 s (issue #8). Every poster sends
// the real form (a unique comment, its own email, the token read from the page); 1 in 20 posts comes
// from a commenter with an approved comment and is published at once, so the page keeps changing.
// Meanwhile 10 readers load the article page; the baseline is the same readers on the same page
// with nobody posting, measured first in the same run. Checked afterwards against the database: no
// 5xx, every acknowledged comment (303) stored, none stored twice, nothing stored unacknowledged
// but the posts still in flight when the run was cut off.
// Web servers run as child processes (one on SQLite; two on PostgreSQL when TEST_DATABASE_URL or
// BENCH_DATABASE_URL is set), autocannon in this process.
//
//   npx tsx bench/comments.ts [--quick] [--duration S] [--posters N] [--readers N]
// Writes bench/results/comments.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openStore, type Store } from '../src/store/index.js';
import { migrate } from '../src/store/migrations.js';
import { addSource } from '../src/store/sources.js';
import { upsertArticle } from '../src/store/articles.js';
import { insertComment } from '../src/store/comments.js';
import { createWeb, listen } from '../src/web/server.js';
import { commentRoutes } from '../src/web/routes/comments.js';
import { articlePath } from '../src/web/urls.js';

const { values } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    posters: { type: 'string', default: '200' },
    readers: { type: 'string', default: '10' },
  },
});

// Server mode: one web process of the site, as `topstory serve` runs it, on the environment's database.
if (values.serve) {
  const app = await openApp(loadConfig(process.env));
  const web = createWeb(app);
  if (!web.routes.some((r) => r.method === 'POST' && r.path === '/articles/:id/comments')) commentRoutes(web, app, Date.now);
  const { url } = await listen(app, web, { host: '127.0.0.1', port: 0 });
  process.stdout.write(`listening ${url}\n`);
  await new Promise((resolve) => process.once('SIGTERM', resolve));
  process.exit(0);
}

const DURATION = Number(values.duration ?? (values.quick ? 5 : 30));
const BASELINE_DURATION = Math.min(10, DURATION);
const POSTERS = Number(values.posters);
const READERS = Number(values.readers);
const KNOWN_EVERY = 20;
const KNOWN_COMMENTERS = 20;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Target {
  dialect: 'sqlite' | 'postgres';
  env: Record<string, string>;
  open(): Store;
  drop(): Promise<void>;
  processes: number;
}

async function sqliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'topstory-bench-comments-'));
  return {
    dialect: 'sqlite', env: { TOPSTORY_DATA_DIR: dir, TOPSTORY_DATABASE_URL: '' }, processes: 1,
    open: () => openStore({ sqlitePath: join(dir, 'topstory.db') }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(url: string): Promise<Target> {
  const schema = `bench_comments_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    dialect: 'postgres', env: { TOPSTORY_DATABASE_URL: scoped.toString() }, processes: 2,
    open: () => openStore({ databaseUrl: scoped.toString(), sqlitePath: '', poolSize: 4 }),
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code} before listening`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

interface Reading { requestsPerSecond: number; p50: number; p99: number; total: number; fiveHundreds: number; errors: number }

function reading(r: AutocannonResult, fiveHundreds: number): Reading {
  return { requestsPerSecond: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, fiveHundreds, errors: r.errors + r.timeouts };
}

function readers(urls: string[], path: string, duration: number): Promise<Reading> {
  let fiveHundreds = 0;
  return autocannon({
    url: urls[0], connections: READERS, duration, timeout: 30,
    requests: [{ method: 'GET', path, onResponse: (status: number) => { if (status >= 500) fiveHundreds++; } }],
  }).then((r) => reading(r, fiveHundreds));
}

async function run(target: Target) {
  const store = target.open();
  await migrate(store);
  const now = Date.now();
  const source = await addSource(store, { name: 'Coast News', url: 'https://coast.example/feed' }, now - 86_400_000);
  const url = 'https://coast.example/a/ferry';
  const title = 'Harbour ferry returns after storm';
  const { id: articleId } = await upsertArticle(store, {
    sourceId: source.id, url, normalizedUrl: url, guid: url, contentHash: 'h', title, lead: 'The ferry runs again.', byline: null,
    text: 'The ferry runs again.', html: '<p>The ferry runs again.</p>', lang: 'en', imageUrl: null, canonicalUrl: null, siteName: null,
    wordCount: 4, publishedAt: now - 3_600_000, modifiedAt: null,
  }, now - 3_600_000);
  for (let k = 0; k < KNOWN_COMMENTERS; k++) {
    await insertComment(store, {
      articleId, parentId: null, status: 'approved', authorName: `Regular ${k}`, authorEmail: `known${k}@bench.example`, authorUrl: null,
      body: `An earlier approved comment by regular reader ${k}.`, ipHash: null, deleteTokenHash: null,
    }, now - 600_000 + k);
  }
  const seeded = KNOWN_COMMENTERS;
  const path = articlePath({ id: articleId, title });

  const env = {
    ...target.env, TOPSTORY_SECRET: randomBytes(24).toString('hex'), TOPSTORY_LOG_LEVEL: 'warn',
    // Each poster posts far more than a person would: the limits are raised so that every post is
    // stored (they are still counted and checked). Posters' addresses come from X-Real-IP.
    TOPSTORY_COMMENTS_RATE_PER_IP: '1000000', TOPSTORY_COMMENTS_RATE_PER_EMAIL: '1000000', TOPSTORY_DB_POOL_SIZE: '8',
    TOPSTORY_COMMENTS_IP_HEADER: 'X-Real-IP',
  };
  const servers = [];
  for (let i = 0; i < target.processes; i++) servers.push(await startServer(env));
  const urls = servers.map((s) => s.url);
  try {
    const page = await (await fetch(urls[0] + path)).text();
    const token = /name="token" value="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error('no form token on the article page');
    // The token must be 3 s old; the baseline run covers the wait.
    const baseline = await readers(urls, path, BASELINE_DURATION);

    let counter = 0;
    const acknowledged = new Set<number>();
    const statuses = new Map<number, number>();
    let twice = 0;
    const posterRuns = urls.map((u, i) => autocannon({
      url: u, connections: Math.ceil(POSTERS / urls.length) - (i === urls.length - 1 ? (Math.ceil(POSTERS / urls.length) * urls.length - POSTERS) : 0),
      duration: DURATION, timeout: 30,
      requests: [{
        method: 'POST', path: `/articles/${articleId}/comments`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (req: AutocannonRequest, context: Record<string, unknown>) => {
          const n = ++counter;
          // Each connection is one poster with an address of its own (as the proxy header tells it).
          context.ip ??= `10.${i}.${(n >> 8) & 255}.${n & 255}`;
          const known = n % KNOWN_EVERY === 0;
          const body = new URLSearchParams({
            comment: `Comment ${n} from the bench: the ferry timetable changed again, and ${n % 7} readers noticed.`,
            author: known ? `Regular ${n % KNOWN_COMMENTERS}` : `Poster ${n}`,
            email: known ? `known${n % KNOWN_COMMENTERS}@bench.example` : `poster${n}@bench.example`,
            url: '', parent: '0', token,
          }).toString();
          return { ...req, body, headers: { ...req.headers, 'x-real-ip': String(context.ip) } };
        },
        onResponse: (status: number, _body: string, _context: Record<string, unknown>, headers: Record<string, string>) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          const id = Number(/#comment-(\d+)$/.exec(headers.location ?? '')?.[1]);
          if (status === 303 && id > 0) {
            if (acknowledged.has(id)) twice++;
            acknowledged.add(id);
          }
        },
      }],
    }));
    const [posted, underLoad] = await Promise.all([Promise.all(posterRuns), readers(urls, path, DURATION)]);

    const rows = await sql<{ id: number; body: string; status: string }>`select id, body, status from comments where article_id = ${articleId} and id > ${seeded}`.execute(store.db);
    const stored = rows.rows;
    const storedIds = new Set(stored.map((r) => Number(r.id)));
    const lost = [...acknowledged].filter((id) => !storedIds.has(id)).length;
    const unacknowledged = stored.filter((r) => !acknowledged.has(Number(r.id))).length;
    const distinctBodies = new Set(stored.map((r) => r.body)).size;
    const postFiveHundreds = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    // autocannon stops at the deadline without waiting for answers in flight: those posts may be
    // stored without this side having seen the 303.
    // (At most one per connection; autocannon prepares a new body when it reconnects, so the
    // difference between bodies prepared and answers received can only overcount.)
    const cutInFlight = Math.min(POSTERS, counter - [...statuses.values()].reduce((n, c) => n + c, 0));
    const approved = stored.filter((r) => r.status === 'approved').length;
    const finalPage = await fetch(urls[0] + path);
    const finalHtml = await finalPage.text();
    const shownOnPage = (finalHtml.match(/<article id="comment-\d+"/g) ?? []).length;
    const sum = (f: (r: AutocannonResult) => number) => posted.reduce((n, r) => n + f(r), 0);
    return {
      database: target.dialect, webProcesses: target.processes, posters: POSTERS, readers: READERS, durationSeconds: DURATION,
      posts: {
        sent: counter, perSecond: Math.round(sum((r) => r.requests.average)), p50: Math.max(...posted.map((r) => r.latency.p50)),
        p99: Math.max(...posted.map((r) => r.latency.p99)), statuses: Object.fromEntries(statuses), errors: sum((r) => r.errors + r.timeouts),
        fiveHundreds: postFiveHundreds,
      },
      comments: { acknowledged: acknowledged.size, stored: stored.length, lost, storedTwice: stored.length - distinctBodies + twice, unacknowledged, cutInFlight, approved, shownOnPage, finalPageStatus: finalPage.status, finalPageBytes: finalHtml.length },
      articlePage: { baseline: { ...baseline, durationSeconds: BASELINE_DURATION }, underLoad, ratio: +(underLoad.requestsPerSecond / Math.max(1, baseline.requestsPerSecond)).toFixed(3) },
      ok: postFiveHundreds === 0 && underLoad.fiveHundreds === 0 && lost === 0 && stored.length === distinctBodies && twice === 0 && unacknowledged <= cutInFlight && finalPage.status === 200,
    };
  } finally {
    for (const s of servers) await stop(s.child);
    await store.close();
    await target.drop();
  }
}

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const targets = [await sqliteTarget(), ...(pgUrl ? [await postgresTarget(pgUrl)] : [])];
const results = [];
for (const target of targets) results.push(await run(target));

console.log(`bench/comments: ${POSTERS} concurrent posters on one article for ${DURATION} s (1 in ${KNOWN_EVERY} posts by an approved commenter, published at once), ` +
  `${READERS} readers on the article page; baseline = the same readers for ${BASELINE_DURATION} s with no posters; ${cpus().length} CPUs, Node ${process.version}; latencies in ms`);
console.table(results.map((r) => ({
  database: `${r.database} (${r.webProcesses} web)`, 'posts/s': r.posts.perSecond, 'post p99': r.posts.p99, '5xx': r.posts.fiveHundreds + r.articlePage.underLoad.fiveHundreds,
  acknowledged: r.comments.acknowledged, stored: r.comments.stored, 'cut in flight': r.comments.cutInFlight, lost: r.comments.lost, twice: r.comments.storedTwice, 'page req/s': r.articlePage.underLoad.requestsPerSecond,
  'page p99': r.articlePage.underLoad.p99, 'baseline req/s': r.articlePage.baseline.requestsPerSecond, 'baseline p99': r.articlePage.baseline.p99, ratio: r.articlePage.ratio, ok: r.ok ? 'yes' : 'NO',
})));
const out = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'comments.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, results }, null, 2) + '\n');
process.exit(results.every((r) => r.ok) ? 0 : 1);
