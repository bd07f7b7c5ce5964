// Feed parser speed beside feedsmith and rss-parser, measured in the same run, on a 5,000-item
// synthetic RSS 2.0 feed and on feedparser's whole conformance corpus (2,106 files); then time and
// memory of ours on every hostile file in ../shared/data/security/xml plus generated attacks.
// Ours is measured as it ships: charset detection, URL resolution and HTML sanitizing of every
// summary and content included. The others do none of that; they get the bytes decoded as UTF-8
// (the decode is inside their timed region, as a caller would have to do it).
// Run: npx tsx bench/feeds.ts   (writes bench/results/feeds.json)
//      npx tsx bench/feeds.ts --quick [--only synthetic|corpus]   (3 rounds, no hostile cases, writes nothing;
//      for profiling: node --cpu-prof --import tsx bench/feeds.ts --quick)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFeed as feedsmithParse } from 'feedsmith';
import RssParser from 'rss-parser';
import { parseFeed } from '../src/feeds/index.js';
import { projectRoot } from '../src/paths.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
if (flags.only !== undefined && flags.only !== 'synthetic' && flags.only !== 'corpus') {
  process.stderr.write('bench/feeds: --only takes synthetic or corpus\n');
  process.exit(2);
}

const data = join(projectRoot(), '..', 'shared', 'data');
const WARMUP = 2;
const ROUNDS = Number(process.env.BENCH_FEEDS_ROUNDS ?? (flags.quick ? 3 : 7));

/** One parser under test: returns how many items it found, or throws when it rejects the file. */
interface Contender {
  name: string;
  parse(bytes: Uint8Array, url: string): Promise<number> | number;
}

const rssParser = new RssParser();
const utf8 = new TextDecoder('utf-8');

// feedsmith returns items under feed.items (RSS, RDF, JSON Feed) or feed.entries (Atom).
function feedsmithItems(result: ReturnType<typeof feedsmithParse>): number {
  const feed = result.feed as { items?: unknown[]; entries?: unknown[] };
  return (feed.items ?? feed.entries ?? []).length;
}

const CONTENDERS: readonly Contender[] = [
  { name: 'topstory', parse: (bytes, url) => parseFeed(bytes, { url }).items.length },
  { name: 'feedsmith 3.0.1', parse: (bytes) => feedsmithItems(feedsmithParse(utf8.decode(bytes))) },
  { name: 'rss-parser 3.13.0', parse: async (bytes) => (await rssParser.parseString(utf8.decode(bytes))).items.length },
];

// ---------------------------------------------------------------------------------------------
// The synthetic feed: 5,000 news items shaped like a large outlet's full-content feed. Deterministic
// (varies by index, no randomness) so every run parses the same bytes.
const SECTIONS = ['Business', 'Climate', 'Culture', 'Health', 'Politics', 'Science', 'Sport', 'Technology', 'World'];
const WORDS = ('the council said on tuesday that officials would review the proposal after residents raised concerns about '
  + 'costs delays and the impact on local schools while analysts expect markets to respond cautiously to the figures').split(' ');

function sentence(i: number, n: number): string {
  const words = Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]!);
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

function syntheticItem(i: number): string {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const time = `${String(i % 24).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:00`;
  const categories = Array.from({ length: 1 + (i % 3) }, (_, k) => `<category>${SECTIONS[(i + k) % SECTIONS.length]}</category>`).join('');
  const paragraphs = Array.from({ length: 3 + (i % 6) }, (_, k) => {
    const p = sentence(i + k, 16 + ((i + k) % 16));
    if (k === 1) return `<p>${p} <a href="/${SECTIONS[i % 9]!.toLowerCase()}/related-${i}">Read more</a> &amp; <em>analysis</em>.</p>`;
    if (k === 2 && i % 4 === 0) return `<figure><img src="/images/${i}.jpg" alt="Photo ${i}" width="800" height="450"><figcaption>${sentence(i, 8)}</figcaption></figure>`;
    if (k === 3 && i % 5 === 0) return `<blockquote><p>&#8220;${sentence(i + 3, 12)}&#8221;</p></blockquote>`;
    return `<p>${p}</p>`;
  }).join('\n');
  return `<item>
<title>${sentence(i, 9).slice(0, -1)} &#8211; report ${i}</title>
<link>https://news.example/${SECTIONS[i % 9]!.toLowerCase()}/2026/03/${day}/story-${i}</link>
<guid isPermaLink="false">news.example:story:${i}</guid>
<pubDate>${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][i % 7]}, ${day} Mar 2026 ${time} +0000</pubDate>
<dc:creator>Reporter ${i % 37}</dc:creator>
${categories}
<description><![CDATA[<p>${sentence(i, 24)} <strong>${sentence(i + 1, 6)}</strong></p>]]></description>
<content:encoded><![CDATA[${paragraphs}]]></content:encoded>
</item>`;
}

