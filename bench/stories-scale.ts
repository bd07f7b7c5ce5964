// Story clustering at scale: 1,000,000 generated articles (a Zipf vocabulary of 60,000 made-up
// words, planted stories of varied sizes with their own names, places and words, 4 % wire copies,
// timestamps at a constant rate over 30 days) streamed through one StoryClusterer with the
// periodic pass every hour of article time. Reports, at 10k, 100k and 1M articles: clustering
// throughput (add + periodic pass; analysis, which the pipeline does in worker threads, timed
// apart), the cost per article over the last 10k articles before each mark, peak RSS, and the
// time to compute an article page's related articles (relatedArticles over the story and the
// near stories the candidate index returns) sampled every 500 articles. Also BCubed F1 against the
// planted stories.
// Run: npx tsx bench/stories-scale.ts [--quick] [--articles N]   (writes bench/results/stories-scale.json)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/paths.js';
import { analyzeArticle, type AnalyzedArticle } from '../src/stories/article.js';
import { maintainEveryMs, StoryClusterer, type StoryState } from '../src/stories/clusterer.js';
import { seededRandom } from '../src/stories/datasets.js';
import { bcubed } from '../src/stories/evaluation.js';
import { relatedArticles, type RelatedStory } from '../src/stories/related.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, articles: { type: 'string' } } });
const total = values.articles ? Number(values.articles) : values.quick ? 20_000 : 1_000_000;
/** Articles per hour: 1M over 30 days, whatever the size of the run, so the window holds the same volume. */
const perHour = 1_000_000 / (30 * 24);
const start = Date.UTC(2026, 0, 1);
const marks = [10_000, 100_000, 1_000_000].filter((m) => m < total).concat(total);

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

function articleText(story: PlantedStory, seed: number): { title: string; text: string } {
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
  return { title: capital(title), text: sentences.join('\n') };
}

// --- run ---------------------------------------------------------------------------------------
const { stories, times, storyOf } = plantStories();
const firstOfStory = new Map<number, number>();
const clusterer = new StoryClusterer({});
const sourceCount = 40;
let clusterMs = 0;
let analyzeMs = 0;
let lastMaintain = -Infinity;
let peakRss = 0;
const segment = { from: 0, clusterMs: 0 };
const relatedMs: number[] = [];
const results: Array<Record<string, number>> = [];
const storyArticles = new Map<string, Array<{ id: string; story: string; source: string; published: number }>>();

function relatedStory(state: StoryState): RelatedStory {
  const { terms, entities } = clusterer.storyTerms(state);
  return { id: state.id, terms, entities, articles: storyArticles.get(state.id) ?? [] };
}

const wallStart = performance.now();
for (let n = 0; n < total; n++) {
  const index = storyOf[n]!;
  const story = stories[index]!;
  const published = times[n]!;
  const id = `a${n}`;
  const source = `outlet-${n % sourceCount}`;
  let text: { title: string; text: string };
  // 4 % of the articles after a story's first are wire copies of it under another outlet.
  const first = firstOfStory.get(index);
  if (first !== undefined && (n * 2_654_435_761) % 100 < 4) {
    const original = articleText(story, first);
    text = { title: original.title, text: `${capital(story.seed.toString(36))} (Wire) — ${original.text}` };
  } else text = articleText(story, n * 31 + 5);
  if (first === undefined) firstOfStory.set(index, n);

  let t = performance.now();
  const analysed: AnalyzedArticle = analyzeArticle({ id, title: text.title, text: text.text, published, source, lang: 'en', url: `https://${source}.example/${id}` });
  analyzeMs += performance.now() - t;
  t = performance.now();
  if (published - lastMaintain >= maintainEveryMs) {
    if (lastMaintain > -Infinity) clusterer.maintain(published);
    lastMaintain = published;
    // The bench's stand-in for the articles table keeps only what article pages of active stories read.
    for (const key of [...storyArticles.keys()]) if (!clusterer.activeStory(key)) storyArticles.delete(key);
  }
  const assignment = clusterer.add(analysed);
  const spent = performance.now() - t;
  clusterMs += spent;
  segment.clusterMs += spent;
  const list = storyArticles.get(assignment.story) ?? [];
  list.push({ id, story: assignment.story, source, published });
  storyArticles.set(assignment.story, list);

  if (n % 500 === 499) {
    // An article page: its story's other outlets, then the near stories of the last days.
    t = performance.now();
    const own = clusterer.activeStory(assignment.story);
    if (own) {
      const near = clusterer.nearStories(own.id).map(relatedStory);
      relatedArticles({ id, story: own.id, source, published, ...(assignment.duplicateOf ? { duplicateOf: assignment.duplicateOf } : {}) }, relatedStory(own), near, published);
      relatedMs.push(performance.now() - t);
    }
  }
  if (n % 10_000 === 9_999) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (n - segment.from + 1 === 10_000 && !marks.includes(n + 1)) Object.assign(segment, { from: n + 1, clusterMs: 0 });
  if (marks.includes(n + 1)) {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const sorted = [...relatedMs].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
    const lastArticles = n + 1 - segment.from;
    const row = {
      articles: n + 1,
      hoursOfNews: Math.round((published - start) / 3_600_000),
      activeStories: clusterer.activeStories().length,
      clusterArticlesPerSecond: Math.round(((n + 1) / clusterMs) * 1000),
      analyzeArticlesPerSecond: Math.round(((n + 1) / analyzeMs) * 1000),
      bothArticlesPerSecond: Math.round(((n + 1) / (clusterMs + analyzeMs)) * 1000),
      microsPerArticleLast10k: Math.round((segment.clusterMs / lastArticles) * 1000),
      peakRssMB: Math.round(peakRss / 2 ** 20),
      heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      relatedP50ms: Number(q(0.5).toFixed(3)),
      relatedP99ms: Number(q(0.99).toFixed(3)),
      relatedSamples: sorted.length,
      wallSeconds: Math.round((performance.now() - wallStart) / 1000),
    };
    results.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
    Object.assign(segment, { from: n + 1, clusterMs: 0 });
    relatedMs.length = 0;
  }
}
const pred: string[] = [];
const gold: string[] = [];
for (let n = 0; n < total; n++) {
  pred.push(clusterer.storyOf(`a${n}`)!);
  gold.push(String(storyOf[n]));
}
const quality = bcubed(pred, gold);
process.stdout.write(`planted stories ${stories.length}; BCubed P ${(quality.precision * 100).toFixed(1)} R ${(quality.recall * 100).toFixed(1)} F1 ${(quality.f1 * 100).toFixed(1)}\n`);
const first = results[0]!;
const last = results[results.length - 1]!;
process.stdout.write(`cost per article, last 10k before ${last.articles} vs first ${first.articles}: ${(last.microsPerArticleLast10k! / first.microsPerArticleLast10k!).toFixed(2)}×\n`);

const out = join(projectRoot(), 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, values.quick ? 'stories-scale-quick.json' : 'stories-scale.json'), `${JSON.stringify({
  articles: total, plantedStories: stories.length, perHour, vocabulary: vocabulary.length, results,
  bcubed: quality, costRatio: last.microsPerArticleLast10k! / first.microsPerArticleLast10k!,
}, null, 2)}\n`);
