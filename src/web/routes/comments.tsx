// Reader comments over HTTP (issue #8): POST /articles/:id/comments (the "Leave a Reply" form),
// the secret delete link, the public feed of an article's approved comments and the moderators'
// feed behind admin auth. Checks run cheapest first: content type (415), size (413), article (404),
// cross-site request or missing/forged form token (403), form age (422), fields (422), then in one
// write transaction duplicate (409), rate per IP hash and per email (429 + Retry-After), status.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { App } from '../../app.js';
import { getArticle, wasArticleRemoved } from '../../store/articles.js';
import {
  eraseComment, getComment, latestApprovedComments, moderationQueue, purgeIpHashes, submitComment,
  type CommentStatus, type SubmitOutcome,
} from '../../store/comments.js';
import type { ArticleRow } from '../../store/schema.js';
import { apiKeyUser, authenticateUser } from '../../store/users.js';
import { akismetRequest, akismetVerdict } from '../../comments/akismet.js';
import { FORM_FIELDS, readCommentForm, type CommentDraft } from '../../comments/fields.js';
import { checkFormToken } from '../../comments/form-token.js';
import {
  blocklistMatch, COMMENT_STATUSES, commentVerdict, duplicateKey, MAX_THREAD_DEPTH, parseBlocklist, type CommentFacts,
} from '../../comments/moderation.js';
import {
  deleteSecretMatches, ipHash, newDeleteSecret, postedCookieValue, readPostedCookie, sealCommenter,
} from '../../comments/privacy.js';
import { commentHtml, linkCount } from '../../comments/render.js';
import { renderRss, tagUri, type FeedDocument, type FeedEntry } from '../feeds-out.js';
import { commentStrings as s, strings } from '../strings.js';
import { absoluteUrl, articlePath } from '../urls.js';
import { COMMENTER_COOKIE, commentPaths, POSTED_COOKIE, type CommentFormState } from '../views/comments.js';
import { sitePage } from '../views/page.js';
import { articleId, renderArticlePage } from './article.js';
import { gonePage, notFoundPage } from './errors.js';

// A 10,000-character comment of three-byte characters is 90,000 bytes once form-encoded; the other
// fields add at most a few thousand.
const MAX_BODY_BYTES = 128 * 1024;
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/iu;
const COMMENTER_COOKIE_DAYS = 365;
// Long enough to come back and find the delete link; the page stays uncached only for this reader.
const POSTED_COOKIE_SECONDS = 24 * 3600;
const IP_PURGE_INTERVAL_MS = 3_600_000;
const AKISMET_TIMEOUT_MS = 5_000;
const FEED_LIMIT = 50;

/**
 * At most `size` comment posts are handled at once by this process; the rest wait here, in memory
 * (their body is read when their turn comes). A flood of posts then cannot queue ahead of every reader's query for
 * the database connection (SQLite has one per process, PostgreSQL a small pool) nor fill the event
 * loop, so the article page is still served.
 */
class SubmissionGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The next post starts on a later turn of the event loop: readers woken by this post's last
      // query get the database connection first, instead of the next post taking it ahead of them.
      if (next) setImmediate(next);
      else this.active--;
    }
  }
}

/** A post that passed the checks needing no database write: what storing it needs. */
interface CheckedPost {
  article: ArticleRow;
  draft: CommentDraft;
  form: CommentFormState;
  t: number;
  address: string;
}

