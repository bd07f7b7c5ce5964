// Related articles for the article page beyond its story's own coverage: other stories of the last
// days that share the story's entities or rank near the top, ordered by the stories module's
// similarity (src/stories/related.ts), one article each.
//
// The candidates are much the same stories from page to page (the top stories, the stories that
// last named a country), so what the page needs of each (its newest originals with their entities,
// summed into a profile by relatedStoryOf) is remembered per story while the story's
// membership stays the same: its article count and its first and last dates. A re-rank does not
// change them; a new article, a merge, a split or a removal does. A story not remembered is read
// from its stored profile (written with the story by the write path: src/ingest/story-profile.ts)
// when that was built for the same membership and language, else built from its articles as the
// write path builds it. The page's own story is profiled the same way (its newest originals, from
// the cache or its stored profile), only not remembered when it was not already. The articles
// finally shown are read again by id, so an edited headline or a removed article shows as it is now.
import type { App } from '../app.js';
import { articleBriefs, entityIdsOfArticles, newestArticlesOfStories, storiesSharingEntities, storyVersions, type ArticleBrief } from '../store/pages.js';
import { storedStoryProfiles, storyMembershipVersion } from '../store/story-profiles.js';
import { rankedStories } from '../store/stories.js';
import { decodeRelatedProfile } from '../stories/related-profile.js';
import {
  entityKeysByArticle, newestBy, profileArticles, rankedArticleOf, relatedArticles, relatedStoryOfRows, type RelatedStory,
} from '../stories/related.js';

/** Other stories must have an article this recent. */
export const RELATED_DAYS = 7;
/** Stories sharing entities looked at (besides the 20 top stories of the period). */
export const RELATED_CANDIDATES = 30;
const TOP_CANDIDATES = 20;

/** What the page needs of one candidate story, as of one version of its membership. */
interface Candidate {
  version: string;
  lang: string;
  story: RelatedStory;
}
/** Candidates by story id in two generations (the newer filling up pushes the older out), per app. */
interface CandidateCache {
  newer: Map<number, Candidate>;
  older: Map<number, Candidate>;
}
/** Stories per generation. */
const candidateCacheSize = 6_000;
const caches = new WeakMap<App, CandidateCache>();

/** The article a page shows, as related-article ranking needs it. */
export interface RelatedFor {
  id: number;
  story_id: number | null;
  source_id: number;
  duplicate_of: number | null;
  title: string;
  lead: string | null;
  lang: string | null;
  published_at: number;
}

/**
 * Of a story's articles, the newest two originals of each outlet: all that relatedArticles can take
 * from the article's own story (one original per other outlet, newest first, passing over the
 * article's own text, which is one original at most), in its order (newest first, ties by id as text).
 */
export function newestOriginalsPerOutlet(rows: readonly ArticleBrief[]): ArticleBrief[] {
  const kept = new Map<number, ArticleBrief[]>();
  for (const x of rows) {
    if (x.duplicate_of !== null) continue;
    const list = kept.get(x.source_id);
    // Each outlet's two newest in order, kept by insertion (a big story has hundreds of rows: no sort
    // per row); a row that ties with one kept goes after it, as a stable sort would put it.
    if (!list) kept.set(x.source_id, [x]);
    else if (list.length === 1) {
      if (newestFirst(x, list[0]!) < 0) list.unshift(x);
      else list.push(x);
    } else if (newestFirst(x, list[1]!) < 0) {
      if (newestFirst(x, list[0]!) < 0) {
        list[1] = list[0]!;
        list[0] = x;
      } else list[1] = x;
    }
  }
  return [...kept.values()].flat();
}
const newestFirst = (a: ArticleBrief, b: ArticleBrief): number =>
  b.published_at - a.published_at || (a.id === b.id ? 0 : String(a.id) < String(b.id) ? -1 : 1);

/** Entities by article, as their ids written as text (see entityKeysByArticle). */
async function entitiesOf(app: App, ids: readonly number[]): Promise<Map<number, string[]>> {
  return entityKeysByArticle(await entityIdsOfArticles(app.store, ids));
}

/**
 * The candidate stories, from the cache where their membership is unchanged, else from their
 * stored profiles where those are of the same membership, else from their articles. Story
 * `passing` (the page's own) is not remembered when it was not already: its page is cached whole
 * once made, while the candidates are the stories that page after page compare with.
 */
