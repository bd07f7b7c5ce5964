// The fetcher: the only code that talks to the outside. Polite (User-Agent, robots.txt, per-host
// concurrency and spacing, conditional GET) and safe (SSRF guard on every hop, connection and peer;
// limits on time, header and body size). Redirects are followed here, hop by hop, never by undici.
import { STATUS_CODES } from 'node:http';
import type { Readable } from 'node:stream';
import { Agent } from 'undici';
import { canonicalName, parseAllowlist, refuseHost } from './address-guard.js';
import { ACCEPT_ENCODING, discard, parseContentEncoding, readBody } from './body.js';
import { createGuardedConnector, type Dialer, type Lookup } from './connector.js';
import { FetchError, formatBytes, type FetchErrorCode } from './fetch-error.js';
import { HostQueue } from './host-queue.js';
import {
  type HeaderValues, headerList, headerValue, parseContentType, parseMaxAge, parseRetryAfter,
} from './response-headers.js';
import { RobotsCache } from './robots.js';

export { FetchError, type FetchErrorCode } from './fetch-error.js';
export type { DialTarget, Dialer, Lookup } from './connector.js';
export { blockReason, parseAllowlist, refuseHost } from './address-guard.js';

/** One GET the pipeline asks for. */
export interface FetchRequest {
  url: string;
  etag?: string | null;          // sent as If-None-Match
  lastModified?: string | null;  // sent as If-Modified-Since
  accept?: string;               // Accept header (feeds vs pages)
  maxBytes?: number;             // overrides the fetcher's cap for this request
}

/** What came back: the final URL, the decoded bytes and what the headers said about them. */
export interface FetchResponse {
  url: string;                   // final URL after redirects
  status: number;                // 200, or 304 when notModified
  notModified: boolean;
  contentType: string | null;    // media type without parameters, lower case
  charset: string | null;        // from the Content-Type header, for feeds/ and extract/
  body: Uint8Array;              // decompressed (gzip, deflate, br); empty for 304
  etag: string | null;
  lastModified: string | null;
  maxAgeMs: number | null;       // Cache-Control max-age minus Age (s-maxage ignored), for the scheduler
  redirects: string[];           // the hops followed
}

/** How the fetcher behaves; only userAgent is required. */
export interface FetcherOptions {
  userAgent: string;                   // `Topstory/<version> (+<base URL>)` built by the caller
  allowPrivate?: string;               // TOPSTORY_FETCH_ALLOW_PRIVATE: comma-separated CIDRs or host names
  connectTimeoutMs?: number;           // 10 s
  totalTimeoutMs?: number;             // 30 s for the whole response: a server dripping one byte a second is cut
  maxBytes?: number;                   // 10 MiB after decompression
  maxHeaderBytes?: number;             // 64 KiB
  maxRedirects?: number;               // 5
  perHostConcurrency?: number;         // 2
  perHostIntervalMs?: number;          // 1000: minimum gap between request starts to one host (raised by Crawl-delay)
  respectRobots?: boolean;             // true
  robotsTtlMs?: number;                // 24 h cache
  robotsUnreachableTtlMs?: number;     // 1 h: how long a 5xx/unreachable robots.txt keeps a host closed
  maxCrawlDelayMs?: number;            // 60 s: a larger Crawl-delay is clamped to this
  lookup?: Lookup;                     // tests stub DNS
  dial?: Dialer;                       // tests stub the TCP dial (the address was already checked)
  now?: () => number;
  sleep?: (ms: number) => Promise<void>; // waits for per-host spacing; tests pass a fake clock
  tls?: { ca?: string | Buffer };      // extra trusted CA (tests with a private certificate)
}

/** The response's Content-Type with its charset, as feeds/ and extract/ take it. */
export function contentTypeHeader(response: FetchResponse): string | undefined {
  if (!response.contentType) return undefined;
  return response.charset ? `${response.contentType}; charset=${response.charset}` : response.contentType;
}

/** Fetches URLs politely and safely; one per process, shared by all workers of that process. */
export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResponse>;
  close(): Promise<void>;
}

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  maxHeaderBytes: 64 * 1024,
  maxRedirects: 5,
  perHostConcurrency: 2,
  perHostIntervalMs: 1000,
  robotsTtlMs: 24 * 60 * 60 * 1000,
  robotsUnreachableTtlMs: 60 * 60 * 1000,
  maxCrawlDelayMs: 60_000,
};

