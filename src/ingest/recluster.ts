// `topstory recluster`: rebuilds every story from the stored articles, replaying them in order of
// publication through a fresh clusterer (with the periodic merge/split pass) — after a model or threshold change, or to repair stories.
// Running workers notice (the stories epoch changes) and rebuild their in-memory clusterer.
import { analyzeArticle } from '../stories/article.js';
import { maintainEveryMs, StoryClusterer } from '../stories/clusterer.js';
import type { Store } from '../store/index.js';
import { createStory } from '../store/stories.js';
import { getSetting, setSetting } from '../store/settings.js';
import { refreshStory } from './story-score.js';

/** Articles analysed and announced to the clusterer at a time (its duplicate thread looks them up ahead). */
const reclusterBatch = 512;

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
    // Cluster in memory first, with the periodic merge/split pass on the same clock as the workers,
    // then store the final stories: a pass may still move articles between stories.
    // The duplicate test runs in a thread of its own, a batch of articles ahead of their placing.
    const clusterer = new StoryClusterer({ duplicateThread: true });
    const duplicateOf = new Map<string, string>();
    let nextPass = -Infinity;
    try {
      for (let from = 0; from < rows.length; from += reclusterBatch) {
        const batch = rows.slice(from, from + reclusterBatch).map((row) => analyzeArticle({ id: String(row.id), title: row.title, text: row.text, published: row.published_at, url: row.url, source: String(row.source_id), lang: row.lang }));
        for (const article of batch) clusterer.announce(article);
        for (const article of batch) {
          if (article.published >= nextPass) {
            if (nextPass > -Infinity) clusterer.maintain(article.published);
            nextPass = article.published + maintainEveryMs;
          }
          const assignment = clusterer.add(article);
          if (assignment.duplicateOf !== undefined) duplicateOf.set(assignment.id, assignment.duplicateOf);
        }
      }
      if (rows.length > 0) clusterer.maintain(rows[rows.length - 1]!.published_at);
    } finally {
      clusterer.close();
    }
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    const storyIds: number[] = [];
    for (const story of clusterer.snapshot()) {
      const opener = byId.get(story.articleIds[0]!)!;
      const storyId = await createStory(tx, { title: opener.title, lang: opener.lang, publishedAt: opener.published_at }, now);
      storyIds.push(storyId);
      if (pinnedFirstArticles.has(opener.id)) await tx.db.updateTable('stories').set({ pinned: 1 }).where('id', '=', storyId).execute();
      for (const id of story.articleIds) {
        const original = duplicateOf.get(id);
        await tx.db.updateTable('articles').set({ story_id: storyId, duplicate_of: original !== undefined ? Number(original) : null }).where('id', '=', Number(id)).execute();
      }
    }
    for (const storyId of storyIds) {
      await refreshStory(tx, storyId, now);
    }
    await setSetting(tx, STORIES_EPOCH, (await getSetting<number>(tx, STORIES_EPOCH, 0)) + 1, now);
    return { articles: rows.length, stories: storyIds.length, duplicates: duplicateOf.size };
  });
}
