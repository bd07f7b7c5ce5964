// Article extraction: speed and body-text agreement of our extractor against Mozilla Readability
// (on linkedom, since Readability needs a DOM) on the same pages in the same process.
// Pages: ../shared/data/extraction/readability-pages (130 real pages with Readability's expected
// output) and, when demo/truth.jsonl exists, the demo outlets' article pages with their truth.
// Quality: mean 4-gram F1 of body text (against Readability's expected output, and against the
// demo truth); speed: pages per second over several timed rounds after a warm-up round.
// Run: npx tsx bench/extract.ts   (writes bench/results/extract.json)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { projectRoot } from '../src/paths.js';
import { decodePage, extractArticle } from '../src/extract/index.js';
import { htmlText, metadataKey, ngramF1 } from '../src/extract/agreement.js';
import { startDemoOutlets } from '../demo/server.js';

interface Page {
  name: string;
  url: string;
  html: string;
  /** Text the page should yield: Readability's expected output or the demo truth. */
  reference: string;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);

function readabilityPages(): Page[] {
  const dir = join(projectRoot(), '..', 'shared', 'data', 'extraction', 'readability-pages');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'source.html')))
    .sort()
    .map((name) => ({
      name,
      url: 'http://fakehost/test/page.html',
      html: decodePage(readFileSync(join(dir, name, 'source.html'))),
      reference: htmlText(readFileSync(join(dir, name, 'expected.html'), 'utf8')),
    }));
}

async function demoPages(): Promise<Page[]> {
  const truthFile = join(projectRoot(), 'demo', 'truth.jsonl');
  if (!existsSync(truthFile)) return [];
  const truth = readFileSync(truthFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; outlet: string; paragraphs: string[] });
  // A fixed clock after the whole corpus, so every headline update is visible.
  const demo = await startDemoOutlets({ delayMs: 0, failEvery: 0, now: () => new Date('2030-01-01T00:00:00Z') });
  try {
    const pages: Page[] = [];
    for (const t of truth) {
      const url = demo.articleUrl(t.id);
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      pages.push({ name: `${t.outlet}/${t.id}`, url, html: decodePage(bytes, res.headers.get('content-type') ?? undefined), reference: t.paragraphs.join('\n') });
    }
    return pages;
  } finally {
    await demo.close();
  }
}

function ours(page: Page): string {
  return extractArticle(page.html, page.url).text;
}

function theirs(page: Page): string {
  const { document } = parseHTML(page.html);
  const result = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  return result?.textContent ?? '';
}

interface Measured {
  pagesPerSecond: number;
  meanF1: number;
  failures: number;
}

function quality(pages: Page[], run: (p: Page) => string): { meanF1: number; failures: number } {
  let failures = 0;
  let f1 = 0;
  for (const page of pages) {
    try {
      f1 += ngramF1(run(page), page.reference);
    } catch {
      failures++;
    }
  }
  return { meanF1: f1 / pages.length, failures };
}

function timeOnce(pages: Page[], run: (p: Page) => string): number {
  const started = performance.now();
  for (const page of pages) {
    try {
      run(page);
    } catch {
      // failures are counted by quality()
    }
  }
  return performance.now() - started;
}

/** Both extractors, timed in alternating rounds so that load on a shared machine hits both alike. */
function compare(pages: Page[]): { ours: Measured; readability: Measured } {
  const q = { ours: quality(pages, ours), readability: quality(pages, theirs) };
  const ms = { ours: 0, readability: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      ms.ours += timeOnce(pages, ours);
      ms.readability += timeOnce(pages, theirs);
    } else {
      ms.readability += timeOnce(pages, theirs);
      ms.ours += timeOnce(pages, ours);
    }
  }
  const rate = (total: number): number => (pages.length * ROUNDS) / (total / 1000);
  return {
    ours: { pagesPerSecond: rate(ms.ours), ...q.ours },
    readability: { pagesPerSecond: rate(ms.readability), ...q.readability },
  };
}