// RFC 9309 §2.5: parse at least the first 500 KiB; §2.3.1.2: follow at least five redirects.
const ROBOTS_MAX_BYTES = 512 * 1024;
const ROBOTS_MAX_REDIRECTS = 5;

/** Statuses whose Location we follow (RFC 9110 §15.4); 300, 304 and 305 are not redirects to follow. */
const REDIRECT_STATUSES: readonly number[] = [301, 302, 303, 307, 308];

/** Statuses that mean "come back later" and may carry Retry-After (RFC 6585 §4, RFC 9110 §15.6.4). */
const RATE_LIMIT_STATUSES: readonly number[] = [429, 503];

/** How much of an error or redirect body is read before the connection is dropped instead. */
const DISCARD_LIMIT = 64 * 1024;

/** Errors of a reused connection that the server had already closed: worth one more try. */
const STALE_CONNECTION_CODES: readonly string[] = ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'];

/** undici and socket error codes mapped to ours; anything else is 'network'. Sorted by code. */
const ERROR_CODES: readonly (readonly [code: string, ours: FetchErrorCode])[] = [
  ['EAI_AGAIN', 'dns_failed'],
  ['ECONNREFUSED', 'connect_failed'],
  ['EHOSTUNREACH', 'connect_failed'],
  ['ENETUNREACH', 'connect_failed'],
  ['ENOTFOUND', 'dns_failed'],
  ['UND_ERR_BODY_TIMEOUT', 'timeout'],
  ['UND_ERR_CONNECT_TIMEOUT', 'connect_timeout'],
  ['UND_ERR_HEADERS_OVERFLOW', 'header_too_large'],
  ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
];

interface Settings {
  userAgent: string;
  totalTimeoutMs: number;
  maxBytes: number;
  maxHeaderBytes: number;
  maxRedirects: number;
  respectRobots: boolean;
  productToken: string;
}

/** One exchange on the wire, before redirects are decided. */
interface Hop {
  status: number;
  headers: HeaderValues;
  body: Uint8Array;
}

interface HopOptions {
  accept: string;
  etag?: string | null;
  lastModified?: string | null;
  maxBytes: number;
  truncate?: boolean;
}

