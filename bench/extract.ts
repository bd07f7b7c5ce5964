// Article extraction, ours against Mozilla Readability 0.6.0 on linkedom, on the same pages in the
// same run (issue #4 "Quality, measured the way extraction benchmarks measure it").
// Page sets: ../shared/data/extraction/readability-pages (130 real pages; truth = Readability's
// expected output with our corrections, see bench/extract-truth.ts) and the demo outlets' article
// pages (truth = demo/truth.jsonl). Per set and extractor: F1, precision, recall (bench/extract-score.ts),
// empty results, median and p95 ms per page, peak memory, and metadata right per field.
// Timing: every page is run by both extractors in each round, in alternating order, after a warm-up
// round; a page's time is its fastest round (the least disturbed on a shared machine).
// Run: npx tsx bench/extract.ts [--quality (no timing)] [--raw-reference (Readability's output uncorrected)] [--rounds N] [--set readability|demo] [--page NAME]… [--worst N] [--misses]
//      [--only ours|readability] (time one extractor alone, e.g. under --cpu-prof)
// Writes bench/results/extract.json (not with --page or --only).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { projectRoot } from '../src/paths.js';
import { decodePage, extractArticle } from '../src/extract/index.js';
import { startDemoOutlets } from '../demo/server.js';
import { pageF1, scorePage, scoreSet, type PageScore, type SetScore } from './extract-score.js';
import { SCORED_FIELDS, demoPage, htmlBlockText, demoTruth, readabilityPages, sameField, type PageTruth, type ScoredField } from './extract-truth.js';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '5' },
    set: { type: 'string', multiple: true },
    page: { type: 'string', multiple: true },
    worst: { type: 'string', default: '0' },
    misses: { type: 'boolean', default: false },
    only: { type: 'string' },
    memory: { type: 'string' },
    quality: { type: 'boolean', default: false },
    'raw-reference': { type: 'boolean', default: false },
  },
});
const ROUNDS = Math.max(1, Number(args.rounds));

/** What an extractor returns for scoring. */
interface Extraction {
  text: string;
  metadata: Record<ScoredField, string | null>;
}

type Extractor = (page: PageTruth) => Extraction;

const extractors: Record<'ours' | 'readability', Extractor> = {
  ours(page) {
    const a = extractArticle(page.html, page.url);
    return { text: a.text, metadata: { title: a.title, byline: a.byline, published: a.published, lead: a.lead } };
  },
  readability(page) {
    const { document } = parseHTML(page.html);
    const r = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
    return {
      // Its HTML read as the truth is read (a line per block), not textContent, which runs blocks together.
      text: r?.content ? htmlBlockText(r.content) : '',
      metadata: { title: r?.title ?? null, byline: r?.byline ?? null, published: r?.publishedTime ?? null, lead: r?.excerpt ?? null },
    };
  },
};
type Name = keyof typeof extractors;
const NAMES: Name[] = ['ours', 'readability'];

async function loadDemoPages(): Promise<PageTruth[]> {
  const truth = demoTruth();
  if (truth.length === 0) return [];
  // A fixed clock after the whole corpus, so every headline update is visible.
  const demo = await startDemoOutlets({ delayMs: 0, failEvery: 0, now: () => new Date('2030-01-01T00:00:00Z') });
  try {
    const pages: PageTruth[] = [];
    for (const t of truth) {
      const url = demo.articleUrl(t.id);
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      pages.push(demoPage(t, url, decodePage(bytes, res.headers.get('content-type') ?? undefined)));
    }
    return pages;
  } finally {
    await demo.close();
  }
}

