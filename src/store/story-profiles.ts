// Repository of stories' stored related profiles (story_profiles; the bytes are stories/related-profile.ts's).
import { runCompiledOnce } from './compiled.js';
import type { Tx } from './index.js';
import type { StoryRow } from './schema.js';

/** A stored related profile of one story. */
export interface StoredStoryProfile {
  story_id: number;
  version: string;
  lang: string;
  profile: Uint8Array;
}

/**
 * What says a story's membership changed: its article count and first and last dates (originals
 * only, as refreshStory counts them). A re-rank does not change it; a new original, a merge, a
 * split or a removal counted by refreshStory does.
 */
export function storyMembershipVersion(story: Pick<StoryRow, 'article_count' | 'first_published_at' | 'last_published_at'>): string {
  return `${story.article_count}:${story.first_published_at}:${story.last_published_at}`;
}

/** The stored profiles of some stories (stories without one are left out; order not kept). */
export async function storedStoryProfiles(tx: Tx, storyIds: readonly number[]): Promise<StoredStoryProfile[]> {
  if (storyIds.length === 0) return [];
  return runCompiledOnce(tx, `storedStoryProfiles/${storyIds.length}`, storyIds, (marks) =>
    tx.db.selectFrom('story_profiles').select(['story_id', 'version', 'lang', 'profile']).where('story_id', 'in', [...marks]));
}

/** Stores (or replaces) a story's profile. */
export async function saveStoryProfile(tx: Tx, row: StoredStoryProfile): Promise<void> {
  const profile = Buffer.from(row.profile.buffer, row.profile.byteOffset, row.profile.byteLength);
  await tx.db
    .insertInto('story_profiles')
    // A Buffer: both drivers take it as a BLOB / bytea (a bare Uint8Array is not a Buffer to every version of them).
    .values({ ...row, profile })
    .onConflict((oc) => oc.column('story_id').doUpdateSet({ version: row.version, lang: row.lang, profile }))
    .execute();
}

/** Forgets a story's profile: pages build it from its articles until the write path stores it again. */
export async function deleteStoryProfile(tx: Tx, storyId: number): Promise<void> {
  await tx.db.deleteFrom('story_profiles').where('story_id', '=', storyId).execute();
}
