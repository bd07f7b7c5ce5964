// The one place that knows the order of the ingest steps (DESIGN.md "Data flow"):
// poll → parse → per new item: normalized URL and guid dedupe → fetch the page when the source
// wants full text → extract → sanitize → analyze → stories → store, in one transaction.
// Work is split into two kinds of job so that a killed worker loses nothing: a `poll` job per due
// source (fetch + parse the feed, enqueue one `article` job per new or changed item, all in one
// transaction) and an `article` job per item (fetch, extract, store in one transaction).
import { sql } from 'kysely';
import { TopstoryError } from '../errors.js';
import type { Logger } from '../log.js';
import { contentTypeHeader, type Fetcher, type FetchResponse } from '../fetch/index.js';
import { parseFeed, type FeedItem } from '../feeds/index.js';
import type { SiteRules } from '../extract/index.js';
import type { AnalyzedArticle } from '../stories/article.js';
import { normalizeUrl } from '../text/article-url.js';
import type { Store, Tx } from '../store/index.js';
import type { JobRow, SourceRow } from '../store/schema.js';
import { completeJob, enqueueJob } from '../store/jobs.js';
import { getSource, recordSourceFailure, recordSourceSuccess, setSourceStatus } from '../store/sources.js';
import { upsertArticle, type ArticleInput } from '../store/articles.js';
import type { ExtractPool } from './extract-pool.js';
import type { ArticleDraft, PreparedArticle } from './article-input.js';
import { rescoreStories } from './story-score.js';
import { backoffMs, nextIntervalMs, shouldPause, updatedArticlesPerDay } from './schedule.js';

/** Where a stored article goes in the story graph; filled by the stories stage. */
export interface StoryAssigner {
  /** Called inside the article's write transaction, after the row is stored. */
  /** Forgets in-memory state after a transaction that called `assign` rolled back. */
  reset?(): void;
  assign(tx: Tx, article: { id: number; analyzed: AnalyzedArticle }, now: number): Promise<void>;
}

/** What the pipeline runs with: all edges passed in (STYLE.md 3). */
export interface PipelineDeps {
  store: Store;
  fetcher: Fetcher;
  extractor: ExtractPool;
  stories: StoryAssigner;
  log: Logger;
  now: () => number;
  random: () => number;
  /** When present, milliseconds spent in each stage are added here (summed over concurrent jobs). */
  stageTimes?: StageTimes;
}

/** Time spent per pipeline stage, for `bench/ingest` and the metrics endpoint. */
export interface StageTimes {
  fetch: number;
  parse: number;
  extract: number;
  analyze: number;
  store: number;
}

async function timed<T>(deps: PipelineDeps, stage: keyof StageTimes, work: () => Promise<T> | T): Promise<T> {
  if (!deps.stageTimes) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    deps.stageTimes[stage] += performance.now() - started;
  }
}

/** How long a source is held by a worker that claimed its poll before another may poll it. */
export const POLL_LEASE_MS = 10 * 60_000;
/** At most this many items of one feed are considered per poll (newest first). */
export const MAX_ITEMS_PER_POLL = 200;

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** Payload of an `article` job: the feed item and where it came from. */
export interface ArticleJobPayload {
  sourceId: number;
  normalizedUrl: string;
  item: FeedItem;
}

/**
 * Turns due sources into `poll` jobs. The due rows are moved forward by the poll lease in the same
 * transaction (and skipped when another worker holds them), so no source is polled twice per period.
 */
export async function enqueueDuePolls(deps: PipelineDeps, limit = 50): Promise<number> {
  const now = deps.now();
  return deps.store.writeTransaction(async (tx) => {
    const lock = tx.dialect === 'postgres' ? sql`for update skip locked` : sql``;
    const due = await sql<{ id: number }>`select id from sources where status = 'active' and next_check_at <= ${now}
      order by next_check_at, id limit ${limit} ${lock}`.execute(tx.db);
    for (const { id } of due.rows) {
      await tx.db.updateTable('sources').set({ next_check_at: now + POLL_LEASE_MS }).where('id', '=', id).execute();
      await enqueueJob(tx, { kind: 'poll', payload: { sourceId: id }, runAt: now, uniqueKey: `poll:${id}`, maxAttempts: 1 }, now);
    }
    // Scores decay with time: one re-rank job is always scheduled, every RERANK_EVERY_MS.
    await enqueueJob(tx, { kind: 'rerank', runAt: now + RERANK_EVERY_MS, uniqueKey: 'rerank', maxAttempts: 3 }, now);
    return due.rows.length;
  });
}

