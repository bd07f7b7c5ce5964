// Feed parser speed and safety: throughput over feedparser's 2,106 test feeds and a large realistic
// feed (baseline: htmlparser2's bare xmlMode tokenizer on the same bytes, measured in the same run),
// and time and memory for every hostile file in ../shared/data/security/xml plus generated attacks.
// Run: npx tsx bench/feeds.ts   (writes bench/results/feeds.json)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { parseFeed } from '../src/feeds/index.js';
import { projectRoot } from '../src/paths.js';

const data = join(projectRoot(), '..', 'shared', 'data');

function time<T>(fn: () => T, repeat = 3): { ms: number; result: T | Error } {
  let best = Infinity;
  let result: T | Error = new Error('not run');
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    try {
      result = fn();
    } catch (err) {
      result = err as Error;
    }
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, result };
}

function tokenizeOnly(bytes: Uint8Array): void {
  const p = new Parser({}, { xmlMode: true });
  p.write(Buffer.from(bytes).toString('utf8'));
  p.end();
}

const rows: { case: string; bytes: number; ms: number; baselineMs?: number; heapMiB: number; outcome: string }[] = [];
function measure(name: string, bytes: Uint8Array, baseline = false): void {
  const heapBefore = process.memoryUsage().heapUsed;
  const { ms, result } = time(() => parseFeed(bytes), 3);
  const heapMiB = Math.max(0, process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const outcome = result instanceof Error ? `refused: ${result.message.slice(0, 50)}` : `${result.format}, ${result.items.length} items, ${result.warnings.length} warnings`;
  const row: (typeof rows)[number] = { case: name, bytes: bytes.length, ms: Number(ms.toFixed(1)), heapMiB: Number(heapMiB.toFixed(1)), outcome };
  if (baseline) row.baselineMs = Number(time(() => tokenizeOnly(bytes), 3).ms.toFixed(1));
  rows.push(row);
}

// 1. The conformance corpus as one batch.
const corpusDir = join(data, 'feeds', 'feedparser');
const corpus: Uint8Array[] = [];
if (existsSync(join(corpusDir, 'manifest.json'))) {
  const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as { cases: { file: string }[] };
  for (const c of manifest.cases) corpus.push(new Uint8Array(readFileSync(join(corpusDir, c.file))));
}
const corpusBytes = corpus.reduce((n, b) => n + b.length, 0);
const corpusRun = time(() => corpus.forEach((b) => {
  try {
    parseFeed(b);
  } catch {
    // refused documents count too
  }
}), 3);
const corpusBaseline = time(() => corpus.forEach(tokenizeOnly), 3);

// 2. A large realistic feed: 2,000 items with HTML content and media.
const item = (i: number) => `<item><title>Story ${i} &amp; more</title><link>https://news.example/${i}</link><guid isPermaLink="false">id-${i}</guid><pubDate>Mon, 02 Mar 2026 08:${String(i % 60).padStart(2, '0')}:00 GMT</pubDate><dc:creator>Reporter ${i % 17}</dc:creator><category>Cat ${i % 9}</category><description><![CDATA[<p>Summary of story ${i} with <a href="/x/${i}">a link</a>.</p>]]></description><content:encoded><![CDATA[${'<p>Paragraph of body text for the story, long enough to look like an article. </p>'.repeat(12)}<img src="/img/${i}.jpg"></p>]]></content:encoded><media:thumbnail url="https://cdn.news.example/${i}.jpg"/></item>`;
const large = new TextEncoder().encode(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Big</title><link>https://news.example/</link>${Array.from({ length: 2000 }, (_, i) => item(i)).join('')}</channel></rss>`);
measure('realistic RSS, 2,000 items', large, true);

// 3. Hostile files from the shared data, and generated attacks at the 10 MiB cap.
const hostileDir = join(data, 'security', 'xml');
if (existsSync(hostileDir)) {
  for (const f of readdirSync(hostileDir).sort()) measure(`security/xml/${f}`, new Uint8Array(readFileSync(join(hostileDir, f))));
}
const hostileFeed = join(data, 'security', 'h5sc-hostile-feed.rss.xml');
if (existsSync(hostileFeed)) measure('security/h5sc-hostile-feed.rss.xml', new Uint8Array(readFileSync(hostileFeed)));
const tenMiB = 10 * 2 ** 20 - 64;
const fill = (head: string, unit: string, tail: string) => new TextEncoder().encode(head + unit.repeat(Math.floor((tenMiB - head.length - tail.length) / unit.length)) + tail);
// (no htmlparser2 baseline here: its element stack makes deep nesting quadratic, minutes at this size)
measure('generated: 10 MiB nested <div> (depth ~2M)', fill('<rss><channel><item><description>', '<div>', '</description></item></channel></rss>'));
measure('generated: 10 MiB of empty items', fill('<rss><channel>', '<item/>', '</channel></rss>'), true);
measure('generated: 10 MiB of attributes', fill('<rss><channel><item ', 'a="1" ', '/></channel></rss>'), true);
measure('generated: 10 MiB of entity references', fill('<rss><channel><title>', '&amp;&eacute;&#x41;', '</title></channel></rss>'), true);
measure('generated: 10 MiB unclosed tags', fill('<rss><channel>', '<item><title>x', ''));

const table = [
  ['case', 'bytes', 'ms', 'htmlparser2 ms', 'heap MiB', 'outcome'],
  ...rows.map((r) => [r.case, String(r.bytes), String(r.ms), r.baselineMs === undefined ? '' : String(r.baselineMs), String(r.heapMiB), r.outcome]),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((t) => t[i]!.length)));
process.stdout.write(`feedparser corpus: ${corpus.length} files, ${(corpusBytes / 2 ** 20).toFixed(2)} MiB in ${corpusRun.ms.toFixed(0)} ms `
  + `(${(corpus.length / (corpusRun.ms / 1000)).toFixed(0)} files/s); htmlparser2 tokenizer alone ${corpusBaseline.ms.toFixed(0)} ms (ratio ${(corpusRun.ms / corpusBaseline.ms).toFixed(1)}x)\n`);
for (const line of table) process.stdout.write(`${line.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);

const out = join(projectRoot(), 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'feeds.json'), `${JSON.stringify({
  corpus: { files: corpus.length, bytes: corpusBytes, ms: Number(corpusRun.ms.toFixed(1)), baselineMs: Number(corpusBaseline.ms.toFixed(1)) },
  rows,
}, null, 2)}\n`);