async function loadSets(): Promise<Array<{ data: string; pages: PageTruth[] }>> {
  const wanted = args.set ?? ['readability', 'demo'];
  const sets: Array<{ data: string; pages: PageTruth[] }> = [];
  if (wanted.includes('readability')) {
    const raw = args['raw-reference'];
    sets.push({ data: raw ? 'readability-pages (raw reference)' : 'readability-pages', pages: readabilityPages((b) => decodePage(b), { raw }) });
  }
  if (wanted.includes('demo')) sets.push({ data: 'demo outlets', pages: await loadDemoPages() });
  const only = args.page;
  return sets
    .map((s) => ({ ...s, pages: only ? s.pages.filter((p) => only.some((o) => p.name === o || p.name.endsWith(`/${o}`))) : s.pages }))
    .filter((s) => s.pages.length > 0);
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

interface Result {
  quality: SetScore;
  empty: number;
  /** Pages empty here but not for the other extractor. */
  emptyAlone: number;
  errors: number;
  medianMs: number;
  p95Ms: number;
  metadata: Record<ScoredField, { right: number; pages: number; share: number; extra: number }>;
  perPage: Array<{ name: string; score: PageScore; ms: number; misses: string[] }>;
}

const reported = new Set<string>();

function run(extract: Extractor, page: PageTruth): Extraction | undefined {
  try {
    return extract(page);
  } catch (err) {
    // Each failing page is named once (on stderr), so that an error is never mistaken for a weak score.
    const key = `${extract.name} ${page.name}`;
    if (!reported.has(key)) process.stderr.write(`bench/extract: ${key}: ${(err as Error).message}\n`);
    reported.add(key);
    return undefined;
  }
}

function timePages(pages: PageTruth[], names: Name[]): Record<Name, number[]> {
  if (args.quality) return Object.fromEntries(names.map((n) => [n, pages.map(() => 0)])) as Record<Name, number[]>;
  const best = Object.fromEntries(names.map((n) => [n, pages.map(() => Infinity)])) as Record<Name, number[]>;
  for (let round = 0; round <= ROUNDS; round++) {
    pages.forEach((page, i) => {
      const order = (round + i) % 2 === 0 ? names : [...names].reverse();
      for (const name of order) {
        const started = performance.now();
        run(extractors[name], page);
        const ms = performance.now() - started;
        // Round 0 warms up the JIT and the caches of both extractors.
        if (round > 0) best[name][i] = Math.min(best[name][i]!, ms);
      }
    });
  }
  return best;
}

function evaluate(pages: PageTruth[], names: Name[]): Record<Name, Result> {
  const outputs = Object.fromEntries(names.map((n) => [n, pages.map((p) => run(extractors[n], p))])) as Record<Name, Array<Extraction | undefined>>;
  const times = timePages(pages, names);
  const results = {} as Record<Name, Result>;
  for (const name of names) {
    const other = names.find((n) => n !== name);
    const perPage: Result['perPage'] = [];
    const metadata = Object.fromEntries(SCORED_FIELDS.map((f) => [f, { right: 0, pages: 0, share: 1, extra: 0 }])) as Result['metadata'];
    let empty = 0;
    let emptyAlone = 0;
    let errors = 0;
    pages.forEach((page, i) => {
      const out = outputs[name][i];
      if (!out) errors++;
      const text = out?.text ?? '';
      const isEmpty = text.trim() === '';
      if (isEmpty) {
        empty++;
        if (other && (outputs[other][i]?.text ?? '').trim() !== '') emptyAlone++;
      }
      const misses: string[] = [];
      for (const field of SCORED_FIELDS) {
        const truth = page.metadata[field];
        const ours = out?.metadata[field] ?? null;
        const m = metadata[field];
        if (truth) {
          m.pages++;
          if (sameField(field, ours, truth)) m.right++;
          else misses.push(`${field}: ${JSON.stringify(ours)} ≠ ${JSON.stringify(truth)}`);
        } else if (ours) {
          m.extra++;
          misses.push(`${field}: ${JSON.stringify(ours)} (the truth has none)`);
        }
      }
      perPage.push({ name: page.name, score: scorePage(text, page.body), ms: times[name][i]!, misses });
    });
    for (const field of SCORED_FIELDS) metadata[field].share = metadata[field].pages ? metadata[field].right / metadata[field].pages : 1;
    const sorted = [...times[name]].sort((a, b) => a - b);
    results[name] = {
      quality: scoreSet(perPage.map((p) => p.score)), empty, emptyAlone, errors,
      medianMs: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95), metadata, perPage,
    };
  }
  return results;
}

/** Peak resident memory of a fresh process that extracts every page of the sets once with one extractor. */
function peakMemoryMb(name: Name, sets: string[]): number | undefined {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, '--memory', name, ...sets.flatMap((s) => ['--set', s])], { encoding: 'utf8' });
  const mb = Number(/peak (\d+(?:\.\d+)?)/.exec(child.stdout ?? '')?.[1]);
  return Number.isFinite(mb) ? mb : undefined;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

const sets = await loadSets();
if (sets.length === 0) {
  process.stdout.write('bench/extract: no data (../shared/data/extraction/readability-pages and demo/truth.jsonl are both absent)\n');
  process.exit(0);
}

