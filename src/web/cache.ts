// The in-process page cache, conditional GET and compression. A rendered page is kept with the
// version of the content it was made from (the newest write to articles and stories, and for an
// article page that article's comments); a request whose version differs re-renders, so a new
// article, a re-rank or a comment shows on the next request, on every web process (the version
// comes from the shared database). Entries also expire after `maxAgeMs` because pages say "3 min
// ago" and lists show comment counts (a comment re-renders its article page at once, lists within
// `maxAgeMs`: a flood of posts must not re-render every page). Readers get an ETag (RFC 9110 §8.8.3) and 304 for an unchanged page, and br or gzip bodies
// compressed once per entry (RFC 9110 §12.5.3 negotiation, simplified to "br if offered, else gzip").
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { App } from '../app.js';
import { pageVersion, pageVersionSync } from '../store/pages.js';

/** Limits of the cache. */
export interface PageCacheOptions {
  maxEntries: number;
  maxBytes: number;
  maxAgeMs: number;
}

export const defaultPageCacheOptions: PageCacheOptions = { maxEntries: 2000, maxBytes: 128 * 1024 * 1024, maxAgeMs: 60_000 };

interface Entry {
  version: string;
  createdAt: number;
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
  etag: string;
  br?: Buffer;
  gzip?: Buffer;
  /** Response headers per encoding and hit/miss as plain objects: the server writes them without a Headers object. */
  sent: Map<string, Record<string, string>>;
}

/** What a cache entry answers to one request. */
interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** The cache as middleware, plus `serveHit` for the Node listener and `stats` for tests and /metrics. */
export type PageCache = MiddlewareHandler & {
  /**
   * Answers a request straight on the Node response when it is a fresh hit (true), before any
   * Request object or router exists; false (or a promise of it, when the version check is
   * asynchronous) when the request must go to the app. It never writes when it answers false.
   */
  serveHit(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean>;
  stats: { hits: number; misses: number; entries: () => number; clear: () => void };
}

// Responses smaller than this are sent as they are: compressing them gains less than it costs.
const MIN_COMPRESS_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|feed\+json|rss\+xml|atom\+xml|xml|javascript|ld\+json))/u;
// Paths whose answers are per-reader, private or live: never cached here.
const UNCACHED = /^\/(healthz|metrics|admin|api)(\/|$)/u;
// A reader carrying one of our cookies (e.g. saved comment details) gets a page made for them.
export const READER_COOKIE = /(?:^|;\s*)ts_/u;
const ARTICLE_PATH = /^\/articles\/([1-9]\d{0,15})(?:\/|$)/u;

/** Whether a response was made for one reader: it sets a cookie, or says it may not be shared. */
export function madeForOneReader(headers: Headers): boolean {
  return headers.has('set-cookie') || /no-store|private/u.test(headers.get('cache-control') ?? '');
}

/** Whether a request may be answered from (and stored in) the cache. */
function cacheable(method: string | undefined, pathname: string, cookie: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && !UNCACHED.test(pathname) && !READER_COOKIE.test(cookie ?? '');
}

/** The article an article page shows (its comments are part of the page's version). */
function articleIdOf(pathname: string): number | undefined {
  const article = ARTICLE_PATH.exec(pathname);
  return article ? Number(article[1]) : undefined;
}

/** The cache key of a URL: its path and its query parameters sorted. */
function cacheKey(url: URL): string {
  if (url.search === '') return `${url.pathname}?`;
  return `${url.pathname}?${[...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&')}`;
}

