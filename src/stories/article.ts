// What stories need to know about one article, computed once when it arrives: language, time,
// normalised URL and title, term counts, entities and near-duplicate fingerprints.
import { TopstoryError } from '../errors.js';
import { normalizeUrl } from '../text/article-url.js';
import { articleLanguage } from '../text/language.js';
import { termCounts } from '../text/terms.js';
import { extractEntities, type Entity } from '../text/entities.js';
import type { Gazetteer } from '../text/gazetteer.js';
import { shingleFingerprints } from '../text/shingles.js';
import { words } from '../text/tokens.js';

/** An article as the stories layer receives it (the `cluster` CLI reads these as JSON lines). */
export interface StoryArticleInput {
  id: string;
  title: string;
  /** Plain text, one line per block. */
  text: string;
  /** ISO 8601 string, epoch milliseconds or a Date. */
  published: string | number | Date;
  url?: string | null;
  /** The outlet (source slug or id); duplicates and ranking count distinct sources. */
  source?: string | null;
  /** Language tag when known (feed or page); detected otherwise. */
  lang?: string | null;
}

/** An article with everything clustering compares. */
export interface AnalyzedArticle {
  id: string;
  title: string;
  lang: string;
  /** Epoch milliseconds. */
  published: number;
  source?: string;
  /** Normalised URL (see normalizeArticleUrl), when one was given and parses. */
  url?: string;
  /** Case-folded title words joined by spaces, for exact-title matches. */
  titleKey: string;
  titleCounts: Map<string, number>;
  bodyCounts: Map<string, number>;
  entities: Entity[];
  /** The latest year (1900 up to the year of publication) the title or text mentions, if any. */
  latestYear?: number;
  /** Sampled shingle hashes (containment of one text in another). */
  sample: number[];
  simhash: string;
  shingleCount: number;
}

/**
 * A URL reduced to what identifies the article across outlets and schemes: the stored normalized
 * URL (text/article-url: tracking parameters, AMP, fragment, default port) without scheme, `www.`
 * or trailing slash.
 */
export function normalizeArticleUrl(url: string): string | undefined {
  const normalized = normalizeUrl(url);
  if (!normalized) return undefined;
  const parsed = new URL(normalized);
  const host = parsed.host.replace(/^www\./u, '');
  const path = parsed.pathname.replace(/\/+$/u, '');
  return `${host}${path}${parsed.search}`;
}

/** Epoch milliseconds of a `published` value; throws a stories error when it is not a date. */
export function publishedTime(value: string | number | Date): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new TopstoryError('stories', 'bad_date', `published is not a date: ${JSON.stringify(value)}`);
  return ms;
}

const yearPattern = /(?<![\p{L}\p{N}])(19\d\d|20\d\d)(?![\p{L}\p{N}])/gu;

/**
 * The latest year a text mentions, up to the year it was published: "the May 2013 stay", "since
 * 2010". Two reports of one event name the same latest year far more often than reports of two
 * similar events years apart; years after publication (plans, "by 2030") say nothing about when.
 */
export function latestYearMentioned(text: string, published: number): number | undefined {
  const limit = new Date(published).getUTCFullYear();
  let latest: number | undefined;
  for (const match of text.matchAll(yearPattern)) {
    const year = Number(match[1]);
    if (year <= limit && (latest === undefined || year > latest)) latest = year;
  }
  return latest;
}

/** Analyses one article for clustering (pure: the same input and gazetteer give the same result). */
export function analyzeArticle(input: StoryArticleInput, gazetteer?: Gazetteer): AnalyzedArticle {
  const lang = articleLanguage(input.lang, input.title, input.text);
  const fingerprints = shingleFingerprints(input.text || input.title);
  const url = input.url ? normalizeArticleUrl(input.url) : undefined;
  const published = publishedTime(input.published);
  const latestYear = latestYearMentioned(`${input.title}\n${input.text}`, published);
  return {
    id: input.id,
    title: input.title,
    lang,
    published,
    ...(input.source ? { source: input.source } : {}),
    ...(url ? { url } : {}),
    titleKey: words(input.title).join(' '),
    titleCounts: termCounts(input.title, lang),
    bodyCounts: termCounts(input.text, lang),
    entities: extractEntities(input.title, input.text, lang, gazetteer),
    ...(latestYear !== undefined ? { latestYear } : {}),
    sample: fingerprints.sample,
    simhash: fingerprints.simhash,
    shingleCount: fingerprints.count,
  };
}
