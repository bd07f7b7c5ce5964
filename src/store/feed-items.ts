// Read queries of the site's feeds out and sitemaps: articles with the outlet fields a feed item
// needs, the articles of a topic, and the URL lists of sitemap.xml and news-sitemap.xml in pages.
import type { SelectQueryBuilder } from 'kysely';
import type { Tx } from './index.js';
import type { ArticleRow, Database } from './schema.js';

/** An article with what a feed item needs of its outlet. */
export interface FeedArticle extends ArticleRow {
  source_name: string;
  source_slug: string;
  /** 'full' | 'excerpt' (DESIGN.md "Publishing policy"). */
  source_display: string;
}

type ArticlesWithSource = SelectQueryBuilder<Database, 'articles' | 'sources', FeedArticle>;

function articlesWithSource(tx: Tx): ArticlesWithSource {
  return tx.db
    .selectFrom('articles')
    .innerJoin('sources', 'sources.id', 'articles.source_id')
    .selectAll('articles')
    .select(['sources.name as source_name', 'sources.slug as source_slug', 'sources.display as source_display']);
}

function newestFirst(query: ArticlesWithSource, limit: number): Promise<FeedArticle[]> {
  return query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
}

/** Newest articles with their outlets, optionally of one source or story, optionally without duplicates. */
export async function feedArticles(
  tx: Tx,
  options: { limit: number; sourceId?: number; storyId?: number; originalsOnly?: boolean },
): Promise<FeedArticle[]> {
  let query = articlesWithSource(tx);
  if (options.sourceId !== undefined) query = query.where('articles.source_id', '=', options.sourceId);
  if (options.storyId !== undefined) query = query.where('articles.story_id', '=', options.storyId);
  if (options.originalsOnly) query = query.where('articles.duplicate_of', 'is', null);
  return newestFirst(query, options.limit);
}

/** Articles by id with their outlets (order not kept). */
export async function feedArticlesById(tx: Tx, ids: readonly number[]): Promise<FeedArticle[]> {
  if (ids.length === 0) return [];
  return articlesWithSource(tx).where('articles.id', 'in', [...ids]).execute();
}

/** Newest original articles about an entity: those of stories that mention it, and those that mention it themselves. */
export async function topicArticles(tx: Tx, entityId: number, limit: number): Promise<FeedArticle[]> {
  const query = articlesWithSource(tx)
    .where('articles.duplicate_of', 'is', null)
    .where((eb) => eb.or([
      eb('articles.id', 'in', eb.selectFrom('article_entities').select('article_id').where('entity_id', '=', entityId)),
      eb('articles.story_id', 'in', eb.selectFrom('articles as mentioning')
        .innerJoin('article_entities', 'article_entities.article_id', 'mentioning.id')
        .select('mentioning.story_id')
        .where('article_entities.entity_id', '=', entityId)
        .where('mentioning.story_id', 'is not', null)
        .$narrowType<{ story_id: number }>()),
    ]));
  return newestFirst(query, limit);
}

/** Time of the newest article (ms), or undefined when there is none. */
export async function newestArticleTime(tx: Tx): Promise<number | undefined> {
  const row = await tx.db.selectFrom('articles').select((eb) => eb.fn.max('published_at').as('t')).executeTakeFirst();
  return row?.t === null || row?.t === undefined ? undefined : Number(row.t);
}

/** One URL of a sitemap before it is made absolute: what it points at and when it last changed (ms). */
export interface SitemapRow {
  /** A source or entity slug, or a story or article id. */
  key: string;
  /** Article title (article pages need it for their path). */
  title?: string;
  lastmod: number | null;
}

/** The kinds of page a sitemap lists, in the order sitemap pages walk them. */
export type SitemapKind = 'sources' | 'topics' | 'stories' | 'articles';

// An article page is in the sitemaps only when it may be indexed: not a full-text republication
// (those carry noindex, DESIGN.md "Publishing policy") and not a duplicate (its original is listed).
function indexableArticles(tx: Tx) {
  return tx.db
    .selectFrom('articles')
    .innerJoin('sources', 'sources.id', 'articles.source_id')
    .where('sources.display', '!=', 'full')
    .where('articles.duplicate_of', 'is', null);
}