/** The page cache middleware, with `serveHit` and `stats`. */
export function pageCache(app: App, options: Partial<PageCacheOptions> = {}, clock: () => number = Date.now): PageCache {
  const o = { ...defaultPageCacheOptions, ...options };
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, entries: () => entries.size, clear: () => { entries.clear(); bytes = 0; } };

  const evict = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    bytes -= old.body.length + (old.br?.length ?? 0) + (old.gzip?.length ?? 0);
    entries.delete(key);
  };

  const grow = (n: number) => { bytes += n; };

  const fresh = (entry: Entry, version: string, now: number) => entry.version === version && now - entry.createdAt <= o.maxAgeMs;

  // A hit: counted, and least recently used goes first, so it is re-inserted.
  const touch = (key: string, entry: Entry) => {
    stats.hits++;
    entries.delete(key);
    entries.set(key, entry);
  };

  const handler: MiddlewareHandler = async (c, next) => {
    const method = c.req.method;
    const url = new URL(c.req.url);
    if (!cacheable(method, url.pathname, c.req.header('cookie'))) {
      await next();
      c.res = await compressed(c.req.header('accept-encoding'), c.res);
      return;
    }
    const key = cacheKey(url);
    const version = await pageVersion(app.store, articleIdOf(url.pathname));
    const now = clock();
    let entry = entries.get(key);
    if (entry && !fresh(entry, version, now)) {
      evict(key);
      entry = undefined;
    }
    if (entry) {
      touch(key, entry);
      c.res = toResponse(respond(entry, c.req.header('accept-encoding'), c.req.header('if-none-match'), method, grow, true));
      return;
    }
    stats.misses++;
    await next();
    const res = c.res;
    const cacheControl = res.headers.get('cache-control') ?? '';
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || madeForOneReader(res.headers) || !COMPRESSIBLE.test(type)) {
      c.res = await compressed(c.req.header('accept-encoding'), res);
      return;
    }
    const body = Buffer.from(await res.arrayBuffer());
    const headers = [...res.headers].filter(([name]) => name !== 'content-length' && name !== 'content-encoding');
    if (!cacheControl) headers.push(['cache-control', 'public, no-cache']);
    entry = {
      version, createdAt: now, status: res.status, headers, body,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`, sent: new Map(),
    };
    entries.set(key, entry);
    bytes += body.length;
    while (entries.size > o.maxEntries || bytes > o.maxBytes) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      evict(oldest);
    }
    c.res = toResponse(respond(entry, c.req.header('accept-encoding'), c.req.header('if-none-match'), method, grow));
  };

  // The same decision as the middleware's for a hit, on the Node request: the fresh entry is
  // written at once; anything else (a miss, a stale or changed entry, a reader's cookie) goes to the
  // app, which decides again and renders.
  const serveHit = (req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> => {
    const method = req.method ?? 'GET';
    if (entries.size === 0) return false;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return false;
    }
    if (!cacheable(method, url.pathname, req.headers.cookie)) return false;
    const key = cacheKey(url);
    const entry = entries.get(key);
    if (!entry) return false;
    const articleId = articleIdOf(url.pathname);
    const finish = (version: string): boolean => {
      // The entry may have been replaced or evicted while an asynchronous check ran.
      if (entries.get(key) !== entry || !fresh(entry, version, clock())) return false;
      touch(key, entry);
      const r = respond(entry, req.headers['accept-encoding'], req.headers['if-none-match'], method, grow, true);
      res.writeHead(r.status, r.headers);
      res.end(r.body ?? undefined);
      return true;
    };
    let version: string | undefined;
    try {
      version = pageVersionSync(app.store, articleId);
    } catch {
      return false;
    }
    if (version !== undefined) return finish(version);
    return pageVersion(app.store, articleId).then(finish, () => false);
  };
  return Object.assign(handler, { serveHit, stats });
}

type Encoding = 'br' | 'gzip' | undefined;

// "br" when the client accepts it, else "gzip", else none; q=0 means "not acceptable" (RFC 9110 §12.4.2).
function chooseEncoding(accept: string | undefined): Encoding {
  if (!accept) return undefined;
  const offered = new Map<string, number>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/u.exec(p)?.[1]).find(Boolean);
    offered.set(name!.trim(), q === undefined ? 1 : Number(q));
  }
  if ((offered.get('br') ?? 0) > 0) return 'br';
  if ((offered.get('gzip') ?? 0) > 0) return 'gzip';
  return undefined;
}

function compress(body: Buffer, encoding: 'br' | 'gzip'): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 6 });
}

function respond(entry: Entry, acceptEncoding: string | undefined, ifNoneMatch: string | undefined, method: string, grew: (bytes: number) => void, hit = false): Reply {
  const encoding = entry.body.length >= MIN_COMPRESS_BYTES ? chooseEncoding(acceptEncoding) : undefined;
  let body = entry.body;
  if (encoding) {
    let variant = entry[encoding];
    if (!variant) {
      variant = entry[encoding] = compress(entry.body, encoding);
      grew(variant.length);
    }
    body = variant;
  }
  const sentKey = `${encoding ?? ''}|${hit ? 'hit' : 'miss'}`;
  let headers = entry.sent.get(sentKey);
  if (!headers) {
    headers = Object.fromEntries(entry.headers);
    headers.etag = entry.etag;
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = String(body.length);
    headers['x-cache'] = hit ? 'hit' : 'miss';
    entry.sent.set(sentKey, headers);
  }
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//u, '') === entry.etag || tag.trim() === '*')) {
    const { 'content-type': _type, 'content-length': _length, 'content-encoding': _encoding, ...rest } = headers;
    return { status: 304, headers: rest, body: null };
  }
  return { status: entry.status, headers, body: method === 'HEAD' ? null : body };
}

// The stored bytes are sent as they are (a Buffer is a Uint8Array): no copy per response.
function toResponse(reply: Reply): Response {
  return new Response(reply.body as Uint8Array<ArrayBuffer> | null, { status: reply.status, headers: reply.headers });
}

// Compresses an uncached response when it is text, large enough and not encoded already.
async function compressed(acceptEncoding: string | undefined, res: Response): Promise<Response> {
  const type = res.headers.get('content-type') ?? '';
  const encoding = chooseEncoding(acceptEncoding);
  if (!encoding || !res.body || res.headers.has('content-encoding') || !COMPRESSIBLE.test(type)) return res;
  const body = Buffer.from(await res.arrayBuffer());
  const headers = new Headers(res.headers);
  if (body.length < MIN_COMPRESS_BYTES) return new Response(new Uint8Array(body), { status: res.status, headers });
  const out = compress(body, encoding);
  headers.set('content-encoding', encoding);
  headers.set('content-length', String(out.length));
  headers.append('vary', 'Accept-Encoding');
  return new Response(new Uint8Array(out), { status: res.status, headers });
}
