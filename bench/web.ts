// bench/web: how fast the site serves its pages from SQLite holding 10,000 articles (front page, an
// article of the Top Story, a search), measured with autocannon, beside the same bytes served as a
// static Buffer by a bare node:http server in the same run (ratio = page req/s ÷ static req/s;
// target ≥ 0.50 for cached pages). Each page is measured plain and with `Accept-Encoding: gzip, br`
// (the static server then serves the compressed bytes the site sent, with the same Content-Encoding).
// autocannon runs in its own process so that it does not share the server's event loop; page and
// static runs alternate for several rounds and each side reports its median, so that load from
// other processes on this shared machine falls on both sides alike.
//
//   npx tsx bench/web.ts [--quick] [--duration S per round] [--rounds N] [--connections N] [--articles N]
// Writes bench/results/web.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createWeb, listen } from '../src/web/server.js';
import { searchPath } from '../src/web/urls.js';
import { seedSiteDatabase } from './web-seed.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string', default: '10' },
    articles: { type: 'string', default: '10000' },
  },
});
const DURATION = Number(values.duration ?? (values.quick ? 2 : 5));
const ROUNDS = Number(values.rounds ?? (values.quick ? 1 : 3));
const CONNECTIONS = Number(values.connections);
const ARTICLES = Number(values.articles);
const TARGET = 0.5;
const WARM_REQUESTS = 30;
const autocannon = createRequire(import.meta.url).resolve('autocannon');

// The request variants every page is measured with: header sent, and its label.
const encodings: ReadonlyArray<{ label: string; acceptEncoding: string | null }> = [
  { label: 'identity', acceptEncoding: null },
  { label: 'gzip, br', acceptEncoding: 'gzip, br' },
];

interface Fetched { status: number; headers: IncomingHttpHeaders; body: Buffer }
interface Load { requestsPerSecond: number; p50: number; p99: number; errors: number; non2xx: number; total: number }

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// One side's rounds as one figure: median rate and latencies, all errors.
function combine(runs: Load[]): Load & { rounds: number[] } {
  const sum = (f: (l: Load) => number) => runs.reduce((n, l) => n + f(l), 0);
  return {
    requestsPerSecond: Math.round(median(runs.map((l) => l.requestsPerSecond))), p50: median(runs.map((l) => l.p50)), p99: median(runs.map((l) => l.p99)),
    errors: sum((l) => l.errors), non2xx: sum((l) => l.non2xx), total: sum((l) => l.total), rounds: runs.map((l) => l.requestsPerSecond),
  };
}

// The raw bytes on the wire (not decompressed), so the static server can send exactly them.
function fetchRaw(url: string, acceptEncoding: string | null, extra: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { ...extra, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function runAutocannon(url: string, acceptEncoding: string | null): Promise<Load> {
  const args = [autocannon, '-j', '-n', '-d', String(DURATION), '-c', String(CONNECTIONS), ...(acceptEncoding ? ['-H', `accept-encoding=${acceptEncoding}`] : []), url];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const r = JSON.parse(out) as { errors: number; timeouts: number; non2xx: number; latency: { p50: number; p99: number }; requests: { average: number; total: number } };
      resolve({ requestsPerSecond: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total });
    });
  });
}

// Baseline: a bare node:http server answering each path with a prepared Buffer (per Accept-Encoding).
function startStatic(): Promise<{ server: Server; url: string; serve(path: string, acceptEncoding: string | null, page: Fetched): void }> {
  const bodies = new Map<string, { headers: Record<string, string | number>; body: Buffer }>();
  const server = createServer((req, res) => {
    const found = bodies.get(`${req.url ?? '/'}|${req.headers['accept-encoding'] ?? ''}`);
    if (!found) return void res.writeHead(404).end();
    res.writeHead(200, found.headers);
    res.end(found.body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    server,
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    serve(path, acceptEncoding, page) {
      const headers: Record<string, string | number> = { 'content-type': 'text/html; charset=utf-8', 'content-length': page.body.length };
      const encoding = page.headers['content-encoding'];
      if (encoding) headers['content-encoding'] = encoding;
      bodies.set(`${path}|${acceptEncoding ?? ''}`, { headers, body: page.body });
    },
  })));
}

