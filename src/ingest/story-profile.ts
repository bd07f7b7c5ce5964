// Stores a story's related profile (what an article page compares it by: stories/related-profile.ts)
// whenever the write path recomputes the story, so that pages read it instead of building it from
// the story's articles. Built exactly as the page builds it (src/web/related.ts): the same newest
// originals, the same entity links, the same summing; a page uses it only for the membership version
// and language it was built for, and builds from the articles otherwise.
import type { Tx } from '../store/index.js';
import { entityIdsOfArticles, newestArticlesOfStories } from '../store/pages.js';
import { deleteStoryProfile, saveStoryProfile, storyMembershipVersion } from '../store/story-profiles.js';
import type { StoryRow } from '../store/schema.js';
import { encodeRelatedProfile } from '../stories/related-profile.js';
import { entityKeysByArticle, profileArticles, rankedArticleOf, relatedStoryOfRows } from '../stories/related.js';

/** Later than any article (the page reads up to its own time; the write path reads every original). */
const UNTIL_ANY = Number.MAX_SAFE_INTEGER;

/**
 * Stores story `storyId`'s related profile, in the story's language `lang`, for its membership
 * `counts` (as refreshStory just stored them; undefined when the story has no original left, which
 * drops the profile). Given the version of the profile stored now (null for none: the periodic
 * re-rank, which changes no membership, reads them all at once), it skips a story whose profile is
 * of the same membership; without it, it rebuilds, since an edited article changes the profile but
 * not the membership.
 */
export async function refreshStoryProfile(
  tx: Tx, storyId: number, lang: string | null, counts: Pick<StoryRow, 'article_count' | 'first_published_at' | 'last_published_at'> | undefined,
  storedVersion?: string | null,
): Promise<void> {
  if (!counts) {
    if (storedVersion !== null) await deleteStoryProfile(tx, storyId);
    return;
  }
  const version = storyMembershipVersion(counts);
  if (storedVersion === version) return;
  // A page tokenizes candidates in its own article's language (English when unknown, as the page
  // takes it); most pages share their candidates' language, the others build them from the articles.
  const language = lang ?? 'en';
  const rows = await newestArticlesOfStories(tx, [storyId], profileArticles, UNTIL_ANY);
  const entities = entityKeysByArticle(await entityIdsOfArticles(tx, rows.map((x) => x.id)));
  // A join rebuilds a story whose other newest articles its previous join tokenized: their profiles
  // are remembered (bounded, as in the web process), which nearly halves what building costs an article
  // stored. The re-rank's rebuilds (thousands of stories at once after an upgrade) are not kept.
  const remember = storedVersion === undefined;
  const profile = relatedStoryOfRows(storyId, rows, entities, rows.map((x) => rankedArticleOf(x, storyId)), language, remember);
  await saveStoryProfile(tx, { story_id: storyId, version, lang: language, profile: encodeRelatedProfile(profile) });
}
