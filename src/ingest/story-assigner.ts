// The stories stage of the pipeline: puts each stored article into a story (joining the coverage of
// one event from many outlets) or marks it a duplicate of an original, links its entities, and
// refreshes the story's counts. The clustering itself is the pure StoryClusterer of stories/; this
// file keeps it in step with the database across processes.
//
// Every process holds a clusterer in memory. Assignment is serialised across processes (SQLite: the
// write transaction; PostgreSQL: a transaction-scoped advisory lock), and before assigning, the
// clusterer replays, in id order, every article other processes stored since it last looked. The
// clusterer is deterministic for an input order, so every process reaches the same decisions.
import { sql } from 'kysely';
import type { AnalyzedArticle } from '../stories/article.js';
import { StoryClusterer } from '../stories/clusterer.js';
import type { Tx } from '../store/index.js';
import { setArticleStory } from '../store/articles.js';
import { createStory, setArticleEntities, upsertEntities } from '../store/stories.js';
import type { StoryAssigner } from './pipeline.js';
import { refreshStory } from './story-score.js';
import { getSetting } from '../store/settings.js';
import { STORIES_EPOCH } from './recluster.js';

// Arbitrary constant naming the story-assignment lock among PostgreSQL advisory locks.
const STORY_LOCK_KEY = 7_411_902_332;
// How far back a fresh process replays stored articles (the clustering window is 72 h; a margin for late arrivals).
const WARM_UP_MS = 96 * 3_600_000;

interface StoredArticle {
  id: number;
  title: string;
  text: string;
  lang: string | null;
  published_at: number;
  url: string;
  source_id: number;
  story_id: number | null;
}

/** A story assigner with its own in-memory clusterer; one per process. */
export function createStoryAssigner(): StoryAssigner & { reset(): void } {
  let clusterer = new StoryClusterer();
  let lastSeenId = 0;
  let warm = false;
  let epoch = 0;
  // Clusterer story key (the id of the article that opened it) → stories.id.
  const storyIds = new Map<string, number>();

  function input(row: StoredArticle) {
    return { id: String(row.id), title: row.title, text: row.text, published: row.published_at, url: row.url, source: String(row.source_id), lang: row.lang };
  }

  async function catchUp(tx: Tx, now: number, except: number): Promise<void> {
    let query = tx.db
      .selectFrom('articles')
      .select(['id', 'title', 'text', 'lang', 'published_at', 'url', 'source_id', 'story_id'])
      .where('id', '>', lastSeenId)
      .where('id', '!=', except)
      .where('story_id', 'is not', null)
      .orderBy('id');
    if (!warm) query = query.where('published_at', '>=', now - WARM_UP_MS);
    for (const row of await query.execute()) {
      const assignment = clusterer.add(input(row));
      if (!storyIds.has(assignment.story) && row.story_id !== null) storyIds.set(assignment.story, row.story_id);
      lastSeenId = Math.max(lastSeenId, row.id);
    }
    warm = true;
  }

  function reset(): void {
    clusterer = new StoryClusterer();
    storyIds.clear();
    lastSeenId = 0;
    warm = false;
  }

  return {
    reset,
    async assign(tx, article, now) {
      const analyzed: AnalyzedArticle = { ...article.analyzed, id: String(article.id) };
      const current = await tx.db.selectFrom('articles').select(['story_id', 'lang']).where('id', '=', article.id).executeTakeFirstOrThrow();
      if (current.lang === null) await tx.db.updateTable('articles').set({ lang: analyzed.lang }).where('id', '=', article.id).execute();
      const entityIds = await upsertEntities(tx, analyzed.entities, now);
      const mentions = new Map<number, number>();
      for (const e of analyzed.entities) {
        const id = entityIds.get(e.slug)!;
        mentions.set(id, (mentions.get(id) ?? 0) + e.count);
      }
      await setArticleEntities(tx, article.id, [...mentions].map(([entityId, count]) => ({ entityId, mentions: count })));
      if (current.story_id !== null) {
        // A changed article stays in its story (readers' links and comments stay valid); counts and score follow.
        await refreshStory(tx, current.story_id, now);
        return;
      }
      // From here on, one process at a time: the clusterer must see every stored article in id order.
      if (tx.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${STORY_LOCK_KEY})`.execute(tx.db);
      // Stories were rebuilt (`topstory recluster`) since this process last looked: start over.
      const currentEpoch = await getSetting<number>(tx, STORIES_EPOCH, 0);
      if (currentEpoch !== epoch) {
        reset();
        epoch = currentEpoch;
      }
      await catchUp(tx, now, article.id);
      const assignment = clusterer.add(analyzed);
      lastSeenId = Math.max(lastSeenId, article.id);
      let storyId = storyIds.get(assignment.story);
      if (storyId === undefined) {
        storyId = await createStory(tx, { title: analyzed.title, lang: analyzed.lang, publishedAt: analyzed.published }, now);
        storyIds.set(assignment.story, storyId);
      }
      const duplicateOf = assignment.duplicateOf !== undefined ? Number(assignment.duplicateOf) : null;
      await setArticleStory(tx, article.id, storyId, duplicateOf, now);
      await refreshStory(tx, storyId, now);
    },
  };
}