/** Registers the comment routes. */
export function commentRoutes(web: Hono, app: App, now: () => number): void {
  const forms = formsOnly(app);
  const gate = new SubmissionGate(app.store.dialect === 'sqlite' ? 4 : Math.max(1, Math.floor(app.config.dbPoolSize / 2)));
  let lastIpPurge = 0;

  // Checks that need nothing but the request and the article; a Response when the post ends here.
  const check = async (c: Context): Promise<Response | CheckedPost> => {
    const article = await articleOrMissing(c, app);
    if (article instanceof Response) return article;
    if (crossSite(c, app)) return refused(c, app, article);
    const fields = await formFields(c);
    const t = now();
    const tokenProblem = checkFormToken(app.secret, fields[FORM_FIELDS.token], article.id, t);
    if (tokenProblem === 'missing' || tokenProblem === 'forged') return refused(c, app, article);
    const read = readCommentForm(fields);
    const errors = Object.fromEntries(Object.entries(read.problems).map(([field, problem]) => [field, s.problems[field]?.[problem] ?? problem]));
    const form: CommentFormState = { values: read.values, errors };
    if (tokenProblem) return reshowForm(c, app, t, article, { ...form, message: tokenProblem === 'too_fast' ? s.tooFast : s.expired }, 422);
    if (!read.draft) return reshowForm(c, app, t, article, form, 422);
    return { article, draft: read.draft, form, t, address: clientAddress(c, app) };
  };

  // Stores a checked post, or says why not.
  const store = async (c: Context, post: CheckedPost, akismet: CommentFacts['akismet']): Promise<Response> => {
    const { article, draft, form, t } = post;
    const facts: Omit<CommentFacts, 'knownCommenter'> = {
      honeypotFilled: draft.honeypotFilled,
      linkCount: linkCount(draft.body),
      blocklisted: blocklistMatch(parseBlocklist(app.config.commentsBlocklist), [draft.body, draft.authorName, draft.authorEmail, draft.authorUrl ?? '']),
      akismet,
    };
    const deletion = newDeleteSecret();
    const policy = { mode: app.config.commentsModeration, maxLinks: app.config.commentsMaxLinks };
    const outcome: SubmitOutcome = await submitComment(app.store, {
      articleId: article.id, parentId: draft.parentId, authorName: draft.authorName, authorEmail: draft.authorEmail,
      authorUrl: draft.authorUrl, body: draft.body, ipHash: ipHash(app.secret, post.address), deleteTokenHash: deletion.hash,
      duplicateKey: duplicateKey(article.id, draft.authorEmail, draft.body),
    }, {
      windowMs: app.config.commentsRateWindowSeconds * 1000, perIp: app.config.commentsRatePerIp,
      perEmail: app.config.commentsRatePerEmail, maxDepth: MAX_THREAD_DEPTH,
    }, (knownCommenter) => commentVerdict({ ...facts, knownCommenter }, policy), t);

    if (t - lastIpPurge > IP_PURGE_INTERVAL_MS) {
      lastIpPurge = t;
      purgeIpHashes(app.store, t - app.config.commentsIpRetentionDays * 86_400_000)
        .then((cleared) => { if (cleared > 0) app.log.info({ cleared }, 'comment ip hashes purged'); })
        .catch((err: unknown) => app.log.warn({ err }, 'comment ip hash purge failed'));
    }

    switch (outcome.kind) {
      case 'stored': {
        app.log.info({ comment_id: outcome.id, article_id: article.id, status: outcome.status, reason: outcome.reason }, 'comment posted');
        rememberCommenter(c, app, draft);
        const posted = readPostedCookie(getCookie(c, POSTED_COOKIE)).filter((p) => p.id !== outcome.id);
        setCookie(c, POSTED_COOKIE, postedCookieValue([...posted, { id: outcome.id, secret: deletion.secret }]), {
          path: `/articles/${article.id}/`, maxAge: POSTED_COOKIE_SECONDS, httpOnly: true, sameSite: 'Lax', secure: secureCookies(app),
        });
        c.header('Cache-Control', 'no-store');
        // Post/Redirect/Get: a reload does not post again. A honeypot catch is answered the same way.
        return c.redirect(`${articlePath(article)}#${commentPaths.anchor(outcome.id)}`, 303);
      }
      case 'duplicate':
        return reshowForm(c, app, t, article, { ...form, message: s.duplicate }, 409);
      case 'rate_limited': {
        const seconds = Math.ceil(outcome.retryAfterMs / 1000);
        app.log.info({ article_id: article.id, by: outcome.by, retry_after_s: seconds }, 'comment rate limited');
        return reshowForm(c, app, t, article, { ...form, message: s.rateLimited(Math.max(1, Math.ceil(seconds / 60))) }, 429, { 'Retry-After': String(seconds) });
      }
      case 'parent_unavailable':
        return reshowForm(c, app, t, article, { values: { ...form.values, parent: '0' }, errors: {}, message: s.parentUnavailable }, 422);
      case 'too_deep':
        return reshowForm(c, app, t, article, { values: { ...form.values, parent: '0' }, errors: {}, message: s.tooDeep }, 422);
    }
  };

  web.post('/articles/:id/comments', closeAfter, forms, async (c) => {
    const post = await gate.run(() => check(c));
    if (post instanceof Response) return post;
    // The optional third-party check waits outside the gate: a slow service must not hold the places.
    const akismet = post.draft.honeypotFilled ? 'off' : await akismetCheck(c, app, post.article, post.draft, post.address, post.t);
    return gate.run(() => store(c, post, akismet));
  });

  web.get('/articles/:id/comments/:comment/delete', async (c) => {
    const found = await ownComment(c, app, c.req.query('key') ?? '');
    c.header('Cache-Control', 'private, no-store');
    if (!found) return message(c, app, 404, s.deleteTitle, s.deleteUnknown);
    const { article, key } = found;
    return sitePage(c, app, { title: s.deleteTitle, meta: { path: c.req.path, noindex: true } }, (
      <>
        <h1>{s.deleteTitle}</h1>
        <p>{s.deleteConfirm}</p>
        <form method="post" action={c.req.path}>
          <input type="hidden" name="key" value={key} />
          <p><input type="submit" value={s.deleteButton} /></p>
        </form>
        <p><a href={articlePath(article)}>{s.toArticle(article.title)}</a></p>
      </>
    ));
  });

  web.post('/articles/:id/comments/:comment/delete', forms, async (c) => {
    c.header('Cache-Control', 'private, no-store');
    if (crossSite(c, app)) return message(c, app, 403, s.forbiddenTitle, s.forbidden);
    const found = await ownComment(c, app, (await formFields(c)).key ?? '');
    if (!found) return message(c, app, 404, s.deleteTitle, s.deleteUnknown);
    await app.store.writeTransaction((tx) => eraseComment(tx, found.commentId, 'author', now()));
    app.log.info({ comment_id: found.commentId, article_id: found.article.id }, 'comment deleted by its author');
    return sitePage(c, app, { title: s.deletedTitle, meta: { path: c.req.path, noindex: true } }, (
      <>
        <h1>{s.deletedTitle}</h1>
        <p>{s.deleted}</p>
        <p><a href={articlePath(found.article)}>{s.toArticle(found.article.title)}</a></p>
      </>
    ));
  });

  web.get('/articles/:id/comments/feed.xml', async (c) => {
    const article = await articleOrMissing(c, app);
    if (article instanceof Response) return article;
    const comments = await latestApprovedComments(app.store, article.id, FEED_LIMIT);
    const pageUrl = absoluteUrl(app.config.baseUrl, articlePath(article));
    const entries = comments.map((comment): FeedEntry => ({
      id: tagUri(app.config.baseUrl, comment.created_at, `comments/${comment.id}`),
      title: s.feedItemTitle(comment.author_name),
      url: `${pageUrl}#${commentPaths.anchor(comment.id)}`,
      externalUrl: null, contentHtml: commentHtml(comment.body), summary: null, author: comment.author_name,
      published: comment.created_at, updated: comment.created_at, image: null, language: null, source: null,
    }));
    return xmlFeed(c, feedDocument(app, s.feedTitle(article.title), s.feedDescription(article.title, app.config.siteName), pageUrl, commentPaths.feed(article.id), entries, now()), 'public, no-cache');
  });

  web.get(commentPaths.moderatorsFeed, async (c) => {
    const user = await moderator(c, app, now());
    if (!user) {
      return c.text(s.authRequired, 401, { 'WWW-Authenticate': 'Basic realm="Topstory moderators", charset="UTF-8"', 'Cache-Control': 'no-store' });
    }
    const wanted = c.req.query('status') ?? 'pending';
    const status = (COMMENT_STATUSES as readonly string[]).includes(wanted) ? (wanted as CommentStatus) : 'pending';
    const items = await moderationQueue(app.store, status, FEED_LIMIT, 'newest');
    const entries = items.map((item): FeedEntry => ({
      id: tagUri(app.config.baseUrl, item.created_at, `comments/${item.id}/${status}`),
      title: s.moderatorsItemTitle(item.author_name, item.article_title, item.held_reason),
      url: absoluteUrl(app.config.baseUrl, `${articlePath({ id: item.article_id, title: item.article_title })}#${commentPaths.anchor(item.id)}`),
      externalUrl: null,
      contentHtml: `${commentHtml(item.body)}\n<p>#${item.id}${item.author_url ? ` · ${item.author_url.replace(/[<>&"]/gu, '')}` : ''} · topstory comments approve ${item.id}</p>`,
      summary: null, author: item.author_name, published: item.created_at, updated: item.updated_at, image: null, language: null, source: null,
    }));
    const title = s.moderatorsFeedTitle(status, app.config.siteName);
    return xmlFeed(c, feedDocument(app, title, title, absoluteUrl(app.config.baseUrl, '/'), `${commentPaths.moderatorsFeed}?status=${status}`, entries, now()), 'private, no-store');
  });
}

/**
 * Answers to a comment post close the connection. A reader posts rarely, so it costs nothing; a
 * client posting in a loop over a keep-alive connection must then reconnect for each post and so
 * queues with every other visitor, instead of keeping a busy server to itself (Node serves ready
 * keep-alive sockets ahead of new connections: without this, a flood of posts left new readers
 * waiting until it ended).
 */
const closeAfter: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('Connection', 'close');
};

// 415 for anything but a form (comments are posted by the form, never as JSON or text), then 413
// past the size limit, before any of the body is parsed.
function formsOnly(app: App): MiddlewareHandler {
  const sizeLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => message(c, app, 413, s.tooLargeTitle, s.tooLarge) });
  return async (c, next) => {
    if (!FORM_TYPES.test(c.req.header('content-type') ?? '')) return message(c, app, 415, s.unsupportedTitle, s.unsupported);
    return sizeLimit(c, next);
  };
}

