// Story clustering at scale: 1,000,000 generated articles (a Zipf vocabulary of 60,000 made-up
// words, planted stories of varied sizes with their own names, places and words, 4 % wire copies,
// timestamps at a constant rate over 30 days) streamed through one StoryClusterer as a long-running
// pipeline holds it (keepHistory off: memory bounded by the window), with the periodic pass every
// hour of article time. Reports, at 10k, 100k and 1M articles:
//   - clustering throughput (add + periodic pass), in wall-clock time and in CPU time: these machines
//     are shared, and the load average (printed with each row) says how much the wall figure lost;
//     analysis, which the pipeline does in worker threads, is timed apart;
//   - the cost per article over the last 10k articles before each mark (µs, wall and CPU);
//   - peak RSS (the process's maximum resident set) and the heap in use;
//   - related articles for an article page, sampled every 500 articles, computed as the site's
//     article page does once its rows are loaded (src/web/routes/article.tsx `relatedFor`): the
//     candidate stories are the ≤ 30 stories sharing index keys with the article's story plus the
//     20 top-ranked stories, each built from its articles' titles and leads (storyProfile) and
//     entity slugs, then ranked by relatedArticles. "site" builds each story from all its articles
//     (the page today); "related" builds it with relatedStoryOf (its newest articles only); "rank"
//     times the relatedArticles call alone. Today's build is sampled on every tenth page only.
// Also BCubed F1 against the planted stories, from the assignments as they were made (following
// merges and splits of the periodic pass).
// The bench runs itself with a V8 heap cap (--heap-cap MB, default 1024; 0 for none), as a
// long-running worker should run: without one, V8 lets garbage pile up well past the live data.
// Run: npx tsx bench/stories-scale.ts [--quick] [--articles N] [--heap-cap MB]
//   (writes bench/results/stories-scale.json; stories-scale-quick.json or stories-scale-N.json for smaller runs)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/paths.js';
import { analyzeArticle, type AnalyzedArticle } from '../src/stories/article.js';
import { maintainEveryMs, StoryClusterer } from '../src/stories/clusterer.js';
import { seededRandom } from '../src/stories/datasets.js';
import { bcubed } from '../src/stories/evaluation.js';
import { storyScore } from '../src/stories/ranking.js';
import { relatedArticles, relatedStoryOf, storyProfile, type RelatedArticle, type RelatedStory } from '../src/stories/related.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, articles: { type: 'string' }, 'heap-cap': { type: 'string', default: '1024' } } });
const heapCapMB = Number(values['heap-cap']);
if (heapCapMB > 0 && !process.execArgv.some((flag) => flag.startsWith('--max-old-space-size'))) {
  // Same loader flags (tsx), same arguments, with the cap.
  const run = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${heapCapMB}`, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
const total = values.articles ? Number(values.articles) : values.quick ? 20_000 : 1_000_000;
/** Articles per hour: 1M over 30 days, whatever the size of the run, so the window holds the same volume. */
const perHour = 1_000_000 / (30 * 24);
const start = Date.UTC(2026, 0, 1);
const marks = [10_000, 100_000, 1_000_000].filter((m) => m < total).concat(total);
/** The site's related-articles candidates: stories sharing entities (RELATED_CANDIDATES) and the front page's top stories. */
const sharingCandidates = 30;
const topCandidates = 20;

// --- generator -------------------------------------------------------------------------------
const syllables = ['ka', 'lo', 'ren', 'mi', 'sa', 'tor', 'vel', 'na', 'dri', 'po', 'lum', 'ek', 'ba', 'zi', 'qua', 'fen', 'go', 'ri', 'ust', 'mo', 'tal', 'vin', 'che', 'dor'];
function makeWord(random: () => number, parts: number): string {
  let w = '';
  for (let i = 0; i < parts; i++) w += syllables[Math.floor(random() * syllables.length)];
  return w;
}
const vocabRandom = seededRandom(7);
const vocabulary = [...new Set(Array.from({ length: 75_000 }, () => makeWord(vocabRandom, 2 + Math.floor(vocabRandom() * 3))))].slice(0, 60_000);
// Zipf (s = 1.05) over the vocabulary by inverse CDF on a cumulative table.
const cumulative = new Float64Array(vocabulary.length);
{
  let sum = 0;
  for (let i = 0; i < vocabulary.length; i++) cumulative[i] = sum += 1 / (i + 1) ** 1.05;
  for (let i = 0; i < vocabulary.length; i++) cumulative[i]! /= sum;
}
function zipfWord(random: () => number): string {
  const u = random();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary[lo]!;
}
const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);

interface PlantedStory {
  seed: number;
  size: number;
  start: number;
}
/** Stories with sizes from a heavy-tailed law (1 to 300 articles, mean about 8), opened uniformly over the period. */
function plantStories(): { stories: PlantedStory[]; times: Float64Array; storyOf: Int32Array } {
  const random = seededRandom(11);
  const stories: PlantedStory[] = [];
  const spanMs = (total / perHour) * 3_600_000;
  let count = 0;
  while (count < total) {
    const size = Math.min(total - count, Math.max(1, Math.min(300, Math.floor(1 / (1 - random()) ** 1.1))));
    stories.push({ seed: stories.length * 7919 + 13, size, start: start + random() * spanMs });
    count += size;
  }
  const times = new Float64Array(total);
  const storyOf = new Int32Array(total);
  let n = 0;
  stories.forEach((s, i) => {
    for (let k = 0; k < s.size; k++) {
      // Coverage decays after the event: most within a day, a tail over the next two.
      times[n] = Math.round(s.start + (k === 0 ? 0 : -Math.log(1 - random() * 0.95) * 10 * 3_600_000));
      storyOf[n++] = i;
    }
  });
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
  return { stories, times: Float64Array.from(order, (i) => times[i]!), storyOf: Int32Array.from(order, (i) => storyOf[i]!) };
}

/** The words, names and place of one planted story (from its seed, so nothing is kept per story). */
function storyTheme(story: PlantedStory): { words: string[]; names: string[]; place: string } {
  const random = seededRandom(story.seed);
  // Topic words from the middle of the vocabulary: not stopword-common, not unique either.
  const words = Array.from({ length: 8 }, () => vocabulary[200 + Math.floor(random() * 20_000)]!);
  const names = Array.from({ length: 2 }, () => `${capital(makeWord(random, 2))} ${capital(makeWord(random, 3))}`);
  return { words, names, place: `Port ${capital(makeWord(random, 3))}` };
}

/** An article's title, text and lead (its first line, kept as a string of its own). */
function articleText(story: PlantedStory, seed: number): { title: string; text: string; lead: string } {
  const theme = storyTheme(story);
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const title = [pick(theme.words), zipfWord(random), pick(theme.words), 'in', theme.place, zipfWord(random), pick(theme.words)].join(' ');
  const sentences: string[] = [];
  for (let s = 0; s < 5; s++) {
    const words: string[] = [];
    for (let w = 0; w < 12; w++) words.push(random() < 0.22 ? pick(theme.words) : zipfWord(random));
    if (s === 0 || random() < 0.5) words.splice(3, 0, 'said', pick(theme.names));
    if (random() < 0.3) words.splice(8, 0, 'near', theme.place);
    sentences.push(`${capital(words.join(' '))}.`);
  }
  return { title: capital(title), text: sentences.join('\n'), lead: sentences[0]! };
}

// --- what the site's database would hold for article pages -------------------------------------
/** An article as the article page reads it: its brief (title, lead, outlet) and entity slugs. */
interface StoredArticle extends RelatedArticle {
  title: string;
  lead: string;
  source: string;
  published: number;
  entities: string[];
}

// --- run ---------------------------------------------------------------------------------------
const { stories, times, storyOf } = plantStories();
const firstOfStory = new Map<number, number>();
const clusterer = new StoryClusterer({ keepHistory: false });
const sourceCount = 40;
/** The story each article was put in, followed through merges and splits (for BCubed). */
const predicted: string[] = new Array<string>(total);
const renamed = new Map<string, string>();
/** Articles of active stories (the stand-in for the articles table), and the front page's top stories. */
const storyArticles = new Map<string, StoredArticle[]>();
let topStories: string[] = [];

const cpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
const timing = { clusterMs: 0, clusterCpuMs: 0, analyzeMs: 0, analyzeCpuMs: 0 };
const segment = { from: 0, clusterMs: 0, clusterCpuMs: 0 };
const related = { wallMs: [] as number[], cpuMs: [] as number[], rankMs: [] as number[], siteMs: [] as number[], candidates: 0 };
const results: Array<Record<string, number>> = [];
let lastMaintain = -Infinity;

/** Follows a periodic pass in the bench's own records, as storage would. */
function followPass(changes: ReturnType<StoryClusterer['maintain']>): void {
  for (const merge of changes.merges) {
    for (const from of merge.from) {
      renamed.set(from, merge.into);
      const moved = storyArticles.get(from) ?? [];
      storyArticles.delete(from);
      const into = storyArticles.get(merge.into) ?? [];
      for (const a of moved) into.push({ ...a, story: merge.into });
      storyArticles.set(merge.into, into);
    }
  }
  for (const split of changes.splits) {
    for (const part of split.into) {
      const ids = new Set(clusterer.articlesOf(part));
      for (const id of ids) predicted[Number(id.slice(1))] = part;
      const kept: StoredArticle[] = [];
      const moved: StoredArticle[] = [];
      for (const a of storyArticles.get(split.story) ?? []) (ids.has(a.id) ? moved : kept).push(a);
      storyArticles.set(split.story, kept);
      storyArticles.set(part, moved.map((a) => ({ ...a, story: part })));
    }
  }
}

/** The front page's top stories at `now`, as the hourly re-rank would leave them. */
function rankTopStories(now: number): string[] {
  const scored: Array<{ id: string; score: number }> = [];
  for (const [id, articles] of storyArticles) scored.push({ id, score: storyScore(articles, now) });
  return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, topCandidates).map((s) => s.id);
}

/** The article page's story builder today: every article's title and lead (relatedFor's `storyOf`). */
function siteStoryOf(id: string, members: readonly StoredArticle[]): RelatedStory {
  const terms = new Map<string, number>();
  const entities = new Set<string>();
  for (const m of members) {
    for (const [term, n] of storyProfile(m.title, m.lead, 'en').terms) terms.set(term, (terms.get(term) ?? 0) + n);
    for (const slug of m.entities) entities.add(slug);
  }
  return { id, terms, entities: [...entities], articles: members };
}

/** An article page's related articles, as `relatedFor` computes them once the rows are loaded; returns ms. */
function relatedForPage(article: StoredArticle, now: number, build: (id: string, members: readonly StoredArticle[]) => RelatedStory, record: boolean): number {
  const started = performance.now();
  const startedCpu = cpuMs();
  const own = storyArticles.get(article.story) ?? [article];
  const candidateIds = [...new Set([...clusterer.nearStories(article.story, sharingCandidates).map((s) => s.id), ...topStories])].filter((id) => id !== article.story);
  const ownStory = build(article.story, own);
  const others = candidateIds.map((id) => build(id, storyArticles.get(id) ?? []));
  const ranking = performance.now();
  relatedArticles(article, ownStory, others, now);
  const done = performance.now();
  if (record) {
    related.wallMs.push(done - started);
    related.cpuMs.push(cpuMs() - startedCpu);
    related.rankMs.push(done - ranking);
    related.candidates += others.length;
  }
  return done - started;
}

/**
 * One sampled article page with relatedStoryOf; every tenth also with today's build, alternating
 * which runs first (they share storyProfile's memory, which today's build fills with every article).
 */
function sampleArticlePage(article: StoredArticle, now: number, sample: number): void {
  const proposed = (id: string, members: readonly StoredArticle[]) => relatedStoryOf(id, members, 'en');
  if (sample % 10 === 0) related.siteMs.push(relatedForPage(article, now, siteStoryOf, false));
  relatedForPage(article, now, proposed, true);
  if (sample % 10 === 5) related.siteMs.push(relatedForPage(article, now, siteStoryOf, false));
}

const quantile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
};
const round = (x: number, digits = 0): number => Number(x.toFixed(digits));

const wallStart = performance.now();
for (let n = 0; n < total; n++) {
  const index = storyOf[n]!;
  const story = stories[index]!;
  const published = times[n]!;
  const id = `a${n}`;
  const source = `outlet-${n % sourceCount}`;
  let text: { title: string; text: string; lead: string };
  // 4 % of the articles after a story's first are wire copies of it under another outlet.
  const first = firstOfStory.get(index);
  if (first !== undefined && (n * 2_654_435_761) % 100 < 4) {
    const original = articleText(story, first);
    const credit = `${capital(story.seed.toString(36))} (Wire) — `;
    text = { title: original.title, text: `${credit}${original.text}`, lead: `${credit}${original.lead}` };
  } else text = articleText(story, n * 31 + 5);
  if (first === undefined) firstOfStory.set(index, n);

  let t = performance.now();
  let c = cpuMs();
  const analysed: AnalyzedArticle = analyzeArticle({ id, title: text.title, text: text.text, published, source, lang: 'en', url: `https://${source}.example/${id}` });
  let now = performance.now();
  let nowCpu = cpuMs();
  timing.analyzeMs += now - t;
  timing.analyzeCpuMs += nowCpu - c;
  t = now;
  c = nowCpu;
  let changes: ReturnType<StoryClusterer['maintain']> | undefined;
  if (published - lastMaintain >= maintainEveryMs) {
    if (lastMaintain > -Infinity) changes = clusterer.maintain(published);
    lastMaintain = published;
  }
  const assignment = clusterer.add(analysed);
  now = performance.now();
  nowCpu = cpuMs();
  timing.clusterMs += now - t;
  timing.clusterCpuMs += nowCpu - c;
  segment.clusterMs += now - t;
  segment.clusterCpuMs += nowCpu - c;

  // Bookkeeping of the bench (not timed): assignments, the articles table, the front page.
  predicted[n] = assignment.story;
  if (changes) {
    followPass(changes);
    // The stand-in for the articles table keeps what article pages of active stories read.
    for (const key of [...storyArticles.keys()]) if (!clusterer.activeStory(key)) storyArticles.delete(key);
    topStories = rankTopStories(published);
  }
  const stored: StoredArticle = {
    id, story: assignment.story, source, published, title: text.title, lead: text.lead,
    entities: analysed.entities.map((e) => e.slug), ...(assignment.duplicateOf ? { duplicateOf: assignment.duplicateOf } : {}),
  };
  const list = storyArticles.get(assignment.story);
  if (list) list.push(stored);
  else if (clusterer.activeStory(assignment.story)) storyArticles.set(assignment.story, [stored]);
  if (n % 500 === 499 && clusterer.activeStory(assignment.story)) sampleArticlePage(stored, published, (n - 499) / 500);

  if (n - segment.from + 1 === 10_000 && !marks.includes(n + 1)) Object.assign(segment, { from: n + 1, clusterMs: 0, clusterCpuMs: 0 });
  if (marks.includes(n + 1)) {
    const lastArticles = n + 1 - segment.from;
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
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      relatedP50ms: round(quantile(related.wallMs, 0.5), 3),
      relatedP99ms: round(quantile(related.wallMs, 0.99), 3),
      relatedCpuP99ms: round(quantile(related.cpuMs, 0.99), 3),
      siteP50ms: round(quantile(related.siteMs, 0.5), 3),
      siteP99ms: round(quantile(related.siteMs, 0.99), 3),
      rankP50ms: round(quantile(related.rankMs, 0.5), 3),
      rankP99ms: round(quantile(related.rankMs, 0.99), 3),
      relatedCandidates: round(related.candidates / Math.max(1, related.wallMs.length), 1),
      relatedSamples: related.wallMs.length,
      loadAverage1m: round(loadavg()[0]!, 2),
      heapCapMB,
      wallSeconds: Math.round((performance.now() - wallStart) / 1000),
    };
    results.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
    Object.assign(segment, { from: n + 1, clusterMs: 0, clusterCpuMs: 0 });
    Object.assign(related, { wallMs: [], cpuMs: [], rankMs: [], siteMs: [], candidates: 0 });
  }
}
const resolve = (story: string): string => {
  let id = story;
  for (let next = renamed.get(id); next !== undefined && next !== id; next = renamed.get(id)) id = next;
  return id;
};
const quality = bcubed(predicted.map(resolve), Array.from(storyOf, String));
process.stdout.write(`planted stories ${stories.length}; BCubed P ${(quality.precision * 100).toFixed(1)} R ${(quality.recall * 100).toFixed(1)} F1 ${(quality.f1 * 100).toFixed(1)}\n`);
const first = results[0]!;
const last = results[results.length - 1]!;
const costRatio = last.cpuMicrosPerArticleLast10k! / first.cpuMicrosPerArticleLast10k!;
process.stdout.write(`CPU cost per article, last 10k before ${last.articles} vs first ${first.articles}: ${costRatio.toFixed(2)}× (wall ${(last.microsPerArticleLast10k! / first.microsPerArticleLast10k!).toFixed(2)}×)\n`);

const out = join(projectRoot(), 'bench', 'results');
mkdirSync(out, { recursive: true });
// The full run is the reference; smaller runs keep their own file.
const name = values.quick ? 'stories-scale-quick' : total === 1_000_000 ? 'stories-scale' : `stories-scale-${total}`;
writeFileSync(join(out, `${name}.json`), `${JSON.stringify({
  articles: total, plantedStories: stories.length, perHour, vocabulary: vocabulary.length, results, bcubed: quality,
  costRatio, wallCostRatio: last.microsPerArticleLast10k! / first.microsPerArticleLast10k!,
}, null, 2)}\n`);
