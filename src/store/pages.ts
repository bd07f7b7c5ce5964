// Read queries the site's pages need beyond the repositories' own: an article with its outlet, a
// story's coverage, the entities of a story, related-story candidates, topics in the news, and the
// version stamps the page cache compares.
import { CompiledQuery, sql } from 'kysely';
import { compileWithMarks, parametersOf, runCompiledOnce, type Compiled } from './compiled.js';
import type { Store, Tx } from './index.js';
import type { ArticleRow, EntityRow, SourceRow, StoryRow } from './schema.js';

/** What a page needs to know about an article's outlet. */
export type SourceBrief = Pick<SourceRow, 'id' | 'slug' | 'name' | 'display' | 'site_url'>;

/** An article in a list: no body, the outlet's name and slug. */
export interface ArticleBrief {
  id: number;
  title: string;
  lead: string | null;
  url: string;
  image_url: string | null;
  source_id: number;
  source_name: string;
  source_slug: string;
  story_id: number | null;
  duplicate_of: number | null;
  published_at: number;
}

const briefColumns = [
  'articles.id', 'articles.title', 'articles.lead', 'articles.url', 'articles.image_url', 'articles.source_id',
  'sources.name as source_name', 'sources.slug as source_slug', 'articles.story_id', 'articles.duplicate_of', 'articles.published_at',
] as const;

/** An article with its outlet, or undefined. */
export async function articleWithSource(tx: Tx, id: number): Promise<{ article: ArticleRow; source: SourceBrief } | undefined> {
  const [article] = await runCompiledOnce(tx, 'articleWithSource/article', [id], ([at]) => tx.db.selectFrom('articles').selectAll().where('id', '=', at!));
  if (!article) return undefined;
  const [source] = await runCompiledOnce(tx, 'articleWithSource/source', [article.source_id], ([at]) =>
    tx.db.selectFrom('sources').select(['id', 'slug', 'name', 'display', 'site_url']).where('id', '=', at!));
  if (!source) throw new Error(`articleWithSource: article ${id} names outlet ${article.source_id}, which is missing`);
  return { article, source };
}

/** Every article of some stories (duplicates included), oldest first. */
export async function articlesOfStories(tx: Tx, storyIds: readonly number[]): Promise<ArticleBrief[]> {
  if (storyIds.length === 0) return [];
  return runCompiledOnce(tx, `articlesOfStories/${storyIds.length}`, storyIds, (marks) =>
    tx.db
      .selectFrom('articles')
      .innerJoin('sources', 'sources.id', 'articles.source_id')
      .select(briefColumns)
      .where('articles.story_id', 'in', [...marks])
      .orderBy('articles.published_at')
      .orderBy('articles.id'));
}

/** Newest articles with their outlets, optionally of one source. */
export async function latestArticleBriefs(tx: Tx, options: { limit: number; offset?: number; sourceId?: number; originalsOnly?: boolean }): Promise<ArticleBrief[]> {
  let query = tx.db.selectFrom('articles').innerJoin('sources', 'sources.id', 'articles.source_id').select(briefColumns);
  if (options.sourceId !== undefined) query = query.where('articles.source_id', '=', options.sourceId);
  if (options.originalsOnly) query = query.where('articles.duplicate_of', 'is', null);
  return query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(options.limit).offset(options.offset ?? 0).execute();
}

/** Articles by id with their outlets (order not kept). */
export async function articleBriefs(tx: Tx, ids: readonly number[]): Promise<ArticleBrief[]> {
  if (ids.length === 0) return [];
  return runCompiledOnce(tx, `articleBriefs/${ids.length}`, ids, (marks) =>
    tx.db.selectFrom('articles').innerJoin('sources', 'sources.id', 'articles.source_id').select(briefColumns).where('articles.id', 'in', [...marks]));
}