async function formFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') fields[name] = value;
  return fields;
}

async function articleOrMissing(c: Context, app: App): Promise<ArticleRow | Response> {
  const id = articleId(c.req.param('id'));
  const article = id === undefined ? undefined : await getArticle(app.store, id);
  if (article) return article;
  return id !== undefined && (await wasArticleRemoved(app.store, id)) ? gonePage(c, app) : notFoundPage(c, app);
}

/**
 * True for a request a browser sent from another site (Fetch Metadata, then Origin): such a post is
 * refused whatever token it carries. Requests without either header (not from a browser) rely on
 * the signed form token alone.
 */
function crossSite(c: Context, app: App): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = c.req.header('origin');
  if (origin === undefined) return false;
  return origin !== new URL(c.req.url).origin && origin !== new URL(app.config.baseUrl).origin;
}

function refused(c: Context, app: App, article: ArticleRow) {
  return sitePage(c, app, { title: s.forbiddenTitle, meta: { path: c.req.path, noindex: true } }, (
    <>
      <h1>{s.forbiddenTitle}</h1>
      <p>{s.forbidden}</p>
      <p><a href={`${articlePath(article)}#respond`}>{s.toArticle(article.title)}</a></p>
    </>
  ), 403);
}

function message(c: Context, app: App, status: ContentfulStatusCode, title: string, text: string) {
  return sitePage(c, app, { title, meta: { path: c.req.path, noindex: true } }, (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      <p><a href="/">{strings.errors.toFront}</a></p>
    </>
  ), status);
}

