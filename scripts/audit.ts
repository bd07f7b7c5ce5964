// `npm run audit`: Lighthouse 12 (default mobile settings, simulated throttling) with Debian's
// Chromium on the front page and an article page of a seeded site served on loopback. Prints the
// four category scores per page and the audits that keep a score below its target, writes
// bench/results/audit.json, and exits 1 when a target is missed (targets below; issue 7 "Speed").
//
//   npm run audit [-- --report-only] [-- --articles N] [-- --runs N] [-- --reports DIR]
//
// --reports DIR keeps every run's full Lighthouse report (JSON, openable in the Lighthouse viewer)
// as DIR/<page>-<run>.json, for finding what a score lost.
//
// Each page is audited `--runs` times (default 5) and the run with the median performance score
// is the one reported, as Lighthouse's own guidance on score variability advises: on a shared
// 2-core machine one run's Total Blocking Time swings by hundreds of milliseconds (even a bare
// "Hello" page shows 100–150 ms tasks Chromium cannot attribute). Every run's scores are kept in
// the JSON.
//
// The article page is one of an excerpt source: full-text republished pages carry `noindex` by
// design (DESIGN.md, publishing policy), which Lighthouse's SEO audit `is-crawlable` always fails.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse, { type Result } from 'lighthouse';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { projectRoot } from '../src/paths.js';
import { createWeb, listen } from '../src/web/server.js';
import { seedSiteDatabase } from '../bench/web-seed.js';

// Minimum category scores, sorted as Lighthouse orders its categories.
const targets: ReadonlyArray<{ category: string; min: number }> = [
  { category: 'performance', min: 0.95 },
  { category: 'accessibility', min: 1 },
  { category: 'best-practices', min: 1 },
  { category: 'seo', min: 1 },
];
// Audit display modes that carry a score; a binary audit passes at 1, a scored one (as in the
// Lighthouse report) at 0.9.
const passingScore: Readonly<Record<string, number>> = { binary: 1, metricSavings: 0.9, numeric: 0.9 };
const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const { values } = parseArgs({ options: { 'report-only': { type: 'boolean', default: false }, articles: { type: 'string', default: '300' }, runs: { type: 'string', default: '5' }, reports: { type: 'string' } } });
const RUNS = Math.max(1, Number(values.runs) || 5);

/** Starts Chromium with a DevTools port for Lighthouse; resolves once the port is known. */
function launchChromium(profileDir: string): Promise<{ child: ChildProcess; port: number }> {
  if (!existsSync(chromiumPath)) throw new Error(`audit: Chromium not found at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const child = spawn(chromiumPath, [...chromiumFlags, '--remote-debugging-port=0', `--user-data-dir=${profileDir}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`audit: Chromium did not open a DevTools port: ${seen.slice(-500)}`)), 30_000);
    child.stderr!.on('data', (c: Buffer) => {
      seen += c.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (m) {
        clearTimeout(timer);
        child.stderr!.removeAllListeners('data');
        child.stderr!.resume();
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

interface FailingAudit { category: string; id: string; title: string; score: number | null; displayValue: string | null }

/** What one page scored, with the audits that hold a category below 1 and those that could not run. */
function summarise(page: string, path: string, lhr: Result) {
  const scores = Object.fromEntries(targets.map((t) => [t.category, lhr.categories[t.category]?.score ?? null]));
  const failing: FailingAudit[] = [];
  const errored: FailingAudit[] = [];
  for (const { category } of targets) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit) continue;
      const entry = { category, id: audit.id, title: audit.title, score: audit.score, displayValue: audit.displayValue ?? null };
      if (audit.scoreDisplayMode === 'error') errored.push({ ...entry, displayValue: audit.errorMessage ?? null });
      const pass = passingScore[audit.scoreDisplayMode];
      if (pass !== undefined && audit.score !== null && audit.score < pass) failing.push(entry);
    }
  }
  const measured = Object.fromEntries(metrics.map((id) => [id, lhr.audits[id]?.displayValue ?? null]));
  const missed = targets.filter((t) => (scores[t.category] ?? 0) < t.min).map((t) => t.category);
  return { page, path, url: lhr.finalDisplayedUrl, scores, metrics: measured, missed, failing, errored, runWarnings: lhr.runWarnings };
}