/** How often every recent story's score is recomputed. */
export const RERANK_EVERY_MS = 10 * 60_000;
/** Stories whose latest article is older than this are not re-ranked (their score is near zero). */
const RERANK_WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * Runs one claimed job to completion; throws to have it retried. Returns true when the job was
 * already marked done inside its own transaction (the worker then has nothing left to record).
 */
export async function runJob(deps: PipelineDeps, job: JobRow): Promise<boolean> {
  const payload = JSON.parse(job.payload) as Record<string, unknown>;
  if (job.kind === 'poll') {
    await pollSource(deps, Number(payload.sourceId), job);
    return false;
  }
  if (job.kind === 'article') return ingestArticle(deps, payload as unknown as ArticleJobPayload, job);
  if (job.kind === 'rerank') {
    const now = deps.now();
    await deps.store.writeTransaction((tx) => rescoreStories(tx, now, now - RERANK_WINDOW_MS));
    return false;
  }
  throw new TopstoryError('ingest', 'unknown_job', `unknown job kind "${job.kind}"`);
}

function errorWords(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const layer = err instanceof TopstoryError ? err.layer : 'ingest';
  return message.startsWith(`${layer}:`) ? message : `${layer}: ${message}`;
}

/** Fetches and parses one source's feed or sitemap and enqueues its new and changed items. */
export async function pollSource(deps: PipelineDeps, sourceId: number, job?: JobRow): Promise<void> {
  const source = await getSource(deps.store, sourceId);
  if (!source || source.status !== 'active') return;
  const started = deps.now();
  let response: FetchResponse;
  let items: FeedItem[];
  try {
    response = await timed(deps, 'fetch', () => deps.fetcher.fetch({ url: source.url, etag: source.etag, lastModified: source.last_modified, accept: FEED_ACCEPT }));
    items = response.notModified ? [] : await itemsOf(deps, response);
  } catch (err) {
    await recordPollFailure(deps, source, err);
    deps.log.warn({ source_id: source.id, job_id: job?.id, error: errorWords(err) }, 'source poll failed');
    return;
  }
  const now = deps.now();
  await timed(deps, 'store', () => deps.store.writeTransaction(async (tx) => {
    let fresh = 0;
    for (const item of items.slice(0, MAX_ITEMS_PER_POLL)) {
      const link = item.link ?? (item.id && /^https?:\/\//i.test(item.id) ? item.id : null);
      const normalizedUrl = link ? normalizeUrl(link) : undefined;
      if (!link || !normalizedUrl) continue;
      const state = await itemState(tx, source.id, normalizedUrl, item);
      if (state === 'known') continue;
      if (state === 'new') fresh++;
      await enqueueJob(tx, {
        kind: 'article',
        payload: { sourceId: source.id, normalizedUrl, item: { ...item, link } } satisfies ArticleJobPayload,
        runAt: now,
        uniqueKey: `article:${source.id}:${normalizedUrl}`,
        maxAttempts: 3,
      }, now);
    }
    const sinceLast = source.last_success_at === null ? null : now - source.last_success_at;
    const perDay = response.notModified ? source.articles_per_day : updatedArticlesPerDay(source.articles_per_day, fresh, sinceLast);
    await recordSourceSuccess(tx, source.id, {
      now,
      nextCheckAt: now + nextIntervalMs(perDay, response.maxAgeMs),
      etag: response.notModified ? undefined : response.etag,
      lastModified: response.notModified ? undefined : response.lastModified,
      articlesPerDay: perDay,
    });
    deps.log.info({ source_id: source.id, items: items.length, queued: fresh, not_modified: response.notModified, ms: now - started }, 'source polled');
  }));
}

// A sitemap index lists sitemaps: read the newest few (sitemaps list newest last or first; take all, capped).
async function itemsOf(deps: PipelineDeps, response: FetchResponse): Promise<FeedItem[]> {
  const parsed = await timed(deps, 'parse', () => parseFeed(response.body, { url: response.url, contentType: contentTypeHeader(response) }));
  if (parsed.format !== 'sitemap-index') return newestFirst(parsed.items);
  const items: FeedItem[] = [];
  for (const child of parsed.sitemaps.slice(0, 5)) {
    const r = await deps.fetcher.fetch({ url: child, accept: FEED_ACCEPT });
    if (!r.notModified) items.push(...parseFeed(r.body, { url: r.url, contentType: contentTypeHeader(r) }).items);
  }
  return newestFirst(items);
}

function newestFirst(items: FeedItem[]): FeedItem[] {
  const time = (i: FeedItem) => Date.parse(i.published ?? i.updated ?? '') || 0;
  return [...items].sort((a, b) => time(b) - time(a));
}

// 'new': never stored; 'changed': stored but the feed says it changed (new title or a later update);
// 'known': nothing to do.
async function itemState(tx: Tx, sourceId: number, normalizedUrl: string, item: FeedItem): Promise<'new' | 'changed' | 'known'> {
  const existing = await tx.db
    .selectFrom('articles')
    .select(['title', 'modified_at', 'published_at'])
    .where((eb) => eb.or([
      eb('normalized_url', '=', normalizedUrl),
      ...(item.id ? [eb.and([eb('source_id', '=', sourceId), eb('guid', '=', item.id)])] : []),
    ]))
    .executeTakeFirst();
  if (!existing) return 'new';
  const updated = item.updated ? Date.parse(item.updated) : NaN;
  const lastKnown = existing.modified_at ?? existing.published_at;
  if (item.title && item.title.trim() !== existing.title) return 'changed';
  if (Number.isFinite(updated) && updated > lastKnown) return 'changed';
  return 'known';
}

async function recordPollFailure(deps: PipelineDeps, source: SourceRow, err: unknown): Promise<void> {
  const now = deps.now();
  const failures = source.consecutive_failures + 1;
  const retryAfter = (err as { retryAfterMs?: number }).retryAfterMs ?? null;
  await deps.store.writeTransaction(async (tx) => {
    await recordSourceFailure(tx, source.id, { now, error: errorWords(err), nextCheckAt: now + backoffMs(failures, deps.random, retryAfter) });
    if (shouldPause(source.failing_since ?? now, now)) {
      await setSourceStatus(tx, source.id, 'paused', `failing for 7 days; last error: ${errorWords(err)}`, now);
    }
  });
}

export { contentHash } from './article-input.js';

/**
 * Fetches, extracts and stores one article (the `article` job). Returns true when the job was
 * marked done in the article's own transaction (so a crash can never store it without finishing
 * the job, nor finish the job without storing it).
 */
export async function ingestArticle(deps: PipelineDeps, payload: ArticleJobPayload, job?: JobRow): Promise<boolean> {
  const source = await getSource(deps.store, payload.sourceId);
  if (!source) return false;
  const item = payload.item;
  const link = item.link!;
  const draft: ArticleDraft = { sourceId: source.id, link, normalizedUrl: payload.normalizedUrl, item, now: deps.now() };
  let page: FetchResponse | undefined;
  if (source.fetch_full_text) {
    try {
      page = await timed(deps, 'fetch', () => deps.fetcher.fetch({ url: link, accept: PAGE_ACCEPT, maxBytes: 5 * 1024 * 1024 }));
    } catch (err) {
      // The feed's own copy is still worth storing: a robots.txt refusal, a 404 or an unreadable
      // page should not lose the item. Network trouble is retried by the job instead.
      const code = (err as TopstoryError).code;
      if (['connect_failed', 'connect_timeout', 'timeout', 'network', 'rate_limited', 'dns_failed'].includes(code) && (job?.attempts ?? 0) < (job?.max_attempts ?? 1)) throw err;
      deps.log.warn({ source_id: source.id, url: link, error: errorWords(err) }, 'article page not used; storing the feed copy');
    }
  }
  // Extraction, sanitizing, plain text and analysis run in the pool as one task.
  let prepared: PreparedArticle;
  if (page) {
    const rules = (JSON.parse(source.settings) as { extract?: SiteRules }).extract;
    const withPage: ArticleDraft = { ...draft, page: { bytes: page.body, url: page.url, options: { contentType: contentTypeHeader(page), ...(rules ? { rules } : {}) } } };
    try {
      prepared = await timed(deps, 'extract', () => deps.extractor.prepare(withPage));
    } catch (err) {
      // The page's thread was stopped (too slow) or crashed: store the feed's copy instead.
      deps.log.warn({ source_id: source.id, url: link, error: errorWords(err) }, 'article page not used; storing the feed copy');
      prepared = await timed(deps, 'extract', () => deps.extractor.prepare(draft));
    }
    if (prepared.pageError) deps.log.warn({ source_id: source.id, url: link, error: prepared.pageError }, 'article page not used; storing the feed copy');
  } else {
    prepared = await timed(deps, 'extract', () => deps.extractor.prepare(draft));
  }
  try {
    return await storeArticle(deps, source.id, prepared.input, prepared.analyzed, draft.now, job);
  } catch (err) {
    // The story assigner's memory ran ahead of a transaction that did not commit.
    deps.stories.reset?.();
    throw err;
  }
}

// Group commit: articles ready to store while a store transaction is running wait for it and are
// then stored together in the next one, each inside its own savepoint. A commit (and, on SQLite, the
// search index's flush) is paid once per group instead of once per article, which is most of what
// storing costs; an idle pipeline still stores an article the moment it is ready (a group of one).
// Each article keeps the guarantee above: its row, its story and its job's completion commit
// together or not at all. One article that fails rolls back to its savepoint alone; a transaction
// that fails fails every article of its group, and their jobs are retried.
interface PendingStore {
  sourceId: number;
  input: ArticleInput;
  analyzed: AnalyzedArticle;
  now: number;
  job: JobRow | undefined;
  resolve: (done: boolean) => void;
  reject: (err: unknown) => void;
}

/** Most articles stored in one transaction (it holds the database's write lock meanwhile). */
const MAX_GROUP = 32;

interface CommitGroup {
  queue: PendingStore[];
  running: boolean;
}

// One group per store and story assigner: articles are only grouped with others that go through
// the same database and the same in-memory clusterer.
const groups = new WeakMap<Store, WeakMap<StoryAssigner, CommitGroup>>();

function storeArticle(deps: PipelineDeps, sourceId: number, input: ArticleInput, analyzed: AnalyzedArticle, now: number, job?: JobRow): Promise<boolean> {
  let byAssigner = groups.get(deps.store);
  if (!byAssigner) groups.set(deps.store, (byAssigner = new WeakMap()));
  let group = byAssigner.get(deps.stories);
  if (!group) byAssigner.set(deps.stories, (group = { queue: [], running: false }));
  const target = group;
  return timed(deps, 'store', () => new Promise<boolean>((resolve, reject) => {
    target.queue.push({ sourceId, input, analyzed, now, job, resolve, reject });
    if (!target.running) void drain(deps, target);
  }));
}

async function drain(deps: PipelineDeps, group: CommitGroup): Promise<void> {
  group.running = true;
  try {
    while (group.queue.length > 0) {
      const batch = group.queue.splice(0, MAX_GROUP);
      const outcomes: Array<{ done: boolean } | { error: unknown }> = [];
      try {
        await deps.store.writeTransaction(async (tx) => {
          outcomes.length = 0;
          if (batch.length === 1) {
            outcomes.push({ done: await storeOne(deps, tx, batch[0]!) });
            return;
          }
          for (const item of batch) {
            await sql`savepoint article`.execute(tx.db);
            try {
              outcomes.push({ done: await storeOne(deps, tx, item) });
              await sql`release savepoint article`.execute(tx.db);
            } catch (error) {
              await sql`rollback to savepoint article`.execute(tx.db);
              await sql`release savepoint article`.execute(tx.db);
              // The clusterer's memory ran ahead of what was rolled back: it reloads from the database.
              deps.stories.reset?.();
              outcomes.push({ error });
            }
          }
        });
      } catch (error) {
        deps.stories.reset?.();
        for (const item of batch) item.reject(error);
        continue;
      }
      batch.forEach((item, i) => {
        const outcome = outcomes[i]!;
        if ('error' in outcome) item.reject(outcome.error);
        else item.resolve(outcome.done);
      });
    }
  } finally {
    group.running = false;
  }
}

async function storeOne(deps: PipelineDeps, tx: Tx, item: PendingStore): Promise<boolean> {
  const { id, outcome } = await upsertArticle(tx, item.input, item.now);
  if (outcome !== 'unchanged') {
    await deps.stories.assign(tx, { id, analyzed: item.analyzed }, item.now);
  }
  const job = item.job;
  const done = job?.lease_owner ? await completeJob(tx, job.id, job.lease_owner, item.now) : false;
  deps.log.info({ source_id: item.sourceId, article_id: id, outcome, job_id: job?.id }, 'article stored');
  return done;
}
