// Recomputes a story's stored score (the indexed column the front page orders by) from its articles,
// with the formula of stories/ranking.ts and the outlets' configured weights.
import type { Tx } from '../store/index.js';
import { setStoryScore } from '../store/stories.js';
import { storyScore } from '../stories/ranking.js';

/** Recomputes and stores one story's score at `now`. */
export async function rescoreStory(tx: Tx, storyId: number, now: number): Promise<number> {
  const rows = await tx.db
    .selectFrom('articles')
    .innerJoin('sources', 'sources.id', 'articles.source_id')
    .select(['articles.id', 'articles.source_id', 'articles.published_at', 'articles.duplicate_of', 'sources.weight'])
    .where('articles.story_id', '=', storyId)
    .execute();
  const weights: Record<string, number> = {};
  for (const r of rows) weights[String(r.source_id)] = r.weight;
  const score = storyScore(
    rows.map((r) => ({ id: String(r.id), source: String(r.source_id), published: r.published_at, duplicateOf: r.duplicate_of === null ? null : String(r.duplicate_of) })),
    now,
    { outletWeights: weights },
  );
  await setStoryScore(tx, storyId, score, now);
  return score;
}

/** Recomputes the score of every story active since `since` (recency decays, so scores age); returns how many. */
export async function rescoreStories(tx: Tx, now: number, since: number): Promise<number> {
  const stories = await tx.db.selectFrom('stories').select('id').where('last_published_at', '>=', since).execute();
  for (const s of stories) await rescoreStory(tx, s.id, now);
  return stories.length;
}
