// Repository of jobs: work that must survive a crash (fetch an article, re-rank), claimed with a
// lease so that a killed worker's job comes back, and never claimed by two workers at once.
import { sql } from 'kysely';
import type { Tx, Store } from './index.js';
import type { JobRow } from './schema.js';

export interface NewJob {
  kind: string;
  payload?: unknown;
  runAt: number;
  /** A job with this key is not enqueued again while one is queued or running. */
  uniqueKey?: string;
  maxAttempts?: number;
}

// The row of a new job.
function jobRow(job: NewJob, now: number) {
  return {
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? {}),
    unique_key: job.uniqueKey ?? null,
    run_at: job.runAt,
    max_attempts: job.maxAttempts ?? 5,
    created_at: now,
    updated_at: now,
  };
}

/** Enqueues a job; returns its id, or undefined when a job with the same unique key is already pending. */
export async function enqueueJob(tx: Tx, job: NewJob, now: number): Promise<number | undefined> {
  const row = await tx.db
    .insertInto('jobs')
    .values(jobRow(job, now))
    .onConflict((oc) => oc.column('unique_key').where(sql<boolean>`unique_key is not null and status in ('queued', 'running')`).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Enqueues many jobs in one statement per 500 (benchmarks, bulk re-rank). */
export async function enqueueJobs(tx: Tx, jobs: NewJob[], now: number): Promise<void> {
  for (let i = 0; i < jobs.length; i += 500) {
    await tx.db
      .insertInto('jobs')
      .values(jobs.slice(i, i + 500).map((job) => jobRow(job, now)))
      .execute();
  }
}

export interface ClaimOptions {
  /** Who claims: a worker id, stored on the job so only it can complete it. */
  owner: string;
  now: number;
  leaseMs: number;
  limit?: number;
  kinds?: string[];
}

/**
 * Claims up to `limit` due jobs: queued ones whose time has come, and running ones whose lease
 * expired (their worker died). PostgreSQL: FOR UPDATE SKIP LOCKED lets concurrent workers take
 * disjoint rows without waiting; SQLite: the write transaction serialises claimers.
 */
export async function claimJobs(store: Store, options: ClaimOptions): Promise<JobRow[]> {
  const limit = options.limit ?? 1;
  const kinds = options.kinds && options.kinds.length > 0 ? sql`and kind in (${sql.join(options.kinds)})` : sql``;
  const lockClause = store.dialect === 'postgres' ? sql`for update skip locked` : sql``;
  return store.writeTransaction(async (tx) => {
    // Two index-ordered scans that stop at the limit (an OR of both conditions would scan every
    // job ever run): expired leases first (their worker died), then queued jobs whose time has come.
    const expired = await sql<{ id: number }>`select id from jobs
      where status = 'running' and lease_expires_at <= ${options.now} ${kinds}
      order by lease_expires_at, id limit ${limit} ${lockClause}`.execute(tx.db);
    const room = limit - expired.rows.length;
    const queued = room > 0
      ? await sql<{ id: number }>`select id from jobs
          where status = 'queued' and run_at <= ${options.now} ${kinds}
          order by run_at, id limit ${room} ${lockClause}`.execute(tx.db)
      : { rows: [] };
    const ids = [...expired.rows, ...queued.rows].map((r) => r.id);
    if (ids.length === 0) return [];
    const result = await sql<JobRow>`
      update jobs set status = 'running', lease_owner = ${options.owner},
        lease_expires_at = ${options.now + options.leaseMs}, attempts = attempts + 1, updated_at = ${options.now}
      where id in (${sql.join(ids)})
      returning *`.execute(tx.db);
    return result.rows.sort((a, b) => a.id - b.id);
  });
}

/** Marks a claimed job done; false when the lease was lost to another worker. */
export async function completeJob(tx: Tx, id: number, owner: string, now: number): Promise<boolean> {
  const result = await tx.db
    .updateTable('jobs')
    .set({ status: 'done', lease_owner: null, lease_expires_at: null, updated_at: now })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records a failed attempt: retried at `retryAt` while attempts remain, else marked failed. */
export async function failJob(tx: Tx, id: number, owner: string, error: string, retryAt: number, now: number): Promise<void> {
  await tx.db
    .updateTable('jobs')
    .set((eb) => ({
      status: eb.case().when('attempts', '>=', eb.ref('max_attempts')).then('failed').else('queued').end(),
      run_at: retryAt,
      last_error: error.slice(0, 1000),
      lease_owner: null,
      lease_expires_at: null,
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Gives a claimed job back without counting the attempt (a worker shutting down). */
export async function releaseJob(tx: Tx, id: number, owner: string, now: number): Promise<void> {
  await tx.db
    .updateTable('jobs')
    .set((eb) => ({ status: 'queued', attempts: eb('attempts', '-', 1), lease_owner: null, lease_expires_at: null, updated_at: now }))
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running')
    .execute();
}

/** Counts of jobs per status, for health pages and tests. */
export async function jobCounts(tx: Tx): Promise<Record<string, number>> {
  const rows = await tx.db.selectFrom('jobs').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
