// How close two extractions of one page are: the word 4-gram F1 of their body texts and field
// agreement of their metadata. Used to score the extractor against a baseline (bench, tests).
import { parseDocument } from 'htmlparser2';
import { textOf } from './dom.js';
import { parsePageDate } from './dates.js';

/** Lower-cased word tokens of a text. */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** F1 of the multisets of word n-grams (default 4) of two texts; 1 when both are empty. */
export function ngramF1(candidate: string, reference: string, n = 4): number {
  const a = ngrams(wordTokens(candidate), n);
  const b = ngrams(wordTokens(reference), n);
  let sizeA = 0;
  let sizeB = 0;
  let overlap = 0;
  for (const count of a.values()) sizeA += count;
  for (const [key, count] of b) {
    sizeB += count;
    overlap += Math.min(count, a.get(key) ?? 0);
  }
  if (sizeA === 0 && sizeB === 0) return 1;
  if (sizeA === 0 || sizeB === 0) return 0;
  const precision = overlap / sizeA;
  const recall = overlap / sizeB;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Plain text of an HTML fragment (for a baseline given as HTML). */
export function htmlText(html: string): string {
  return textOf(parseDocument(html));
}

/** Normalised form of a metadata value for comparison: case, punctuation, "By" and dates folded. */
export function metadataKey(field: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (field === 'publishedTime' || field === 'published') return parsePageDate(value) ?? value.trim();
  if (field === 'lang') return value.toLowerCase().split(/[-_]/)[0] ?? '';
  let text = value.toLowerCase();
  if (field === 'byline') text = text.replace(/^\s*by\s+/, '');
  return text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
