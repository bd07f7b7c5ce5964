// Repository of reader comments and their moderation log. Validation and policy live in comments/.
import type { Tx } from './index.js';
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
}

/** Stores a comment; returns its id. */
export async function insertComment(tx: Tx, c: CommentInput, now: number): Promise<number> {
  const row = await tx.db
    .insertInto('comments')
    .values({
      article_id: c.articleId,
      parent_id: c.parentId,
      status: c.status,
      author_name: c.authorName,
      author_email: c.authorEmail,
      author_url: c.authorUrl,
      body: c.body,
      ip_hash: c.ipHash,
      delete_token_hash: c.deleteTokenHash,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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

/** Moves a comment to another status and writes the moderation log in the same transaction. */
export async function moderateComment(tx: Tx, id: number, status: CommentStatus, actor: string, now: number): Promise<boolean> {
  const result = await tx.db.updateTable('comments').set({ status, updated_at: now }).where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await tx.db.insertInto('comment_moderation').values({ comment_id: id, action: status, actor, created_at: now }).execute();
  return true;
}

/** The moderation queue: comments with a status, oldest first. */
export async function commentsByStatus(tx: Tx, status: CommentStatus, limit: number): Promise<CommentRow[]> {
  return tx.db.selectFrom('comments').selectAll().where('status', '=', status).orderBy('created_at').orderBy('id').limit(limit).execute();
}
