// Repository of reader comments and their moderation log. Validation and policy live in comments/;
// this file stores what they decided, enforces what must hold across processes (rate limits per IP
// hash and per email, no duplicate, thread depth) inside one write transaction, and erases.
import { sql } from 'kysely';
import type { Store, Tx } from './index.js';
import type { CommentRow } from './schema.js';

export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';

/** A comment as comments/ has validated it. */
export interface CommentInput {
  articleId: number;
  parentId: number | null;
  status: CommentStatus;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  ipHash: string | null;
  deleteTokenHash: string | null;
  /** 1 for a top-level comment (the default), the parent's depth + 1 for a reply. */
  depth?: number;
  /** comments/moderation.ts duplicateKey: unique, so the same post cannot be stored twice. */
  duplicateKey?: string | null;
  /** Why the comment was held or marked spam. */
  heldReason?: string | null;
}

/** Stores a comment; returns its id. */
export async function insertComment(tx: Tx, c: CommentInput, now: number): Promise<number> {
  const row = await tx.db
    .insertInto('comments')
    .values(commentValues(c, now))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function commentValues(c: CommentInput, now: number) {
  return {
    article_id: c.articleId,
    parent_id: c.parentId,
    status: c.status,
    author_name: c.authorName,
    author_email: c.authorEmail,
    author_url: c.authorUrl,
    body: c.body,
    ip_hash: c.ipHash,
    delete_token_hash: c.deleteTokenHash,
    depth: c.depth ?? 1,
    duplicate_key: c.duplicateKey ?? null,
    held_reason: c.heldReason ?? null,
    created_at: now,
    updated_at: now,
  };
}

/** Comments of an article with a status, oldest first (the order threads are read in). */
export async function commentsOfArticle(tx: Tx, articleId: number, status: CommentStatus = 'approved'): Promise<CommentRow[]> {
  return tx.db
    .selectFrom('comments')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('status', '=', status)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** What an article page shows: its approved comments, plus the given ones this reader posted that still await moderation. */
export async function commentsShownOn(tx: Tx, articleId: number, ownIds: readonly number[] = []): Promise<CommentRow[]> {
  let query = tx.db.selectFrom('comments').selectAll().where('article_id', '=', articleId);
  query = ownIds.length === 0
    ? query.where('status', '=', 'approved')
    // A honeypot catch looks pending to its sender: it is told nothing more.
    : query.where((eb) => eb.or([eb('status', '=', 'approved'), eb.and([eb('id', 'in', [...ownIds]), eb('status', 'in', ['pending', 'spam'])])]));
  return query.orderBy('created_at').orderBy('id').execute();
}

// A change always moves updated_at forward, even within the millisecond of the last one: the page
// cache's version of an article's comments (count and newest updated_at) must change with every change.
function touched(now: number) {
  return sql<number>`case when updated_at >= ${now} then updated_at + 1 else ${now} end`;
}

/** Moves a comment to another status and writes the moderation log in the same transaction. */
export async function moderateComment(tx: Tx, id: number, status: CommentStatus, actor: string, now: number, reason: string | null = null): Promise<boolean> {
  const result = await tx.db.updateTable('comments').set({ status, updated_at: touched(now) }).where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await tx.db.insertInto('comment_moderation').values({ comment_id: id, action: status, actor, reason, created_at: now }).execute();
  return true;
}

/** The moderation queue: comments with a status, oldest first. */
export async function commentsByStatus(tx: Tx, status: CommentStatus, limit: number): Promise<CommentRow[]> {
  return tx.db.selectFrom('comments').selectAll().where('status', '=', status).orderBy('created_at').orderBy('id').limit(limit).execute();
}

/** A comment with the title of its article, for moderators. */
export type ModerationItem = CommentRow & { article_title: string };

/** Comments with a status and their article titles, newest first (the moderators' feed and CLI). */
export async function moderationQueue(tx: Tx, status: CommentStatus, limit: number, order: 'oldest' | 'newest' = 'oldest'): Promise<ModerationItem[]> {
  const direction = order === 'oldest' ? 'asc' : 'desc';
  return tx.db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .selectAll('comments')
    .select('articles.title as article_title')
    .where('comments.status', '=', status)
    .orderBy('comments.created_at', direction)
    .orderBy('comments.id', direction)
    .limit(limit)
    .execute();
}

/** One comment by id. */
export async function getComment(tx: Tx, id: number): Promise<CommentRow | undefined> {
  return tx.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest approved comments of an article, newest first (its public comments feed). */
export async function latestApprovedComments(tx: Tx, articleId: number, limit: number): Promise<CommentRow[]> {
  return tx.db
    .selectFrom('comments')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Approved comments per article, for the counts lists show. Articles without any are absent. */
export async function approvedCommentCounts(tx: Tx, articleIds: readonly number[]): Promise<Map<number, number>> {
  if (articleIds.length === 0) return new Map();
  const rows = await tx.db
    .selectFrom('comments')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('article_id', 'in', [...articleIds])
    .where('status', '=', 'approved')
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((r) => [r.article_id, Number(r.n)]));
}

/** Rate limits: at most `perIp` comments per IP hash and `perEmail` per email within `windowMs`. */
export interface CommentRateLimits {
  windowMs: number;
  perIp: number;
  perEmail: number;
}

/** What became of a submitted comment. */
export type SubmitOutcome =
  | { kind: 'stored'; id: number; status: CommentStatus; reason: string }
  | { kind: 'duplicate'; id: number }
  | { kind: 'rate_limited'; by: 'ip' | 'email'; retryAfterMs: number }
  | { kind: 'parent_unavailable' }
  | { kind: 'too_deep' };

/** A comment to submit: everything but what submitComment decides (status, depth). */
export type CommentSubmission = Omit<CommentInput, 'status' | 'depth' | 'heldReason'> & { duplicateKey: string };

// Namespace of the rate-limit advisory locks (the migration lock uses the one-key form).
const RATE_LOCK_NAMESPACE = 7_411_903;
// More posts of one IP or email than this in flight at once, across every web process, could
// overshoot a limit by the excess; each process handles only a few posts at once (routes/comments).
const LOCK_MARGIN = 64;

/**
 * Stores a new comment after the checks that must hold across every web process: the parent is an
 * approved comment of the same article and not too deep, the commenter has not said this already,
 * and neither their IP hash nor their email is over the rate. `decide` gets whether the commenter
 * has an approved comment already and returns the status. One write transaction; on PostgreSQL,
 * near a limit, advisory locks per IP hash and per email make "count, then insert" atomic.
 */
export async function submitComment(
  store: Store,
  c: CommentSubmission,
  limits: CommentRateLimits & { maxDepth: number },
  decide: (knownCommenter: boolean) => { status: CommentStatus; reason: string },
  now: number,
): Promise<SubmitOutcome> {
  return store.writeTransaction(async (tx) => {
    let depth = 1;
    if (c.parentId !== null) {
      const parent = await tx.db.selectFrom('comments').select(['depth']).where('id', '=', c.parentId)
        .where('article_id', '=', c.articleId).where('status', '=', 'approved').executeTakeFirst();
      if (!parent) return { kind: 'parent_unavailable' };
      depth = parent.depth + 1;
      if (depth > limits.maxDepth) return { kind: 'too_deep' };
    }
    const earlier = await tx.db.selectFrom('comments').select('id').where('duplicate_key', '=', c.duplicateKey).executeTakeFirst();
    if (earlier) return { kind: 'duplicate', id: earlier.id };
    const since = now - limits.windowMs;
    const checks = [
      { by: 'ip' as const, column: 'ip_hash' as const, value: c.ipHash, max: limits.perIp },
      { by: 'email' as const, column: 'author_email' as const, value: c.authorEmail, max: limits.perEmail },
    ].filter((check) => check.value !== null);
    // Counting stops at the limit: what matters is whether it is reached, and a flood from one
    // address must not make each of its posts count the whole flood again.
    const count = () => Promise.all(checks.map(async (check) => {
      const window = tx.db.selectFrom('comments').select('id').where(check.column, '=', check.value).where('created_at', '>', since).limit(check.max);
      const recent = await tx.db.selectFrom(window.as('w')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { ...check, n: Number(recent.n) };
    }));
    let counts = await count();
    // SQLite runs one write transaction at a time (BEGIN IMMEDIATE). On PostgreSQL, posts near a
    // limit take a lock per IP hash and per email and count again, so "count, then insert" cannot
    // be raced past the limit; far below it they do not wait for each other's commits.
    if (tx.dialect === 'postgres' && counts.some((k) => k.n + LOCK_MARGIN >= k.max)) {
      const keys = checks.map((k) => `${k.by}\n${k.value}`).sort();
      for (const key of keys) await sql`select pg_advisory_xact_lock(${RATE_LOCK_NAMESPACE}, hashtext(${key}))`.execute(tx.db);
      counts = await count();
    }
    const over = counts.find((k) => k.n >= k.max);
    if (over) {
      // The window frees a place when its oldest comment leaves it.
      const oldest = await tx.db.selectFrom('comments').select('created_at').where(over.column, '=', over.value)
        .where('created_at', '>', since).orderBy('created_at').limit(1).executeTakeFirstOrThrow();
      return { kind: 'rate_limited', by: over.by, retryAfterMs: Math.max(1000, oldest.created_at + limits.windowMs - now) };
    }
    const known = await tx.db.selectFrom('comments').select('id').where('author_email', '=', c.authorEmail)
      .where('status', '=', 'approved').limit(1).executeTakeFirst();
    const verdict = decide(known !== undefined);
    const inserted = await tx.db
      .insertInto('comments')
      .values(commentValues({ ...c, status: verdict.status, depth, heldReason: verdict.status === 'approved' ? null : verdict.reason }, now))
      .onConflict((oc) => oc.column('duplicate_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const winner = await tx.db.selectFrom('comments').select('id').where('duplicate_key', '=', c.duplicateKey).executeTakeFirstOrThrow();
      return { kind: 'duplicate', id: winner.id };
    }
    await tx.db.insertInto('comment_moderation')
      .values({ comment_id: inserted.id, action: verdict.status, actor: 'system', reason: verdict.reason, created_at: now }).execute();
    return { kind: 'stored', id: inserted.id, status: verdict.status, reason: verdict.reason };
  });
}

// What erasing leaves of a comment: a tombstone in the trash, so replies to it keep their place
// and the moderation log keeps its history, with nothing that identifies or quotes the commenter.
const ERASED = {
  status: 'trash', author_name: '', author_email: '', author_url: null, body: '', ip_hash: null,
  delete_token_hash: null, duplicate_key: null, held_reason: null,
} as const;

/** Erases one comment at its author's request (the secret delete link); true when it existed. */
export async function eraseComment(tx: Tx, id: number, actor: string, now: number): Promise<boolean> {
  const result = await tx.db.updateTable('comments').set({ ...ERASED, updated_at: touched(now) }).where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await tx.db.insertInto('comment_moderation').values({ comment_id: id, action: 'erased', actor, reason: null, created_at: now }).execute();
  return true;
}

/** Every comment stored with an email address (lower case), oldest first, with its article: a data export. */
export async function commentsByEmail(tx: Tx, email: string): Promise<ModerationItem[]> {
  return tx.db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .selectAll('comments')
    .select('articles.title as article_title')
    .where('comments.author_email', '=', email.trim().toLowerCase())
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
}

/** Erases every comment stored with an email address; returns how many. */
export async function eraseCommentsByEmail(tx: Tx, email: string, actor: string, now: number): Promise<number> {
  const ids = (await tx.db.selectFrom('comments').select('id').where('author_email', '=', email.trim().toLowerCase()).execute()).map((r) => r.id);
  for (const id of ids) await eraseComment(tx, id, actor, now);
  return ids.length;
}

/** Clears the IP hashes of comments posted before `before` (the retention time); returns how many. */
export async function purgeIpHashes(tx: Tx, before: number): Promise<number> {
  const result = await tx.db.updateTable('comments').set({ ip_hash: null })
    .where('ip_hash', 'is not', null).where('created_at', '<', before).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** One entry of the moderation log. */
export interface ModerationLogEntry {
  id: number;
  comment_id: number;
  action: string;
  actor: string;
  reason: string | null;
  created_at: number;
}

/** The moderation log, newest first; of one comment when `commentId` is given. */
export async function moderationLog(tx: Tx, options: { limit: number; commentId?: number }): Promise<ModerationLogEntry[]> {
  let query = tx.db.selectFrom('comment_moderation').selectAll();
  if (options.commentId !== undefined) query = query.where('comment_id', '=', options.commentId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}
