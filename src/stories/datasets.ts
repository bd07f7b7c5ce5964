// Labelled corpora for training and scoring the clusterer, as values: the callers read the files
// (ECB+ from ../shared/data, the demo corpus through demo/corpus.ts) and pass them in.
import { fnv1a32 } from '../text/shingles.js';
import type { LabelledArticle } from './training.js';

/** One line of ECB+ docs.jsonl. */
export interface EcbDocument {
  id: string;
  topic: number;
  cluster: string;
  title: string;
  text: string;
  source_url: string | null;
}

/** Start of the synthetic timeline ECB+ documents are fed on (they carry no dates). */
export const ecbTimelineStart = Date.UTC(2026, 0, 5);
/** ECB+ documents are spread evenly over this many hours: one news cycle, inside the 72-hour story window. */
export const ecbTimelineHours = 12;

/**
 * ECB+ documents as labelled articles in a fixed arrival order (ids sorted by a hash: topics
 * interleaved, the same every run), with synthetic timestamps evenly spread over 12 hours so that
 * time hardly separates them: the clusterer must tell events apart by text and entities. They are
 * marked `undated` so that training learns nothing about time from them.
 */
export function ecbArticles(documents: readonly EcbDocument[]): Array<LabelledArticle & { topic: number }> {
  const ordered = [...documents].sort((a, b) => fnv1a32(a.id) - fnv1a32(b.id) || (a.id < b.id ? -1 : 1));
  const step = (ecbTimelineHours * 3_600_000) / Math.max(ordered.length, 1);
  return ordered.map((d, i) => ({
    id: d.id,
    title: d.title,
    text: d.text,
    published: new Date(ecbTimelineStart + Math.round(i * step)).toISOString(),
    url: d.source_url,
    lang: 'en',
    story: d.cluster,
    topic: d.topic,
    undated: true,
  }));
}

/** A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Undated articles (ECB+) in a seeded random arrival order, their synthetic timestamps spread
 * evenly over the same 12 hours again in the new order: a second, third… way the same corpus
 * could have arrived.
 */
export function reorderUndated<T extends LabelledArticle>(articles: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const order = [...articles];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const step = (ecbTimelineHours * 3_600_000) / Math.max(order.length, 1);
  return order.map((a, i) => ({ ...a, published: new Date(ecbTimelineStart + Math.round(i * step)).toISOString() }));
}

/** The demo corpus article fields the clusterer reads (see demo/corpus.ts). */
export interface DemoCorpusArticle {
  id: string;
  outlet: string;
  story: string;
  title: string;
  lead: string;
  published: string;
  body: ReadonlyArray<string | { h: string } | { quote: string; cite?: string }>;
  copyOf?: string;
}

/** Demo corpus articles as labelled articles in publication order; `langOf` maps an outlet to its language. */
export function demoArticles(
  corpus: readonly DemoCorpusArticle[], langOf: (outlet: string) => string | undefined,
): Array<LabelledArticle & { copyOf?: string }> {
  return [...corpus]
    .sort((a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id))
    .map((a) => ({
      id: a.id,
      title: a.title,
      text: [a.lead, ...a.body.map((b) => (typeof b === 'string' ? b : 'h' in b ? b.h : b.quote))].join('\n'),
      published: a.published,
      url: `https://${a.outlet}.example/${a.id}`,
      source: a.outlet,
      lang: langOf(a.outlet) ?? null,
      story: a.story,
      ...(a.copyOf ? { copyOf: a.copyOf } : {}),
    }));
}
