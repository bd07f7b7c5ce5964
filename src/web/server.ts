// The web process: the Hono app with every route, security headers, the page cache, and the Node
// HTTP listener.
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { createServer, type IncomingMessage, type RequestListener, type ServerOptions, type ServerResponse } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import type { App } from '../app.js';
import { TopstoryError } from '../errors.js';
import { madeForOneReader, pageCache, READER_COOKIE, type PageCache, type PageCacheOptions } from './cache.js';
import { SITE_ICON_PATH, SITE_JS_PATH, siteIcon, siteJs } from './assets/site-js.js';
import { frontRoute } from './routes/front.js';
import { articleRoute } from './routes/article.js';
import { storyRoute } from './routes/story.js';
import { topicRoute } from './routes/topic.js';
import { searchRoute } from './routes/search.js';
import { sourceRoute } from './routes/source.js';
import { sourcesRoute } from './routes/sources.js';
import { healthRoute } from './routes/health.js';
import { feedRoutes } from './routes/feeds.js';
import { sitemapRoutes } from './routes/sitemaps.js';
import { commentRoutes } from './routes/comments.js';
import { errorPage, notFoundPage } from './routes/errors.js';

/** Options of the web app (tests turn the cache off or shorten it). */
export interface WebOptions {
  cache?: Partial<PageCacheOptions> | false;
}

// The page cache of each app built here, for the listener's fast path.
const caches = new WeakMap<Hono, PageCache>();

/** Builds the site's request handler; `now` is the clock pages use. */
export function createWeb(app: App, now: () => number = Date.now, options: WebOptions = {}): Hono {
  const web = new Hono();
  // The cache comes first: a cached page already carries the security headers it was made with.
  if (options.cache !== false) {
    const cache = pageCache(app, options.cache ?? {}, now);
    caches.set(web, cache);
    web.use('*', cache);
  }
  web.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'https:', 'http:', 'data:'],
      scriptSrc: ["'self'"], frameSrc: ['https:'], objectSrc: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"],
      frameAncestors: ["'self'"],
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
    crossOriginOpenerPolicy: false,
  }));
  // Cross-Origin-Opener-Policy: same-origin on every response made for one reader (it sets a
  // cookie, is private or no-store, or answers a reader's cookie: a commenter's own page with its
  // delete link, a delete form, the moderators' feed), so no other site's window keeps a handle on a
  // page that holds a reader's secret. Pages the same for everyone do not send it: they hold
  // nothing a cross-origin opener could learn, and
  // the header makes Chromium move a page opened from a blank tab into a new browsing context
  // group, a renderer task of 40-80 ms before first paint (Lighthouse's Total Blocking Time on this
  // site: median 270 ms with it, 40 ms without, same bytes; see docs/benchmarks.md "Lighthouse").
  web.use('*', async (c, next) => {
    await next();
    if (madeForOneReader(c.res.headers) || READER_COOKIE.test(c.req.header('cookie') ?? '')) c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  });
  web.get(SITE_JS_PATH, (c) => c.body(siteJs, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' }));
  web.get(SITE_ICON_PATH, (c) => c.body(siteIcon, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=31536000, immutable' }));
  // Browsers ask for /favicon.ico whatever the page says; send them to the icon.
  web.get('/favicon.ico', (c) => c.redirect(SITE_ICON_PATH, 301));
  healthRoute(web, app);
  frontRoute(web, app, now);
  articleRoute(web, app, now);
  storyRoute(web, app, now);
  topicRoute(web, app, now);
  searchRoute(web, app, now);
  sourcesRoute(web, app, now);
  sourceRoute(web, app, now);
  feedRoutes(web, app, now);
  sitemapRoutes(web, app, now);
  commentRoutes(web, app, now);
  web.notFound((c) => notFoundPage(c, app));
  web.onError((err, c) => {
    app.log.error({ err, path: c.req.path }, 'request failed');
    return errorPage(c, app);
  });
  return web;
}

/** Starts listening on the configured host and port; resolves with the server and its URL once bound. */
export function listen(app: App, web: Hono, options: { host: string; port: number }): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    const cache = caches.get(web);
    const server = serve({
      fetch: web.fetch, hostname: options.host, port: options.port,
      // A fresh cached page is written straight on the Node response; the rest goes through Hono.
      ...(cache ? { createServer: ((serverOptions: ServerOptions, listener: RequestListener) => createServer(serverOptions, withCacheHits(cache, listener))) as typeof createServer } : {}),
    }, (info) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({ server, url: `http://${host}:${info.port}` });
    });
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'the address is already in use (choose another TOPSTORY_PORT)' : err.code === 'EACCES' ? 'permission denied' : err.message;
      reject(new TopstoryError('web', 'listen_failed', `cannot listen on ${options.host}:${options.port}: ${why}`, { cause: err }));
    });
  });
}

// The Node request listener that answers fresh cache hits itself and passes the rest on.
function withCacheHits(cache: PageCache, listener: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const served = cache.serveHit(req, res);
    if (served === true) return;
    if (served === false) return void listener(req, res);
    void served.then((done) => { if (!done) listener(req, res); });
  };
}
