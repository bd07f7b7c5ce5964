// Words of a text: Unicode-aware tokenizing, case folding and a light per-language stemmer, so that
// "Bridges", "bridge" and "bridge's" count as one term when stories are compared.

/** One word of a text with its position and whether it was written with a capital letter. */
export interface Token {
  /** Case-folded word, apostrophes folded to U+0027. */
  word: string;
  /** The word as written. */
  surface: string;
  /** Offset of the word in the text. */
  start: number;
  /** Offset just past the word as matched (before a possessive is dropped). */
  end: number;
  /** True when a sentence boundary (or the start of the text or a line) comes right before the word. */
  sentenceStart: boolean;
}

// A word: letters (with marks) and digits, joined by inner apostrophes, hyphens or dots in numbers.
const wordPattern = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-‐.][\p{L}\p{M}\p{N}]+)*/gu;
const sentenceEnd = /[.!?…:;"“”«»\n]\s*$/u;

// Abbreviations whose dot does not end a sentence ("Gov. Sarah Palin"). Lower-cased, sorted.
const abbreviations: ReadonlySet<string> = new Set([
  'dr', 'gen', 'gov', 'jr', 'lt', 'mr', 'mrs', 'ms', 'no', 'prof', 'rep', 'sen', 'sgt', 'sr', 'st', 'u.s', 'vs',
]);

/** Splits a text into word tokens, marking those that begin a sentence or a line. */
export function tokenize(text: string): readonly Token[] {
  // Analysis tokenizes the same title and body for shingles, terms and entities: keep the last few.
  const cached = recent.find((entry) => entry.text === text);
  if (cached) return cached.tokens;
  const tokens = tokenizeUncached(text);
  recent.unshift({ text, tokens });
  if (recent.length > 4) recent.pop();
  return tokens;
}

const recent: Array<{ text: string; tokens: readonly Token[] }> = [];

function tokenizeUncached(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(wordPattern)) {
    const start = match.index;
    const between = text.slice(last, start);
    // A trailing dot of an abbreviation-like number ("3.") stays with the gap; fine for our use.
    const previous = tokens[tokens.length - 1];
    const afterAbbreviation = previous !== undefined && /^\.\s+$/u.test(between) && abbreviations.has(previous.word);
    const sentenceStart = tokens.length === 0 || between.includes('\n') || (sentenceEnd.test(between) && !afterAbbreviation);
    const surface = match[0].replace(/['’]s$/u, '').replace(/’/gu, "'");
    tokens.push({ word: surface.toLowerCase(), surface, start, end: start + match[0].length, sentenceStart });
    last = start + match[0].length;
  }
  return tokens;
}

/** Case-folded words of a text, in order. */
export function words(text: string): string[] {
  return tokenize(text).map((t) => t.word);
}

// English suffixes stripped by the light stemmer, longest first (a subset of Porter's step 1 idea:
// inflection only, so that "bridges"/"bridge" and "closed"/"closing"/"close" meet).
const englishSuffixes: ReadonlyArray<readonly [suffix: string, replacement: string]> = [
  ['ational', 'ate'],
  ['ations', 'ate'],
  ['ation', 'ate'],
  ['ies', 'y'],
  ['ing', ''],
  ['ied', 'y'],
  ['ers', 'er'],
  ['es', 'e'],
  ['ed', ''],
  ['s', ''],
];

// English words that end in "s" but are not plurals. Sorted.
const singularInS: ReadonlySet<string> = new Set([
  'always', 'bus', 'chaos', 'christmas', 'economics', 'gas', 'lens', 'means', 'news', 'perhaps', 'physics',
  'politics', 'series', 'species', 'towards', 'whereas',
]);

// Russian case and number endings, longest first; what is left after them (and after trailing
// vowels) is the stem: "мосту", "мостом", "мост" → "мост"; "Приозерья", "Приозерье" → "приозер".
const russianEndings = ['ами', 'ями', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ых', 'их', 'ым', 'им', 'ом', 'ем', 'ой', 'ей', 'ах', 'ях', 'ов', 'ев'];

/** Prefix length that stands in for a stem in inflected languages we have no stemmer for. */
const prefixStemLength = 6;

/** A light stem of a case-folded word: suffix stripping for English, a fixed prefix elsewhere. */
export function stem(word: string, lang: string): string {
  if (/\d/u.test(word)) return word;
  if (lang === 'ru') {
    let base = word;
    const ending = russianEndings.find((e) => base.endsWith(e) && base.length - e.length >= 3);
    if (ending) base = base.slice(0, -ending.length);
    while (base.length > 3 && /[аеёиоуыэюяйь]$/u.test(base)) base = base.slice(0, -1);
    return base.length > 7 ? base.slice(0, 7) : base;
  }
  if (lang === 'en') {
    if (singularInS.has(word)) return word;
    for (const [suffix, replacement] of englishSuffixes) {
      if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
        if (suffix === 's' && /(ss|us|is)$/u.test(word)) return word;
        let base = word.slice(0, -suffix.length) + replacement;
        // "closed" → "clos" → "close"; "stopped" → "stopp" → "stop".
        if ((suffix === 'ed' || suffix === 'ing') && /([bdgklmnprt])\1$/u.test(base)) base = base.slice(0, -1);
        if (base.endsWith('e')) base = base.slice(0, -1);
        return base;
      }
    }
    return word.endsWith('e') && word.length > 3 ? word.slice(0, -1) : word;
  }
  // Russian, German, French… inflect mostly at the end; a prefix is a crude but language-blind stem.
  return word.length > prefixStemLength ? word.slice(0, prefixStemLength) : word;
}
