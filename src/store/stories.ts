// Repository of stories (one real-world event, covered by many outlets) and their entities.
import { runCompiledOnce } from './compiled.js';
import type { Tx } from './index.js';
import type { EntityRow, StoryRow } from './schema.js';

/** Opens a story for its first article. */
export async function createStory(tx: Tx, story: { title: string; lang: string | null; publishedAt: number; profile?: unknown }, now: number): Promise<number> {
  const row = await tx.db
    .insertInto('stories')
    .values({
      title: story.title,
      lang: story.lang,
      first_published_at: story.publishedAt,
      last_published_at: story.publishedAt,
      profile: JSON.stringify(story.profile ?? {}),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One story by id, or undefined. */
export async function getStory(tx: Tx, id: number): Promise<StoryRow | undefined> {
  return tx.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What a story's counts and score are computed from: each of its articles with its outlet's weight. */
export interface StoryMember {
  id: number;
  source_id: number;
  published_at: number;
  duplicate_of: number | null;
  weight: number;
}

/** The articles of a story (duplicates included) with their outlets' weights. */
export async function storyMembers(tx: Tx, id: number): Promise<StoryMember[]> {
  return tx.db
    .selectFrom('articles')
    .innerJoin('sources', 'sources.id', 'articles.source_id')
    .select(['articles.id', 'articles.source_id', 'articles.published_at', 'articles.duplicate_of', 'sources.weight'])
    .where('articles.story_id', '=', id)
    .execute();
}

/** A story's counts and time span; duplicates count once (as their original). */
export function storyCounts(members: readonly StoryMember[]) {
  const originals = members.filter((m) => m.duplicate_of === null);
  if (originals.length === 0) return undefined;
  const times = originals.map((m) => m.published_at);
  return {
    article_count: originals.length,
    outlet_count: new Set(originals.map((m) => m.source_id)).size,
    first_published_at: Math.min(...times),
    last_published_at: Math.max(...times),
  };
}

/** Recomputes a story's counts and time span from its articles (duplicates count once). */
export async function refreshStoryCounts(tx: Tx, id: number, now: number): Promise<void> {
  const counts = storyCounts(await storyMembers(tx, id));
  if (counts) await tx.db.updateTable('stories').set({ ...counts, updated_at: now }).where('id', '=', id).execute();
}

/** Stores a recomputed score (see stories/ for the formula). */
export async function setStoryScore(tx: Tx, id: number, score: number, now: number): Promise<void> {
  await tx.db.updateTable('stories').set({ score, updated_at: now }).where('id', '=', id).execute();
}

/** Pins or unpins a story: a pinned story leads the front page whatever its score. */
export async function setStoryPinned(tx: Tx, id: number, pinned: boolean, now: number): Promise<void> {
  await tx.db.updateTable('stories').set({ pinned: pinned ? 1 : 0, updated_at: now }).where('id', '=', id).execute();
}

/** Stories in rank order: pinned first, then by score; the first is the Top Story. */
export async function rankedStories(tx: Tx, options: { limit: number; offset?: number; since?: number }): Promise<StoryRow[]> {
  const { since } = options;
  const values = [options.limit, options.offset ?? 0, ...(since === undefined ? [] : [since])];
  return runCompiledOnce(tx, `rankedStories/${since !== undefined}`, values, ([limit, offset, from]) => {
    let query = tx.db.selectFrom('stories').selectAll().where('article_count', '>', 0);
    if (from !== undefined) query = query.where('last_published_at', '>=', from);
    return query
      .orderBy('pinned', 'desc')
      .orderBy('score', 'desc')
      .orderBy('last_published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit!)
      .offset(offset!);
  });
}

/** Finds or creates an entity by slug; returns its id. */
export async function upsertEntity(tx: Tx, entity: { kind: string; name: string; slug: string }, now: number): Promise<number> {
  const existing = await tx.db.selectFrom('entities').select('id').where('slug', '=', entity.slug).executeTakeFirst();
  if (existing) return existing.id;
  const row = await tx.db
    .insertInto('entities')
    .values({ kind: entity.kind, name: entity.name, slug: entity.slug, created_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ slug: entity.slug }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Finds or creates many entities at once; returns slug → id. */
export async function upsertEntities(tx: Tx, entities: Array<{ kind: string; name: string; slug: string }>, now: number): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (entities.length === 0) return ids;
  const slugs = [...new Set(entities.map((e) => e.slug))];
  const found = async () => {
    for (const row of await tx.db.selectFrom('entities').select(['id', 'slug']).where('slug', 'in', slugs).execute()) ids.set(row.slug, row.id);
  };
  await found();
  const missing = new Map(entities.filter((e) => !ids.has(e.slug)).map((e) => [e.slug, e]));
  if (missing.size === 0) return ids;
  await tx.db
    .insertInto('entities')
    .values([...missing.values()].map((e) => ({ kind: e.kind, name: e.name, slug: e.slug, created_at: now })))
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
  await found();
  return ids;
}

/** Replaces the entities linked to an article. */
export async function setArticleEntities(tx: Tx, articleId: number, links: Array<{ entityId: number; mentions: number }>): Promise<void> {
  await tx.db.deleteFrom('article_entities').where('article_id', '=', articleId).execute();
  if (links.length === 0) return;
  await tx.db
    .insertInto('article_entities')
    .values(links.map((l) => ({ article_id: articleId, entity_id: l.entityId, mentions: l.mentions })))
    .execute();
}

/** An entity by slug, or undefined. */
export async function getEntityBySlug(tx: Tx, slug: string): Promise<EntityRow | undefined> {
  return tx.db.selectFrom('entities').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Stories that mention an entity, most recent first (topic pages). */
export async function storiesOfEntity(tx: Tx, entityId: number, limit: number): Promise<StoryRow[]> {
  return tx.db
    .selectFrom('stories')
    .selectAll('stories')
    .where('stories.id', 'in', (eb) =>
      eb.selectFrom('articles')
        .innerJoin('article_entities', 'article_entities.article_id', 'articles.id')
        .select('articles.story_id')
        .where('article_entities.entity_id', '=', entityId)
        .where('articles.story_id', 'is not', null)
        .$narrowType<{ story_id: number }>())
    .orderBy('stories.last_published_at', 'desc')
    .limit(limit)
    .execute();
}
