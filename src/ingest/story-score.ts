// Recomputes a story's stored score (the indexed column the front page orders by) from its articles,
// with the formula of stories/ranking.ts and the outlets' configured weights.
import type { Tx } from '../store/index.js';
import { storyCounts, storyMembers } from '../store/stories.js';
import { storyScore } from '../stories/ranking.js';

/**
 * Recomputes and stores one story's counts and score at `now`, from one read of its articles:
 * called whenever an article joins or changes, and by the periodic re-rank.
 */
export async function refreshStory(tx: Tx, storyId: number, now: number): Promise<number> {
  const members = await storyMembers(tx, storyId);
  const weights: Record<string, number> = {};
  for (const m of members) weights[String(m.source_id)] = m.weight;
  const score = storyScore(
    members.map((m) => ({ id: String(m.id), source: String(m.source_id), published: m.published_at, duplicateOf: m.duplicate_of === null ? null : String(m.duplicate_of) })),
    now,
    { outletWeights: weights },
  );
  await tx.db.updateTable('stories').set({ ...storyCounts(members), score, updated_at: now }).where('id', '=', storyId).execute();
  return score;
}

/** Recomputes the score of every story active since `since` (recency decays, so scores age); returns how many. */
export async function rescoreStories(tx: Tx, now: number, since: number): Promise<number> {
  const stories = await tx.db.selectFrom('stories').select('id').where('last_published_at', '>=', since).execute();
  for (const s of stories) await refreshStory(tx, s.id, now);
  return stories.length;
}