/** Builds the fetcher; the caller closes it when the process ends. */
export function createFetcher(options: FetcherOptions): Fetcher {
  const settings: Settings = {
    userAgent: options.userAgent,
    totalTimeoutMs: options.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs,
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
    maxHeaderBytes: options.maxHeaderBytes ?? DEFAULTS.maxHeaderBytes,
    maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
    respectRobots: options.respectRobots ?? true,
    // robots.txt groups name the product token, the User-Agent up to its first "/" (RFC 9309 §2.2.1).
    productToken: /^[A-Za-z_-]+/.exec(options.userAgent)?.[0] ?? options.userAgent,
  };
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const allowlist = parseAllowlist(options.allowPrivate);
  const perHostIntervalMs = options.perHostIntervalMs ?? DEFAULTS.perHostIntervalMs;
  const concurrency = Math.max(1, options.perHostConcurrency ?? DEFAULTS.perHostConcurrency);

  const agent = new Agent({
    connect: createGuardedConnector({
      allowlist,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      ...(options.lookup ? { lookup: options.lookup } : {}),
      ...(options.dial ? { dial: options.dial } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
    }),
    maxHeaderSize: settings.maxHeaderBytes,
    // Backstops only: our own timer cuts the whole exchange at totalTimeoutMs.
    headersTimeout: settings.totalTimeoutMs,
    bodyTimeout: settings.totalTimeoutMs,
    connections: concurrency,
    keepAliveTimeout: 4_000,
  });

  const robots = new RobotsCache({
    productToken: settings.productToken,
    ttlMs: options.robotsTtlMs ?? DEFAULTS.robotsTtlMs,
    unreachableTtlMs: Math.min(options.robotsUnreachableTtlMs ?? DEFAULTS.robotsUnreachableTtlMs, options.robotsTtlMs ?? DEFAULTS.robotsTtlMs),
    maxCrawlDelayMs: options.maxCrawlDelayMs ?? DEFAULTS.maxCrawlDelayMs,
    now,
    fetchRobots: async (robotsUrl) => {
      const { hop } = await follow(robotsUrl, { accept: 'text/plain', maxBytes: ROBOTS_MAX_BYTES, truncate: true }, ROBOTS_MAX_REDIRECTS, false);
      return { status: hop.status, body: hop.body };
    },
  });

  const queue = new HostQueue(
    concurrency,
    (host) => Math.max(perHostIntervalMs, robots.crawlDelayMs(host)),
    { now, sleep },
  );

  /** One request and response on the wire, inside the host's slot and the total timer. */
  async function exchange(url: URL, hop: HopOptions): Promise<Hop> {
    const release = await queue.acquire(canonicalName(url.hostname));
    const controller = new AbortController();
    let body: Readable | null = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
      if (body) discard(body);
    }, settings.totalTimeoutMs);
    try {
      const headers: Record<string, string> = {
        'user-agent': settings.userAgent,
        accept: hop.accept,
        'accept-encoding': ACCEPT_ENCODING,
      };
      if (hop.etag) headers['if-none-match'] = hop.etag;
      if (hop.lastModified) headers['if-modified-since'] = hop.lastModified;
      const send = () => agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers,
        signal: controller.signal,
      });
      let response: Awaited<ReturnType<typeof send>>;
      try {
        response = await send();
      } catch (err) {
        // A kept-alive connection the server closed just as we reused it fails before any answer;
        // a GET is idempotent, so it is sent once more on a fresh connection (RFC 9110 §9.2.2).
        if (timedOut || !STALE_CONNECTION_CODES.includes(String((err as { code?: unknown }).code))) throw err;
        response = await send();
      }
      body = response.body;
      const status = response.statusCode;
      const responseHeaders = response.headers as HeaderValues;
      if (status < 200 || status >= 300) {
        await response.body.dump({ limit: DISCARD_LIMIT }).catch(() => undefined);
        return { status, headers: responseHeaders, body: new Uint8Array(0) };
      }
      const codings = parseContentEncoding(headerList(responseHeaders, 'content-encoding'));
      const declared = Number(headerValue(responseHeaders, 'content-length'));
      if (codings.length === 0 && Number.isFinite(declared) && declared > hop.maxBytes && !hop.truncate) {
        discard(response.body);
        throw new FetchError('too_large', `response larger than ${formatBytes(hop.maxBytes)}`);
      }
      const bytes = await readBody(response.body, codings, hop.maxBytes, { truncate: hop.truncate ?? false });
      return { status, headers: responseHeaders, body: bytes };
    } catch (err) {
      if (body) discard(body);
      throw toFetchError(err, url, timedOut, settings);
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  /** Follows redirects from `start`, re-checking the guard (and robots) on every hop. */
  async function follow(start: string, hop: HopOptions, maxRedirects: number, checkRobots: boolean): Promise<{ url: URL; hop: Hop; redirects: string[] }> {
    let url = parseFetchUrl(start, null);
    const redirects: string[] = [];
    const seen = new Set<string>([url.href]);
    for (;;) {
      const refusal = refuseHost(allowlist, url.hostname);
      if (refusal) throw new FetchError('blocked_address', refusal, { url: url.href });
      if (checkRobots) await robots.check(url);
      const answer = await exchange(url, hop);
      const location = headerValue(answer.headers, 'location');
      if (!REDIRECT_STATUSES.includes(answer.status) || location === null) return { url, hop: answer, redirects };
      const next = parseFetchUrl(location, url);
      if (seen.has(next.href)) {
        throw new FetchError('redirect_loop', `redirect loop: ${url.href} leads back to ${next.href}`, { url: url.href });
      }
      if (redirects.length >= maxRedirects) {
        throw new FetchError('too_many_redirects', `more than ${maxRedirects} redirects (the last to ${next.href})`, { url: url.href });
      }
      seen.add(next.href);
      redirects.push(next.href);
      url = next;
    }
  }

  return {
    async fetch(request) {
      const { url, hop, redirects } = await follow(request.url, {
        accept: request.accept ?? '*/*',
        etag: request.etag ?? null,
        lastModified: request.lastModified ?? null,
        maxBytes: request.maxBytes ?? settings.maxBytes,
      }, settings.maxRedirects, settings.respectRobots);
      const status = hop.status;
      if (status === 304 || (status >= 200 && status < 300)) {
        const notModified = status === 304;
        const { mediaType, charset } = parseContentType(headerValue(hop.headers, 'content-type'));
        return {
          url: url.href,
          status,
          notModified,
          contentType: notModified ? null : mediaType,
          charset: notModified ? null : charset,
          body: notModified ? new Uint8Array(0) : hop.body,
          // A 304 may leave out validators that did not change (RFC 9110 §15.4.5): keep the ones we sent.
          etag: headerValue(hop.headers, 'etag') ?? (notModified ? request.etag ?? null : null),
          lastModified: headerValue(hop.headers, 'last-modified') ?? (notModified ? request.lastModified ?? null : null),
          maxAgeMs: parseMaxAge(headerList(hop.headers, 'cache-control'), headerValue(hop.headers, 'age')),
          redirects,
        };
      }
      const retryAfterMs = parseRetryAfter(headerValue(hop.headers, 'retry-after'), now());
      if (status === 429 || (RATE_LIMIT_STATUSES.includes(status) && retryAfterMs !== null)) {
        const when = retryAfterMs === null ? '' : `, retry after ${Math.ceil(retryAfterMs / 1000)} s`;
        throw new FetchError('rate_limited', `rate limited (${status})${when}`, {
          status, url: url.href, ...(retryAfterMs === null ? {} : { retryAfterMs }),
        });
      }
      const reason = STATUS_CODES[status] ?? '';
      const what = status >= 300 && status < 400 ? ' without a usable Location' : '';
      throw new FetchError('http_status', `server answered ${status}${reason ? ` ${reason}` : ''}${what}`, { status, url: url.href });
    },
    async close() {
      await agent.close().catch(() => agent.destroy());
    },
  };
}

