// Answers a request with a whole page: the content inside the shared frame, with the site's name
// and base URL filled in from the configuration.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { html } from 'hono/html';
import type { App } from '../../app.js';
import { Layout, type PageMeta } from './layout.js';

/** What a page says about itself besides its content. */
export interface PageHead {
  title: string;
  description?: string | undefined;
  meta: PageMeta;
  query?: string;
}

/** Responds with `body` framed as a page of this site. */
export function sitePage(c: Context, app: App, head: PageHead, body: Child, status: ContentfulStatusCode = 200) {
  // The doctype keeps browsers out of quirks mode; JSX cannot write it.
  return c.html(
    html`<!DOCTYPE html>${<Layout siteName={app.config.siteName} baseUrl={app.config.baseUrl} title={head.title} description={head.description} meta={head.meta} {...(head.query !== undefined ? { query: head.query } : {})}>
      {body}
    </Layout>}`,
    status,
  );
}