// The article page again, the reader's input in the form and the messages next to their fields.
async function reshowForm(
  c: Context, app: App, now: number, article: ArticleRow, form: CommentFormState, status: ContentfulStatusCode, extra: Record<string, string> = {},
): Promise<Response> {
  const page = await renderArticlePage(c, app, now, article.id, form);
  if (page.status !== 200 && page.status !== 422) return page;
  const headers = new Headers(page.headers);
  headers.set('Cache-Control', 'private, no-store');
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(page.body, { status, headers });
}

// The reader's address: the connection's peer, or the header a trusted reverse proxy sets.
function clientAddress(c: Context, app: App): string {
  const header = app.config.commentsIpHeader;
  if (header) {
    const value = c.req.header(header)?.split(',')[0]?.trim();
    if (value) return value;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (app.request in tests) have no socket.
    return 'unknown';
  }
}

function secureCookies(app: App): boolean {
  return app.config.baseUrl.startsWith('https:');
}

// "Save my name, email, and website": remembered only when ticked, forgotten when not.
function rememberCommenter(c: Context, app: App, draft: CommentDraft): void {
  if (draft.remember) {
    setCookie(c, COMMENTER_COOKIE, sealCommenter(app.secret, { name: draft.authorName, email: draft.authorEmail, url: draft.authorUrl ?? '' }), {
      path: '/', maxAge: COMMENTER_COOKIE_DAYS * 86_400, httpOnly: true, sameSite: 'Lax', secure: secureCookies(app),
    });
  } else if (getCookie(c, COMMENTER_COOKIE) !== undefined) {
    deleteCookie(c, COMMENTER_COOKIE, { path: '/' });
  }
}