const dataDir = mkdtempSync(join(tmpdir(), 'topstory-bench-web-'));
const seedStarted = performance.now();
const site = await seedSiteDatabase({ dataDir, articles: ARTICLES });
const seedSeconds = (performance.now() - seedStarted) / 1000;
const app = await openApp(loadConfig({ TOPSTORY_DATA_DIR: dataDir, TOPSTORY_LOG_LEVEL: 'warn' }));
const { server, url: siteUrl } = await listen(app, createWeb(app), { host: '127.0.0.1', port: 0 });
const baseline = await startStatic();
const pages = [
  { page: 'front', path: '/' },
  { page: 'article', path: site.article.path },
  { page: 'search', path: searchPath(site.searchWord) },
];

const rows: Array<Record<string, unknown>> = [];
for (const { page, path } of pages) {
  for (const { label, acceptEncoding } of encodings) {
    // Warm the page (and any cache it has) before measuring; keep the last answer's bytes.
    let fetched = await fetchRaw(siteUrl + path, acceptEncoding);
    for (let i = 1; i < WARM_REQUESTS; i++) fetched = await fetchRaw(siteUrl + path, acceptEncoding);
    baseline.serve(path, acceptEncoding, fetched);
    // What a browser revalidating its copy gets (304 when the page has an ETag and honours it).
    const etag = fetched.headers.etag;
    const revalidated = etag ? (await fetchRaw(siteUrl + path, acceptEncoding, { 'if-none-match': etag })).status : null;
    for (let i = 0; i < WARM_REQUESTS; i++) await fetchRaw(baseline.url + path, acceptEncoding);
    const oursRuns: Load[] = [];
    const bareRuns: Load[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      oursRuns.push(await runAutocannon(siteUrl + path, acceptEncoding));
      bareRuns.push(await runAutocannon(baseline.url + path, acceptEncoding));
    }
    const ours = combine(oursRuns);
    const bare = combine(bareRuns);
    const ratio = bare.requestsPerSecond > 0 ? ours.requestsPerSecond / bare.requestsPerSecond : 0;
    rows.push({
      page, path, acceptEncoding: label, status: fetched.status,
      contentEncoding: fetched.headers['content-encoding'] ?? null, bytes: fetched.body.length,
      cacheControl: fetched.headers['cache-control'] ?? null, etag: etag !== undefined, ifNoneMatchStatus: revalidated,
      topstory: ours, static: bare, ratio: +ratio.toFixed(3), meetsTarget: fetched.status === 200 && ratio >= TARGET,
    });
  }
}

const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
await new Promise((resolve) => server.close(resolve));
await new Promise((resolve) => baseline.server.close(resolve));
await app.close();
rmSync(dataDir, { recursive: true, force: true });

console.log(`bench/web: ${site.counts.articles} articles, ${site.counts.stories} stories, ${site.counts.sources} sources on SQLite (seeded in ${seedSeconds.toFixed(1)} s); ` +
  `autocannon ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s per side (medians), in its own process; ${cpus().length} CPUs, Node ${process.version}; latencies in ms`);
console.table(rows.map((r) => {
  const ours = r.topstory as Load;
  const bare = r.static as Load;
  return {
    page: r.page, 'accept-encoding': r.acceptEncoding, status: r.status, 'content-encoding': r.contentEncoding ?? '-', bytes: r.bytes,
    'req/s': ours.requestsPerSecond, p50: ours.p50, p99: ours.p99, 'errors/non-2xx': `${ours.errors}/${ours.non2xx}`,
    'static req/s': bare.requestsPerSecond, 'static p99': bare.p99, ratio: r.ratio, [`≥ ${TARGET}`]: r.meetsTarget ? 'yes' : 'no',
  };
}));
const out = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'web.json'), JSON.stringify({
  date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null,
  articles: site.counts.articles, stories: site.counts.stories, sources: site.counts.sources, seedSeconds: +seedSeconds.toFixed(1),
  durationSeconds: DURATION, rounds: ROUNDS, connections: CONNECTIONS, pipelining: 1, target: TARGET, serverRssMiB: rss, rows,
}, null, 2) + '\n');
