// The stream bench/stories-scale.ts clusters, and bench/clusterer-ab.ts compares two builds on:
// generated articles over a Zipf vocabulary of 60,000 made-up words, in planted stories of varied
// sizes (each with its own words, names and place), 4 % of them wire copies of their story's first
// article, at a constant rate of 1M articles over 30 days. The same `total` and texts give the same
// stream, article for article.
import { seededRandom } from '../src/stories/datasets.js';

/** Articles per hour: 1M over 30 days, whatever the size of the run, so the window holds the same volume. */
export const perHour = 1_000_000 / (30 * 24);
/** The stream's first article time. */
export const start = Date.UTC(2026, 0, 1);

/** An article's title, text and lead (its first line, kept as a string of its own). */
export interface GeneratedArticle {
  title: string;
  text: string;
  lead: string;
}

const syllables = ['ka', 'lo', 'ren', 'mi', 'sa', 'tor', 'vel', 'na', 'dri', 'po', 'lum', 'ek', 'ba', 'zi', 'qua', 'fen', 'go', 'ri', 'ust', 'mo', 'tal', 'vin', 'che', 'dor'];
function makeWord(random: () => number, parts: number): string {
  let w = '';
  for (let i = 0; i < parts; i++) w += syllables[Math.floor(random() * syllables.length)];
  return w;
}
const vocabRandom = seededRandom(7);
export const vocabulary = [...new Set(Array.from({ length: 75_000 }, () => makeWord(vocabRandom, 2 + Math.floor(vocabRandom() * 3))))].slice(0, 60_000);
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
function plantStories(total: number): { stories: PlantedStory[]; times: Float64Array; storyOf: Int32Array } {
  const random = seededRandom(11);
  const stories: PlantedStory[] = [];
  // Stories go on starting for two days after the span the stream takes (a story's coverage runs up
  // to 30 h past its start), and the stream is the first `total` articles by time: its last articles
  // arrive at the steady rate. Planted over the span alone, the last 10k of 1M were the thinning tails
  // of stories with none starting after them: 340 articles an hour instead of 1,400 (so four times
  // the hourly pass's cost per article), none opening a story.
  const spanMs = (total / perHour) * 3_600_000;
  const plantedMs = spanMs + 48 * 3_600_000;
  const plantedTotal = Math.ceil((total * plantedMs) / spanMs);
  let count = 0;
  while (count < plantedTotal) {
    const size = Math.min(plantedTotal - count, Math.max(1, Math.min(300, Math.floor(1 / (1 - random()) ** 1.1))));
    stories.push({ seed: stories.length * 7919 + 13, size, start: start + random() * plantedMs });
    count += size;
  }
  const times = new Float64Array(plantedTotal);
  const storyOf = new Int32Array(plantedTotal);
  let n = 0;
  stories.forEach((s, i) => {
    for (let k = 0; k < s.size; k++) {
      // Coverage decays after the event: most within a day, a tail over the next two.
      times[n] = Math.round(s.start + (k === 0 ? 0 : -Math.log(1 - random() * 0.95) * 10 * 3_600_000));
      storyOf[n++] = i;
    }
  });
  const order = Array.from({ length: plantedTotal }, (_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b).slice(0, total);
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

/**
 * Sentences of a long text (--long-texts): log-normal with median 16 and σ 0.8, ECB+'s shape (its
 * mean is 1.39 times its median, its 90th percentile 3 times), from 1 to 200.
 */
function sentenceCount(random: () => number): number {
  // Box–Muller: a standard normal from two uniforms.
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.min(200, Math.max(1, Math.round(16 * Math.exp(0.8 * normal))));
}

/** An article of a planted story, its words drawn from `seed`. */
function articleText(story: PlantedStory, seed: number, longTexts: boolean): GeneratedArticle {
  const theme = storyTheme(story);
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const title = [pick(theme.words), zipfWord(random), pick(theme.words), 'in', theme.place, zipfWord(random), pick(theme.words)].join(' ');
  const sentences: string[] = [];
  for (let s = 0, count = longTexts ? sentenceCount(random) : 5; s < count; s++) {
    const words: string[] = [];
    for (let w = 0; w < 12; w++) words.push(random() < 0.22 ? pick(theme.words) : zipfWord(random));
    if (s === 0 || random() < 0.5) words.splice(3, 0, 'said', pick(theme.names));
    if (random() < 0.3) words.splice(8, 0, 'near', theme.place);
    sentences.push(`${capital(words.join(' '))}.`);
  }
  return { title: capital(title), text: sentences.join('\n'), lead: sentences[0]! };
}

/** A stream of `total` articles: their times, their planted stories, and the articles. */
export interface ScaleStream {
  /** Publication times, ascending. */
  times: Float64Array;
  /** The planted story of each article (the truth BCubed scores against). */
  storyOf: Int32Array;
  /** Planted stories with an article in the stream (the last ones planted start after its end). */
  streamedStories: number;
  /**
   * Article `n`'s texts. Called in stream order (n = 0, 1, …): a wire copy repeats the first
   * article of its story that this stream generated.
   */
  generate(n: number): GeneratedArticle;
}

/**
 * The first `total` articles by time of the planted stories; with `longTexts`, texts as long as
 * real articles (sentenceCount), else five sentences each.
 */
export function scaleStream(total: number, longTexts = false): ScaleStream {
  const { stories, times, storyOf } = plantStories(total);
  const firstOfStory = new Map<number, number>();
  return {
    times,
    storyOf,
    streamedStories: new Set(storyOf).size,
    generate(n: number): GeneratedArticle {
      const index = storyOf[n]!;
      const story = stories[index]!;
      const first = firstOfStory.get(index);
      if (first === undefined) firstOfStory.set(index, n);
      if (first !== undefined && (n * 2_654_435_761) % 100 < 4) {
        const original = articleText(story, first, longTexts);
        const credit = `${capital(story.seed.toString(36))} (Wire) — `;
        return { title: original.title, text: `${credit}${original.text}`, lead: `${credit}${original.lead}` };
      }
      return articleText(story, n * 31 + 5, longTexts);
    },
  };
}
