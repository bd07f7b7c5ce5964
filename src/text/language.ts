// A small language identifier: the script decides Cyrillic text (Russian); Latin text is scored by
// how many of its words are function words of each language, with letters only one language uses
// (ß, ñ, ã…) as tie-breakers. Good enough for a headline plus a paragraph; not for a single word.
import { words } from './tokens.js';
import { stopwordLists } from './stopwords.js';

/** The languages the identifier tells apart, sorted. */
export const detectableLanguages = ['de', 'en', 'es', 'fr', 'it', 'nl', 'pt', 'ru'] as const;

/** A guess and how sure it is (share of the evidence for the winner, 0–1). */
export interface LanguageGuess {
  lang: string;
  confidence: number;
}

// Letters (or letter pairs) that point at one Latin-script language, with a weight in "stopword hits".
const telltaleLetters: ReadonlyArray<readonly [pattern: RegExp, lang: string, weight: number]> = [
  [/[ãõ]/gu, 'pt', 2],
  [/[àèìòù]\b/gu, 'it', 0.5],
  [/[ñ¿¡]/gu, 'es', 2],
  [/[äöüß]/gu, 'de', 1],
  [/[çœêëîïûÿ]/gu, 'fr', 0.5],
  [/\bij|ij\b/gu, 'nl', 0.5],
];

const profiles = new Map<string, ReadonlySet<string>>(
  detectableLanguages.filter((l) => l !== 'ru').map((l) => [l, new Set(stopwordLists[l])]),
);

/** Guesses the language of a text; `und` with confidence 0 when there is no evidence. */
export function detectLanguage(text: string): LanguageGuess {
  const sample = text.slice(0, 4000);
  const cyrillic = (sample.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const latin = (sample.match(/\p{Script=Latin}/gu) ?? []).length;
  if (cyrillic + latin === 0) return { lang: 'und', confidence: 0 };
  if (cyrillic > latin) return { lang: 'ru', confidence: cyrillic / (cyrillic + latin) };
  const scores = new Map<string, number>();
  for (const word of words(sample)) {
    for (const [lang, set] of profiles) if (set.has(word)) scores.set(lang, (scores.get(lang) ?? 0) + 1);
  }
  const lower = sample.toLowerCase();
  for (const [pattern, lang, weight] of telltaleLetters) {
    scores.set(lang, (scores.get(lang) ?? 0) + weight * (lower.match(pattern) ?? []).length);
  }
  let best = 'und';
  let bestScore = 0;
  let total = 0;
  // Iterating the sorted language list keeps ties deterministic.
  for (const lang of detectableLanguages) {
    const score = scores.get(lang) ?? 0;
    total += score;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  return bestScore === 0 ? { lang: 'und', confidence: 0 } : { lang: best, confidence: bestScore / total };
}

/** The language to file an article under: the given tag's primary subtag when present, else detected. */
export function articleLanguage(given: string | null | undefined, title: string, text: string): string {
  const tag = given?.trim().toLowerCase().split(/[-_]/u)[0];
  if (tag && /^[a-z]{2,3}$/u.test(tag)) return tag;
  return detectLanguage(`${title}\n${text}`).lang;
}
