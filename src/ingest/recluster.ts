// `topstory recluster`: rebuilds every story from the stored articles, replaying them in order of
// publication through a fresh clusterer — after a model or threshold change, or to repair stories.
// Running workers notice (the stories epoch changes) and rebuild their in-memory clusterer.
import { StoryClusterer } from '../stories/clusterer.js';
import type { Store } from '../store/index.js';
import { createStory } from '../store/stories.js';
import { getSetting, setSetting } from '../store/settings.js';
import { refreshStory } from './story-score.js';

/** Settings key counting story rebuilds; story assigners reset when it changes. */
export const STORIES_EPOCH = 'stories_epoch';

/** Rebuilds all stories in one transaction; returns how many articles and stories there are after. */
export async function recluster(store: Store, now: number): Promise<{ articles: number; stories: number; duplicates: number }> {
  return store.writeTransaction(async (tx) => {
    const rows = await tx.db
      .selectFrom('articles')
      .select(['id', 'title', 'text', 'lang', 'published_at', 'url', 'source_id'])
      .orderBy('published_at')
      .orderBy('id')
      .execute();
    // Pinned stories stay pinned if their first article still opens a story.
    const pinnedFirstArticles = new Set(
      (await tx.db.selectFrom('stories').innerJoin('articles', 'articles.story_id', 'stories.id').select('articles.id').where('stories.pinned', '=', 1).execute()).map((r) => r.id),
    );
    await tx.db.updateTable('articles').set({ story_id: null, duplicate_of: null }).execute();
    await tx.db.deleteFrom('stories').execute();
    const clusterer = new StoryClusterer();
    const storyIds = new Map<string, number>();
    let duplicates = 0;
    for (const row of rows) {
      const assignment = clusterer.add({ id: String(row.id), title: row.title, text: row.text, published: row.published_at, url: row.url, source: String(row.source_id), lang: row.lang });
      let storyId = storyIds.get(assignment.story);
      if (storyId === undefined) {
        storyId = await createStory(tx, { title: row.title, lang: row.lang, publishedAt: row.published_at }, now);
        storyIds.set(assignment.story, storyId);
        if (pinnedFirstArticles.has(row.id)) await tx.db.updateTable('stories').set({ pinned: 1 }).where('id', '=', storyId).execute();
      }
      if (assignment.duplicateOf !== undefined) duplicates++;
      await tx.db.updateTable('articles')
        .set({ story_id: storyId, duplicate_of: assignment.duplicateOf !== undefined ? Number(assignment.duplicateOf) : null })
        .where('id', '=', row.id).execute();
    }
    for (const storyId of storyIds.values()) {
      await refreshStory(tx, storyId, now);
    }
    await setSetting(tx, STORIES_EPOCH, (await getSetting<number>(tx, STORIES_EPOCH, 0)) + 1, now);
    return { articles: rows.length, stories: storyIds.size, duplicates };
  });
}
