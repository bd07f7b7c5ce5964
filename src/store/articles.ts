// Repository of articles and their full-text search (SQLite FTS5 / PostgreSQL tsvector + GIN).
import { sql } from 'kysely';
import type { Tx } from './index.js';
import type { ArticleRow } from './schema.js';
import { deleteStoryProfile } from './story-profiles.js';

/** An article as the pipeline stores it. */
export interface ArticleInput {
  sourceId: number;
  url: string;
  normalizedUrl: string;
  guid: string | null;
  contentHash: string;
  title: string;
  lead: string | null;
  byline: string | null;
  text: string;
  html: string;
  lang: string | null;
  imageUrl: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  wordCount: number;
  publishedAt: number;
  modifiedAt: number | null;
  storyId?: number | null;
  duplicateOf?: number | null;
}

/** What an upsert did: stored a new row, updated a changed one in place, or found it unchanged. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Stores an article once: the same normalized URL or (source, guid) is the same article. A changed
 * article (different content hash) is updated in place, keeping its id, story and comments.
 */
export async function upsertArticle(tx: Tx, a: ArticleInput, now: number): Promise<{ id: number; outcome: UpsertOutcome }> {
  let query = tx.db.selectFrom('articles').select(['id', 'content_hash']).where('normalized_url', '=', a.normalizedUrl);
  if (a.guid !== null) {
    const guid = a.guid;
    query = tx.db
      .selectFrom('articles')
      .select(['id', 'content_hash'])
      .where((eb) => eb.or([eb('normalized_url', '=', a.normalizedUrl), eb.and([eb('source_id', '=', a.sourceId), eb('guid', '=', guid)])]));
  }
  const existing = await query.orderBy('id').executeTakeFirst();
  const fields = {
    url: a.url,
    title: a.title,
    lead: a.lead,
    byline: a.byline,
    text: a.text,
    html: a.html,
    lang: a.lang,
    image_url: a.imageUrl,
    canonical_url: a.canonicalUrl,
    site_name: a.siteName,
    word_count: a.wordCount,
    content_hash: a.contentHash,
    modified_at: a.modifiedAt,
  };
  if (existing) {
    if (existing.content_hash === a.contentHash) return { id: existing.id, outcome: 'unchanged' };
    await tx.db.updateTable('articles').set({ ...fields, updated_at: now }).where('id', '=', existing.id).execute();
    return { id: existing.id, outcome: 'updated' };
  }
  const row = await tx.db
    .insertInto('articles')
    .values({
      ...fields,
      source_id: a.sourceId,
      normalized_url: a.normalizedUrl,
      guid: a.guid,
      story_id: a.storyId ?? null,
      duplicate_of: a.duplicateOf ?? null,
      published_at: a.publishedAt,
      fetched_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, outcome: 'created' };
}

/** One article by id, or undefined. */
export async function getArticle(tx: Tx, id: number): Promise<ArticleRow | undefined> {
  return tx.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest articles first, optionally of one source or story. */
export async function latestArticles(
  tx: Tx,
  options: { limit: number; offset?: number; sourceId?: number; storyId?: number },
): Promise<ArticleRow[]> {
  let query = tx.db.selectFrom('articles').selectAll();
  if (options.sourceId !== undefined) query = query.where('source_id', '=', options.sourceId);
  if (options.storyId !== undefined) query = query.where('story_id', '=', options.storyId);
  return query.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(options.limit).offset(options.offset ?? 0).execute();
}

/** Assigns an article to a story and, for a duplicate, to its original. */
export async function setArticleStory(tx: Tx, id: number, storyId: number | null, duplicateOf: number | null, now: number): Promise<void> {
  await tx.db.updateTable('articles').set({ story_id: storyId, duplicate_of: duplicateOf, updated_at: now }).where('id', '=', id).execute();
}

/** Deletes an article (its search entry, entity links and comments go with it); its page then answers 410. */
export async function deleteArticle(tx: Tx, id: number, now: number = Date.now()): Promise<boolean> {
  const article = await tx.db.selectFrom('articles').select(['story_id']).where('id', '=', id).executeTakeFirst();
  const result = await tx.db.deleteFrom('articles').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) return false;
  await tx.db.insertInto('removed_articles').values({ id, removed_at: now }).onConflict((oc) => oc.column('id').doNothing()).execute();
  if (article?.story_id) {
    // The story's pages change too; touching it is also what tells the page cache.
    await tx.db.updateTable('stories').set({ updated_at: now }).where('id', '=', article.story_id).execute();
    // Its counts (and so the version its stored related profile is checked by) stay until it is next
    // recomputed: the profile goes, and pages build it from the articles left until then.
    await deleteStoryProfile(tx, article.story_id);
  }
  return true;
}

/** True when an article with this id existed and was deleted (its page is 410 Gone). */
export async function wasArticleRemoved(tx: Tx, id: number): Promise<boolean> {
  return (await tx.db.selectFrom('removed_articles').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Marks where a search snippet's match starts and ends; views escape the text, then turn these into <mark>. */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

/** One search result: the article, a snippet with MATCH_START/MATCH_END around matches, and its rank. */
export interface SearchHit {
  id: number;
  title: string;
  sourceId: number;
  publishedAt: number;
  snippet: string;
  rank: number;
}

export interface SearchOptions {
  limit: number;
  offset?: number;
  sourceId?: number;
  since?: number;
  until?: number;
}

/** Words of a reader's query, for building a safe FTS5 query (no operators from the reader reach FTS5). */
export function searchTerms(query: string): string[] {
  return (query.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
}

/** Full-text search over title, lead and text; best matches first. An empty query finds nothing. */
export async function searchArticles(tx: Tx, query: string, options: SearchOptions): Promise<{ total: number; hits: SearchHit[] }> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { total: 0, hits: [] };
  const limit = Math.min(Math.max(options.limit, 1), 100);
  const offset = Math.max(options.offset ?? 0, 0);
  const filters = [
    options.sourceId !== undefined ? sql`and a.source_id = ${options.sourceId}` : sql``,
    options.since !== undefined ? sql`and a.published_at >= ${options.since}` : sql``,
    options.until !== undefined ? sql`and a.published_at < ${options.until}` : sql``,
  ];
  if (tx.dialect === 'sqlite') {
    // Each term quoted, so punctuation and FTS5 keywords in the query are plain words; terms are ANDed.
    const match = terms.map((t) => `"${t}"`).join(' ');
    const total = await sql<{ n: number }>`select count(*) as n from articles_fts f join articles a on a.id = f.rowid
      where articles_fts match ${match} ${filters[0]} ${filters[1]} ${filters[2]}`.execute(tx.db);
    const rows = await sql<{ id: number; title: string; source_id: number; published_at: number; snippet: string; rank: number }>`
      select a.id, a.title, a.source_id, a.published_at,
        snippet(articles_fts, 2, ${MATCH_START}, ${MATCH_END}, '…', 24) as snippet,
        bm25(articles_fts, 10.0, 4.0, 1.0) as rank
      from articles_fts f join articles a on a.id = f.rowid
      where articles_fts match ${match} ${filters[0]} ${filters[1]} ${filters[2]}
      order by rank, a.published_at desc limit ${limit} offset ${offset}`.execute(tx.db);
    return {
      total: Number(total.rows[0]?.n ?? 0),
      hits: rows.rows.map((r) => ({ id: r.id, title: r.title, sourceId: r.source_id, publishedAt: r.published_at, snippet: r.snippet, rank: -r.rank })),
    };
  }
  // websearch_to_tsquery never raises on reader input; the union of configurations matches stemmed
  // English and Russian text as well as unstemmed ('simple') text in other languages.
  const text = terms.join(' ');
  const tsquery = sql`(websearch_to_tsquery('simple', ${text}) || websearch_to_tsquery('english', ${text}) || websearch_to_tsquery('russian', ${text}))`;
  const total = await sql<{ n: number }>`select count(*) as n from articles a where a.search_vector @@ ${tsquery} ${filters[0]} ${filters[1]} ${filters[2]}`.execute(tx.db);
  const rows = await sql<{ id: number; title: string; source_id: number; published_at: number; snippet: string; rank: number }>`
    select a.id, a.title, a.source_id, a.published_at,
      ts_headline('simple', a.text, websearch_to_tsquery('simple', ${text}),
        ${`StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=…`}) as snippet,
      ts_rank_cd(a.search_vector, ${tsquery}) as rank
    from articles a where a.search_vector @@ ${tsquery} ${filters[0]} ${filters[1]} ${filters[2]}
    order by rank desc, a.published_at desc limit ${limit} offset ${offset}`.execute(tx.db);
  return {
    total: Number(total.rows[0]?.n ?? 0),
    hits: rows.rows.map((r) => ({ id: r.id, title: r.title, sourceId: r.source_id, publishedAt: r.published_at, snippet: r.snippet, rank: Number(r.rank) })),
  };
}
