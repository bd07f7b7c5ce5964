// The demo outlets' web servers: one node:http server per outlet on loopback, each with its own
// ephemeral port, serving home page, article pages, lead images, feed and robots.txt with real HTTP
// behaviour — strong ETags and Last-Modified with 304 (RFC 9110 §13), gzip with Vary, HEAD, a slow
// outlet, a flaky outlet, a robots.txt disallow (RFC 9309) and a growth mode that publishes over time.
// Run `node --import tsx demo/server.ts` to serve them until Ctrl-C.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { TopstoryError } from '../src/errors.js';
import { visibleBlocks } from './blocks.js';
import { corpusWindow, loadCorpus, type CorpusArticle } from './corpus.js';
import { DemoEdition, type ArticleView, type SiteOutlet } from './edition.js';
import { renderFeed } from './feeds.js';
import { drawLeadImage, drawLogo } from './images.js';
import { encodeDocument, esc } from './markup.js';
import { outlets as allOutlets } from './outlets.js';
import { templates } from './templates/index.js';
import type { ArticlePage } from './templates/page.js';

/** Options of {@link startDemoOutlets}. */
export interface DemoOutletsOptions {
  /** The clock (headline updates and Last-Modified follow it); defaults to the wall clock. */
  now?: () => Date;
  /** Shift every corpus time so the newest article is at this instant; null or absent keeps corpus times. */
  shiftTo?: Date | null;
  /** Growth mode: start with the oldest `initialShare` of the corpus and release one more every `intervalMs`. */
  growth?: { intervalMs: number; initialShare: number } | null;
  /** The articles to serve; defaults to demo/corpus/*.json. */
  corpus?: CorpusArticle[];
  /** Address to listen on; loopback by default. */
  host?: string;
  /** Overrides every outlet's response delay (tests pass 0 when the slow outlet is not the subject). */
  delayMs?: number;
  /** Overrides the flaky outlet's "one request in N fails" (0 never fails). */
  failEvery?: number;
}

/** The running demo outlets. */
export interface DemoOutlets {
  outlets: SiteOutlet[];
  /** The absolute URL of an article page (published or not yet). */
  articleUrl(id: string): string;
  /** Publishes the next `n` (default 1) articles now; returns how many were released. */
  release(n?: number): number;
  close(): Promise<void>;
}

/** A response the router decided on, before conditional requests and compression. */
interface Reply {
  status: number;
  contentType: string;
  body: Buffer;
  /** Pages, feeds and images carry validators; error pages and redirects do not. */
  lastModified?: Date;
  location?: string;
}

/** Media types that gzip shrinks. */
const compressible = /^(text\/|application\/(rss\+xml|atom\+xml|rdf\+xml|feed\+json|json|xml)|image\/svg\+xml)/;

/** Whether Accept-Encoding allows gzip (RFC 9110 §12.5.3: q=0 refuses, "*" covers unnamed codings). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star: boolean | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === 'gzip' || name === 'x-gzip') return allowed;
    if (name === '*') star = allowed;
  }
  return star ?? false;
}

/** A strong entity tag: a hash of the representation's bytes. */
function entityTag(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 27);
}

/** The If-None-Match list matches the tag (weak comparison, RFC 9110 §13.1.2; either coding's variant). */
function noneMatch(header: string, tag: string): boolean {
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '').replace(/^"|"$/g, '').replace(/-gzip$/, '');
    return v === '*' || v === tag;
  });
}

/** Small cache of gzipped bodies by entity tag, so a polled feed is compressed once per version. */
const gzipCache = new Map<string, Buffer>();

function gzipped(tag: string, body: Buffer): Buffer {
  let out = gzipCache.get(tag);
  if (!out) {
    out = gzipSync(body);
    if (gzipCache.size > 500) gzipCache.delete(gzipCache.keys().next().value!);
    gzipCache.set(tag, out);
  }
  return out;
}