/** How many pages of each kind the sitemap lists. */
export async function sitemapCounts(tx: Tx): Promise<Record<SitemapKind, number>> {
  const count = async (query: Promise<{ n: number | string | bigint } | undefined>) => Number((await query)?.n ?? 0);
  const [sources, topics, stories, articles] = await Promise.all([
    count(tx.db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()),
    count(tx.db.selectFrom('article_entities').select((eb) => eb.fn.count<number>('entity_id').distinct().as('n')).executeTakeFirst()),
    count(tx.db.selectFrom('stories').select((eb) => eb.fn.countAll<number>().as('n')).where('article_count', '>', 0).executeTakeFirst()),
    count(indexableArticles(tx).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()),
  ]);
  return { sources, topics, stories, articles };
}

// Each kind's rows in a stable order (by id), so that sitemap page N always holds the same URLs.
const SITEMAP_ROWS: Record<SitemapKind, (tx: Tx, offset: number, limit: number) => Promise<SitemapRow[]>> = {
  articles: async (tx, offset, limit) => {
    const rows = await indexableArticles(tx)
      .select(['articles.id', 'articles.title', 'articles.published_at', 'articles.modified_at'])
      .orderBy('articles.id').limit(limit).offset(offset).execute();
    return rows.map((r) => ({ key: String(r.id), title: r.title, lastmod: Math.max(r.published_at, r.modified_at ?? 0) }));
  },
  sources: async (tx, offset, limit) => {
    const rows = await tx.db
      .selectFrom('sources')
      .leftJoin('articles', 'articles.source_id', 'sources.id')
      .select(['sources.id', 'sources.slug'])
      .select((eb) => eb.fn.max('articles.published_at').as('lastmod'))
      .groupBy(['sources.id', 'sources.slug'])
      .orderBy('sources.id').limit(limit).offset(offset).execute();
    return rows.map((r) => ({ key: r.slug, lastmod: r.lastmod === null ? null : Number(r.lastmod) }));
  },
  stories: async (tx, offset, limit) => {
    const rows = await tx.db
      .selectFrom('stories')
      .select(['id', 'last_published_at'])
      .where('article_count', '>', 0)
      .orderBy('id').limit(limit).offset(offset).execute();
    return rows.map((r) => ({ key: String(r.id), lastmod: r.last_published_at }));
  },
  topics: async (tx, offset, limit) => {
    const rows = await tx.db
      .selectFrom('entities')
      .innerJoin('article_entities', 'article_entities.entity_id', 'entities.id')
      .innerJoin('articles', 'articles.id', 'article_entities.article_id')
      .select(['entities.id', 'entities.slug'])
      .select((eb) => eb.fn.max('articles.published_at').as('lastmod'))
      .groupBy(['entities.id', 'entities.slug'])
      .orderBy('entities.id').limit(limit).offset(offset).execute();
    return rows.map((r) => ({ key: r.slug, lastmod: r.lastmod === null ? null : Number(r.lastmod) }));
  },
};

/** `limit` rows of one kind from `offset`, in the sitemap's stable order. */
export async function sitemapRows(tx: Tx, kind: SitemapKind, offset: number, limit: number): Promise<SitemapRow[]> {
  if (limit <= 0) return [];
  return SITEMAP_ROWS[kind](tx, offset, limit);
}

/** An article of the news sitemap. */
export interface NewsSitemapRow {
  id: number;
  title: string;
  lang: string | null;
  published_at: number;
}

/** Indexable articles published at or after `since` and not after `until`, newest first (Google News sitemap). */
export async function newsSitemapArticles(tx: Tx, since: number, until: number, limit: number): Promise<NewsSitemapRow[]> {
  return indexableArticles(tx)
    .select(['articles.id', 'articles.title', 'articles.lang', 'articles.published_at'])
    .where('articles.published_at', '>=', since)
    .where('articles.published_at', '<=', until)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
}
