// The comments section of an article page (issue #8 owns this file): approved comments and the
// "Leave a Reply" form. The article page calls `commentsSection` and nothing else.
import type { Context } from 'hono';
import type { App } from '../../app.js';
import type { ArticleRow } from '../../store/schema.js';
import { commentsOfArticle } from '../../store/comments.js';

/** What a re-shown form holds after a failed post: the reader's input and a message per field. */
export interface CommentFormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** Renders the comments of `article` and the form (with `form` re-shown after a failed post). */
export async function commentsSection(_c: Context, app: App, article: ArticleRow, _now: number, _form?: CommentFormState) {
  const comments = await commentsOfArticle(app.store, article.id);
  return (
    <section id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments ({comments.length})</h2>
    </section>
  );
}