/** Number of articles of a source. */
export async function countArticlesOfSource(tx: Tx, sourceId: number): Promise<number> {
  const row = await tx.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('source_id', '=', sourceId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Number of stories with articles (for the front page's pagination). */
export async function countStories(tx: Tx): Promise<number> {
  const row = await tx.db.selectFrom('stories').select((eb) => eb.fn.countAll<number>().as('n')).where('article_count', '>', 0).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** An entity with how many articles of a set mention it. */
export interface EntityCount extends EntityRow {
  articles: number;
}

/** The entities of some articles, most mentioned first. */
export async function entitiesOfArticles(tx: Tx, articleIds: readonly number[], limit: number): Promise<EntityCount[]> {
  if (articleIds.length === 0) return [];
  const rows = await runCompiledOnce(tx, `entitiesOfArticles/${articleIds.length}`, [...articleIds, limit], (marks) =>
    tx.db
      .selectFrom('article_entities')
      .innerJoin('entities', 'entities.id', 'article_entities.entity_id')
      .select(['entities.id', 'entities.kind', 'entities.name', 'entities.slug', 'entities.created_at'])
      .select((eb) => eb.fn.countAll<number>().as('articles'))
      .where('article_entities.article_id', 'in', marks.slice(0, articleIds.length))
      .groupBy(['entities.id', 'entities.kind', 'entities.name', 'entities.slug', 'entities.created_at'])
      .orderBy('articles', 'desc')
      .orderBy('entities.name')
      .limit(marks[articleIds.length]!));
  return rows.map((r) => ({ ...r, articles: Number(r.articles) }));
}

/** How many of an entity's newest mentions storiesSharingEntities reads. */
export const MENTIONS_PER_ENTITY = 100;

/**
 * Stories other than `storyId` with an article since `since` that share an entity with `entityIds`,
 * most shared first. Each entity is looked up by its newest MENTIONS_PER_ENTITY mentions (the
 * (entity_id, article_id) index read backwards): a country named in a fifth of all articles costs a
 * page a hundred rows, not a scan of every mention, and points at the stories that named it last.
 */
export async function storiesSharingEntities(tx: Tx, storyId: number, entityIds: readonly number[], since: number, limit: number): Promise<number[]> {
  if (entityIds.length === 0) return [];
  const entities = [...new Set(entityIds)];
  const rows = await runCompiledOnce(tx, `storiesSharingEntities/${entities.length}`, [...entities, storyId, since, limit], (marks) => {
    const newestMentions = sql.join(
      marks.slice(0, entities.length).map((id) => sql`select * from (select entity_id, article_id from article_entities where entity_id = ${id} order by article_id desc limit ${MENTIONS_PER_ENTITY}) as m`),
      sql` union all `,
    );
    const [story, from, most] = marks.slice(entities.length);
    const query = sql<{ story_id: number; shared: number }>`
      select a.story_id, count(distinct m.entity_id) as shared
      from (${newestMentions}) as m
      join articles a on a.id = m.article_id
      where a.story_id is not null and a.story_id <> ${story} and a.published_at >= ${from}
      group by a.story_id
      order by shared desc, a.story_id desc
      limit ${most}`;
    return { compile: () => query.compile(tx.db) };
  });
  return rows.map((r) => Number(r.story_id));
}

/** What says a story's membership changed: its article count and first and last dates. */
export async function storyVersions(tx: Tx, ids: readonly number[]): Promise<Array<Pick<StoryRow, 'id' | 'article_count' | 'first_published_at' | 'last_published_at'>>> {
  if (ids.length === 0) return [];
  return runCompiledOnce(tx, `storyVersions/${ids.length}`, ids, (marks) =>
    tx.db.selectFrom('stories').select(['id', 'article_count', 'first_published_at', 'last_published_at']).where('id', 'in', [...marks]));
}

/**
 * The newest `perStory` original articles (not duplicates) of each story published at or before
 * `until`, newest first within a story: what a page needs to name and compare a story, read through
 * the (story_id, published_at) index however big the story has grown.
 */
export async function newestArticlesOfStories(tx: Tx, storyIds: readonly number[], perStory: number, until: number): Promise<ArticleBrief[]> {
  if (storyIds.length === 0) return [];
  // One limited select per story, joined by UNION ALL (each wrapped: SQLite takes no LIMIT in a
  // compound's arm). The arm is compiled by Kysely once per dialect and repeated as text: compiling
  // fifty arms anew took Kysely several times what the database took to run them.
  const arm = newestArm(tx);
  const parameters: unknown[] = [];
  const arms: string[] = [];
  for (const id of new Set(storyIds)) {
    const offset = parameters.length;
    parameters.push(...parametersOf(arm, [id, until, perStory]));
    // PostgreSQL numbers its placeholders ($1, $2…) through the whole statement; SQLite's are all `?`.
    const text = tx.dialect === 'postgres' ? arm.sql.replace(/\$(\d+)/g, (_, n: string) => `$${offset + Number(n)}`) : arm.sql;
    arms.push(`select * from (${text}) as s${arms.length}`);
  }
  const { rows } = await tx.db.executeQuery<ArticleBrief>(CompiledQuery.raw(arms.join(' union all '), parameters));
  return rows;
}

const newestArms = new Map<Tx['dialect'], Compiled>();
/** One story's arm of newestArticlesOfStories in the dialect's SQL, with its values in order: the story, the time, the limit. */
function newestArm(tx: Tx): Compiled {
  let arm = newestArms.get(tx.dialect);
  if (!arm) {
    arm = compileWithMarks('newestArticlesOfStories', 3, ([story, until, limit]) =>
      tx.db.selectFrom('articles')
        .innerJoin('sources', 'sources.id', 'articles.source_id')
        .select(briefColumns)
        .where('articles.story_id', '=', story!)
        .where('articles.duplicate_of', 'is', null)
        .where('articles.published_at', '<=', until!)
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(limit!));
    newestArms.set(tx.dialect, arm);
  }
  return arm;
}

/** The entities most mentioned by articles published since `since` (the front page's sections). */
export async function topicsInTheNews(tx: Tx, since: number, limit: number): Promise<EntityCount[]> {
  const rows = await tx.db
    .selectFrom('article_entities')
    .innerJoin('articles', 'articles.id', 'article_entities.article_id')
    .innerJoin('entities', 'entities.id', 'article_entities.entity_id')
    .select(['entities.id', 'entities.kind', 'entities.name', 'entities.slug', 'entities.created_at'])
    .select((eb) => eb.fn.count<number>('articles.story_id').distinct().as('articles'))
    .where('articles.published_at', '>=', since)
    .where('articles.story_id', 'is not', null)
    .groupBy(['entities.id', 'entities.kind', 'entities.name', 'entities.slug', 'entities.created_at'])
    .orderBy('articles', 'desc')
    .orderBy('entities.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, articles: Number(r.articles) }));
}

/**
 * The version a cached page is compared with, in one query. The news part changes whenever an article
 * or story is written or an article removed (outlet health changes on every poll; pages showing it
 * rely on the cache's age limit). With `articleId`, the article's published comments are part of it:
 * it changes when one is approved, or an approved one is moved away or deleted; held posts do not
 * change it, because shared pages show approved comments only (a poster sees their own held comment
 * on a private, uncached page).
 */
export async function pageVersion(tx: Tx, articleId?: number): Promise<string> {
  const fast = pageVersionSync(tx, articleId);
  if (fast !== undefined) return fast;
  const { text, parameters } = versionQuery(articleId, tx.dialect === 'postgres' ? (i) => `$${i}` : () => '?');
  const result = await tx.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, parameters));
  return versionString(result.rows[0]);
}

/** The version query in the dialect's placeholders (`?` or `$1`), with its parameters. */
function versionQuery(articleId: number | undefined, placeholder: (index: number) => string): { text: string; parameters: number[] } {
  const news = `select (select max(updated_at) from articles) as a, (select max(updated_at) from stories) as s,
  (select max(removed_at) from removed_articles) as r`;
  if (articleId === undefined) return { text: `${news}, 0 as n, 0 as c`, parameters: [] };
  return {
    text: `${news},
  (select count(*) from comments where article_id = ${placeholder(1)} and status = 'approved') as n,
  (select max(updated_at) from comments where article_id = ${placeholder(2)} and status = 'approved') as c`,
    parameters: [articleId, articleId],
  };
}

/**
 * The same version as `pageVersion`, read synchronously where the store can (SQLite, outside a
 * transaction handle), else undefined. The page cache checks it on every hit: Kysely's compile and
 * promise chain cost several times the query itself.
 */
export function pageVersionSync(tx: Tx, articleId?: number): string | undefined {
  const read = (tx as Partial<Store>).readRowSync;
  if (!read) return undefined;
  const { text, parameters } = versionQuery(articleId, () => '?');
  return versionString(read(text, parameters));
}

function versionString(row: { a?: unknown; s?: unknown; r?: unknown; n?: unknown; c?: unknown } | undefined): string {
  return `${row?.a ?? 0}.${row?.s ?? 0}.${row?.r ?? 0}|${row?.n ?? 0}.${row?.c ?? 0}`;
}

/**
 * The entities of some articles, as (article, entity id) pairs: read from the links' own index
 * (a page comparing stories by shared entities needs to tell them apart, not to name them).
 */
export async function entityIdsOfArticles(tx: Tx, articleIds: readonly number[]): Promise<Array<{ article_id: number; entity_id: number }>> {
  if (articleIds.length === 0) return [];
  return runCompiledOnce(tx, `entityIdsOfArticles/${articleIds.length}`, articleIds, (marks) =>
    tx.db.selectFrom('article_entities').select(['article_id', 'entity_id']).where('article_id', 'in', [...marks]));
}
