// Related articles for an article page: first the other outlets' coverage of its story (one
// article per outlet, newest first), then the nearest other stories of the last days by shared
// terms and entities (one article each). Never the article itself, its original or its copies.
//
// An article page builds its story and some fifty candidate stories from their articles' titles
// and leads on every view: storyProfile remembers recent profiles (the same top stories recur from
// page to page), computes entities only when asked, and `relatedStoryOf` builds a story from its
// newest articles only, so that the cost of a page does not grow with the size of big stories.
import { packedCosine, packTerms, sumPacked, type PackedTerms } from '../text/packed-terms.js';
import { addTermCounts } from '../text/terms.js';
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
  terms: PackedTerms;
  /** The story's entities, as keys of one kind for every story compared (slugs, or ids as text). */
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

/** What storyProfile returns: the terms (title counted twice) and, computed on first use, the entity slugs. */
export interface StoryProfile {
  terms: PackedTerms;
  readonly entities: string[];
}

type RememberedProfiles = Map<string, Array<{ text: string; lang: string; profile: StoryProfile }>>;
/**
 * Profiles remembered by title (then text and language), in two generations: when the newer one
 * is full it becomes the older and a new one starts; a profile found in the older moves to the
 * newer. The profiles pages keep asking for (the top stories' articles) stay, and the memory never
 * empties at once (which made every page after it tokenize again). Keyed by the title alone:
 * hashing a title is cheaper than hashing title and text joined anew.
 */
let profiles: RememberedProfiles = new Map();
let olderProfiles: RememberedProfiles = new Map();
/** Titles per generation. */
export const profileCacheSize = 20_000;

/** A remembered profile, or undefined. */
function rememberedProfile(remembered: RememberedProfiles, title: string, text: string, lang: string): StoryProfile | undefined {
  const known = remembered.get(title);
  if (!known) return undefined;
  for (const p of known) if (p.text === text && p.lang === lang) return p.profile;
  return undefined;
}

/** Keeps a profile in the newer generation (starting a new one when it is full). */
function rememberProfile(title: string, text: string, lang: string, profile: StoryProfile): void {
  let known = profiles.get(title);
  if (!known) {
    if (profiles.size >= profileCacheSize) {
      olderProfiles = profiles;
      profiles = new Map();
    }
    profiles.set(title, (known = []));
  }
  known.push({ text, lang, profile });
}

/**
 * Terms and entities of one article, to build a RelatedStory from its articles (the result is
 * shared: do not change it). `remember: false` uses a remembered profile but does not keep a new one.
 */
export function storyProfile(title: string, text: string, lang: string, remember = true): StoryProfile {
  const hit = rememberedProfile(profiles, title, text, lang);
  if (hit) return hit;
  const older = rememberedProfile(olderProfiles, title, text, lang);
  if (older) {
    if (remember) rememberProfile(title, text, lang, older);
    return older;
  }
  let entities: string[] | undefined;
  const profile: StoryProfile = {
    // The title counts twice (as if written twice before the text), tokenized once.
    terms: packTerms(addTermCounts(addTermCounts(new Map(), title, lang, 2), text, lang)),
    // Article pages read only the terms (entity slugs come from storage): extract on demand.
    get entities(): string[] {
      return (entities ??= extractEntities(title, text, lang).map((e) => e.slug));
    },
  };
  if (remember) rememberProfile(title, text, lang, profile);
  return profile;
}

/** How many profiles are remembered (both generations; for tests of the bound). */
export function rememberedProfileCount(): number {
  let n = 0;
  for (const generation of [profiles, olderProfiles]) for (const known of generation.values()) n += known.length;
  return n;
}

/** An article with what a story's profile is built from: its title, lead and entity keys (rows the article page loads). */
export interface ProfiledArticle extends RelatedArticle {
  title: string;
  lead?: string | null;
  entities: readonly string[];
}

/**
 * How many of a story's newest articles make its profile: a big story's hundredth headline adds
 * little to its terms but costs every page that compares it.
 */
export const profileArticles = 12;

/**
 * A RelatedStory from its articles: the summed storyProfile terms and the entity keys of its newest
 * `profileArticles` articles (titles and leads), every article kept for the ranking. With
 * `remember: false` remembered article profiles are used but new ones are not kept: for a story
 * unlikely to be asked for again soon (an article page's own story, whose page is then cached
 * whole), keeping them would only push out the ones pages share and give the garbage collector
 * long-lived objects to move. The caller keeps the result as long as it wants (the web process
 * remembers candidate stories while their membership is unchanged).
 */
export function relatedStoryOf(id: string, articles: readonly ProfiledArticle[], lang: string, remember = true): RelatedStory {
  const newest = articles.length <= profileArticles ? articles : newestArticles(articles, profileArticles);
  const entities = new Set<string>();
  for (const a of newest) for (const slug of a.entities) entities.add(slug);
  return { id, terms: sumPacked(newest.map((a) => storyProfile(a.title, a.lead ?? '', lang, remember).terms)), entities: [...entities], articles };
}

/** A stored article as storage gives it, to build a RelatedStory from (the article page's rows and the write path's alike). */
export interface StoredRelatedArticle {
  id: number;
  story_id: number | null;
  source_id: number;
  duplicate_of: number | null;
  published_at: number;
  title: string;
  lead: string | null;
}

