// Story clustering at scale: 1,000,000 generated articles (a Zipf vocabulary of 60,000 made-up
// words, planted stories of varied sizes with their own names, places and words, 4 % wire copies,
// timestamps at a constant rate over 30 days) streamed through one StoryClusterer as a long-running
// pipeline holds it (keepHistory off: memory bounded by the window), with the periodic pass every
// hour of article time. Reports, at 10k, 100k and 1M articles:
//   - clustering throughput (add + periodic pass), in wall-clock time and in CPU time: these machines
//     are shared, and the load average (printed with each row) says how much the wall figure lost;
//     analysis (tokens, entities, shingles), which the story assigner runs before each article's
//     clustering, is timed apart; the periodic passes' wall time is reported on its own too;
//   - the cost per article over the last 10k articles before each mark (µs, wall and CPU), and over
//     every 10k segment (in the results file); the median of the segments after the window filled,
//     and of the last five (the cost at the end of the stream), against the first 10k (one segment
//     swings with whether a major collection or a slow spell of the machine fell in it);
//   - peak RSS (the process's maximum resident set: the clusterer, and with --pages the bench's
//     stand-in rows for the page, below) and the heap in use;
//   - with --pages, related articles for an article page, sampled every 500 articles, as the site's article page
//     computes them (src/web/routes/article.tsx `relatedFor`): the rows it would load are kept as
//     storage holds them for the last 7 days (articles by story following merges and splits, the
//     entities each story's articles name, the hourly top stories) and looked up untimed, as the
//     page's SQL would return them: stories sharing one of the story's 12 most named entities
//     (storiesSharingEntities, ≤ 30), the 20 top stories of the last 7 days (rankedStories), every
//     article of those stories (articlesOfStories). Timed is what the page computes from the rows:
//     "sitePage" builds each story from all its articles' titles and leads (the page today);
//     "newestPage" builds it with relatedStoryOf (its 12 newest articles, sums remembered across
//     pages); both then rank with relatedArticles ("rank" is that call alone). The SQL itself is not
//     timed: "relatedRowsLoaded" says how many article rows a page reads.
// Also BCubed F1 against the planted stories, from the assignments as they were made (following
// merges and splits of the periodic pass).
// The bench runs itself with a V8 heap cap (--heap-cap MB, default 1024; 0 for none), as a
// long-running worker should run: without one, V8 lets garbage pile up well past the live data.
// Run: npx tsx bench/stories-scale.ts [--quick] [--articles N] [--heap-cap MB] [--dump-assignments FILE] [--pages] [--long-texts] [--no-duplicate-thread]
//   (the clustering runs as `topstory recluster` runs it, over a stream of stored articles: the
//   duplicate test in a thread of its own, each batch of 1,000 articles announced ahead; the time
//   is the clustering thread's, announcing and placing. --no-duplicate-thread: the test in the
//   clustering's thread, as the live story assigner runs it, one article at a time as they are
//   stored; such runs write their own results file, -in-line-duplicates)
//   (--long-texts: texts as long as real articles, where the figures of record have five sentences,
//   about 70 words, each: sentences drawn per article from a log-normal law with ECB+'s shape, a
//   median of 16 sentences (ECB+: 230 words) and a mean of 22 (320 words), one in ten over 45
//   (ECB+: 711 words) and at most 200. Longer texts sample more shingles for the duplicate index
//   and more terms for the clusterer; such runs write their own results file)
//   (--pages: the stand-in rows for the article page, and the related samples, in the same process
//   as the clustering. Without (the figures of record), the memory and the garbage collection are
//   the clustering's alone, as in the worker process that runs it; the page's rows are 7 days of
//   articles with their titles and leads, which a site keeps in its database: in this heap they
//   are a quarter of it at 1M, and the peak RSS is then set by where the collector lets a heap near
//   its cap grow (1.4–1.55 GB at 1M). The related query of record runs on a real database:
//   bench/related-scale.ts. Such runs write their own results file, -pages)
//   (--dump-assignments writes every assignment and every periodic pass's changes, one JSON line
//   each, to FILE: comparing two dumps tells whether a change to the clusterer moved any article)
//   (writes bench/results/stories-scale.json; stories-scale-quick.json or stories-scale-N.json for smaller runs)
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/paths.js';
import { analyzeArticle, type AnalyzedArticle } from '../src/stories/article.js';
import { defaultClusterOptions, maintainEveryMs, StoryClusterer } from '../src/stories/clusterer.js';
import { bcubed } from '../src/stories/evaluation.js';
import { storyScore } from '../src/stories/ranking.js';
import { relatedArticles, relatedStoryOf, storyProfile, type RelatedArticle, type RelatedStory } from '../src/stories/related.js';
import { sumPacked } from '../src/text/packed-terms.js';
import { perHour, scaleStream, start, vocabulary } from './scale-stream.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, articles: { type: 'string' }, 'heap-cap': { type: 'string', default: '1024' }, 'dump-assignments': { type: 'string' }, pages: { type: 'boolean', default: false }, 'long-texts': { type: 'boolean', default: false }, 'duplicate-thread': { type: 'boolean', default: true } }, allowNegative: true });
/** Without --pages the bench keeps no stand-in rows for the article page and samples none: the process is the clustering alone, as a worker runs it. */
const pages = values.pages;
const heapCapMB = Number(values['heap-cap']);
const longTexts = values['long-texts'];
if (heapCapMB > 0 && !process.execArgv.some((flag) => flag.startsWith('--max-old-space-size'))) {
  // Same loader flags (tsx), same arguments, with the cap.
  const run = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${heapCapMB}`, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
const total = values.articles ? Number(values.articles) : values.quick ? 20_000 : 1_000_000;
/** Rows at 10k and then every 100k: the cost after the window filled (about 100k) should stay flat. */
const marks = [10_000, ...Array.from({ length: 10 }, (_, i) => (i + 1) * 100_000)].filter((m) => m < total).concat(total);
/** The site's related-articles candidates (src/web/routes/article.tsx): stories sharing entities (RELATED_CANDIDATES) and the top stories, of the last RELATED_DAYS. */
const sharingCandidates = 30;
const topCandidates = 20;
const relatedDays = 7;
/** entitiesOfArticles' limit on the article page: the story's entities it looks for in other stories. */
const storyEntityCount = 12;

// --- what the site's database would hold for article pages -------------------------------------
/** An article row as the article page loads it: its brief (title, lead, outlet) and entity slugs. */
interface StoredArticle extends RelatedArticle {
  story: string;
  title: string;
  lead: string;
  source: string;
  published: number;
  entities: string[];
}

/**
 * The rows the article page reads, for the last `relatedDays` days (the page looks no further):
 * articles by story (articlesOfStories), when each story last had an article mentioning each
 * entity (storiesSharingEntities filters on the article's date), and the stories' scores
 * (rankedStories). Stories follow merges and splits as storage does.
 */
class SiteRows {
  readonly storyArticles = new Map<string, StoredArticle[]>();
  /** Entity slug → story → latest date of its articles naming the entity. */
  private readonly entityStories = new Map<string, Map<string, number>>();
  private topStories: string[] = [];

  add(article: StoredArticle): void {
    const list = this.storyArticles.get(article.story);
    if (list) list.push(article);
    else this.storyArticles.set(article.story, [article]);
    this.index(article);
  }

  /** Moves articles to another story (a merge or a split), as `update articles set story_id` would. */
  move(articles: readonly StoredArticle[], into: string): void {
    const list = this.storyArticles.get(into) ?? [];
    for (const a of articles) {
      a.story = into;
      list.push(a);
      this.index(a);
    }
    this.storyArticles.set(into, list);
  }

  /** Forgets stories whose latest article is older than `since`, and entity entries as old. */
  forget(since: number): void {
    for (const [id, articles] of this.storyArticles) {
      if (articles.length === 0 || articles.every((a) => a.published < since)) this.storyArticles.delete(id);
    }
    for (const [slug, stories] of this.entityStories) {
      for (const [story, at] of stories) if (at < since || !this.storyArticles.has(story)) stories.delete(story);
      if (stories.size === 0) this.entityStories.delete(slug);
    }
  }

  /** The hourly re-rank: the `limit` highest-scored stories with an article since `since` (rankedStories). */
  rerank(now: number, since: number, limit: number): void {
    const scored: Array<{ id: string; score: number; last: number }> = [];
    for (const [id, articles] of this.storyArticles) {
      const last = Math.max(...articles.map((a) => a.published));
      if (last >= since) scored.push({ id, score: storyScore(articles, now), last });
    }
    this.topStories = scored.sort((a, b) => b.score - a.score || b.last - a.last || (a.id < b.id ? 1 : -1)).slice(0, limit).map((s) => s.id);
  }

  ranked(): readonly string[] {
    return this.topStories;
  }

  /** entitiesOfArticles(story's articles, 12): the entities most of its articles name (ties by name). */
  storyEntities(articles: readonly StoredArticle[], limit: number): string[] {
    const counts = new Map<string, number>();
    for (const a of articles) for (const slug of new Set(a.entities)) counts.set(slug, (counts.get(slug) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([slug]) => slug);
  }

  /** storiesSharingEntities: other stories with an article since `since` naming one of `slugs`, most shared first (ties: newest id). */
  sharing(story: string, slugs: readonly string[], since: number, limit: number): string[] {
    const shared = new Map<string, number>();
    for (const slug of slugs) {
      for (const [other, at] of this.entityStories.get(slug) ?? []) {
        if (other !== story && at >= since && this.storyArticles.has(other)) shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    return [...shared].sort((a, b) => b[1] - a[1] || storyNumber(b[0]) - storyNumber(a[0])).slice(0, limit).map(([id]) => id);
  }

  private index(article: StoredArticle): void {
    for (const slug of article.entities) {
      let stories = this.entityStories.get(slug);
      if (!stories) this.entityStories.set(slug, (stories = new Map()));
      stories.set(article.story, Math.max(stories.get(article.story) ?? -Infinity, article.published));
    }
  }
}
/** Story ids are the opening article's id ("a123", a split's "a123-2"): the number orders them as serial ids would. */
const storyNumber = (id: string): number => Number.parseInt(id.slice(1), 10);

// --- run ---------------------------------------------------------------------------------------
const { times, storyOf, streamedStories, generate } = scaleStream(total, longTexts);
// As `topstory recluster` runs it: the duplicate test in a thread of its own, each batch announced ahead (--no-duplicate-thread: in this thread, as the live assigner runs it).
const clusterer = new StoryClusterer({ keepHistory: false, duplicateThread: values['duplicate-thread'] });
const sourceCount = 40;
/** The story each article was put in, followed through merges and splits (for BCubed). */
const predicted: string[] = new Array<string>(total);
const renamed = new Map<string, string>();
const site = new SiteRows();

const cpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
const timing = { clusterMs: 0, clusterCpuMs: 0, analyzeMs: 0, analyzeCpuMs: 0 };
/** Of the clustering's wall time in a segment, the periodic passes' (timed apart: a clock read costs little, unlike a CPU-time read). */
const segment = { from: 0, clusterMs: 0, clusterCpuMs: 0, passMs: 0 };
/** Every 10k segment's cost per article (µs, wall and CPU), not only the ones ending at a mark. */
const segments: Array<{ articles: number; micros: number; cpuMicros: number; passMicros: number }> = [];
const endSegment = (articles: number): void => {
  const count = articles - segment.from;
  segments.push({ articles, micros: round((segment.clusterMs / count) * 1000), cpuMicros: round((segment.clusterCpuMs / count) * 1000), passMicros: round((segment.passMs / count) * 1000) });
  Object.assign(segment, { from: articles, clusterMs: 0, clusterCpuMs: 0, passMs: 0 });
};
const related = { siteMs: [] as number[], siteCpuMs: [] as number[], newestMs: [] as number[], rankMs: [] as number[], candidates: 0, rows: 0 };
const results: Array<Record<string, number>> = [];
let lastMaintain = -Infinity;

/** Follows a periodic pass in the bench's own records, as storage would. */
function followPass(changes: ReturnType<StoryClusterer['maintain']>): void {
  for (const merge of changes.merges) {
    for (const from of merge.from) {
      renamed.set(from, merge.into);
      if (!pages) continue;
      const moved = site.storyArticles.get(from) ?? [];
      site.storyArticles.delete(from);
      site.move(moved, merge.into);
    }
  }
  for (const split of changes.splits) {
    for (const part of split.into) {
      const ids = new Set(clusterer.articlesOf(part));
      for (const id of ids) predicted[Number(id.slice(1))] = part;
      if (!pages) continue;
      const kept: StoredArticle[] = [];
      const moved: StoredArticle[] = [];
      for (const a of site.storyArticles.get(split.story) ?? []) (ids.has(a.id) ? moved : kept).push(a);
      site.storyArticles.set(split.story, kept);
      site.move(moved, part);
    }
  }
}

/** The article page's story builder today (relatedFor's `storyOf`): every article's title and lead, and its entity slugs. */
function siteStoryOf(id: string, members: readonly StoredArticle[]): RelatedStory {
  const entities = new Set<string>();
  for (const m of members) for (const slug of m.entities) entities.add(slug);
  return { id, terms: sumPacked(members.map((m) => storyProfile(m.title, m.lead, 'en').terms)), entities: [...entities], articles: members };
}
/** The same page building each story from its newest articles only (relatedStoryOf). */
const newestStoryOf = (id: string, members: readonly StoredArticle[]): RelatedStory => relatedStoryOf(id, members, 'en');

/**
 * An article page's related articles as `relatedFor` computes them: the rows it loads are looked up
 * untimed (SQL in the site: storiesSharingEntities over the story's 12 most named entities,
 * rankedStories' top 20 of the last 7 days, every article of those stories); the stories built
 * from the rows and the ranking are timed (pushed on `into`; with `cpuInto`, also CPU time and the counts).
 */
function relatedForPage(article: StoredArticle, now: number, build: (id: string, members: readonly StoredArticle[]) => RelatedStory, into: number[], cpuInto?: number[]): void {
  const since = now - relatedDays * 86_400_000;
  const own = site.storyArticles.get(article.story) ?? [article];
  const sharing = site.sharing(article.story, site.storyEntities(own, storyEntityCount), since, sharingCandidates);
  const candidateIds = [...new Set([...sharing, ...site.ranked()])].filter((id) => id !== article.story);
  const rows = candidateIds.map((id) => [id, site.storyArticles.get(id) ?? []] as const).filter(([, members]) => members.length > 0);
  const started = performance.now();
  const startedCpu = cpuInto ? cpuMs() : 0;
  const ownStory = build(article.story, own);
  const others = rows.map(([id, members]) => build(id, members));
  const ranking = performance.now();
  relatedArticles(article, ownStory, others, now);
  const done = performance.now();
  into.push(done - started);
  if (cpuInto) {
    cpuInto.push(cpuMs() - startedCpu);
    related.rankMs.push(done - ranking);
    related.candidates += others.length;
    related.rows += own.length + rows.reduce((sum, [, members]) => sum + members.length, 0);
  }
}

/** One sampled article page, built both ways; which runs first alternates (they share storyProfile's memory). */
function sampleArticlePage(article: StoredArticle, now: number, sample: number): void {
  if (sample % 2 === 0) relatedForPage(article, now, newestStoryOf, related.newestMs);
  relatedForPage(article, now, siteStoryOf, related.siteMs, related.siteCpuMs);
  if (sample % 2 === 1) relatedForPage(article, now, newestStoryOf, related.newestMs);
}

const quantile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
};
const round = (x: number, digits = 0): number => Number(x.toFixed(digits));

/** The n-th article's title, text and lead (4 % of a story's articles after its first are wire copies of it under another outlet). */
/** Lines of --dump-assignments not yet written. */
const dumpFile = values['dump-assignments'];
const dump: string[] | undefined = dumpFile === undefined ? undefined : [];
if (dumpFile !== undefined) writeFileSync(dumpFile, '');
function flushDump(): void {
  if (!dump || dumpFile === undefined || dump.length === 0) return;
  appendFileSync(dumpFile, `${dump.join('\n')}\n`);
  dump.length = 0;
}

/**
 * Each article is analysed, then clustered, as the story assigner does it (src/ingest/story-assigner.ts),
 * each phase timed by the clock. CPU time is read once per batch of 1,000 articles and given to
 * each phase in proportion to its wall time (generating the text and the bench's bookkeeping take
 * their share): a CPU-time read is a system call of 10–20 µs on these VMs, and four per article
 * disturbed what they measured. Batches end on every 10k segment and mark.
 */
const batchSize = 1_000;
// Marks and segments are read at batch ends: each must be one.
if (marks.some((mark) => mark % batchSize !== 0 && mark !== total)) throw new Error(`every mark must be a multiple of ${batchSize} or the last article`);
const wallStart = performance.now();
for (let from = 0; from < total; from += batchSize) {
  const to = Math.min(total, from + batchSize);
  let analyzeMs = 0;
  let clusterMs = 0;
  const batchCpu = cpuMs();
  const batchStart = performance.now();
  // The batch is analysed first, then announced to the clusterer (its duplicate thread looks the
  // articles up ahead), then clustered article by article.
  const texts: Array<ReturnType<typeof generate>> = [];
  const analysedBatch: AnalyzedArticle[] = [];
  for (let n = from; n < to; n++) {
    const source = `outlet-${n % sourceCount}`;
    const text = generate(n);
    const started = performance.now();
    analysedBatch.push(analyzeArticle({ id: `a${n}`, title: text.title, text: text.text, published: times[n]!, source, lang: 'en', url: `https://${source}.example/a${n}` }));
    analyzeMs += performance.now() - started;
    texts.push(text);
  }
  const announcing = performance.now();
  for (const article of analysedBatch) clusterer.announce(article);
  clusterMs += performance.now() - announcing;
  for (let n = from; n < to; n++) {
    const id = `a${n}`;
    const source = `outlet-${n % sourceCount}`;
    const published = times[n]!;
    const text = texts[n - from]!;
    const article = analysedBatch[n - from]!;
    const analysed = performance.now();
    let changes: ReturnType<StoryClusterer['maintain']> | undefined;
    if (published - lastMaintain >= maintainEveryMs) {
      if (lastMaintain > -Infinity) changes = clusterer.maintain(published);
      lastMaintain = published;
    }
    const passed = performance.now();
    const assignment = clusterer.add(article);
    const clustered = performance.now();
    clusterMs += clustered - analysed;
    segment.passMs += passed - analysed;

    // Bookkeeping of the bench (not timed): assignments, the site's rows, the hourly re-rank.
    predicted[n] = assignment.story;
    if (dump) {
      if (changes) dump.push(JSON.stringify(changes));
      dump.push(JSON.stringify(assignment));
      if (dump.length >= 10_000) flushDump();
    }
    if (changes) followPass(changes);
    if (changes && pages) {
      site.forget(published - relatedDays * 86_400_000);
      site.rerank(published, published - relatedDays * 86_400_000, topCandidates);
    }
    if (pages) {
      const stored: StoredArticle = {
        id, story: assignment.story, source, published, title: text.title, lead: text.lead,
        entities: article.entities.map((e) => e.slug), ...(assignment.duplicateOf ? { duplicateOf: assignment.duplicateOf } : {}),
      };
      site.add(stored);
      if (n % 500 === 499) sampleArticlePage(stored, published, (n - 499) / 500);
    }
  }
  // The batch's CPU time per millisecond of its wall time (over 1 when collector and compiler threads worked beside it).
  const cpuPerMs = (cpuMs() - batchCpu) / (performance.now() - batchStart);
  timing.analyzeMs += analyzeMs;
  timing.analyzeCpuMs += analyzeMs * cpuPerMs;
  timing.clusterMs += clusterMs;
  timing.clusterCpuMs += clusterMs * cpuPerMs;
  segment.clusterMs += clusterMs;
  segment.clusterCpuMs += clusterMs * cpuPerMs;
  const n = to - 1;
  const published = times[n]!;
  if (n - segment.from + 1 === 10_000 && !marks.includes(n + 1)) endSegment(n + 1);
  if (marks.includes(n + 1)) {
    const lastArticles = n + 1 - segment.from;
    const samples = related.siteMs.length;
    const row = {
      articles: n + 1,
      hoursOfNews: Math.round((published - start) / 3_600_000),
      activeStories: clusterer.activeStories().length,
      clusterArticlesPerSecond: Math.round(((n + 1) / timing.clusterMs) * 1000),
      clusterArticlesPerCpuSecond: Math.round(((n + 1) / timing.clusterCpuMs) * 1000),
      analyzeArticlesPerSecond: Math.round(((n + 1) / timing.analyzeMs) * 1000),
      analyzeArticlesPerCpuSecond: Math.round(((n + 1) / timing.analyzeCpuMs) * 1000),
      microsPerArticleLast10k: Math.round((segment.clusterMs / lastArticles) * 1000),
      cpuMicrosPerArticleLast10k: Math.round((segment.clusterCpuMs / lastArticles) * 1000),
      passMicrosPerArticleLast10k: Math.round((segment.passMs / lastArticles) * 1000),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      // The heap V8 holds (used or not), and memory outside it: typed arrays' buffers and the rest.
      heapTotalMB: Math.round(process.memoryUsage().heapTotal / 2 ** 20),
      arrayBuffersMB: Math.round(process.memoryUsage().arrayBuffers / 2 ** 20),
      sitePageP50ms: round(quantile(related.siteMs, 0.5), 3),
      sitePageP99ms: round(quantile(related.siteMs, 0.99), 3),
      sitePageCpuP99ms: round(quantile(related.siteCpuMs, 0.99), 3),
      newestPageP50ms: round(quantile(related.newestMs, 0.5), 3),
      newestPageP99ms: round(quantile(related.newestMs, 0.99), 3),
      rankP50ms: round(quantile(related.rankMs, 0.5), 3),
      rankP99ms: round(quantile(related.rankMs, 0.99), 3),
      relatedCandidates: round(related.candidates / Math.max(1, samples), 1),
      relatedRowsLoaded: round(related.rows / Math.max(1, samples), 1),
      relatedSamples: samples,
      loadAverage1m: round(loadavg()[0]!, 2),
      heapCapMB,
      wallSeconds: Math.round((performance.now() - wallStart) / 1000),
    };
    results.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
    // A long run leaves its rows so far, should it be stopped.
    if (n + 1 < total) writeResults({ complete: false });
    endSegment(n + 1);
    Object.assign(related, { siteMs: [], siteCpuMs: [], newestMs: [], rankMs: [], candidates: 0, rows: 0 });
  }
}
flushDump();
const resolve = (story: string): string => {
  let id = story;
  for (let next = renamed.get(id); next !== undefined && next !== id; next = renamed.get(id)) id = next;
  return id;
};
const quality = bcubed(predicted.map(resolve), Array.from(storyOf, String));
process.stdout.write(`planted stories in the stream ${streamedStories}; BCubed P ${(quality.precision * 100).toFixed(1)} R ${(quality.recall * 100).toFixed(1)} F1 ${(quality.f1 * 100).toFixed(1)}\n`);
const first = results[0]!;
const last = results[results.length - 1]!;
const costRatio = last.cpuMicrosPerArticleLast10k! / first.cpuMicrosPerArticleLast10k!;
process.stdout.write(`CPU cost per article, last 10k before ${last.articles} vs first ${first.articles}: ${costRatio.toFixed(2)}× (wall ${(last.microsPerArticleLast10k! / first.microsPerArticleLast10k!).toFixed(2)}×)\n`);