const syntheticFeed = new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>News Example</title>
<link>https://news.example/</link>
<description>All stories from News Example</description>
<language>en</language>
${Array.from({ length: 5000 }, (_, i) => syntheticItem(i)).join('\n')}
</channel>
</rss>
`);

// ---------------------------------------------------------------------------------------------
// The conformance corpus: every file of feedparser's suite, as bytes.
const corpusDir = join(data, 'feeds', 'feedparser');
const corpus: { file: string; bytes: Uint8Array }[] = [];
if (existsSync(join(corpusDir, 'manifest.json'))) {
  const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as { cases: { file: string }[] };
  for (const c of manifest.cases) corpus.push({ file: c.file, bytes: new Uint8Array(readFileSync(join(corpusDir, c.file))) });
}

interface Pass {
  ms: number;
  items: number;
  bytes: number;
  failed: number;
}

// One pass of one parser over a set of documents. A document the parser throws on counts as a
// failure and its time is left out, so a parser is not rewarded or punished for giving up early.
async function pass(contender: Contender, docs: readonly { file: string; bytes: Uint8Array }[]): Promise<Pass> {
  let ms = 0;
  let items = 0;
  let bytes = 0;
  let failed = 0;
  for (const doc of docs) {
    const start = performance.now();
    try {
      const n = await contender.parse(doc.bytes, `http://127.0.0.1:8097/tests/${doc.file}`);
      ms += performance.now() - start;
      items += n;
      bytes += doc.bytes.length;
    } catch {
      failed++;
    }
  }
  return { ms, items, bytes, failed };
}

