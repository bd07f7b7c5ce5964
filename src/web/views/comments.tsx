// The comments section of an article page (issue #8): the approved comments as threads, and the
// "Leave a Reply" form, which works without JavaScript. The article page calls `commentsSection`
// and nothing else. On a shared cached page the section is the same for every reader; it is made
// for one reader (and marked `Cache-Control: private, no-store`) only when they reply to a comment,
// carry saved details (`ts_commenter`) or have just posted (`ts_posted`), or the form is re-shown.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { raw } from 'hono/html';
import type { App } from '../../app.js';
import type { ArticleRow, CommentRow } from '../../store/schema.js';
import { commentsShownOn } from '../../store/comments.js';
import { avatarHash, commentAvatar } from '../../comments/avatar.js';
import { FIELD_LIMITS, FORM_FIELDS } from '../../comments/fields.js';
import { signFormToken } from '../../comments/form-token.js';
import { MAX_THREAD_DEPTH } from '../../comments/moderation.js';
import { deleteSecretMatches, openCommenter, readPostedCookie } from '../../comments/privacy.js';
import { commentHtml } from '../../comments/render.js';
import { buildThreads, type ThreadNode } from '../../comments/thread.js';
import { commentStrings as s } from '../strings.js';
import { articlePath, isWebUrl } from '../urls.js';
import { When } from './when.js';

/** What a re-shown form holds after a failed post: the reader's input, a message per field, and one for the whole form. */
export interface CommentFormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** A message about the post as a whole: posted too fast, over the rate, a duplicate. */
  message?: string;
}

/** The "save my details" cookie (encrypted name, email and website). Its `ts_` prefix keeps its pages out of the shared cache. */
export const COMMENTER_COOKIE = 'ts_commenter';
/** The cookie naming the comments this browser just posted, with their delete secrets. */
export const POSTED_COOKIE = 'ts_posted';

/** The comment URLs of an article. */
export const commentPaths = {
  post: (articleId: number) => `/articles/${articleId}/comments`,
  feed: (articleId: number) => `/articles/${articleId}/comments/feed.xml`,
  remove: (articleId: number, commentId: number, secret: string) => `/articles/${articleId}/comments/${commentId}/delete?key=${encodeURIComponent(secret)}`,
  moderatorsFeed: '/admin/comments/feed.xml',
  anchor: (commentId: number) => `comment-${commentId}`,
};

type Values = Record<'comment' | 'author' | 'email' | 'url' | 'remember', string>;

interface Shown {
  article: ArticleRow;
  path: string;
  now: number;
  secret: string;
  /** Delete secrets of this reader's own comments, by id. */
  own: Map<number, string>;
  replyable: boolean;
}

/** Renders the comments of `article` and the form (with `form` re-shown after a failed post). */
export async function commentsSection(c: Context, app: App, article: ArticleRow, now: number, form?: CommentFormState) {
  const posted = readPostedCookie(getCookie(c, POSTED_COOKIE));
  const rows = await commentsShownOn(app.store, article.id, posted.map((p) => p.id));
  const own = new Map<number, string>();
  for (const p of posted) {
    const row = rows.find((r) => r.id === p.id);
    if (row && deleteSecretMatches(p.secret, row.delete_token_hash)) own.set(p.id, p.secret);
  }
  const visible = rows.filter((r) => r.status === 'approved' || own.has(r.id));
  const approved = visible.filter((r) => r.status === 'approved').length;
  const path = articlePath(article);

  const parentWanted = form ? form.values[FORM_FIELDS.parent] : c.req.query('replytocom');
  const replyTo = parentWanted ? visible.find((r) => String(r.id) === parentWanted && r.status === 'approved' && r.depth < MAX_THREAD_DEPTH) : undefined;
  const saved = openCommenter(app.secret, getCookie(c, COMMENTER_COOKIE));
  const values: Values = form
    ? { comment: '', author: '', email: '', url: '', remember: '', ...pick(form.values) }
    : { comment: '', author: saved?.name ?? '', email: saved?.email ?? '', url: saved?.url ?? '', remember: saved ? 'yes' : '' };
  // The page now holds something for this reader only: it must not go into the shared cache.
  if (form || saved || own.size > 0 || replyTo) c.header('Cache-Control', 'private, no-store');

  const shown: Shown = { article, path, now, secret: app.secret, own, replyable: true };
  const threads = buildThreads(visible, app.config.commentsOrder);
  return (
    <section id="comments" class="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{s.heading(approved)}</h2>
      {threads.length === 0 ? <p class="muted">{s.none}</p> : <ol class="comment-list">{threads.map((node) => <CommentItem node={node} shown={shown} />)}</ol>}
      <CommentForm article={article} path={path} now={now} secret={app.secret} values={values} form={form} replyTo={replyTo} />
    </section>
  );
}

