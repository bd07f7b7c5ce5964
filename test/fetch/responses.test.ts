// What the fetcher hands back and how it fails, against real loopback servers: decoding, validators
// and 304, limits (body, bomb, drip, headers, connect), statuses and Retry-After, Cache-Control, charset.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FetchError, createFetcher, type FetcherOptions } from '../../src/fetch/index.js';
import { TopstoryError, formatError } from '../../src/errors.js';
import { USER_AGENT, errorOf, refuseAll, routeTo, startServer, stubLookup, type LoopbackServer } from './loopback.js';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Café</title></channel></rss>';
const bombFile = fileURLToPath(new URL('../../../shared/data/security/gzip-bomb-100MiB.gz', import.meta.url));

type Route = (req: IncomingMessage, res: ServerResponse) => void;

// One server for the whole file; each test names its path.
const routes: Record<string, Route> = {
  '/feed.gzip': (_req, res) => { res.writeHead(200, { 'content-encoding': 'gzip' }); res.end(gzipSync(FEED)); },
  '/feed.deflate': (_req, res) => { res.writeHead(200, { 'content-encoding': 'deflate' }); res.end(deflateSync(FEED)); },
  '/feed.deflate-raw': (_req, res) => { res.writeHead(200, { 'content-encoding': 'deflate' }); res.end(deflateRawSync(FEED)); },
  '/feed.br': (_req, res) => { res.writeHead(200, { 'content-encoding': 'br' }); res.end(brotliCompressSync(FEED)); },
  '/feed.identity': (_req, res) => { res.writeHead(200, { 'content-encoding': 'identity' }); res.end(FEED); },
  '/feed.gzip-br': (_req, res) => { res.writeHead(200, { 'content-encoding': 'gzip, br' }); res.end(brotliCompressSync(gzipSync(FEED))); },
  '/feed.zstd': (_req, res) => { res.writeHead(200, { 'content-encoding': 'zstd' }); res.end('xx'); },
  '/feed.corrupt-gzip': (_req, res) => { res.writeHead(200, { 'content-encoding': 'gzip' }); res.end(Buffer.from('this is not gzip at all')); },
  '/bomb': (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/xml' });
    res.end(readFileSync(bombFile));
  },
  '/big': (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(Buffer.alloc(3000, 0x61)); },
  '/big-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    for (let i = 0; i < 3; i++) res.write(Buffer.alloc(1000, 0x61));
    res.end();
  },
  '/drip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const timer = setInterval(() => res.write('.'), 100);
    res.on('close', () => clearInterval(timer));
  },
  '/huge-header': (_req, res) => { res.writeHead(200, { 'x-padding': 'a'.repeat(100 * 1024) }); res.end('ok'); },
  '/conditional': (req, res) => {
    if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Sat, 28 Nov 2026 10:00:00 GMT') {
      res.writeHead(304, { etag: '"v1"', 'cache-control': 'max-age=600' });
      res.end();
      return;
    }
    res.writeHead(200, { etag: '"v1"', 'last-modified': 'Sat, 28 Nov 2026 10:00:00 GMT', 'content-type': 'application/rss+xml' });
    res.end(FEED);
  },
  '/conditional-bare-304': (req, res) => {
    res.writeHead(req.headers['if-none-match'] ? 304 : 200);
    res.end();
  },
  '/headers': (_req, res) => {
    res.writeHead(200, {
      'content-type': 'Application/Atom+XML; Charset="ISO-8859-1"',
      'cache-control': 'public, s-maxage=60, max-age=900',
      age: '300',
    });
    res.end(FEED);
  },
  '/429-seconds': (_req, res) => { res.writeHead(429, { 'retry-after': '120' }); res.end('slow down'); },
  '/429-date': (_req, res) => { res.writeHead(429, { 'retry-after': 'Sun, 29 Nov 2026 10:05:00 GMT' }); res.end(); },
  '/429-bare': (_req, res) => { res.writeHead(429); res.end(); },
  '/503-retry': (_req, res) => { res.writeHead(503, { 'retry-after': '30' }); res.end(); },
  '/503': (_req, res) => { res.writeHead(503); res.end(); },
  '/404': (_req, res) => { res.writeHead(404); res.end('nope'); },
  '/accept': (req, res) => { res.end(`${req.headers.accept}|${req.headers['accept-encoding']}|${req.headers['user-agent']}`); },
};

let server: LoopbackServer;
before(async () => {
  server = await startServer((req, res) => {
    const route = routes[(req.url ?? '').split('?')[0] ?? ''];
    if (route) route(req, res);
    else { res.writeHead(404); res.end(); }
  });
});
after(async () => { await server.close(); });

