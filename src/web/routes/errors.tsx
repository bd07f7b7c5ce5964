// The 404, 410, 400 and error pages: plain words, no stack trace, the right status, never indexed.
import type { Context } from 'hono';
import type { App } from '../../app.js';
import { strings } from '../strings.js';
import { sitePage } from '../views/page.js';

const e = strings.errors;

/** Answers 404 with the site's "not found" page. */
export function notFoundPage(c: Context, app: App) {
  return sitePage(c, app, { title: e.notFoundTitle, meta: { path: c.req.path, noindex: true } }, (
    <>
      <h1>{e.notFoundTitle}</h1>
      <p>{e.notFound}</p>
      <p><a href="/">{e.toFront}</a></p>
    </>
  ), 404);
}

/** Answers 410 Gone for a page that existed and was removed. */
export function gonePage(c: Context, app: App) {
  return sitePage(c, app, { title: e.goneTitle, meta: { path: c.req.path, noindex: true } }, (
    <>
      <h1>{e.goneTitle}</h1>
      <p>{e.gone}</p>
      <p><a href="/">{e.toFront}</a></p>
    </>
  ), 410);
}

/** Answers 400 with what was wrong with the request, in words. */
export function badRequestPage(c: Context, app: App, message: string) {
  return sitePage(c, app, { title: e.badRequestTitle, meta: { path: c.req.path, noindex: true } }, (
    <>
      <h1>{e.badRequestTitle}</h1>
      <p>{message}</p>
      <p><a href="/">{e.toFront}</a></p>
    </>
  ), 400);
}

/** Answers 500 with a page that says what happened in words and nothing about the internals. */
export function errorPage(c: Context, app: App) {
  return sitePage(c, app, { title: e.errorTitle, meta: { path: c.req.path, noindex: true } }, (
    <>
      <h1>{e.errorTitle}</h1>
      <p>{e.error}</p>
      <p><a href="/">{e.toFront}</a></p>
    </>
  ), 500);
}
