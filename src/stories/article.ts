// What stories need to know about one article, computed once when it arrives: language, time,
// normalised URL and title, term counts, entities, quantities stated and near-duplicate fingerprints.
import { TopstoryError } from '../errors.js';
import { normalizeUrl } from '../text/article-url.js';
import { articleLanguage } from '../text/language.js';
import { termCounts } from '../text/terms.js';
import { extractEntities, type Entity } from '../text/entities.js';
import type { Gazetteer } from '../text/gazetteer.js';
import { shingleFingerprints } from '../text/shingles.js';
import { tokenize, words, type Token } from '../text/tokens.js';

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
  /** Quantities the title and text state (counts, ages, amounts, days of the month), as normalised numerals with their counts. */
  numbers: Map<string, number>;
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

// Number words read as numerals, by language: "three killed" and "3 dead" state one toll. Sorted.
const numberWords: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  en: {
    eight: '8', eighteen: '18', eleven: '11', fifteen: '15', fifty: '50', five: '5', forty: '40', four: '4', fourteen: '14',
    hundred: '100', nine: '9', nineteen: '19', ninety: '90', seven: '7', seventeen: '17', seventy: '70', six: '6',
    sixteen: '16', sixty: '60', ten: '10', thirteen: '13', thirty: '30', three: '3', twelve: '12', twenty: '20', two: '2',
  },
};

// A numeral as a word: digits, decimals, an ordinal ending ("18th") or a hyphenated unit ("33-year-old").
const numeral = /^(\d+)(\.\d+)?(?:st|nd|rd|th|-\p{L}.*)?$/u;

const digitsOnly = /^\d+$/u;

/** True when two tokens are the digits either side of a clock time's colon ("09:29", "14: 08"). */
function clockColon(text: string, before: Token | undefined, after: Token | undefined): boolean {
  if (!before || !after || !digitsOnly.test(before.word) || !digitsOnly.test(after.word) || text[before.end] !== ':') return false;
  return after.start === before.end + 1 || (after.start === before.end + 2 && text[before.end + 1] === ' ');
}

/**
 * The quantities a text states: numerals ("26 pirates", "magnitude 6.1", "a 33-year-old", "1,200",
 * "September 18th")
 * and the number words of its language, as normalised numerals with counts. Two reports of one
 * event state the same toll, age, amount and date; two similar events rarely do. Years (they have
 * their own feature) and clock times ("14:08") are left out. Adds to `counts` when given.
 */
export function numbersMentioned(text: string, lang: string, counts = new Map<string, number>()): Map<string, number> {
  const named = numberWords[lang];
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    let value = named?.[token.word];
    if (value === undefined) {
      // Only a word starting with a digit can be a numeral (checked before any pattern runs).
      const first = token.word.charCodeAt(0);
      if (first < 48 || first > 57) continue;
      const from = i;
      let word = token.word;
      // Thousands written with commas come as several tokens: "1,200,000".
      for (let next = tokens[i + 1]; next && next.start === tokens[i]!.end + 1 && text[tokens[i]!.end] === ',' && /^\d{3}$/u.test(next.word); next = tokens[i + 1]) {
        word += next.word;
        i++;
      }
      const match = numeral.exec(word);
      if (!match) continue;
      // Either side of a clock time ("09:29", "14: 08"): digits, a colon, digits.
      if (clockColon(text, tokens[i], tokens[i + 1]) || clockColon(text, tokens[from - 1], token)) continue;
      const whole = match[1]!.replace(/^0+(?=\d)/u, '');
      if (!match[2] && whole.length === 4 && (whole.startsWith('19') || whole.startsWith('20'))) continue;
      value = whole + (match[2] ?? '');
    }
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
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
    // Title and text apart: their tokens are cached from the term counts above.
    numbers: numbersMentioned(input.text, lang, numbersMentioned(input.title, lang)),
    ...(latestYear !== undefined ? { latestYear } : {}),
    sample: fingerprints.sample,
    simhash: fingerprints.simhash,
    shingleCount: fingerprints.count,
  };
}