if (args.memory) {
  // Child mode for peakMemoryMb: one pass, then report the peak resident set size.
  const extract = extractors[args.memory as Name];
  for (const { pages } of sets) for (const page of pages) run(extract, page);
  process.stdout.write(`peak ${(process.resourceUsage().maxRSS / 1024).toFixed(1)}\n`);
  process.exit(0);
}

if (args.only) {
  const name = args.only as Name;
  for (const { data, pages } of sets) {
    const times = timePages(pages, [name])[name].sort((a, b) => a - b);
    process.stdout.write(`${data}: ${name} median ${quantile(times, 0.5).toFixed(2)} ms, p95 ${quantile(times, 0.95).toFixed(2)} ms, total ${times.reduce((a, b) => a + b, 0).toFixed(0)} ms\n`);
  }
  process.exit(0);
}

const rows: Array<{ data: string; pages: number; ours: Result; readability: Result; ratio: number; peakMb: Record<Name, number | undefined> }> = [];
for (const { data, pages } of sets) {
  const results = evaluate(pages, NAMES);
  const peakMb = args.page || args.quality ? { ours: undefined, readability: undefined } : {
    ours: peakMemoryMb('ours', [data.startsWith('demo') ? 'demo' : 'readability']),
    readability: peakMemoryMb('readability', [data.startsWith('demo') ? 'demo' : 'readability']),
  };
  rows.push({ data, pages: pages.length, ...results, ratio: results.ours.medianMs / results.readability.medianMs, peakMb });
}

const metaCell = (r: Result, f: ScoredField): string => `${r.metadata[f].right}/${r.metadata[f].pages}`;
process.stdout.write(table(
  ['data', 'pages', 'extractor', 'F1', 'P', 'R', 'empty', 'median ms', 'p95 ms', 'time vs Readability', 'peak MB', ...SCORED_FIELDS],
  rows.flatMap((row) => NAMES.map((name) => {
    const r = row[name];
    return [
      row.data, String(row.pages), name, r.quality.f1.toFixed(4), r.quality.precision.toFixed(4), r.quality.recall.toFixed(4),
      `${r.empty}${r.emptyAlone ? ` (${r.emptyAlone} alone)` : ''}${r.errors ? `, ${r.errors} errors` : ''}`,
      r.medianMs.toFixed(2), r.p95Ms.toFixed(2), name === 'ours' ? `${row.ratio.toFixed(2)}×` : '1×',
      row.peakMb[name]?.toFixed(0) ?? '-', ...SCORED_FIELDS.map((f) => metaCell(r, f)),
    ];
  })),
));
process.stdout.write(`(${ROUNDS} timed rounds after a warm-up, fastest round per page; F1 = 2PR/(P+R) of per-page means of token 4-gram precision and recall;\n metadata = right/pages whose truth has the field; Readability 0.6.0 on linkedom)\n`);

const worst = Number(args.worst);
for (const row of rows) {
  if (worst > 0) {
    process.stdout.write(`\n${row.data}: lowest F1 (ours, readability)\n`);
    const theirs = new Map(row.readability.perPage.map((p) => [p.name, p.score]));
    for (const p of [...row.ours.perPage].sort((a, b) => pageF1(a.score) - pageF1(b.score)).slice(0, worst)) {
      const t = theirs.get(p.name)!;
      process.stdout.write(`  ${pageF1(p.score).toFixed(3)} P ${p.score.precision.toFixed(3)} R ${p.score.recall.toFixed(3)}  (${pageF1(t).toFixed(3)})  ${p.name}\n`);
    }
  }
  if (args.misses) {
    process.stdout.write(`\n${row.data}: metadata misses (ours)\n`);
    for (const p of row.ours.perPage) for (const m of p.misses) process.stdout.write(`  ${p.name}  ${m}\n`);
  }
}

if (!args.page && !args.quality && !args['raw-reference']) {
  const resultsDir = join(projectRoot(), 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const summary = rows.map((row) => ({
    data: row.data, pages: row.pages, medianRatio: row.ratio,
    ...Object.fromEntries(NAMES.map((name) => {
      const r = row[name];
      return [name, {
        ...r.quality, empty: r.empty, emptyAlone: r.emptyAlone, errors: r.errors, medianMs: r.medianMs, p95Ms: r.p95Ms,
        peakMb: row.peakMb[name] ?? null, metadata: r.metadata,
      }];
    })),
  }));
  writeFileSync(join(resultsDir, 'extract.json'), JSON.stringify({ node: process.version, rounds: ROUNDS, rows: summary }, null, 2) + '\n');
}