interface Row {
  workload: string;
  parser: string;
  medianMs: number;
  items: number;
  bytes: number;
  failed: number;
  itemsPerSecond: number;
  mbPerSecond: number;
  /** Ours: items/s over the fastest competitor's; competitors: their items/s over ours. */
  ratio?: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Warm up every parser, then ROUNDS rounds in which each parser runs once, the order rotating from
// round to round so none always runs first (or last, after the others have grown the heap).
async function race(workload: string, docs: readonly { file: string; bytes: Uint8Array }[]): Promise<Row[]> {
  for (let w = 0; w < WARMUP; w++) for (const c of CONTENDERS) await pass(c, docs);
  const runs = new Map<string, Pass[]>(CONTENDERS.map((c) => [c.name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < CONTENDERS.length; k++) {
      const c = CONTENDERS[(r + k) % CONTENDERS.length]!;
      runs.get(c.name)!.push(await pass(c, docs));
    }
  }
  const rows = CONTENDERS.map((c): Row => {
    const list = runs.get(c.name)!;
    const ms = median(list.map((p) => p.ms));
    const last = list[list.length - 1]!;
    return {
      workload, parser: c.name, medianMs: Number(ms.toFixed(1)), items: last.items, bytes: last.bytes, failed: last.failed,
      itemsPerSecond: Math.round(last.items / (ms / 1000)), mbPerSecond: Number((last.bytes / 1e6 / (ms / 1000)).toFixed(2)),
    };
  });
  const [ours, ...others] = rows;
  const fastest = Math.max(...others.map((r) => r.itemsPerSecond));
  ours!.ratio = Number((ours!.itemsPerSecond / fastest).toFixed(2));
  for (const r of others) r.ratio = Number((r.itemsPerSecond / ours!.itemsPerSecond).toFixed(2));
  return rows;
}

const speed: Row[] = [];
if (flags.only !== 'corpus') {
  speed.push(...await race(`synthetic RSS 2.0, 5,000 items (${(syntheticFeed.length / 1e6).toFixed(1)} MB)`, [{ file: 'synthetic.xml', bytes: syntheticFeed }]));
}
if (flags.only !== 'synthetic') {
  if (corpus.length > 0) speed.push(...await race(`feedparser corpus, ${corpus.length.toLocaleString('en-US')} files`, corpus));
  else process.stdout.write('feedparser corpus not found in ../shared/data/feeds/feedparser: corpus rows skipped\n');
}

// ---------------------------------------------------------------------------------------------
// Hostile inputs: ours only (they are about bounded time and memory, not speed against others).
function best<T>(fn: () => T, repeat = 3): { ms: number; result: T | Error } {
  let ms = Infinity;
  let result: T | Error = new Error('not run');
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    try {
      result = fn();
    } catch (err) {
      result = err as Error;
    }
    ms = Math.min(ms, performance.now() - start);
  }
  return { ms, result };
}

const hostile: { case: string; bytes: number; ms: number; heapMiB: number; outcome: string }[] = [];
function measure(name: string, bytes: Uint8Array): void {
  const heapBefore = process.memoryUsage().heapUsed;
  const { ms, result } = best(() => parseFeed(bytes));
  const heapMiB = Math.max(0, process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const outcome = result instanceof Error ? `refused: ${result.message.slice(0, 50)}` : `${result.format}, ${result.items.length} items, ${result.warnings.length} warnings`;
  hostile.push({ case: name, bytes: bytes.length, ms: Number(ms.toFixed(1)), heapMiB: Number(heapMiB.toFixed(1)), outcome });
}
const hostileDir = join(data, 'security', 'xml');
if (!flags.quick) {
  if (existsSync(hostileDir)) {
    for (const f of readdirSync(hostileDir).sort()) measure(`security/xml/${f}`, new Uint8Array(readFileSync(join(hostileDir, f))));
  }
  const hostileFeed = join(data, 'security', 'h5sc-hostile-feed.rss.xml');
  if (existsSync(hostileFeed)) measure('security/h5sc-hostile-feed.rss.xml', new Uint8Array(readFileSync(hostileFeed)));
  const tenMiB = 10 * 2 ** 20 - 64;
  const fill = (head: string, unit: string, tail: string) => new TextEncoder().encode(head + unit.repeat(Math.floor((tenMiB - head.length - tail.length) / unit.length)) + tail);
  measure('generated: 10 MiB nested <div> (depth ~2M)', fill('<rss><channel><item><description>', '<div>', '</description></item></channel></rss>'));
  measure('generated: 10 MiB of empty items', fill('<rss><channel>', '<item/>', '</channel></rss>'));
  measure('generated: 10 MiB of attributes', fill('<rss><channel><item ', 'a="1" ', '/></channel></rss>'));
  measure('generated: 10 MiB of entity references', fill('<rss><channel><title>', '&amp;&eacute;&#x41;', '</title></channel></rss>'));
  measure('generated: 10 MiB unclosed tags', fill('<rss><channel>', '<item><title>x', ''));
}

// ---------------------------------------------------------------------------------------------
function print(table: string[][]): void {
  const widths = table[0]!.map((_, i) => Math.max(...table.map((t) => t[i]!.length)));
  for (const line of table) process.stdout.write(`${line.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
  process.stdout.write('\n');
}
process.stdout.write(`Node ${process.version}, ${WARMUP} warm-up passes, median of ${ROUNDS} rounds (parsers alternate within a round)\n\n`);
print([
  ['workload', 'parser', 'median ms', 'items', 'items/s', 'MB/s', 'failed files', 'ratio'],
  ...speed.map((r) => [r.workload, r.parser, String(r.medianMs), String(r.items), String(r.itemsPerSecond), String(r.mbPerSecond), String(r.failed),
    r.parser === 'topstory' ? `${r.ratio} of fastest other` : `${r.ratio} of topstory`]),
]);
if (!flags.quick) {
  print([
    ['hostile case', 'bytes', 'ms', 'heap MiB', 'outcome'],
    ...hostile.map((r) => [r.case, String(r.bytes), String(r.ms), String(r.heapMiB), r.outcome]),
  ]);
  const out = join(projectRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'feeds.json'), `${JSON.stringify({ node: process.version, warmup: WARMUP, rounds: ROUNDS, speed, hostile }, null, 2)}\n`);
}