/** A stored article as the ranking takes it (ids as text), counted in `storyId` when it has no story of its own. */
export function rankedArticleOf(x: Omit<StoredRelatedArticle, 'title' | 'lead'>, storyId: number): RelatedArticle {
  return {
    id: String(x.id), story: String(x.story_id ?? storyId), source: String(x.source_id), published: x.published_at,
    duplicateOf: x.duplicate_of === null ? null : String(x.duplicate_of),
  };
}

/**
 * Entity keys by article from (article, entity id) links, the ids written as text: the ranking only
 * compares the sets of two stories, and ids are read from the links alone (slugs cost a lookup of every entity).
 */
export function entityKeysByArticle(links: ReadonlyArray<{ article_id: number; entity_id: number }>): Map<number, string[]> {
  const entities = new Map<number, string[]>();
  for (const row of links) {
    const list = entities.get(row.article_id);
    if (list) list.push(String(row.entity_id));
    else entities.set(row.article_id, [String(row.entity_id)]);
  }
  return entities;
}

/**
 * A RelatedStory profiled from stored rows, `profiled` (its newest, at most `profileArticles`, with
 * their entities), whose articles for the ranking are `articles`: what the article page builds for
 * its own story and each candidate, and what the write path stores for a candidate.
 */
export function relatedStoryOfRows(
  id: number, profiled: readonly StoredRelatedArticle[], entities: ReadonlyMap<number, readonly string[]>, articles: readonly RelatedArticle[], lang: string, remember: boolean,
): RelatedStory {
  const story = relatedStoryOf(String(id), profiled.map((m) => ({ ...rankedArticleOf(m, id), title: m.title, lead: m.lead, entities: entities.get(m.id) ?? [] })), lang, remember);
  return { ...story, articles };
}

/** The n newest of a list (newest first, ties by id), in one pass: a big story is not sorted whole for a dozen. */
export function newestArticles<T extends RelatedArticle>(articles: readonly T[], n: number): T[] {
  return newestBy(articles, n, (a) => publishedTime(a.published), (a) => a.id);
}

/** The n newest of a list by `at` (newest first, ties by `id`, lower first), in one pass. */
export function newestBy<T, Id extends string | number>(items: readonly T[], n: number, at: (x: T) => number, id: (x: T) => Id): T[] {
  const top: T[] = [];
  const times: number[] = [];
  for (const x of items) {
    const t = at(x);
    if (top.length === n && !before(t, id(x), times[n - 1]!, id(top[n - 1]!))) continue;
    let i = top.length === n ? n - 1 : top.length;
    if (top.length < n) {
      top.push(x);
      times.push(t);
    }
    while (i > 0 && before(t, id(x), times[i - 1]!, id(top[i - 1]!))) {
      top[i] = top[i - 1]!;
      times[i] = times[i - 1]!;
      i--;
    }
    top[i] = x;
    times[i] = t;
  }
  return top;
}

/** True when an item at `at` with id `id` comes before another, newest first (ties by id). */
const before = <Id extends string | number>(at: number, id: Id, at2: number, id2: Id): boolean => at > at2 || (at === at2 && id < id2);

/** Newest first, ties by id. */
function newestFirst(a: RelatedArticle, b: RelatedArticle): number {
  return publishedTime(b.published) - publishedTime(a.published) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Similarity of two stories (mean of term cosine and entity Jaccard), with the first story's entity set made once for many comparisons. */
function similarity(a: RelatedStory, aEntities: ReadonlySet<string>, b: RelatedStory): number {
  const bEntities = new Set(b.entities);
  // Shared counts a's entities as listed (as a filter of the list would); the union counts distinct ones.
  let shared = 0;
  for (const e of a.entities) if (bEntities.has(e)) shared++;
  let common = 0;
  for (const e of bEntities) if (aEntities.has(e)) common++;
  const union = aEntities.size + bEntities.size - common;
  return (packedCosine(a.terms, b.terms) + (union === 0 ? 0 : shared / union)) / 2;
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
  const result: RelatedArticle[] = [];

  // 1. Other outlets on the same story: one each (their newest original article).
  const outlets = new Set<string>([article.source ?? '']);
  const originals = story.articles.filter((x) => !x.duplicateOf).map((a) => ({ a, at: publishedTime(a.published) }));
  originals.sort((x, y) => y.at - x.at || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0));
  for (const { a } of originals) {
    if (result.length >= o.limit) return result;
    if (sameText(a) || outlets.has(a.source ?? '')) continue;
    outlets.add(a.source ?? '');
    result.push(a);
  }

  // 2. The nearest other stories with an article in the last `days`: their newest original each.
  const since = now - o.days * 86_400_000;
  const storyEntities = new Set(story.entities);
  const ranked: Array<{ s: RelatedStory; similarity: number; newest: RelatedArticle }> = [];
  for (const s of others) {
    if (s.id === story.id) continue;
    const sim = similarity(story, storyEntities, s);
    if (sim < o.minSimilarity) continue;
    // The newest original of the story in the period (what the sort of the recent ones would put first).
    let newest: RelatedArticle | undefined;
    for (const a of s.articles) {
      if (a.duplicateOf || sameText(a)) continue;
      const at = publishedTime(a.published);
      if (at < since || at > now) continue;
      if (!newest || newestFirst(a, newest) < 0) newest = a;
    }
    if (newest) ranked.push({ s, similarity: sim, newest });
  }
  ranked.sort((a, b) => b.similarity - a.similarity || (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0));
  for (const { newest } of ranked) {
    if (result.length >= o.limit) break;
    result.push(newest);
  }
  return result;
}
