// bench/related-scale: the article page's related-articles query on a SQLite database holding
// 1,000,000 articles (issue 6, "related-articles query p99 ≤ 5 ms at 1M").
//
// The database is written straight through better-sqlite3 after the app's own migrations (the
// search index's triggers included): 30 days of news at a constant rate (1M articles over 30 days
// whatever --articles says, so the 7 days the page looks at always hold the same volume), stories of
// heavy-tailed sizes (1 to 300 articles, mean about 8) from 40 outlets, 4 % wire copies, each story
// with its own people and place, and every story naming one or two of 300 common entities drawn by
// a Zipf law, as news names countries and big organisations: the most common is named in about a
// sixth of all articles. Every article stores an HTML body of --body-bytes (default 8,000: a long
// value sits in a row as in real data). Story scores are the ranking module's, as of the end of the stream.
//
// Then the stories' stored related profiles (src/ingest/story-profile.ts) are filled as a worker
// fills them after an upgrade, by the periodic re-rank of the last 7 days (rescoreStories: the
// scores it recomputes are the ones written here), unless the database already holds them.
//
// Then, as the web process would, for articles drawn uniformly from the last 7 days, it times what
// the article page runs for related articles (src/web/routes/article.tsx): first the rows of the
// article's own story that the page reads for its coverage and topics as well (every article of
// the story, its 12 most named entities: "story rows"), then `relatedFor` (src/web/related.ts:
// stories sharing those entities, the top stories, the candidates' newest articles, the ranking,
// the articles shown), every query and all the work, end to end ("related"; the target's figure;
// also in CPU time of the process, GC threads included: on a shared machine the wall-clock tail is
// mostly time the process waited for a core).
// Beside them, in the same loop, the baseline: one article read by primary key with its outlet
// (articleWithSource); and the whole article page, uncached.
//
//   npx tsx bench/related-scale.ts [--articles N] [--samples N] [--warmup N] [--body-bytes N] [--keep] [--data-dir DIR] [--dump FILE]
// --keep leaves the database in place and prints where (to look at its query plans); --data-dir
// writes it there, or measures the one already there (written by an earlier run with the same
// --articles) without writing it again.
// --dump writes each page's article id and its related articles' ids, one JSON line per page
// (warm-up pages included), to compare the lists of two versions of the code on one database.
// Writes bench/results/related-scale.json (related-scale-N.json for other sizes).
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { projectRoot } from '../src/paths.js';
import { rescoreStories } from '../src/ingest/story-score.js';
import { articleWithSource, articlesOfStories, entitiesOfArticles } from '../src/store/pages.js';
import { seededRandom } from '../src/stories/datasets.js';
import { storyScore, type ScoredArticle } from '../src/stories/ranking.js';
import { relatedFor } from '../src/web/related.js';
import { createWeb } from '../src/web/server.js';
import { articlePath } from '../src/web/urls.js';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000000' }, samples: { type: 'string', default: '2000' }, keep: { type: 'boolean', default: false }, warmup: { type: 'string', default: '1000' }, 'data-dir': { type: 'string' }, 'body-bytes': { type: 'string', default: '8000' }, dump: { type: 'string' } } });
const total = Number(values.articles);
const samples = Number(values.samples);
const bodyBytes = Number(values['body-bytes']);
if (!Number.isInteger(total) || total < 1000 || !Number.isInteger(samples) || samples < 100 || !(Number(values.warmup) >= 0) || !Number.isInteger(bodyBytes) || bodyBytes < 0) {
  console.error('usage: npx tsx bench/related-scale.ts [--articles N ≥ 1000] [--samples N ≥ 100] [--warmup N ≥ 0] [--body-bytes N ≥ 0] [--keep] [--data-dir DIR]');
  process.exit(2);
}
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const perHour = 1_000_000 / (30 * 24);
const start = Date.UTC(2026, 0, 1);
const outlets = 40;
const commonEntities = 300;
/**
 * Pages shown before the timed ones: the JIT, SQLite's page cache and the page's memory of
 * candidate stories and profiles fill up, as in a web process that has been serving for a while.
 */
const warmup = Number(values.warmup);