/** Writes a reply, answering conditional requests with 304 and compressing when the client allows. */
function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { 'Content-Type': reply.contentType };
  let body = reply.body;
  const status = reply.status;
  const gzip = compressible.test(reply.contentType);
  if (gzip) headers['Vary'] = 'Accept-Encoding';
  if (reply.location) headers['Location'] = reply.location;
  const useGzip = gzip && acceptsGzip(req.headers['accept-encoding']);
  if (reply.lastModified && status === 200) {
    const tag = entityTag(body);
    headers['ETag'] = `"${tag}${useGzip ? '-gzip' : ''}"`;
    headers['Last-Modified'] = reply.lastModified.toUTCString();
    headers['Cache-Control'] = 'no-cache';
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    // RFC 9110 §13.2.2: If-None-Match takes precedence; If-Modified-Since only without it.
    const notModified = inm !== undefined
      ? noneMatch(inm, tag)
      : ims !== undefined && Math.floor(reply.lastModified.getTime() / 1000) <= Math.floor(Date.parse(ims) / 1000);
    if (notModified) {
      delete headers['Content-Type'];
      res.writeHead(304, headers);
      res.end();
      return;
    }
    if (useGzip) body = gzipped(tag, body);
  } else if (useGzip) {
    body = gzipSync(body);
  }
  if (useGzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = body.length;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** What one outlet's server needs to answer. */
interface OutletContext {
  site: SiteOutlet;
  edition: DemoEdition;
  now: () => Date;
  delayMs: number;
  failEvery: number;
  /** Requests seen so far that count towards `failEvery` (all but robots.txt). */
  requests: number;
  articleByPath: Map<string, string>;
  imageByPath: Map<string, string>;
  articleByNumber: Map<number, string>;
}

function htmlReply(ctx: OutletContext, status: number, html: string, lastModified?: Date): Reply {
  return { status, contentType: `text/html; charset=${ctx.site.charset}`, body: encodeDocument(html, ctx.site.charset), lastModified };
}

/** Error pages in the style of the web server in front of a CMS. */
function errorPage(ctx: OutletContext, status: 404 | 405 | 500): Reply {
  const text = { 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error' }[status];
  const ru = ctx.site.lang === 'ru';
  const detail = status === 404
    ? (ru ? 'Запрашиваемая страница не найдена.' : 'The page you are looking for does not exist or has been moved.')
    : (ru ? 'Сервер временно не может обработать запрос.' : 'Something went wrong on our side. Please try again in a moment.');
  return htmlReply(ctx, status, `<!DOCTYPE html>
<html lang="${ctx.site.lang}"><head><meta charset="${ctx.site.charset}"><title>${status} ${text}</title></head>
<body><h1>${status} ${text}</h1><p>${esc(detail)}</p><hr><address>nginx</address></body></html>
`);
}

function robotsTxt(ctx: OutletContext): string {
  const { site } = ctx;
  const lines = [`# robots.txt for ${site.homeUrl}`, 'User-agent: *'];
  if (site.template === 'aggregator') lines.push('Disallow: /wp-admin/', 'Allow: /wp-admin/admin-ajax.php');
  else if (site.behaviour.robotsDisallow) lines.push(`Disallow: ${site.behaviour.robotsDisallow}`);
  else lines.push('Disallow:');
  if (site.feed === 'news-sitemap') lines.push('', `Sitemap: ${site.feedUrl}`);
  return lines.join('\n') + '\n';
}

/** The article page model: visible blocks, the outlet's latest and related articles. */
function articlePage(ctx: OutletContext, article: CorpusArticle, now: Date): ArticlePage {
  const view = ctx.edition.view(article, now);
  const others = ctx.edition.outletArticles(ctx.site.slug, now).filter((v) => v.article.id !== article.id);
  const rank = (v: ArticleView) => (v.article.story === article.story ? 0 : v.article.section === article.section ? 1 : 2);
  // Stable sort keeps newest-first order inside each rank.
  const related = [...others].sort((a, b) => rank(a) - rank(b)).slice(0, 3);
  const blocks = visibleBlocks(ctx.site.template, article);
  const previous = others.find((v) => v.published.getTime() < view.published.getTime()
    || (v.published.getTime() === view.published.getTime() && v.article.id < article.id)) ?? null;
  return { view, blocks, hiddenBlocks: article.body.length - blocks.length, latest: others.slice(0, 6), previous, related, now };
}

/** Decides the reply for one request path. */
function route(ctx: OutletContext, url: URL): Reply {
  const { site, edition } = ctx;
  const now = ctx.now();
  const template = templates[site.template];
  const modified = edition.outletModified(site.slug, now);
  const fixed = edition.shift(corpusWindow.start);
  const path = url.pathname;

  if (path === '/robots.txt') {
    return { status: 200, contentType: 'text/plain; charset=utf-8', body: Buffer.from(robotsTxt(ctx)), lastModified: fixed };
  }
  if (path === '/logo.svg') {
    return { status: 200, contentType: 'image/svg+xml', body: Buffer.from(drawLogo(site.slug, site.name)), lastModified: fixed };
  }
  if (path === '/') {
    // WordPress answers its shortlinks (`/?p=123`, the RSS guid) with a redirect to the permalink.
    const p = url.searchParams.get('p');
    if (p !== null && site.template === 'aggregator') {
      const id = ctx.articleByNumber.get(Number(p));
      if (!id || !edition.published(id)) return errorPage(ctx, 404);
      return { status: 301, contentType: 'text/html; charset=utf-8', body: Buffer.alloc(0), location: site.baseUrl + edition.links.get(id)!.path };
    }
    const items = edition.outletArticles(site.slug, now).slice(0, 20);
    return htmlReply(ctx, 200, template.home({ site, items, now }), modified);
  }
  if (path === site.feedPath) {
    const feed = renderFeed(site, edition.outletArticles(site.slug, now), modified);
    return { status: 200, contentType: feed.contentType, body: encodeDocument(feed.text, site.charset), lastModified: modified };
  }
  const articleId = ctx.articleByPath.get(path);
  const article = articleId ? edition.published(articleId) : undefined;
  if (article) return htmlReply(ctx, 200, template.article(articlePage(ctx, article, now)), modified);
  if (!path.endsWith('/') && ctx.articleByPath.has(path + '/') && edition.published(ctx.articleByPath.get(path + '/')!)) {
    return { status: 301, contentType: 'text/html; charset=utf-8', body: Buffer.alloc(0), location: site.baseUrl + path + '/' };
  }
  const imageId = ctx.imageByPath.get(path);
  const pictured = imageId ? edition.published(imageId) : undefined;
  if (pictured?.image) {
    return {
      status: 200, contentType: 'image/svg+xml', body: Buffer.from(drawLeadImage(pictured.id, pictured.image.alt)),
      lastModified: edition.shift(pictured.published),
    };
  }
  const privatePrefix = site.behaviour.robotsDisallow;
  if (privatePrefix && path.startsWith(privatePrefix)) return privateArea(ctx, path.slice(privatePrefix.length), now, modified);
  return errorPage(ctx, 404);
}

/**
 * Staff previews under the robots.txt-disallowed prefix: real pages a polite crawler must not fetch
 * (the home page links to them, so link-following alone would reach them).
 */
function privateArea(ctx: OutletContext, rest: string, now: Date, modified: Date): Reply {
  const { site, edition } = ctx;
  const base = site.baseUrl + site.behaviour.robotsDisallow!;
  const items = edition.outletArticles(site.slug, now);
  if (rest === '') {
    return htmlReply(ctx, 200, `<!doctype html>
<html lang="${site.lang}"><head><meta charset="utf-8"><title>Staff previews - ${esc(site.name)}</title><meta name="robots" content="noindex, nofollow"><link rel="canonical" href="${esc(base)}"></head>
<body><h1>Staff previews</h1><p>Internal: not for publication.</p><ul>
${items.map((v) => `<li><a href="${esc(base)}preview/${esc(v.article.id)}">${esc(v.title)}</a></li>`).join('\n')}
</ul></body></html>
`, modified);
  }
  const match = /^preview\/([^/]+)$/.exec(rest);
  const article = match ? edition.published(match[1]!) : undefined;
  if (!article || article.outlet !== site.slug) return errorPage(ctx, 404);
  const html = templates[site.template].article(articlePage(ctx, article, now))
    .replace('<head>', '<head>\n<meta name="robots" content="noindex, nofollow">')
    .replace(/<body[^>]*>/, (tag) => `${tag}\n<div class="preview-banner">PREVIEW — embargoed, do not share</div>`);
  return htmlReply(ctx, 200, html, modified);
}

async function handle(ctx: OutletContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (ctx.delayMs > 0) await sleep(ctx.delayMs);
  const url = new URL(req.url ?? '/', ctx.site.baseUrl);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(req, res, errorPage(ctx, 405));
    return;
  }
  // robots.txt is exempt so a flaky outlet stays crawlable (RFC 9309 §2.3.1.4 would otherwise read a 5xx as "disallow all").
  if (ctx.failEvery > 0 && url.pathname !== '/robots.txt') {
    ctx.requests++;
    if (ctx.requests % ctx.failEvery === 0) {
      send(req, res, errorPage(ctx, 500));
      return;
    }
  }
  send(req, res, route(ctx, url));
}

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts one loopback HTTP server per demo outlet and resolves once all of them listen. */
export async function startDemoOutlets(options: DemoOutletsOptions = {}): Promise<DemoOutlets> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const corpus = options.corpus ?? loadCorpus();
  const known = new Set(allOutlets.map((o) => o.slug));
  const stray = corpus.find((a) => !known.has(a.outlet));
  if (stray) throw new TopstoryError('demo', 'unknown_outlet', `article "${stray.id}" names unknown outlet "${stray.outlet}"`);

  // Ports are known only once every server listens, and the edition needs every outlet's base URL;
  // so the servers start first and their contexts are completed before `startDemoOutlets` resolves.
  const servers: Server[] = [];
  const sites: SiteOutlet[] = [];
  const pending: Array<Omit<OutletContext, 'site' | 'edition'>> = [];
  const contexts: OutletContext[] = [];
  try {
    for (const [i, outlet] of allOutlets.entries()) {
      const server = createServer((req, res) => {
        handle(contexts[i]!, req, res).catch((err: unknown) => {
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(`demo server error: ${(err as Error).message}\n`);
        });
      });
      servers.push(server);
      const port = await listen(server, host);
      const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      sites.push({ ...outlet, baseUrl, feedUrl: baseUrl + outlet.feedPath, homeUrl: baseUrl + '/' });
      pending.push({
        now,
        delayMs: options.delayMs ?? outlet.behaviour.delayMs ?? 0,
        failEvery: options.failEvery ?? outlet.behaviour.failEvery ?? 0,
        requests: 0,
        articleByPath: new Map(),
        imageByPath: new Map(),
        articleByNumber: new Map(),
      });
    }
  } catch (err) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    throw new TopstoryError('demo', 'listen_failed', `cannot listen on ${host}: ${(err as Error).message}`, { cause: err });
  }

  const edition = new DemoEdition(corpus, sites, {
    shiftTo: options.shiftTo ?? null,
    initialShare: options.growth ? options.growth.initialShare : null,
  });
  sites.forEach((site, i) => {
    const ctx: OutletContext = { ...pending[i]!, site, edition };
    for (const article of edition.articles.filter((a) => a.outlet === site.slug)) {
      const link = edition.links.get(article.id)!;
      ctx.articleByPath.set(link.path, article.id);
      ctx.imageByPath.set(link.imagePath, article.id);
      ctx.articleByNumber.set(link.number, article.id);
    }
    contexts.push(ctx);
  });

  const timer = options.growth && options.growth.intervalMs > 0
    ? setInterval(() => edition.release(1, now()), options.growth.intervalMs)
    : undefined;
  timer?.unref();

  return {
    outlets: sites,
    articleUrl(id: string): string {
      const article = edition.article(id);
      if (!article) throw new TopstoryError('demo', 'unknown_article', `no demo article "${id}"`);
      return sites.find((s) => s.slug === article.outlet)!.baseUrl + edition.links.get(id)!.path;
    },
    release: (n = 1) => edition.release(n, now()),
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      })));
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'growth-ms': { type: 'string', default: '60000' },
      'no-shift': { type: 'boolean', default: false },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const intervalMs = Number(values['growth-ms']);
  const demo = await startDemoOutlets({
    shiftTo: values['no-shift'] ? null : new Date(),
    growth: intervalMs > 0 ? { intervalMs, initialShare: 0.8 } : null,
    host: values.host,
  });
  for (const site of demo.outlets) process.stdout.write(`${site.name.padEnd(18)} ${site.feedUrl}   (home ${site.homeUrl})\n`);
  process.stdout.write(`Serving ${demo.outlets.length} demo outlets${intervalMs > 0 ? `, one new article every ${intervalMs} ms` : ''}; Ctrl-C stops.\n`);
  const stop = () => { void demo.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Growth's timer is unref'd; this keeps the process alive until a signal.
  setInterval(() => undefined, 1 << 30);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`topstory: demo: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