const sets: Array<{ data: string; pages: Page[] }> = [
  { data: 'readability-pages', pages: readabilityPages() },
  { data: 'demo outlets (truth.jsonl)', pages: await demoPages() },
].filter((s) => s.pages.length > 0);

if (sets.length === 0) {
  process.stdout.write('bench/extract: no data (../shared/data/extraction/readability-pages and demo/truth.jsonl are both absent)\n');
  process.exit(0);
}

const rows = sets.map(({ data, pages }) => {
  const { ours: a, readability: b } = compare(pages);
  return { data, pages: pages.length, ours: a, readability: b, speedRatio: a.pagesPerSecond / b.pagesPerSecond };
});

const header = ['data', 'pages', 'ours p/s', 'Readability p/s', 'ratio', 'ours F1', 'Readability F1', 'failures ours/theirs'];
const table = rows.map((r) => [
  r.data, String(r.pages), r.ours.pagesPerSecond.toFixed(1), r.readability.pagesPerSecond.toFixed(1), `${r.speedRatio.toFixed(2)}×`,
  r.ours.meanF1.toFixed(4), r.readability.meanF1.toFixed(4), `${r.ours.failures}/${r.readability.failures}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${table.map(line).join('\n')}\n`);
process.stdout.write(`(${ROUNDS} timed rounds; F1 is word 4-gram F1 of body text against Readability's expected output resp. the demo truth; Readability 0.6.0 on linkedom)\n`);

// Metadata agreement with Readability's expected-metadata.json (values folded by metadataKey: case,
// punctuation, a leading "By", dates as instants, language as its primary subtag).
const metadataFields = ['title', 'byline', 'excerpt', 'siteName', 'publishedTime', 'lang'] as const;
const metadata: Record<string, { all: number; whereReadabilityHasOne: number; pages: number }> = {};
const pagesDir = join(projectRoot(), '..', 'shared', 'data', 'extraction', 'readability-pages');
if (existsSync(pagesDir)) {
  const names = readdirSync(pagesDir).filter((name) => existsSync(join(pagesDir, name, 'source.html'))).sort();
  const counts = Object.fromEntries(metadataFields.map((f) => [f, { agree: 0, has: 0, agreeHas: 0 }]));
  for (const name of names) {
    const expected = JSON.parse(readFileSync(join(pagesDir, name, 'expected-metadata.json'), 'utf8')) as Record<string, string | null>;
    const a = extractArticle(readFileSync(join(pagesDir, name, 'source.html')), 'http://fakehost/test/page.html');
    const mine: Record<string, string | null> = { title: a.title, byline: a.byline, excerpt: a.lead, siteName: a.siteName, publishedTime: a.published, lang: a.lang };
    for (const f of metadataFields) {
      const same = metadataKey(f, mine[f]) === metadataKey(f, expected[f] ?? null);
      const c = counts[f]!;
      if (same) c.agree++;
      if (expected[f]) {
        c.has++;
        if (same) c.agreeHas++;
      }
    }
  }
  for (const f of metadataFields) {
    const c = counts[f]!;
    metadata[f] = { all: c.agree / names.length, whereReadabilityHasOne: c.has ? c.agreeHas / c.has : 1, pages: c.has };
  }
  process.stdout.write(`\nmetadata agreement with Readability (all ${names.length} pages / pages where Readability found the field):\n`);
  for (const f of metadataFields) {
    const m = metadata[f]!;
    process.stdout.write(`  ${f.padEnd(14)} ${m.all.toFixed(3)}  ${m.whereReadabilityHasOne.toFixed(3)} (${m.pages})\n`);
  }
}

const resultsDir = join(projectRoot(), 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'extract.json'), JSON.stringify({ node: process.version, rounds: ROUNDS, rows, metadata }, null, 2) + '\n');