// --- generated news ------------------------------------------------------------------------------
const syllables = ['ka', 'lo', 'ren', 'mi', 'sa', 'tor', 'vel', 'na', 'dri', 'po', 'lum', 'ek', 'ba', 'zi', 'qua', 'fen', 'go', 'ri', 'ust', 'mo', 'tal', 'vin', 'che', 'dor'];
const wordOf = (random: () => number, parts: number): string => Array.from({ length: parts }, () => syllables[Math.floor(random() * syllables.length)]).join('');
const capital = (w: string): string => w[0]!.toUpperCase() + w.slice(1);
const vocabRandom = seededRandom(5);
const vocabulary = [...new Set(Array.from({ length: 40_000 }, () => wordOf(vocabRandom, 2 + Math.floor(vocabRandom() * 3))))];
/** Inverse-CDF sampling of a Zipf law (exponent s) over n ranks. */
function zipf(n: number, s: number): (random: () => number) => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + 1) ** s;
  for (let i = 0; i < n; i++) cumulative[i]! /= sum;
  return (random) => {
    const u = random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
const zipfWord = zipf(vocabulary.length, 1.05);
const commonEntity = zipf(commonEntities, 1);

/** Every article's story and time, in publication order; stories numbered by their first article. */
function plan(): { storyOf: Int32Array; times: Float64Array; stories: number } {
  const random = seededRandom(3);
  const spanMs = (total / perHour) * HOUR;
  const starts: number[] = [];
  const sizes: number[] = [];
  let count = 0;
  while (count < total) {
    const size = Math.min(total - count, Math.max(1, Math.min(300, Math.floor(1 / (1 - random()) ** 1.1))));
    starts.push(start + random() * spanMs);
    sizes.push(size);
    count += size;
  }
  const story = new Int32Array(total);
  const time = new Float64Array(total);
  let n = 0;
  sizes.forEach((size, s) => {
    for (let k = 0; k < size; k++, n++) {
      story[n] = s;
      // Coverage decays after the event: most within a day, a tail over the next two.
      time[n] = Math.round(starts[s]! + (k === 0 ? 0 : -Math.log(1 - random() * 0.95) * 10 * HOUR));
    }
  });
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => time[a]! - time[b]! || a - b);
  // Renumber stories by first appearance, so story ids grow with time as stored ones do.
  const renumber = new Int32Array(sizes.length).fill(-1);
  let next = 0;
  const storyOf = Int32Array.from(order, (i) => (renumber[story[i]!]! >= 0 ? renumber[story[i]!]! : (renumber[story[i]!] = next++)));
  return { storyOf, times: Float64Array.from(order, (i) => time[i]!), stories: sizes.length };
}

/** A story's words, people, place and common entities (from its number: nothing kept per story). */
function theme(story: number) {
  const random = seededRandom(story * 7919 + 17);
  const words = Array.from({ length: 8 }, () => vocabulary[300 + Math.floor(random() * 20_000)]!);
  const people = Array.from({ length: 2 }, () => `${capital(wordOf(random, 2))} ${capital(wordOf(random, 3))}`);
  const place = `Port ${capital(wordOf(random, 3))}`;
  const common = [commonEntity(random), ...(random() < 0.5 ? [commonEntity(random)] : [])];
  return { words, people, place, common: [...new Set(common)] };
}

/**
 * An article's stored HTML: `--body-bytes` of paragraphs (default 8,000, about a 1,000-word article
 * with its markup; the text column holds the lead, which keeps the full-text index as cheap to
 * write as before). Stored before the row's later columns, a body this long spills into overflow
 * pages, as real articles' do.
 */
const paragraph = `<p>${capital(Array.from({ length: 60 }, (_, k) => vocabulary[(k * 7919) % vocabulary.length]!).join(' '))}.</p>`;
const body = (i: number): string => (bodyBytes === 0 ? '' : `<p>Article ${i}.</p>${paragraph.repeat(Math.ceil(bodyBytes / paragraph.length))}`.slice(0, bodyBytes));