async function candidateStories(app: App, ids: readonly number[], lang: string, now: number, passing = -1): Promise<RelatedStory[]> {
  let cache = caches.get(app);
  if (!cache) caches.set(app, (cache = { newer: new Map(), older: new Map() }));
  const found: RelatedStory[] = [];
  let missing: number[] = [];
  const versions = new Map<number, string>();
  const lastPublished = new Map<number, number>();
  for (const v of await storyVersions(app.store, ids)) {
    const version = storyMembershipVersion(v);
    versions.set(v.id, version);
    lastPublished.set(v.id, v.last_published_at);
    let hit = cache.newer.get(v.id);
    if (hit?.version !== version || hit.lang !== lang) {
      const older = cache.older.get(v.id);
      hit = older?.version === version && older.lang === lang ? older : undefined;
      if (hit) remember(cache, v.id, hit);
    }
    if (hit) found.push(hit.story);
    else missing.push(v.id);
  }
  if (missing.length === 0) return found;
  const read = new Set<number>();
  for (const stored of await storedStoryProfiles(app.store, missing)) {
    // Built from every original of the story; the page reads those published up to `now`, the
    // same ones unless the story has an article dated later.
    if (stored.version !== versions.get(stored.story_id) || stored.lang !== lang || lastPublished.get(stored.story_id)! > now) continue;
    const story = decodeRelatedProfile(stored.story_id, stored.profile);
    if (!story) continue;
    if (stored.story_id !== passing) remember(cache, stored.story_id, { version: stored.version, lang, story });
    found.push(story);
    read.add(stored.story_id);
  }
  if (read.size > 0) missing = missing.filter((id) => !read.has(id));
  if (missing.length === 0) return found;
  const rows = await newestArticlesOfStories(app.store, missing, profileArticles, now);
  const entities = await entitiesOf(app, rows.map((x) => x.id));
  const byStory = new Map<number, ArticleBrief[]>();
  for (const x of rows) {
    const list = byStory.get(x.story_id!);
    if (list) list.push(x);
    else byStory.set(x.story_id!, [x]);
  }
  for (const id of missing) {
    const members = byStory.get(id);
    if (!members) continue;
    // Kept with its articles as the ranking needs them (no titles, leads or rows): a remembered
    // story holds on to little, and each one built is memory the garbage collector has to move.
    const story = relatedStoryOfRows(id, members, entities, members.map((m) => rankedArticleOf(m, id)), lang, id !== passing);
    if (id !== passing) remember(cache, id, { version: versions.get(id)!, lang, story });
    found.push(story);
  }
  return found;
}

function remember(cache: CandidateCache, id: number, candidate: Candidate): void {
  if (cache.newer.size >= candidateCacheSize) {
    cache.older = cache.newer;
    cache.newer = new Map();
  }
  cache.newer.set(id, candidate);
}

/**
 * The page's own story when it has no original published by the page's time (an article without a
 * story, or a story of copies): profiled from its newest rows, whatever they are, without being
 * remembered.
 */
async function builtOwnStory(app: App, storyId: number, own: readonly ArticleBrief[], articles: RelatedStory['articles'], lang: string): Promise<RelatedStory> {
  const newest = newestBy(own, profileArticles, (x) => x.published_at, (x) => x.id);
  return relatedStoryOfRows(storyId, newest, await entitiesOf(app, newest.map((x) => x.id)), articles, lang, false);
}

/**
 * At most six related articles for `article`, whose story's articles are `storyArticles` and whose
 * story names `entityIds` most; never one of `shownAbove` (the page's "more coverage").
 */
export async function relatedFor(
  app: App, article: RelatedFor, storyArticles: readonly ArticleBrief[], entityIds: readonly number[], now: number, shownAbove: ReadonlySet<number>,
): Promise<ArticleBrief[]> {
  const since = now - RELATED_DAYS * 86_400_000;
  const storyId = article.story_id ?? -1;
  const [sharing, recentTop] = await Promise.all([
    storiesSharingEntities(app.store, storyId, entityIds, since, RELATED_CANDIDATES),
    rankedStories(app.store, { limit: TOP_CANDIDATES, since }),
  ]);
  const candidateIds = [...new Set([...sharing, ...recentTop.map((s) => s.id)])].filter((x) => x !== storyId);
  const lang = article.lang ?? 'en';
  const own = storyArticles.length > 0 ? storyArticles : await articleBriefs(app.store, [article.id]);
  // The page's own story is profiled as every candidate is (its newest originals: a stored profile,
  // or one remembered from an earlier page that compared it), so it comes with them; only the
  // articles the ranking can pick from it are its own rows.
  const found = await candidateStories(app, storyId >= 0 ? [...candidateIds, storyId] : candidateIds, lang, now, storyId);
  const ownKey = String(storyId);
  const profiled = found.find((s) => s.id === ownKey);
  const others = profiled ? found.filter((s) => s !== profiled) : found;
  const ownArticles = newestOriginalsPerOutlet(own).map((x) => rankedArticleOf(x, storyId));
  const ownStory: RelatedStory = profiled ? { ...profiled, articles: ownArticles } : await builtOwnStory(app, storyId, own, ownArticles, lang);
  const self = own.find((x) => x.id === article.id) ?? own[0]!;
  const picked = relatedArticles(rankedArticleOf(self, storyId), ownStory, others, now)
    .map((r) => Number(r.id))
    .filter((x) => !shownAbove.has(x));
  // Shown as they are now (a headline edited since the candidate was remembered, an article removed).
  const byId = new Map((await articleBriefs(app.store, picked)).map((x) => [x.id, x]));
  return picked.map((x) => byId.get(x)).filter((x): x is ArticleBrief => x !== undefined);
}
