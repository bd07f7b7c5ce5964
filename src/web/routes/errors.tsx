// The 404 page and the error page: plain words, no stack trace, the right status.
import type { Context } from 'hono';
import type { App } from '../../app.js';
import { Layout } from '../views/layout.js';

/** Answers 404 with the site's "not found" page. */
export function notFoundPage(c: Context, app: App) {
  c.status(404);
  return c.html(
    <Layout siteName={app.config.siteName} title="Page not found">
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p><a href="/">Go to the front page</a></p>
    </Layout>,
  );
}

/** Answers 500 with a page that says what happened in words and nothing about the internals. */
export function errorPage(c: Context, app: App) {
  c.status(500);
  return c.html(
    <Layout siteName={app.config.siteName} title="Something went wrong">
      <h1>Something went wrong</h1>
      <p>The page could not be shown because of an error on our side. Please try again in a moment.</p>
      <p><a href="/">Go to the front page</a></p>
    </Layout>,
  );
}