// One segment's cost swings with whether an old-generation collection fell in it, and the first 10k's CPU
// time holds the compiler threads' work: the median of the segments after the window filled says
// more about the cost once the window is full than the last segment alone.
const windowArticles = defaultClusterOptions.windowHours * perHour;
const steady = segments.filter((s) => s.articles - 10_000 >= windowArticles);
const steadyMedian = steady.length > 0 ? quantile(steady.map((s) => s.cpuMicros), 0.5) : undefined;
const steadyP90 = steady.length > 0 ? quantile(steady.map((s) => s.cpuMicros), 0.9) : undefined;
if (steadyMedian !== undefined) {
  process.stdout.write(`10k segments after the window filled (${steady.length}): CPU µs per article median ${steadyMedian}, p90 ${steadyP90}; median vs first 10k ${(steadyMedian / first.cpuMicrosPerArticleLast10k!).toFixed(2)}×\n`);
}
// The cost at the end of the stream with one slow spell of the machine weighing less: the median
// of the last five segments (the last 50k articles of a stream of whole 10k segments), CPU and
// wall, against the first 10k.
const closing = segments.length >= 6 ? segments.slice(-5) : [];
const closingCpu = closing.length > 0 ? quantile(closing.map((s) => s.cpuMicros), 0.5) : undefined;
const closingWall = closing.length > 0 ? quantile(closing.map((s) => s.micros), 0.5) : undefined;
if (closingCpu !== undefined && closingWall !== undefined) {
  process.stdout.write(`last 5 segments (articles ${segments.at(-6)!.articles}–${total}): median µs per article CPU ${closingCpu}, wall ${closingWall}; vs first 10k ${(closingCpu / first.cpuMicrosPerArticleLast10k!).toFixed(2)}× CPU, ${(closingWall / first.microsPerArticleLast10k!).toFixed(2)}× wall\n`);
}
writeResults({
  complete: true, bcubed: quality, costRatio, wallCostRatio: last.microsPerArticleLast10k! / first.microsPerArticleLast10k!,
  ...(steadyMedian !== undefined ? { steadySegments: steady.length, steadyCpuMicrosMedian: steadyMedian, steadyCpuMicrosP90: steadyP90, steadyCostRatio: steadyMedian / first.cpuMicrosPerArticleLast10k! } : {}),
  ...(closingCpu !== undefined && closingWall !== undefined
    ? { closingCpuMicrosMedian: closingCpu, closingWallMicrosMedian: closingWall, closingCostRatio: closingCpu / first.cpuMicrosPerArticleLast10k!, closingWallCostRatio: closingWall / first.microsPerArticleLast10k! }
    : {}),
});

/** Writes the rows so far (and what else is known) to bench/results. */
function writeResults(extra: Record<string, unknown>): void {
  const out = join(projectRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  // The full run is the reference; smaller runs keep their own file.
  const name = `${values.quick ? 'stories-scale-quick' : total === 1_000_000 ? 'stories-scale' : `stories-scale-${total}`}${longTexts ? '-long-texts' : ''}${pages ? '-pages' : ''}${values['duplicate-thread'] ? '' : '-in-line-duplicates'}`;
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify({ articles: total, plantedStories: streamedStories, perHour, vocabulary: vocabulary.length, longTexts, pages, results, ...extra, segments }, null, 2)}\n`);
}