async function akismetCheck(c: Context, app: App, article: ArticleRow, draft: CommentDraft, ip: string, now: number): Promise<CommentFacts['akismet']> {
  const key = app.config.akismetKey;
  if (!key) return 'off';
  const request = akismetRequest({ url: app.config.akismetUrl, key, site: app.config.baseUrl }, {
    ip, userAgent: c.req.header('user-agent') ?? '', referrer: c.req.header('referer') ?? '',
    permalink: absoluteUrl(app.config.baseUrl, articlePath(article)), authorName: draft.authorName, authorUrl: draft.authorUrl,
    body: draft.body, at: now,
  });
  try {
    const res = await fetch(request.url, {
      method: 'POST', body: request.body, signal: AbortSignal.timeout(AKISMET_TIMEOUT_MS),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Topstory comments' },
    });
    const verdict = akismetVerdict(res.status, await res.text());
    if (verdict === 'unknown') app.log.warn({ status: res.status }, 'akismet answered neither spam nor ham');
    return verdict;
  } catch (err) {
    app.log.warn({ err_code: (err as { name?: string }).name }, 'akismet unreachable');
    return 'unknown';
  }
}

// The comment a delete link names, when its secret matches.
async function ownComment(c: Context, app: App, key: string): Promise<{ article: ArticleRow; commentId: number; key: string } | undefined> {
  const id = articleId(c.req.param('id'));
  const commentId = articleId(c.req.param('comment'));
  if (id === undefined || commentId === undefined || key === '') return undefined;
  const comment = await getComment(app.store, commentId);
  if (!comment || comment.article_id !== id || !deleteSecretMatches(key, comment.delete_token_hash)) return undefined;
  const article = await getArticle(app.store, id);
  return article ? { article, commentId, key } : undefined;
}

// An admin by HTTP Basic (user name and password, RFC 7617) or an API key as a Bearer token (RFC 6750).
async function moderator(c: Context, app: App, now: number) {
  const authorization = c.req.header('authorization') ?? '';
  const bearer = /^Bearer\s+(\S+)$/iu.exec(authorization);
  if (bearer) return app.store.writeTransaction((tx) => apiKeyUser(tx, bearer[1]!, now));
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/iu.exec(authorization);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return authenticateUser(app.store, decoded.slice(0, colon), decoded.slice(colon + 1));
}

function feedDocument(app: App, title: string, description: string, pageUrl: string, feedPath: string, entries: FeedEntry[], now: number): FeedDocument {
  const self = absoluteUrl(app.config.baseUrl, feedPath);
  return {
    title, description, pageUrl, feedUrls: { rss: self, atom: self, json: self }, language: null,
    updated: entries.length === 0 ? now : Math.max(...entries.map((e) => e.updated)), siteName: app.config.siteName, entries,
  };
}

function xmlFeed(c: Context, feed: FeedDocument, cacheControl: string) {
  return c.body(renderRss(feed), 200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': cacheControl });
}
