// The fetcher's cost: requests per second against a loopback server, compared in the same run with
// undici's plain request() (no guard, no queue, gunzip done the same way), and the memory a 100 MiB
// gzip bomb costs with the 10 MiB cap (peak growth of external memory, sampled every 2 ms), and the
// address guard's speed. Run: npx tsx bench/fetch.ts   (writes bench/results/fetch.json)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { projectRoot } from '../src/paths.js';
import { blockReason } from '../src/fetch/address-guard.js';
import { createFetcher } from '../src/fetch/index.js';

const root = projectRoot();
const item = (i: number) => `<item><title>Story ${i}</title><link>https://news.test/${i}</link><description>${'Lorem ipsum dolor sit amet. '.repeat(20)}</description></item>`;
const feed = gzipSync(`<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>${Array.from({ length: 200 }, (_, i) => item(i)).join('')}</channel></rss>`);
const bombPath = join(root, '..', 'shared', 'data', 'security', 'gzip-bomb-100MiB.gz');
const bomb = existsSync(bombPath) ? readFileSync(bombPath) : null;

const server = createServer((req, res) => {
  if (req.url === '/bomb' && bomb) {
    res.writeHead(200, { 'content-encoding': 'gzip' });
    res.end(bomb);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
  res.end(feed);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const N = 2000;
const PARALLEL = 2;

async function timed(label: string, one: () => Promise<number>): Promise<{ label: string; requestsPerSecond: number; bytes: number }> {
  for (let i = 0; i < 50; i++) await one(); // warm up
  let bytes = 0;
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    while (next++ < N) {
      const decoded = await one();
      bytes += decoded;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return { label, requestsPerSecond: Math.round(N / seconds), bytes: bytes / N };
}

const fetcher = createFetcher({ userAgent: 'Topstory/bench', allowPrivate: '127.0.0.1/32', perHostIntervalMs: 0, perHostConcurrency: PARALLEL, respectRobots: false });
const agent = new Agent({ connections: PARALLEL });
const baseline = await timed('undici request() + gunzipSync', async () => {
  const res = await request(`${origin}/feed`, { dispatcher: agent, headers: { 'accept-encoding': 'gzip' } });
  return gunzipSync(Buffer.from(await res.body.arrayBuffer())).length;
});
const ours = await timed('createFetcher().fetch()', async () => (await fetcher.fetch({ url: `${origin}/feed` })).body.length);

let bombRow: { cap: string; peakExternalGrowthMiB: number; code: string } | null = null;
if (bomb) {
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peak = 0;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.external + now.arrayBuffers - base.external - base.arrayBuffers, now.heapUsed - base.heapUsed);
  }, 2);
  let code = 'none';
  try {
    await fetcher.fetch({ url: `${origin}/bomb` });
  } catch (err) {
    code = (err as { code: string }).code;
  }
  clearInterval(sampler);
  bombRow = { cap: '10 MiB', peakExternalGrowthMiB: Math.round((peak / 1048576) * 10) / 10, code };
}

const addresses = Array.from({ length: 100_000 }, (_, i) => `${(i * 7919) % 256}.${(i * 31) % 256}.${i % 256}.${(i >> 8) % 256}`);
const guardStarted = performance.now();
let blocked = 0;
for (const address of addresses) if (blockReason(address)) blocked++;
const guardPerSecond = Math.round(addresses.length / ((performance.now() - guardStarted) / 1000));

await fetcher.close();
await agent.close();
server.close();

console.log('| path | requests/s | bytes decoded |');
console.log('|---|---|---|');
for (const row of [baseline, ours]) console.log(`| ${row.label} | ${row.requestsPerSecond} | ${row.bytes} |`);
console.log(`ratio ours/baseline: ${(ours.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)} (${N} requests, ${PARALLEL} in parallel, ${feed.length} bytes gzipped)`);
if (bombRow) console.log(`gzip bomb (100 MiB of zeros): ${bombRow.code}, peak memory growth ${bombRow.peakExternalGrowthMiB} MiB with a ${bombRow.cap} cap`);
console.log(`address guard: ${guardPerSecond} IPv4 checks/s (${blocked} of ${addresses.length} blocked)`);

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'fetch.json'), JSON.stringify({
  date: new Date().toISOString(), node: process.version, requests: N, parallel: PARALLEL,
  baseline, ours, ratio: ours.requestsPerSecond / baseline.requestsPerSecond, bomb: bombRow, guardPerSecond,
}, null, 2) + '\n');
