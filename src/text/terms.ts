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

/** Terms by language and word, remembered (see `stem`): most words of a text were seen before. */
const termCache = new Map<string, Map<string, string | null>>();
const termCacheSize = 100_000;

/** Counts of the content terms (stemmed, stopwords and one-letter words dropped) of a text. */
export function termCounts(text: string, lang: string): Map<string, number> {
  return addTermCounts(new Map(), text, lang);
}

/**
 * Adds `times` × the term counts of a text to `counts` (terms new to it in order of first
 * appearance) and returns it: counting a text twice this way gives what counting it written twice would.
 */
export function addTermCounts(counts: Map<string, number>, text: string, lang: string, times = 1): Map<string, number> {
  let cache = termCache.get(lang);
  if (!cache) termCache.set(lang, (cache = new Map()));
  for (const token of tokenize(text)) {
    let term = cache.get(token.word);
    if (term === undefined) {
      if (cache.size >= termCacheSize) cache.clear();
      cache.set(token.word, (term = termOf(token.word, lang)));
    }
    if (term !== null) counts.set(term, (counts.get(term) ?? 0) + times);
  }
  return counts;
}
