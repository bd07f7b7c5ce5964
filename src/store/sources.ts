// Repository of sources: the outlets an operator follows, with their fetch state and health.
import { TopstoryError } from '../errors.js';
import { slugify } from '../text/slug.js';
import type { Tx } from './index.js';
import type { SourceRow } from './schema.js';

export type SourceKind = 'feed' | 'sitemap' | 'page';
export type SourceDisplay = 'full' | 'excerpt';

/** What an operator gives when adding a source. */
export interface NewSource {
  name: string;
  url: string;
  kind?: SourceKind;
  siteUrl?: string | null;
  display?: SourceDisplay;
  fetchFullText?: boolean;
  weight?: number;
  settings?: Record<string, unknown>;
}

/** Lower-case ASCII slug of a name (Cyrillic transliterated), for URLs such as /sources/:slug. */
export function sourceSlug(name: string): string {
  return slugify(name).slice(0, 60).replace(/-+$/, '') || 'source';
}

/** Adds a source, due for its first check now; refuses a URL that is already a source. */
export async function addSource(tx: Tx, source: NewSource, now: number): Promise<SourceRow> {
  const existing = await tx.db.selectFrom('sources').select(['name']).where('url', '=', source.url).executeTakeFirst();
  if (existing) throw new TopstoryError('store', 'duplicate_source', `${source.url} is already a source ("${existing.name}")`);
  const base = sourceSlug(source.name);
  const taken = new Set(
    (await tx.db.selectFrom('sources').select('slug').where('slug', 'like', `${base}%`).execute()).map((r) => r.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return tx.db
    .insertInto('sources')
    .values({
      slug,
      name: source.name,
      kind: source.kind ?? 'feed',
      url: source.url,
      site_url: source.siteUrl ?? null,
      display: source.display ?? 'excerpt',
      fetch_full_text: source.fetchFullText === false ? 0 : 1,
      weight: source.weight ?? 1,
      settings: JSON.stringify(source.settings ?? {}),
      status: 'active',
      next_check_at: now,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every source, by name. */
export async function listSources(tx: Tx): Promise<SourceRow[]> {
  return tx.db.selectFrom('sources').selectAll().orderBy('name').orderBy('id').execute();
}

/** One source by id or slug, or undefined. */
export async function getSource(tx: Tx, key: number | string): Promise<SourceRow | undefined> {
  const query = tx.db.selectFrom('sources').selectAll();
  return (typeof key === 'number' ? query.where('id', '=', key) : query.where('slug', '=', key)).executeTakeFirst();
}

/** The source polling `url`, or undefined. */
export async function findSourceByUrl(tx: Tx, url: string): Promise<SourceRow | undefined> {
  return tx.db.selectFrom('sources').selectAll().where('url', '=', url).executeTakeFirst();
}

/** Records a successful check: clears the error state, stores validators and schedules the next check. */
export async function recordSourceSuccess(
  tx: Tx,
  id: number,
  result: { now: number; nextCheckAt: number; etag?: string | null; lastModified?: string | null; articlesPerDay?: number },
): Promise<void> {
  await tx.db
    .updateTable('sources')
    .set({
      last_checked_at: result.now,
      last_success_at: result.now,
      next_check_at: result.nextCheckAt,
      consecutive_failures: 0,
      failing_since: null,
      ...(result.etag !== undefined ? { etag: result.etag } : {}),
      ...(result.lastModified !== undefined ? { last_modified: result.lastModified } : {}),
      ...(result.articlesPerDay !== undefined ? { articles_per_day: result.articlesPerDay } : {}),
      updated_at: result.now,
    })
    .where('id', '=', id)
    .execute();
}

/** Records a failed check with the error in words; the caller chooses the back-off. */
export async function recordSourceFailure(
  tx: Tx,
  id: number,
  failure: { now: number; error: string; nextCheckAt: number },
): Promise<void> {
  const row = await tx.db.selectFrom('sources').select(['failing_since']).where('id', '=', id).executeTakeFirst();
  await tx.db
    .updateTable('sources')
    .set((eb) => ({
      last_checked_at: failure.now,
      last_error: failure.error.slice(0, 1000),
      last_error_at: failure.now,
      next_check_at: failure.nextCheckAt,
      consecutive_failures: eb('consecutive_failures', '+', 1),
      failing_since: row?.failing_since ?? failure.now,
      updated_at: failure.now,
    }))
    .where('id', '=', id)
    .execute();
}

/** Pauses or resumes a source; a paused source is never due. */
export async function setSourceStatus(tx: Tx, id: number, status: 'active' | 'paused', reason: string | null, now: number): Promise<void> {
  await tx.db
    .updateTable('sources')
    .set({ status, paused_reason: status === 'paused' ? reason : null, updated_at: now, ...(status === 'active' ? { next_check_at: now } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Article counts per source, for the sources list. */
export async function articleCountsBySource(tx: Tx): Promise<Map<number, number>> {
  const rows = await tx.db
    .selectFrom('articles')
    .select((eb) => ['source_id', eb.fn.countAll<number>().as('n')])
    .groupBy('source_id')
    .execute();
  return new Map(rows.map((r) => [r.source_id, Number(r.n)]));
}