function pick(values: Record<string, string>): Partial<Values> {
  const out: Partial<Values> = {};
  for (const key of ['comment', 'author', 'email', 'url', 'remember'] as const) if (typeof values[key] === 'string') out[key] = values[key];
  return out;
}

function CommentItem(props: { node: ThreadNode<CommentRow>; shown: Shown }) {
  const { node, shown } = props;
  const replies = node.replies.length > 0 ? <ol class="children">{node.replies.map((r) => <CommentItem node={r} shown={shown} />)}</ol> : null;
  const comment = node.comment;
  if (!comment) {
    return <li class="comment comment-removed"><p class="muted">{s.removed}</p>{replies}</li>;
  }
  const anchor = commentPaths.anchor(comment.id);
  const secret = shown.own.get(comment.id);
  const pending = comment.status !== 'approved';
  const author = comment.author_url && isWebUrl(comment.author_url)
    ? <a class="url" href={comment.author_url} rel="nofollow ugc noopener">{comment.author_name}</a>
    : comment.author_name;
  return (
    <li class={`comment depth-${comment.depth}${pending ? ' comment-pending' : ''}`}>
      <article id={anchor} class="comment-body">
        <footer class="comment-meta">
          <Avatar name={comment.author_name} email={comment.author_email} secret={shown.secret} />
          <b class="comment-author">{author}</b>
          <a class="comment-permalink" href={`#${anchor}`} aria-label={s.permalinkLabel(comment.author_name)}><When at={comment.created_at} now={shown.now} /></a>
        </footer>
        {pending ? <p class="comment-awaiting-moderation"><em>{s.awaitingModeration}</em></p> : null}
        <div class="comment-content">{raw(commentHtml(comment.body))}</div>
        {secret ? (
          <p class="comment-own">
            {pending ? null : <>{s.published} </>}{s.deleteHint} <a href={commentPaths.remove(shown.article.id, comment.id, secret)}>{s.deleteLink}</a>
          </p>
        ) : null}
        {!pending && comment.depth < MAX_THREAD_DEPTH ? (
          <p class="reply">
            <a class="comment-reply-link" rel="nofollow" href={`${shown.path}?replytocom=${comment.id}#respond`} aria-label={s.replyLabel(comment.author_name)}>{s.reply}</a>
          </p>
        ) : null}
      </article>
      {replies}
    </li>
  );
}

/** A commenter's avatar, drawn inline from the keyed hash of their email (no request to anyone). */
function Avatar(props: { name: string; email: string; secret: string }) {
  const avatar = commentAvatar(props.name, avatarHash(props.secret, props.email));
  return (
    <svg class="avatar" width="40" height="40" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <rect width="40" height="40" rx="6" fill={`hsl(${avatar.hue} 45% 30%)`} />
      {avatar.initials !== ''
        ? <text x="20" y="25.5" text-anchor="middle" font-size="15" font-weight="600" font-family="system-ui, sans-serif" fill="#fff">{avatar.initials}</text>
        : avatar.cells.map((on, i) => (on ? <rect x={5 + (i % 5) * 6} y={5 + Math.floor(i / 5) * 6} width="6" height="6" fill="#fff" /> : null))}
    </svg>
  );
}

interface FormProps {
  article: ArticleRow;
  path: string;
  now: number;
  secret: string;
  values: Values;
  form: CommentFormState | undefined;
  replyTo: CommentRow | undefined;
}

const TYPED_FIELDS = [
  { name: 'comment', kind: 'textarea', autocomplete: undefined },
  { name: 'author', kind: 'text', autocomplete: 'name' },
  { name: 'email', kind: 'email', autocomplete: 'email' },
  { name: 'url', kind: 'url', autocomplete: 'url' },
] as const;

