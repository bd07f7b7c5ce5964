// Redirects are followed hop by hop by the fetcher itself: counted, loops ended, relative Locations
// resolved, every hop checked again (scheme, user info, guard; the guard cases are in ssrf.test.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFetcher } from '../../src/fetch/index.js';
import { USER_AGENT, errorOf, startServer, type LoopbackServer } from './loopback.js';

let server: LoopbackServer;
before(async () => {
  server = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
    if (chain) {
      const left = Number(chain[1]);
      if (left === 0) { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('end of chain'); return; }
      res.writeHead(left % 2 ? 301 : 307, { location: `/chain/${left - 1}` });
      res.end();
      return;
    }
    const table: Record<string, string> = {
      '/loop/a': '/loop/b',
      '/loop/b': '/loop/a',
      '/self': '/self',
      '/news/latest/': '../feed.xml?x=1',
      '/to-file': 'file:///etc/passwd',
      '/to-userinfo': `http://user:secret@127.0.0.1:${server.port}/feed.xml`,
      '/to-invalid': 'http://[bad/',
    };
    const location = table[url.pathname];
    if (location) { res.writeHead(302, { location }); res.end(); return; }
    if (url.pathname === '/no-location') { res.writeHead(302); res.end(); return; }
    if (url.pathname === '/news/feed.xml') { res.writeHead(200, { 'content-type': 'application/rss+xml' }); res.end(`<rss/>${url.search}`); return; }
    res.writeHead(404);
    res.end();
  });
});
after(async () => { await server.close(); });

async function withFetcher<T>(run: (fetch: (path: string) => ReturnType<ReturnType<typeof createFetcher>['fetch']>) => Promise<T>): Promise<T> {
  const fetcher = createFetcher({ userAgent: USER_AGENT, allowPrivate: '127.0.0.1/32', perHostIntervalMs: 0, respectRobots: false });
  try {
    return await run((path) => fetcher.fetch({ url: `${server.origin}${path}` }));
  } finally {
    await fetcher.close();
  }
}

describe('redirects', () => {
  it('five redirects are followed and listed', () => withFetcher(async (fetch) => {
    const response = await fetch('/chain/5');
    assert.equal(Buffer.from(response.body).toString(), 'end of chain');
    assert.equal(response.url, `${server.origin}/chain/0`);
    assert.deepEqual(response.redirects, [4, 3, 2, 1, 0].map((n) => `${server.origin}/chain/${n}`));
  }));

  it('a sixth redirect is too_many_redirects', () => withFetcher(async (fetch) => {
    const err = await errorOf(fetch('/chain/6'));
    assert.equal(err.code, 'too_many_redirects');
    assert.match(err.message, /^more than 5 redirects/);
  }));

  it('a loop between two URLs is redirect_loop', () => withFetcher(async (fetch) => {
    const err = await errorOf(fetch('/loop/a'));
    assert.equal(err.code, 'redirect_loop');
    assert.equal(server.requests.filter((r) => r.path.startsWith('/loop/')).length, 2);
  }));

  it('a URL redirecting to itself is redirect_loop', () => withFetcher(async (fetch) => {
    assert.equal((await errorOf(fetch('/self'))).code, 'redirect_loop');
  }));

  it('a relative Location is resolved against the hop that sent it', () => withFetcher(async (fetch) => {
    const response = await fetch('/news/latest/');
    assert.equal(response.url, `${server.origin}/news/feed.xml?x=1`);
    assert.equal(Buffer.from(response.body).toString(), '<rss/>?x=1');
  }));

  const refused: [string, string, string, RegExp][] = [
    ['to a file: URL', '/to-file', 'bad_url', /redirects to a file: URL; only http and https can be fetched$/],
    ['to a URL with user info', '/to-userinfo', 'bad_url', /redirects to a URL with a user name or password/],
    ['to an invalid URL', '/to-invalid', 'bad_url', /which is not a valid URL$/],
    ['without a Location', '/no-location', 'http_status', /^server answered 302 Found without a usable Location$/],
  ];
  for (const [name, path, code, message] of refused) {
    it(`a redirect ${name} is refused`, () => withFetcher(async (fetch) => {
      const err = await errorOf(fetch(path));
      assert.equal(err.code, code);
      assert.match(err.message, message);
    }));
  }
});

describe('URLs refused before any lookup', () => {
  const table: [string, string, string][] = [
    ['user name and password', 'http://user:secret@news.test/feed', 'URLs with a user name or password are refused (news.test)'],
    ['user name only', 'https://user@news.test/feed', 'URLs with a user name or password are refused (news.test)'],
    ['ftp scheme', 'ftp://news.test/feed.xml', 'ftp: URLs cannot be fetched; only http and https'],
    ['file scheme', 'file:///etc/passwd', 'file: URLs cannot be fetched; only http and https'],
    ['not a URL', 'news.test/feed', '"news.test/feed" is not a valid URL'],
  ];
  for (const [name, url, message] of table) {
    it(name, async () => {
      const lookups: string[] = [];
      const fetcher = createFetcher({ userAgent: USER_AGENT, lookup: async (host) => { lookups.push(host); return [{ address: '93.184.216.34', family: 4 }]; } });
      try {
        const err = await errorOf(fetcher.fetch({ url }));
        assert.equal(err.code, 'bad_url');
        assert.equal(err.message, message);
        assert.deepEqual(lookups, []);
      } finally {
        await fetcher.close();
      }
    });
  }
});