// --- the database ----------------------------------------------------------------------------------
const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'topstory-related-'));
const config = loadConfig({ TOPSTORY_DATA_DIR: dataDir, TOPSTORY_LOG_LEVEL: 'warn' });
const loadStarted = performance.now();
const written = existsSync(config.sqlitePath);
await (await openApp(config)).close();
const { storyOf, times, stories } = plan();
const now = times[total - 1]! + 60_000;
if (!written) {
  const db = new SQLite(config.sqlitePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insertSource = db.prepare(`insert into sources (id, slug, name, url, site_url, next_check_at, created_at, updated_at) values (?, ?, ?, ?, ?, 0, ?, ?)`);
  const insertStory = db.prepare(`insert into stories (id, title, lang, score, article_count, outlet_count, first_published_at, last_published_at, created_at, updated_at) values (?, ?, 'en', ?, ?, ?, ?, ?, ?, ?)`);
  const insertArticle = db.prepare(`insert into articles (id, source_id, story_id, duplicate_of, url, normalized_url, guid, content_hash, title, lead, text, html, lang, word_count, published_at, fetched_at, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'en', 20, ?, ?, ?, ?)`);
  const insertEntity = db.prepare(`insert into entities (id, kind, name, slug, created_at) values (?, ?, ?, ?, ?)`);
  const insertMention = db.prepare(`insert into article_entities (article_id, entity_id, mentions) values (?, ?, 1)`);
  db.transaction(() => {
    for (let s = 1; s <= outlets; s++) insertSource.run(s, `outlet-${s}`, `Outlet ${s}`, `https://outlet${s}.example/feed.xml`, `https://outlet${s}.example/`, start, start);
    for (let e = 0; e < commonEntities; e++) insertEntity.run(e + 1, e % 3 === 0 ? 'org' : 'place', `Common ${capital(vocabulary[e]!)}`, `common-${e}`, start);
  })();
  // Stories: first and last article, outlets, and what ranking needs of the recent ones.
  const first = new Int32Array(stories).fill(-1);
  const last = new Int32Array(stories);
  const counts = new Int32Array(stories);
  const random = seededRandom(9);
  const sourceOf = new Int32Array(total);
  const duplicateOf = new Int32Array(total).fill(-1);
  for (let i = 0; i < total; i++) {
    const s = storyOf[i]!;
    sourceOf[i] = 1 + Math.floor(random() * outlets);
    if (first[s] === -1) first[s] = i;
    else if (random() < 0.04) duplicateOf[i] = first[s]!;
    last[s] = i;
    counts[s]!++;
  }
  const recent = new Map<number, ScoredArticle[]>();
  for (let i = 0; i < total; i++) {
    if (times[last[storyOf[i]!]!]! < now - 7 * DAY) continue;
    const list = recent.get(storyOf[i]!) ?? [];
    list.push({ id: String(i + 1), source: String(sourceOf[i]), published: times[i]!, duplicateOf: duplicateOf[i]! >= 0 ? String(duplicateOf[i]! + 1) : null });
    recent.set(storyOf[i]!, list);
  }
  const BATCH = 20_000;
  for (let from = 0; from < total; from += BATCH) {
    db.transaction(() => {
      for (let i = from; i < Math.min(total, from + BATCH); i++) {
        const s = storyOf[i]!;
        const t = theme(s);
        if (first[s] === i) {
          const members = recent.get(s);
          const outletCount = new Set(members?.map((m) => m.source)).size;
          insertStory.run(s + 1, `Story ${s + 1}`, members ? storyScore(members, now) : 0, counts[s], Math.max(1, outletCount), times[i], times[last[s]!], times[i], times[i]);
          // Entity ids: the common ones first, then three per story (two people, a place).
          t.people.forEach((name, k) => insertEntity.run(commonEntities + s * 3 + k + 1, 'person', name, `story-${s}-person-${k}`, times[i]));
          insertEntity.run(commonEntities + s * 3 + 3, 'place', t.place, `story-${s}-place`, times[i]);
        }
        const r = seededRandom(i + 1);
        const pick = () => (r() < 0.5 ? t.words[Math.floor(r() * t.words.length)]! : vocabulary[zipfWord(r)]!);
        const title = capital(Array.from({ length: 7 }, pick).join(' '));
        const lead = `${capital(Array.from({ length: 14 }, pick).join(' '))}, said ${t.people[0]} in ${t.place}.`;
        const url = `https://outlet${sourceOf[i]}.example/${s}/${i}`;
        const copy = duplicateOf[i]! >= 0 ? duplicateOf[i]! + 1 : null;
        insertArticle.run(i + 1, sourceOf[i], s + 1, copy, url, url, url, `h${i}`, title, lead, lead, body(i), times[i], times[i], times[i], times[i]);
        for (const c of t.common) insertMention.run(i + 1, c + 1);
        if (r() < 0.8) insertMention.run(i + 1, commonEntities + s * 3 + 1);
        if (r() < 0.5) insertMention.run(i + 1, commonEntities + s * 3 + 2);
        if (r() < 0.6) insertMention.run(i + 1, commonEntities + s * 3 + 3);
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('analyze');
  db.close();
}
const loadSeconds = (performance.now() - loadStarted) / 1000;

// --- the stored profiles ---------------------------------------------------------------------------
const app = await openApp(config);
const storedProfiles = () => Number(app.store.readRowSync?.('select count(*) as n from story_profiles')?.n ?? 0);
let profiling: { stories: number; seconds: number; cpuSeconds: number; profiles: number } | null = null;
if (storedProfiles() === 0) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const rescored = await app.store.writeTransaction((tx) => rescoreStories(tx, now, now - 7 * DAY));
  const used = process.cpuUsage(cpu);
  app.store.readRowSync?.('pragma wal_checkpoint(truncate)');
  profiling = { stories: rescored, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, profiles: storedProfiles() };
}
const profileBytes = Number(app.store.readRowSync?.('select avg(length(profile)) as n from story_profiles')?.n ?? 0);
const dbMB = statSync(config.sqlitePath).size / 1e6;

// --- the measurement -------------------------------------------------------------------------------
const web = createWeb(app, () => now, { cache: false });
const windowStart = times.findIndex((t) => t >= now - 7 * DAY);
const pickRandom = seededRandom(21);
const timings = { story: [] as number[], related: [] as number[], relatedCpu: [] as number[], baseline: [] as number[], page: [] as number[] };
// Garbage-collection pauses of the main thread (young and old generation), to tell how much of the
// related query's tail is the collector's: the entries carry start and duration on the same clock
// as performance.now().
const gcPauses: Array<{ start: number; end: number; minor: boolean }> = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, end: e.startTime + e.duration, minor: (e as unknown as { detail?: { kind?: number } }).detail?.kind === 1 });
});
gcObserver.observe({ entryTypes: ['gc'] });
const relatedWindows: Array<[number, number]> = [];
let relatedShown = 0;
const dumped: string[] = [];
for (let n = 0; n < warmup + samples; n++) {
  const id = windowStart + 1 + Math.floor(pickRandom() * (total - windowStart));
  const t0 = performance.now();
  const found = await articleWithSource(app.store, id);
  const t1 = performance.now();
  if (!found) throw new Error(`related-scale: article ${id} missing`);
  const { article } = found;
  const storyArticles = await articlesOfStories(app.store, [article.story_id!]);
  const entities = await entitiesOfArticles(app.store, storyArticles.map((x) => x.id), 12);
  const t15 = performance.now();
  const cpu = process.cpuUsage();
  const related = await relatedFor(app, article, storyArticles, entities.map((e) => e.id), now, new Set());
  const t2 = performance.now();
  const used = process.cpuUsage(cpu);
  if (values.dump) dumped.push(JSON.stringify([id, related.map((x) => x.id)]));
  const page = await web.request(articlePath(article));
  await page.text();
  const t3 = performance.now();
  if (page.status !== 200) throw new Error(`related-scale: article page answered ${page.status}`);
  if (n < warmup) continue;
  timings.baseline.push(t1 - t0);
  timings.story.push(t15 - t1);
  timings.related.push(t2 - t15);
  timings.relatedCpu.push((used.user + used.system) / 1000);
  relatedWindows.push([t15, t2]);
  timings.page.push(t3 - t2);
  relatedShown += related.length;
}
const memory = process.memoryUsage();
await new Promise((resolve) => setTimeout(resolve, 50)); // GC entries arrive in a later task
gcObserver.disconnect();
/** Milliseconds of GC pause inside each related window. */
const gcInRelated = relatedWindows.map(([from, to]) => {
  let ms = 0;
  for (const p of gcPauses) if (p.end > from && p.start < to) ms += Math.min(to, p.end) - Math.max(from, p.start);
  return ms;
});
const mostCommonMentions = Number(app.store.readRowSync?.('select count(*) as n from article_entities where entity_id = 1')?.n ?? 0);
await app.close();
if (values.dump) writeFileSync(values.dump, dumped.join('\n') + '\n');
if (values.keep || values['data-dir']) console.log(`database kept: ${config.sqlitePath}`);
else rmSync(dataDir, { recursive: true, force: true });

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const round = (x: number, digits = 3) => Number(x.toFixed(digits));
const rows = Object.entries({ related: timings.related, 'related, CPU time': timings.relatedCpu, 'related, GC pauses within': gcInRelated, 'related less its GC pauses': timings.related.map((x, i) => x - gcInRelated[i]!), 'story rows': timings.story, 'story rows + related': timings.story.map((x, i) => x + timings.related[i]!), 'article page (uncached)': timings.page, 'baseline: article by id': timings.baseline }).map(([what, list]) => ({
  what, p50ms: round(quantile(list, 0.5)), p90ms: round(quantile(list, 0.9)), p99ms: round(quantile(list, 0.99)), maxMs: round(Math.max(...list)),
}));
const p99 = quantile(timings.related, 0.99);
const result = {
  date: new Date().toISOString(), node: process.version, articles: total, stories, samples, warmup,
  databaseMB: Math.round(dbMB), bodyBytes, loadSeconds: written ? null : round(loadSeconds, 1), mostCommonEntityMentions: mostCommonMentions,
  articlesInLast7Days: total - windowStart, relatedShownPerPage: round(relatedShown / samples, 2),
  timings: rows, pagesWithGcInRelated: gcInRelated.filter((x) => x > 0).length, gcPauses: { minor: gcPauses.filter((p) => p.minor).length, other: gcPauses.filter((p) => !p.minor).length },
  memoryMB: { heapUsed: Math.round(memory.heapUsed / 1e6), rss: Math.round(memory.rss / 1e6) },
  storedProfiles: { averageBytes: Math.round(profileBytes), filled: profiling && { ...profiling, seconds: round(profiling.seconds, 1), cpuSeconds: round(profiling.cpuSeconds, 1) } },
  relatedP99OverBaselineP99: round(p99 / quantile(timings.baseline, 0.99), 1), target: { relatedP99Ms: 5 }, met: p99 <= 5,
};
console.log(`related-scale: ${total.toLocaleString('en')} articles in ${stories.toLocaleString('en')} stories (${Math.round(dbMB)} MB${written ? ', measured as found' : `, written in ${round(loadSeconds, 1)} s`}); ${(total - windowStart).toLocaleString('en')} in the last 7 days; the most common entity named by ${mostCommonMentions.toLocaleString('en')} articles; ${samples} pages, ${round(relatedShown / samples, 1)} related articles each`);
if (profiling) console.log(`stored related profiles: ${profiling.profiles.toLocaleString('en')} of ${profiling.stories.toLocaleString('en')} stories of the last 7 days re-ranked in ${round(profiling.seconds, 1)} s (${round(profiling.cpuSeconds, 1)} s CPU, ${round((profiling.cpuSeconds * 1000) / profiling.stories, 3)} ms a story, score included)`);
console.log(`stored related profiles: ${Math.round(profileBytes).toLocaleString('en')} bytes on average`);
console.table(rows);
console.log(`GC pauses: ${result.gcPauses.minor} young-generation, ${result.gcPauses.other} other; within the related query on ${result.pagesWithGcInRelated} of ${samples} pages; heap used ${result.memoryMB.heapUsed} MB, RSS ${result.memoryMB.rss} MB at the end`);
console.log(`related p99 ${round(p99)} ms (target ≤ 5 ms: ${result.met ? 'met' : 'not met'}); ${result.relatedP99OverBaselineP99}× the p99 of one article read by id`);
const outDir = join(projectRoot(), 'bench', 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, total === 1_000_000 ? 'related-scale.json' : `related-scale-${total}.json`), JSON.stringify(result, null, 2) + '\n');
