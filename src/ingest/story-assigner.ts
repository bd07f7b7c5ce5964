// The stories stage of the pipeline: puts each stored article into a story (joining the coverage of
// one event from many outlets) or marks it a duplicate of an original, links its entities, and
// refreshes the story's counts. The clustering itself is the pure StoryClusterer of stories/; this
// file keeps it in step with the database across processes.
//
// Every process holds a clusterer in memory. Assignment is serialised across processes (SQLite: the
// write transaction; PostgreSQL: a transaction-scoped advisory lock), and before assigning, the
// clusterer replays, in id order, every article other processes stored since it last looked. The
// clusterer is deterministic for an input order, so every process reaches the same decisions.
//
// The periodic merge/split pass runs inside that same ordered stream: before an article whose
// publication time is an hour (of article time) past the previous pass. The process that assigns
// that article applies what the pass changed to the database (articles moved, a merged-away story
// deleted, a split-off part stored as a new story); processes that replay it later only follow in
// memory.
import { sql } from 'kysely';
import type { AnalyzedArticle } from '../stories/article.js';
import { maintainEveryMs, StoryClusterer, type StoryMerge, type StorySplit } from '../stories/clusterer.js';
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
  let nextPass = -Infinity;
  // Clusterer story key (the id of the article that opened it) → stories.id.
  const storyIds = new Map<string, number>();

  function input(row: StoredArticle) {
    return { id: String(row.id), title: row.title, text: row.text, published: row.published_at, url: row.url, source: String(row.source_id), lang: row.lang };
  }

  /** Runs the periodic pass when `published` is due for one; returns what it changed. */
  function passIfDue(published: number): { merges: StoryMerge[]; splits: StorySplit[] } | undefined {
    if (published < nextPass) return undefined;
    const first = nextPass === -Infinity;
    nextPass = published + maintainEveryMs;
    return first ? undefined : clusterer.maintain(published);
  }

  /** Follows a pass in memory: merged-away stories no longer have a row of their own. */
  function followPass(changes: { merges: StoryMerge[] } | undefined): void {
    for (const merge of changes?.merges ?? []) for (const from of merge.from) storyIds.delete(from);
  }

  /** The stored story of a clusterer story that a replayed split opened: where its first article is. */
  async function storedStoryOf(tx: Tx, key: string): Promise<number | undefined> {
    const first = Number(clusterer.articlesOf(key)[0]);
    if (!Number.isInteger(first)) return undefined;
    const row = await tx.db.selectFrom('articles').select('story_id').where('id', '=', first).executeTakeFirst();
    return row?.story_id ?? undefined;
  }

  /** Applies a pass to the database: moves articles, deletes merged-away stories, stores split-off parts. */
  async function applyPass(tx: Tx, changes: { merges: StoryMerge[]; splits: StorySplit[] }, now: number): Promise<void> {
    const touched = new Set<number>();
    for (const merge of changes.merges) {
      const into = storyIds.get(merge.into);
      for (const from of merge.from) {
        const gone = storyIds.get(from);
        storyIds.delete(from);
        if (into === undefined || gone === undefined || gone === into) continue;
        await tx.db.updateTable('articles').set({ story_id: into }).where('story_id', '=', gone).execute();
        await tx.db.deleteFrom('stories').where('id', '=', gone).execute();
        touched.add(into);
      }
    }
    for (const split of changes.splits) {
      const kept = storyIds.get(split.story);
      if (kept !== undefined) touched.add(kept);
      for (const part of split.into) {
        const ids = clusterer.articlesOf(part).map(Number).filter(Number.isInteger);
        if (ids.length === 0) continue;
        const first = await tx.db.selectFrom('articles').select(['title', 'lang', 'published_at']).where('id', '=', ids[0]!).executeTakeFirst();
        if (!first) continue;
        const storyId = await createStory(tx, { title: first.title, lang: first.lang, publishedAt: first.published_at }, now);
        storyIds.set(part, storyId);
        await tx.db.updateTable('articles').set({ story_id: storyId }).where('id', 'in', ids).execute();
        touched.add(storyId);
      }
    }
    for (const id of touched) await refreshStory(tx, id, now);
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
      const changes = passIfDue(row.published_at);
      followPass(changes);
      for (const part of changes?.splits.flatMap((s) => s.into) ?? []) {
        const stored = await storedStoryOf(tx, part);
        if (stored !== undefined) storyIds.set(part, stored);
      }
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
    nextPass = -Infinity;
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
      const changes = passIfDue(analyzed.published);
      if (changes) await applyPass(tx, changes, now);
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