/** Parses a URL to fetch (relative to `base` for a Location): http(s) only, no user info, no fragment. */
function parseFetchUrl(text: string, base: URL | null): URL {
  const from = base ? `${base.href} redirects to ` : '';
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  let url: URL;
  try {
    url = base ? new URL(text, base) : new URL(text);
  } catch {
    throw new FetchError('bad_url', base ? `${from}"${shown}", which is not a valid URL` : `"${shown}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('bad_url', base
      ? `${from}a ${url.protocol} URL; only http and https can be fetched`
      : `${url.protocol} URLs cannot be fetched; only http and https`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new FetchError('bad_url', base
      ? `${from}a URL with a user name or password, which is refused`
      : `URLs with a user name or password are refused (${url.host})`);
  }
  url.hash = '';
  return url;
}

function toFetchError(err: unknown, url: URL, timedOut: boolean, settings: Settings): FetchError {
  // A cut at the total timeout tears streams down; whatever error that surfaces, the cause is the timeout.
  if (err instanceof FetchError && (!timedOut || err.code === 'too_large')) {
    return err.url !== undefined ? err : new FetchError(err.code, err.message, {
      cause: err.cause, url: url.href,
      ...(err.status === undefined ? {} : { status: err.status }),
      ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }),
    });
  }
  if (timedOut) {
    return new FetchError('timeout', `no complete answer from ${url.host} within ${settings.totalTimeoutMs / 1000} s`, { cause: err, url: url.href });
  }
  const code = (err as { code?: unknown } | null)?.code;
  const ours = ERROR_CODES.find(([name]) => name === code)?.[1] ?? 'network';
  const detail = (err as Error | null)?.message ?? String(err);
  const message = {
    header_too_large: `response headers larger than ${formatBytes(settings.maxHeaderBytes)}`,
    timeout: `no complete answer from ${url.host} within ${settings.totalTimeoutMs / 1000} s`,
    connect_timeout: `connecting to ${url.host} timed out`,
    connect_failed: `could not connect to ${url.host} (${String(code)})`,
    dns_failed: `could not resolve ${url.hostname} (${String(code)})`,
  }[ours as string] ?? `network error talking to ${url.host} (${typeof code === 'string' ? code : detail})`;
  return new FetchError(ours, message, { cause: err, url: url.href });
}