function CommentForm(props: FormProps) {
  const errors = props.form?.errors ?? {};
  const errorFields = TYPED_FIELDS.filter((f) => errors[f.name]);
  return (
    <div id="respond" class="comment-respond">
      <h3 id="reply-title" class="comment-reply-title">
        {props.replyTo ? s.replyTo(props.replyTo.author_name) : s.leaveReply}
        {props.replyTo ? <> <small><a rel="nofollow" id="cancel-comment-reply-link" href={`${props.path}#respond`}>{s.cancelReply}</a></small></> : null}
      </h3>
      {props.form?.message ? <p class="comment-notice" role="alert">{props.form.message}</p> : null}
      {errorFields.length > 0 ? (
        <div class="comment-errors" role="alert">
          <p>{s.errorSummary(errorFields.length)}</p>
          <ul>{errorFields.map((f) => <li><a href={`#${f.name}`}>{s.labels[f.name]}: {errors[f.name]}</a></li>)}</ul>
        </div>
      ) : null}
      <form action={commentPaths.post(props.article.id)} method="post" id="commentform" class="comment-form" novalidate>
        <p class="comment-notes">
          <span id="email-notes">{s.emailNote}</span>{' '}
          <span class="required-field-message">{s.requiredNote} <span class="required">*</span></span>
        </p>
        {TYPED_FIELDS.map((f) => {
          const limit = FIELD_LIMITS[f.name];
          const error = errors[f.name];
          const describedBy = [f.name === 'email' ? 'email-notes' : '', error ? `${f.name}-error` : ''].filter(Boolean).join(' ') || undefined;
          const common = {
            id: f.name, name: FORM_FIELDS[f.name], maxlength: limit.max, required: limit.required,
            'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy,
          };
          return (
            <p class={`comment-form-${f.name}`}>
              <label for={f.name}>{s.labels[f.name]}{limit.required ? <> <span class="required" aria-hidden="true">*</span></> : null}</label>
              {f.kind === 'textarea'
                ? <textarea {...common} cols={45} rows={8}>{props.values.comment}</textarea>
                : <input {...common} type={f.kind} value={props.values[f.name]} size={30} autocomplete={f.autocomplete} spellcheck={f.kind === 'text' ? undefined : false} />}
              {error ? <span class="field-error" id={`${f.name}-error`}>{error}</span> : null}
            </p>
          );
        })}
        <p class="comment-form-cookies-consent">
          <input id="remember" name={FORM_FIELDS.remember} type="checkbox" value="yes" checked={props.values.remember !== ''} />{' '}
          <label for="remember">{s.remember}</label>
        </p>
        <div class="comment-form-trap" hidden>
          <label for="homepage">{s.honeypot}</label>
          <input id="homepage" name={FORM_FIELDS.honeypot} type="text" value="" tabindex={-1} autocomplete="off" />
        </div>
        <input type="hidden" name={FORM_FIELDS.parent} value={props.replyTo ? String(props.replyTo.id) : '0'} />
        <input type="hidden" name={FORM_FIELDS.token} value={signFormToken(props.secret, props.article.id, props.now)} />
        <p class="form-submit"><input type="submit" id="submit" class="submit" value={s.submit} /></p>
      </form>
      <p class="comments-feed muted"><a href={commentPaths.feed(props.article.id)}>{s.feedTitle(props.article.title)} (RSS)</a></p>
    </div>
  );
}

/** The comments section's styles, for the site stylesheet (threads indent, errors show, targets are ≥ 24 px). */
export const commentsCss = `
.comments ol{list-style:none;padding-left:0}
.comments ol.children{padding-left:1.25rem;border-left:2px solid var(--line);margin-left:.5rem}
.comment-body{margin:1rem 0}
.comment-meta{display:flex;align-items:center;gap:.6rem;flex-wrap:wrap}
.comment-meta .avatar{flex:none;border-radius:6px}
.comment-permalink{color:var(--muted);font-size:.9rem}
.comment-content{overflow-wrap:anywhere}
.comment-content p{margin:.4rem 0}
.comment-reply-link,#cancel-comment-reply-link{display:inline-block;min-height:24px;min-width:24px;padding:2px 4px}
.comment-pending .comment-content{opacity:.85}
.comment-form p{margin:.75rem 0}
.comment-form label{display:block;font-weight:600}
.comment-form-cookies-consent label{display:inline;font-weight:400}
.comment-form input[type=text],.comment-form input[type=email],.comment-form input[type=url],.comment-form textarea{width:100%;max-width:40rem;font:inherit;padding:.4rem;min-height:24px}
.comment-form input[type=checkbox]{width:24px;height:24px;vertical-align:middle}
.comment-form input[type=submit]{font:inherit;padding:.45rem 1rem;min-height:24px}
.field-error,.comment-errors,.comment-notice{color:var(--bad);display:block}
.comment-form [aria-invalid=true]{border:2px solid var(--bad)}
`;
