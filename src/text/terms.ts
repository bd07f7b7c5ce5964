// Terms for comparing texts: the stemmed content words of a text, counted (vectors of them are
// built where they are compared: src/stories/features.ts for clustering, packed-terms.ts for pages).
import { tokenize } from './tokens.js';
import { stem } from './tokens.js';
import { isStopword } from './stopwords.js';

const shortNumber = /^\d{1,3}$/u;

/** The term a case-folded word counts as, or null when it does not count. */
function termOf(word: string, lang: string): string | null {
  if (word.length < 2 || isStopword(word, lang)) return null;
  // Bare numbers under four digits (counts, ages, times) say little about which event it is.
  if (shortNumber.test(word)) return null;
  return stem(word, lang);
}

/**
 * Terms by language and word, remembered (see `stem`) as their numbers (−1: the word does not
 * count): most words of a text were seen before.
 */
const termCache = new Map<string, Map<string, number>>();
const termCacheSize = 100_000;

/**
 * A number for every distinct term, process-wide, in order of first appearance, and the term of
 * each number. termCounts counts a text by number in an array (no hashing per word), and a
 * consumer that interns terms in the same thread (the story clusterer) maps a number to its own
 * id through an array instead of hashing the string again. Numbers belong to this thread: a map
 * copied to another thread or process (structured clone, JSON) arrives without them, and its
 * terms are interned by string there. Numbers are a cache, not an identity: past `maxTermNumbers`
 * the table starts afresh under a new generation, and a consumer that sees a new generation
 * forgets what it mapped. The cap bounds what every process that counts terms keeps (the stems,
 * the map and the arrays: about 20 MB at the cap); a news stream of a few tens of thousands of
 * articles a day meets a few thousand new stems a day, names mostly, and restarts every few weeks.
 */
const termNumbers = new Map<string, number>();
const termOfNumber: string[] = [];
const maxTermNumbers = 250_000;
let termGeneration = 0;
/** termCounts' count per number (0 between calls). */
let countOfNumber = new Int32Array(1024);

/** The terms of a counts map as numbers, in the map's order, and the generation they belong to. */
export interface TermNumbering {
  generation: number;
  numbers: readonly number[];
}

const numbering = Symbol('term numbering');
type NumberedCounts = Map<string, number> & { [numbering]?: TermNumbering };

/**
 * The numbers of the terms of a map that `termCounts` made, in the map's order; undefined when
 * the map did not come from termCounts in this thread or its size changed since. A map changed
 * at the same size is not detected here: a consumer checks that a number's term is the map's key.
 */
export function termNumbering(counts: Map<string, number>): TermNumbering | undefined {
  const known = (counts as NumberedCounts)[numbering];
  return known && known.numbers.length === counts.size ? known : undefined;
}

/** The number of the term a word counts as in a language's cache (−1 when the word does not count). */
function termNumberOf(cache: Map<string, number>, word: string, lang: string): number {
  let number = cache.get(word);
  if (number === undefined) {
    if (cache.size >= termCacheSize) cache.clear();
    const term = termOf(word, lang);
    number = term === null ? -1 : numberOf(term);
    cache.set(word, number);
  }
  return number;
}

function numberOf(term: string): number {
  let number = termNumbers.get(term);
  if (number === undefined) {
    number = termOfNumber.length;
    termNumbers.set(term, number);
    termOfNumber.push(term);
    if (number >= countOfNumber.length) {
      const grown = new Int32Array(countOfNumber.length * 2);
      grown.set(countOfNumber);
      countOfNumber = grown;
    }
  }
  return number;
}

/**
 * Starts the numbering afresh under a new generation (the cached terms hold numbers of the old
 * one). Done between texts once `maxTermNumbers` are given; exported for tests.
 */
export function restartTermNumbering(): void {
  termNumbers.clear();
  termOfNumber.length = 0;
  termGeneration++;
  for (const cache of termCache.values()) cache.clear();
}

function languageCache(lang: string): Map<string, number> {
  if (termNumbers.size >= maxTermNumbers) restartTermNumbering();
  let cache = termCache.get(lang);
  if (!cache) termCache.set(lang, (cache = new Map()));
  return cache;
}

/**
 * Counts of the content terms (stemmed, stopwords and one-letter words dropped) of a text, in
 * order of first appearance, with their numbers (see termNumbering). Words are counted by number
 * in an array; the map is made once per distinct term.
 */
export function termCounts(text: string, lang: string): Map<string, number> {
  const cache = languageCache(lang);
  const numbers: number[] = [];
  const counts: NumberedCounts = new Map();
  try {
    for (const token of tokenize(text)) {
      const number = termNumberOf(cache, token.word, lang);
      if (number !== -1 && countOfNumber[number]!++ === 0) numbers.push(number);
    }
    for (const number of numbers) counts.set(termOfNumber[number]!, countOfNumber[number]!);
  } finally {
    // The shared counts go back to 0 even when a text fails half-way: the next text starts clean.
    for (const number of numbers) countOfNumber[number] = 0;
  }
  counts[numbering] = { generation: termGeneration, numbers };
  return counts;
}

/**
 * Adds `times` × the term counts of a text to `counts` (terms new to it in order of first
 * appearance) and returns it: counting a text twice this way gives what counting it written twice would.
 */
export function addTermCounts(counts: Map<string, number>, text: string, lang: string, times = 1): Map<string, number> {
  const cache = languageCache(lang);
  for (const token of tokenize(text)) {
    const number = termNumberOf(cache, token.word, lang);
    if (number === -1) continue;
    const term = termOfNumber[number]!;
    counts.set(term, (counts.get(term) ?? 0) + times);
  }
  return counts;
}
