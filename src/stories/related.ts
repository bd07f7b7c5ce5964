// Related articles for an article page: first the other outlets' coverage of its story (one
// article per outlet, newest first), then the nearest other stories of the last days by shared
// terms and entities (one article each). Never the article itself, its original or its copies.
import { cosine } from '../text/terms.js';
import { termCounts } from '../text/terms.js';
import { extractEntities } from '../text/entities.js';
import { publishedTime } from './article.js';

/** An article as related-article ranking sees it. */
export interface RelatedArticle {
  id: string;
  story: string;
  source?: string | null;
  published: string | number | Date;
  duplicateOf?: string | null;
}

/** A story as related-article ranking sees it. */
export interface RelatedStory {
  id: string;
  /** Term weights of the story (e.g. summed `storyProfile` terms of its articles). */
  terms: ReadonlyMap<string, number>;
  /** Entity slugs of the story. */
  entities: readonly string[];
  articles: readonly RelatedArticle[];
}

/** Settings of the ranking. */
export interface RelatedOptions {
  /** At most this many (default 6). */
  limit: number;
  /** Other stories must have an article this recent (default 7 days). */
  days: number;
  /** Other stories less similar than this are not related (default 0.1). */
  minSimilarity: number;
}

export const defaultRelatedOptions: RelatedOptions = { limit: 6, days: 7, minSimilarity: 0.1 };

/** Terms and entities of one article, to build a RelatedStory from its articles. */
export function storyProfile(title: string, text: string, lang: string): { terms: Map<string, number>; entities: string[] } {
  const terms = termCounts(`${title}\n${title}\n${text}`, lang);
  return { terms, entities: extractEntities(title, text, lang).map((e) => e.slug) };
}

/** Similarity of two stories: mean of term cosine and entity Jaccard. */
export function storySimilarity(a: RelatedStory, b: RelatedStory): number {
  const shared = a.entities.filter((e) => b.entities.includes(e)).length;
  const union = new Set([...a.entities, ...b.entities]).size;
  return (cosine(a.terms, b.terms) + (union === 0 ? 0 : shared / union)) / 2;
}

/** Ranks related articles for `article` (in `story`) among `others` stories, as of `now`. */
export function relatedArticles(
  article: RelatedArticle, story: RelatedStory, others: readonly RelatedStory[], now: number,
  options: Partial<RelatedOptions> = {},
): RelatedArticle[] {
  const o = { ...defaultRelatedOptions, ...options };
  const original = article.duplicateOf ?? article.id;
  // The same text under another URL is not "related": drop the original and every copy of it.
  const sameText = (a: RelatedArticle) => (a.duplicateOf ?? a.id) === original;
  const newestFirst = (a: RelatedArticle, b: RelatedArticle) =>
    publishedTime(b.published) - publishedTime(a.published) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const result: RelatedArticle[] = [];

  // 1. Other outlets on the same story: one each (their newest original article).
  const outlets = new Set<string>([article.source ?? '']);
  for (const a of [...story.articles].filter((x) => !x.duplicateOf).sort(newestFirst)) {
    if (result.length >= o.limit) return result;
    if (sameText(a) || outlets.has(a.source ?? '')) continue;
    outlets.add(a.source ?? '');
    result.push(a);
  }

  // 2. The nearest other stories with an article in the last `days`: their newest original each.
  const since = now - o.days * 86_400_000;
  const ranked = others
    .filter((s) => s.id !== story.id)
    .map((s) => ({ s, similarity: storySimilarity(story, s), recent: s.articles.filter((a) => !a.duplicateOf && !sameText(a) && publishedTime(a.published) >= since && publishedTime(a.published) <= now) }))
    .filter((x) => x.similarity >= o.minSimilarity && x.recent.length > 0)
    .sort((a, b) => b.similarity - a.similarity || (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0));
  for (const { recent } of ranked) {
    if (result.length >= o.limit) break;
    result.push([...recent].sort(newestFirst)[0]!);
  }
  return result;
}
