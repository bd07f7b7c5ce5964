// Recomputes a story's stored score (the indexed column the front page orders by) from its articles,
// with the formula of stories/ranking.ts and the outlets' configured weights.
import type { Tx } from '../store/index.js';
import { storyCounts, storyMembers } from '../store/stories.js';
import { storyScore } from '../stories/ranking.js';
import { refreshStoryProfile } from './story-profile.js';

/**
 * Recomputes and stores one story's counts, score and related profile at `now`, from one read of
 * its articles: called whenever an article joins or changes, and by the periodic re-rank, which
 * passes the version of the story's stored profile (null for none) so that the profile is rebuilt
 * only when the membership changed or it is missing (as after an upgrade).
 */
export async function refreshStory(tx: Tx, storyId: number, now: number, rerank?: { storedProfileVersion: string | null }): Promise<number> {
  const members = await storyMembers(tx, storyId);
  const weights: Record<string, number> = {};
  for (const m of members) weights[String(m.source_id)] = m.weight;
  const score = storyScore(
    members.map((m) => ({ id: String(m.id), source: String(m.source_id), published: m.published_at, duplicateOf: m.duplicate_of === null ? null : String(m.duplicate_of) })),
    now,
    { outletWeights: weights },
  );
  const counts = storyCounts(members);
  const story = await tx.db.updateTable('stories').set({ ...counts, score, updated_at: now }).where('id', '=', storyId).returning('lang').executeTakeFirst();
  if (story) await refreshStoryProfile(tx, storyId, story.lang, counts, rerank?.storedProfileVersion);
  return score;
}

/** Recomputes the score of every story active since `since` (recency decays, so scores age), storing the related profiles missing or outdated; returns how many. */
export async function rescoreStories(tx: Tx, now: number, since: number): Promise<number> {
  const stories = await tx.db
    .selectFrom('stories')
    .leftJoin('story_profiles', 'story_profiles.story_id', 'stories.id')
    .select(['stories.id', 'story_profiles.version'])
    .where('stories.last_published_at', '>=', since)
    .execute();
  for (const s of stories) await refreshStory(tx, s.id, now, { storedProfileVersion: s.version });
  return stories.length;
}
