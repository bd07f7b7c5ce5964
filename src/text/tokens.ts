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

// A word: letters (with marks) and digits, joined by inner apostrophes, hyphens or dots in numbers,
// i.e. /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-‐.][\p{L}\p{M}\p{N}]+)*/u (tokenizeUncached scans for it).
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

const dotThenSpace = /^\.\s+$/u;
const possessive = /['’]s$/u;
const curlyApostrophe = /’/gu;

// Character classes of the word pattern, by UTF-16 code unit (filled on first sight from the
// Unicode properties): the scanner below reads a table instead of running the regular expression.
const unknownClass = 0;
const otherClass = 1;
const markClass = 2;
const letterOrNumberClass = 3;
const letterOrNumber = /^[\p{L}\p{N}]$/u;
const mark = /^\p{M}$/u;
const classes = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) classes[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? letterOrNumberClass : otherClass;

/** The class of the code point at `i` (a surrogate pair is looked up whole, never cached). */
function classAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdfff) {
    const known = classes[unit]!;
    if (known !== unknownClass) return known;
    const ch = String.fromCharCode(unit);
    return (classes[unit] = letterOrNumber.test(ch) ? letterOrNumberClass : mark.test(ch) ? markClass : otherClass);
  }
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  return letterOrNumber.test(ch) ? letterOrNumberClass : mark.test(ch) ? markClass : otherClass;
}

/** UTF-16 length of the code point at `i`. */
function widthAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  return unit >= 0xd800 && unit <= 0xdbff && text.codePointAt(i)! > 0xffff ? 2 : 1;
}

/** Code units that join the parts of a word: ' ’ - ‐ . */
const isJoiner = (unit: number): boolean => unit === 0x27 || unit === 0x2019 || unit === 0x2d || unit === 0x2010 || unit === 0x2e;

/** End of the run of letters, marks and digits starting at `i`. */
function wordRunEnd(text: string, i: number): number {
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    // Plain letters and digits need no look-up beyond the table.
    if (unit < 0xd800 && classes[unit] === letterOrNumberClass) i++;
    else if (classAt(text, i) >= markClass) i += widthAt(text, i);
    else break;
  }
  return i;
}

/**
 * Where `wordPattern` matches: a letter or digit, letters, marks and digits, then any number of
 * (joiner, one or more letters, marks or digits). A scan over the class table, with the same
 * matches as the expression (joiners are none of letter, mark or digit, so no backtracking).
 */
function tokenizeUncached(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (let i = 0; i < text.length;) {
    if (classAt(text, i) !== letterOrNumberClass) {
      i += widthAt(text, i);
      continue;
    }
    const start = i;
    let end = wordRunEnd(text, i + widthAt(text, i));
    let apostrophe = false;
    while (end + 1 < text.length && isJoiner(text.charCodeAt(end)) && classAt(text, end + 1) >= markClass) {
      const unit = text.charCodeAt(end);
      if (unit === 0x27 || unit === 0x2019) apostrophe = true;
      end = wordRunEnd(text, end + 1);
    }
    i = end;
    const matched = text.slice(start, end);
    // One space between two words is the common case: neither a line nor a sentence ends there.
    let sentenceStart = tokens.length === 0;
    if (!sentenceStart && !(start - last === 1 && text.charCodeAt(last) === 32)) {
      const between = text.slice(last, start);
      // A trailing dot of an abbreviation-like number ("3.") stays with the gap; fine for our use.
      const previous = tokens[tokens.length - 1]!;
      const afterAbbreviation = abbreviations.has(previous.word) && dotThenSpace.test(between);
      sentenceStart = between.includes('\n') || (sentenceEnd.test(between) && !afterAbbreviation);
    }
    const surface = apostrophe ? matched.replace(possessive, '').replace(curlyApostrophe, "'") : matched;
    tokens.push({ word: surface.toLowerCase(), surface, start, end, sentenceStart });
    last = end;
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

const digit = /\d/u;
const sibilantEnd = /(ss|us|is)$/u;
const doubledConsonantEnd = /([bdgklmnprt])\1$/u;
const russianVowelEnd = /[аеёиоуыэюяйь]$/u;

/**
 * A light stem of a case-folded word: suffix stripping for English, a fixed prefix elsewhere.
 * Not cached here: its caller (`termOf` in terms.ts) remembers each word's term.
 */
export function stem(word: string, lang: string): string {
  if (digit.test(word)) return word;
  if (lang === 'ru') {
    let base = word;
    const ending = russianEndings.find((e) => base.endsWith(e) && base.length - e.length >= 3);
    if (ending) base = base.slice(0, -ending.length);
    while (base.length > 3 && russianVowelEnd.test(base)) base = base.slice(0, -1);
    return base.length > 7 ? base.slice(0, 7) : base;
  }
  if (lang === 'en') {
    if (singularInS.has(word)) return word;
    for (const [suffix, replacement] of englishSuffixes) {
      if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
        if (suffix === 's' && sibilantEnd.test(word)) return word;
        let base = word.slice(0, -suffix.length) + replacement;
        // "closed" → "clos" → "close"; "stopped" → "stopp" → "stop".
        if ((suffix === 'ed' || suffix === 'ing') && doubledConsonantEnd.test(base)) base = base.slice(0, -1);
        if (base.endsWith('e')) base = base.slice(0, -1);
        return base;
      }
    }
    return word.endsWith('e') && word.length > 3 ? word.slice(0, -1) : word;
  }
  // Russian, German, French… inflect mostly at the end; a prefix is a crude but language-blind stem.
  return word.length > prefixStemLength ? word.slice(0, prefixStemLength) : word;
}