async function stopChromium(): Promise<void> {
  const child = chromium;
  chromium = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}

const dataDir = mkdtempSync(join(tmpdir(), 'topstory-audit-'));
const profileDir = mkdtempSync(join(tmpdir(), 'topstory-audit-chromium-'));
let chromium: ChildProcess | undefined;
let exitCode = 0;
try {
  const site = await seedSiteDatabase({ dataDir, articles: Number(values.articles) });
  const app = await openApp(loadConfig({ TOPSTORY_DATA_DIR: dataDir, TOPSTORY_LOG_LEVEL: 'warn' }));
  const { server, url } = await listen(app, createWeb(app), { host: '127.0.0.1', port: 0 });
  const launched = await launchChromium(profileDir);
  chromium = launched.child;
  const pages = [{ page: 'front', path: '/' }, { page: 'article', path: site.excerptArticle.path }];
  const results = [];
  for (const { page, path } of pages) {
    const runs: Result[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await lighthouse(url + path, { port: launched.port, hostname: '127.0.0.1', output: 'json', logLevel: 'error' });
      if (!run) throw new Error(`audit: Lighthouse returned no result for ${path}`);
      if (run.lhr.runtimeError) throw new Error(`audit: Lighthouse could not load ${path}: ${run.lhr.runtimeError.message}`);
      runs.push(run.lhr);
      if (values.reports) {
        mkdirSync(values.reports, { recursive: true });
        writeFileSync(join(values.reports, `${page}-${i + 1}.json`), JSON.stringify(run.lhr));
      }
    }
    // The median run by performance score (the other categories do not vary between runs).
    const sorted = [...runs].sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
    const median = sorted[Math.floor(sorted.length / 2)]!;
    results.push({ ...summarise(page, path, median), runs: runs.map((r) => Object.fromEntries(targets.map((t) => [t.category, r.categories[t.category]?.score ?? null]))) });
  }
  // Chromium keeps connections to the site open; close it first, or server.close() waits for them.
  await stopChromium();
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  await new Promise((resolve) => server.close(resolve));
  await app.close();

  const version = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`npm run audit: Lighthouse 12.2.3 (mobile, simulated throttling), ${version}, ${site.counts.articles} articles, median of ${RUNS} runs per page`);
  console.table(results.map((r) => ({ page: r.page, path: r.path, ...r.scores, 'performance, every run': r.runs.map((x) => x.performance).join(' ') })));
  console.log(`targets: ${targets.map((t) => `${t.category} ≥ ${t.min}`).join(', ')}`);
  for (const r of results) {
    console.log(`\n${r.page} ${r.path}: ${Object.entries(r.metrics).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    for (const f of r.failing) console.log(`  FAIL [${f.category}] ${f.id}: ${f.title}${f.displayValue ? ` (${f.displayValue})` : ''} score ${f.score}`);
    // Lighthouse 12.2.3's trace engine cannot read some traces of newer Chromium; the audits it
    // loses carry no weight in the score, but say so rather than hide it.
    if (r.errored.length > 0) console.log(`  could not run (${r.errored[0]!.displayValue ?? 'error'}): ${r.errored.map((e) => e.id).join(', ')}`);
    for (const w of r.runWarnings) console.log(`  warning: ${w}`);
    if (r.failing.length === 0 && r.errored.length === 0) console.log('  every audit passes');
  }
  const missed = results.flatMap((r) => r.missed.map((c) => `${r.page} ${c}`));
  const outDir = join(projectRoot(), 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'audit.json'), JSON.stringify({
    date: new Date().toISOString(), node: process.version, lighthouse: '12.2.3', chromium: version,
    settings: `Lighthouse defaults: mobile emulation, simulated throttling; median of ${RUNS} runs per page`, articles: site.counts.articles,
    targets: Object.fromEntries(targets.map((t) => [t.category, t.min])), passed: missed.length === 0, results,
  }, null, 2) + '\n');
  if (missed.length > 0) {
    console.log(`\ntargets missed: ${missed.join(', ')}${values['report-only'] ? ' (--report-only: exit 0)' : ''}`);
    if (!values['report-only']) exitCode = 1;
  } else {
    console.log('\nevery target met');
  }
} catch (err) {
  console.error((err as Error).message);
  exitCode = 1;
} finally {
  await stopChromium();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
}
process.exit(exitCode);