async function withFetcher<T>(options: Partial<FetcherOptions>, run: (fetch: (path: string, extra?: object) => ReturnType<ReturnType<typeof createFetcher>['fetch']>) => Promise<T>): Promise<T> {
  const fetcher = createFetcher({ userAgent: USER_AGENT, allowPrivate: '127.0.0.1/32', perHostIntervalMs: 0, respectRobots: false, ...options });
  try {
    return await run((path, extra = {}) => fetcher.fetch({ url: `${server.origin}${path}`, ...extra }));
  } finally {
    await fetcher.close();
  }
}

describe('content encodings are undone', () => {
  for (const path of ['/feed.gzip', '/feed.deflate', '/feed.deflate-raw', '/feed.br', '/feed.identity', '/feed.gzip-br']) {
    it(path.slice(1), () => withFetcher({}, async (fetch) => {
      const response = await fetch(path);
      assert.equal(Buffer.from(response.body).toString('utf8'), FEED);
    }));
  }
  it('an unknown coding is bad_encoding', () => withFetcher({}, async (fetch) => {
    const err = await errorOf(fetch('/feed.zstd'));
    assert.equal(err.code, 'bad_encoding');
    assert.match(err.message, /unsupported content encoding "zstd"/);
  }));
  it('a corrupt gzip body is bad_encoding', () => withFetcher({}, async (fetch) => {
    assert.equal((await errorOf(fetch('/feed.corrupt-gzip'))).code, 'bad_encoding');
  }));
  it('we ask for what we can decode and send the given Accept and User-Agent', () => withFetcher({}, async (fetch) => {
    const response = await fetch('/accept', { accept: 'application/rss+xml, application/atom+xml;q=0.9' });
    assert.equal(Buffer.from(response.body).toString(), `application/rss+xml, application/atom+xml;q=0.9|gzip, deflate, br|${USER_AGENT}`);
  }));
});

describe('limits', () => {
  it('a gzip bomb (100 MiB of zeros) is cut at the 10 MiB cap', { skip: existsSync(bombFile) ? false : 'gzip-bomb-100MiB.gz not found in ../shared/data/security' }, () => withFetcher({}, async (fetch) => {
    const err = await errorOf(fetch('/bomb'));
    assert.equal(err.code, 'too_large');
    assert.equal(err.message, 'response larger than 10 MiB');
  }));
  it('a body over a per-request cap: too_large, with or without Content-Length', () => withFetcher({}, async (fetch) => {
    assert.equal((await errorOf(fetch('/big', { maxBytes: 2048 }))).code, 'too_large');
    assert.equal((await errorOf(fetch('/big-chunked', { maxBytes: 2048 }))).message, 'response larger than 2 KiB');
    assert.equal((await fetch('/big', { maxBytes: 3000 })).body.length, 3000);
  }));
  it('a server dripping bytes is cut at the total timeout', () => withFetcher({ totalTimeoutMs: 1000 }, async (fetch) => {
    const err = await errorOf(fetch('/drip'));
    assert.equal(err.code, 'timeout');
    assert.match(err.message, /no complete answer from 127\.0\.0\.1:\d+ within 1 s/);
  }));
  it('oversized response headers are refused', () => withFetcher({}, async (fetch) => {
    const err = await errorOf(fetch('/huge-header'));
    assert.equal(err.code, 'header_too_large');
    assert.equal(err.message, 'response headers larger than 64 KiB');
  }));
  it('a connection that never completes ends with connect_timeout', async () => {
    const fetcher = createFetcher({
      userAgent: USER_AGENT, respectRobots: false, connectTimeoutMs: 200,
      lookup: stubLookup({ 'slow.test': ['93.184.216.34'] }),
      dial: () => new net.Socket(), // never connects
    });
    try {
      const err = await errorOf(fetcher.fetch({ url: 'http://slow.test/' }));
      assert.equal(err.code, 'connect_timeout');
    } finally {
      await fetcher.close();
    }
  });
  it('when one address of a name is silent or refuses, the next one is tried', async () => {
    const dialed: string[] = [];
    const fetcher = createFetcher({
      userAgent: USER_AGENT, respectRobots: false, connectTimeoutMs: 900,
      lookup: stubLookup({ 'multi.test': ['2606:4700::1', '93.184.216.34', '93.184.216.35'] }),
      dial: (target) => {
        dialed.push(target.address);
        if (target.address === '2606:4700::1') return new net.Socket(); // silent: never connects
        if (target.address === '93.184.216.34') return refuseAll([])(target);
        return routeTo(server, [])(target);
      },
    });
    try {
      const response = await fetcher.fetch({ url: `http://multi.test/feed.identity` });
      assert.equal(Buffer.from(response.body).toString(), FEED);
      assert.deepEqual(dialed, ['2606:4700::1', '93.184.216.34', '93.184.216.35']);
    } finally {
      await fetcher.close();
    }
  });

  it('a refused connection is connect_failed and an unknown name dns_failed', async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const fetcher = createFetcher({ userAgent: USER_AGENT, respectRobots: false, allowPrivate: '127.0.0.1/32', lookup: stubLookup({}) });
    try {
      assert.equal((await errorOf(fetcher.fetch({ url: `${closed.origin}/` }))).code, 'connect_failed');
      const err = await errorOf(fetcher.fetch({ url: 'http://nowhere.test/' }));
      assert.equal(err.code, 'dns_failed');
      assert.equal(err.message, 'could not resolve nowhere.test (ENOTFOUND)');
    } finally {
      await fetcher.close();
    }
  });
});

describe('conditional GET and response metadata', () => {
  it('the stored validators are sent and a 304 comes back empty', () => withFetcher({}, async (fetch) => {
    const first = await fetch('/conditional');
    assert.equal(first.status, 200);
    assert.equal(first.notModified, false);
    assert.equal(first.etag, '"v1"');
    assert.equal(first.lastModified, 'Sat, 28 Nov 2026 10:00:00 GMT');
    const second = await fetch('/conditional', { etag: first.etag, lastModified: first.lastModified });
    assert.equal(second.status, 304);
    assert.equal(second.notModified, true);
    assert.equal(second.body.length, 0);
    assert.equal(second.etag, '"v1"');
    assert.equal(second.maxAgeMs, 600_000);
  }));
  it('a 304 without validators keeps the ones we sent', () => withFetcher({}, async (fetch) => {
    const response = await fetch('/conditional-bare-304', { etag: '"abc"', lastModified: 'Fri, 27 Nov 2026 08:00:00 GMT' });
    assert.equal(response.notModified, true);
    assert.equal(response.etag, '"abc"');
    assert.equal(response.lastModified, 'Fri, 27 Nov 2026 08:00:00 GMT');
  }));
  it('media type and charset from Content-Type; max-age less Age, s-maxage ignored', () => withFetcher({}, async (fetch) => {
    const response = await fetch('/headers');
    assert.equal(response.contentType, 'application/atom+xml');
    assert.equal(response.charset, 'iso-8859-1');
    assert.equal(response.maxAgeMs, 600_000);
    assert.equal(response.url, `${server.origin}/headers`);
    assert.deepEqual(response.redirects, []);
  }));
});

describe('error statuses', () => {
  it('a failure is a FetchError of layer fetch, printed as one line', () => withFetcher({}, async (fetch) => {
    let caught: unknown = null;
    await fetch('/404').catch((err: unknown) => { caught = err; });
    assert.ok(caught instanceof FetchError);
    assert.ok(caught instanceof TopstoryError);
    assert.equal(caught.layer, 'fetch');
    assert.equal(caught.url, `${server.origin}/404`);
    assert.equal(formatError(caught), 'topstory: fetch: server answered 404 Not Found');
  }));

  const now = () => Date.parse('2026-11-29T10:00:00Z');
  const table: [string, string, { code: string; status: number; retryAfterMs?: number; message: string }][] = [
    ['429 with Retry-After in seconds', '/429-seconds', { code: 'rate_limited', status: 429, retryAfterMs: 120_000, message: 'rate limited (429), retry after 120 s' }],
    ['429 with Retry-After as an HTTP date', '/429-date', { code: 'rate_limited', status: 429, retryAfterMs: 300_000, message: 'rate limited (429), retry after 300 s' }],
    ['429 without Retry-After', '/429-bare', { code: 'rate_limited', status: 429, message: 'rate limited (429)' }],
    ['503 with Retry-After', '/503-retry', { code: 'rate_limited', status: 503, retryAfterMs: 30_000, message: 'rate limited (503), retry after 30 s' }],
    ['503 without Retry-After', '/503', { code: 'http_status', status: 503, message: 'server answered 503 Service Unavailable' }],
    ['404', '/404', { code: 'http_status', status: 404, message: 'server answered 404 Not Found' }],
  ];
  for (const [name, path, expected] of table) {
    it(name, () => withFetcher({ now }, async (fetch) => {
      const err = await errorOf(fetch(path));
      assert.deepEqual({ code: err.code, status: err.status, retryAfterMs: err.retryAfterMs, message: err.message },
        { retryAfterMs: undefined, ...expected });
    }));
  }
});
