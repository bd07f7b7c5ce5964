// Politeness: robots.txt (RFC 9309) fetched once per TTL and obeyed for our product token, 4xx =
// allow all, 5xx = disallow all for a while; Crawl-delay and the per-host interval space request
// starts (on a fake clock, so no test waits on the wall clock); per-host concurrency is never exceeded.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFetcher, type FetcherOptions } from '../../src/fetch/index.js';
import { HostQueue } from '../../src/fetch/host-queue.js';
import { USER_AGENT, errorOf, startServer, type LoopbackServer } from './loopback.js';

/** A fake clock: sleeping advances it at once. */
function fakeClock(start = Date.parse('2026-11-29T10:00:00Z')) {
  const clock = {
    t: start,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => { clock.sleeps.push(ms); clock.t += ms; },
  };
  return clock;
}

async function site(robots: (res: ServerResponse) => void, page: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('page')): Promise<LoopbackServer> {
  return startServer((req, res) => {
    if (req.url === '/robots.txt') robots(res);
    else page(req, res);
  });
}

function robotsText(text: string) {
  return (res: ServerResponse) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(text); };
}

function status(code: number) {
  return (res: ServerResponse) => { res.writeHead(code); res.end(); };
}

async function withFetcher<T>(options: Partial<FetcherOptions>, run: (fetcher: ReturnType<typeof createFetcher>) => Promise<T>): Promise<T> {
  const fetcher = createFetcher({ userAgent: USER_AGENT, allowPrivate: '127.0.0.1/32', perHostIntervalMs: 0, ...options });
  try {
    return await run(fetcher);
  } finally {
    await fetcher.close();
  }
}

const pagePaths = (server: LoopbackServer) => server.requests.map((r) => r.path).filter((p) => p !== '/robots.txt');
const robotsFetches = (server: LoopbackServer) => server.requests.filter((r) => r.path === '/robots.txt').length;

describe('robots.txt', () => {
  const ROBOTS = 'User-agent: *\nDisallow: /\n\nUser-agent: Topstory\nDisallow: /members/\nAllow: /members/public\n';
  const table: [string, string, boolean][] = [
    ['our group disallows /members/', '/members/x', false],
    ['our group allows a longer match', '/members/public/1', true],
    ['the * group does not apply to us', '/news/1', true],
  ];
  for (const [name, path, allowed] of table) {
    it(name, async () => {
      const server = await site(robotsText(ROBOTS));
      try {
        await withFetcher({}, async (fetcher) => {
          const result = fetcher.fetch({ url: `${server.origin}${path}` });
          if (allowed) {
            assert.equal(Buffer.from((await result).body).toString(), 'page');
            assert.deepEqual(pagePaths(server), [path]);
          } else {
            const err = await errorOf(result);
            assert.equal(err.code, 'robots_disallowed');
            assert.equal(err.message, `robots.txt disallows ${path} for Topstory`);
            assert.deepEqual(pagePaths(server), []);
          }
        });
      } finally {
        await server.close();
      }
    });
  }

  it('is fetched once per TTL, with our User-Agent', async () => {
    const server = await site(robotsText('User-agent: *\nDisallow: /private/\n'));
    const clock = fakeClock();
    try {
      await withFetcher({ now: clock.now, sleep: clock.sleep, robotsTtlMs: 60_000 }, async (fetcher) => {
        for (const path of ['/a', '/b', '/c']) await fetcher.fetch({ url: `${server.origin}${path}` });
        assert.equal(robotsFetches(server), 1);
        assert.equal(server.requests[0]?.headers['user-agent'], USER_AGENT);
        clock.t += 60_001;
        await fetcher.fetch({ url: `${server.origin}/d` });
        assert.equal(robotsFetches(server), 2);
      });
    } finally {
      await server.close();
    }
  });

  it('a 404 robots.txt allows everything', async () => {
    const server = await site(status(404));
    try {
      await withFetcher({}, async (fetcher) => {
        await fetcher.fetch({ url: `${server.origin}/anything` });
        assert.deepEqual(pagePaths(server), ['/anything']);
      });
    } finally {
      await server.close();
    }
  });

  it('a 5xx robots.txt disallows everything for a while, and is remembered', async () => {
    const server = await site(status(503));
    const clock = fakeClock();
    try {
      await withFetcher({ now: clock.now, sleep: clock.sleep, robotsUnreachableTtlMs: 600_000 }, async (fetcher) => {
        const err = await errorOf(fetcher.fetch({ url: `${server.origin}/feed` }));
        assert.equal(err.code, 'robots_disallowed');
        assert.match(err.message, /robots\.txt of 127\.0\.0\.1:\d+ is unreachable \(server answered 503\)/);
        assert.equal(err.retryAfterMs, 600_000);
        clock.t += 1000;
        assert.equal((await errorOf(fetcher.fetch({ url: `${server.origin}/feed` }))).retryAfterMs, 599_000);
        assert.equal(robotsFetches(server), 1);
        assert.deepEqual(pagePaths(server), []);
      });
    } finally {
      await server.close();
    }
  });

  it('a redirected robots.txt is followed', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/robots.txt') { res.writeHead(301, { location: '/static/robots.txt' }); res.end(); return; }
      if (req.url === '/static/robots.txt') { res.end('User-agent: *\nDisallow: /x\n'); return; }
      res.end('page');
    });
    try {
      await withFetcher({}, async (fetcher) => {
        assert.equal((await errorOf(fetcher.fetch({ url: `${server.origin}/x` }))).code, 'robots_disallowed');
      });
    } finally {
      await server.close();
    }
  });

  it('respectRobots: false skips it', async () => {
    const server = await site(robotsText('User-agent: *\nDisallow: /\n'));
    try {
      await withFetcher({ respectRobots: false }, async (fetcher) => {
        await fetcher.fetch({ url: `${server.origin}/x` });
        assert.equal(robotsFetches(server), 0);
      });
    } finally {
      await server.close();
    }
  });
});

describe('spacing and concurrency per host', () => {
  async function startTimes(options: Partial<FetcherOptions>, robots: (res: ServerResponse) => void): Promise<number[]> {
    const clock = fakeClock();
    const starts: number[] = [];
    const server = await site(robots, (_req, res) => { starts.push(clock.t); res.end('page'); });
    try {
      await withFetcher({ now: clock.now, sleep: clock.sleep, ...options }, async (fetcher) => {
        // One after another: the fake clock jumps on every sleep, so concurrent starts could not be timed.
        for (const path of ['/1', '/2', '/3', '/4']) await fetcher.fetch({ url: `${server.origin}${path}` });
      });
    } finally {
      await server.close();
    }
    return starts;
  }
  const gaps = (starts: number[]) => starts.slice(1).map((t, i) => t - (starts[i] ?? 0));

  it('Crawl-delay raises the interval between request starts', async () => {
    const starts = await startTimes({}, robotsText('User-agent: topstory\nCrawl-delay: 7\n'));
    assert.equal(starts.length, 4);
    assert.deepEqual(gaps(starts), [7000, 7000, 7000]);
  });

  it('the operator interval spaces request starts', async () => {
    const starts = await startTimes({ perHostIntervalMs: 1500, respectRobots: false }, status(404));
    assert.deepEqual(gaps(starts), [1500, 1500, 1500]);
  });

  it('without either, requests are not held back', async () => {
    const starts = await startTimes({}, status(404));
    assert.deepEqual(gaps(starts), [0, 0, 0]);
  });

  it('requests waiting together are given start times one interval apart', async () => {
    const sleeps: number[] = [];
    const queue = new HostQueue(3, () => 1000, { now: () => 0, sleep: async (ms) => { sleeps.push(ms); } });
    const releases = await Promise.all([queue.acquire('a.test'), queue.acquire('a.test'), queue.acquire('a.test'), queue.acquire('b.test')]);
    assert.deepEqual(sleeps, [1000, 2000]);
    assert.equal(queue.active('a.test'), 3);
    for (const release of releases) release();
    assert.equal(queue.active('a.test'), 0);
  });

  it('concurrent requests to one host never exceed perHostConcurrency, across ports too', async () => {
    let inFlight = 0;
    let most = 0;
    const slowPage = (_req: IncomingMessage, res: ServerResponse) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => { inFlight--; res.end('page'); }, 30);
    };
    const a = await site(status(404), slowPage);
    const b = await site(status(404), slowPage);
    try {
      await withFetcher({ perHostConcurrency: 2, respectRobots: false }, async (fetcher) => {
        const urls = [1, 2, 3, 4, 5, 6].flatMap((n) => [`${a.origin}/${n}`, `${b.origin}/${n}`]);
        const responses = await Promise.all(urls.map((url) => fetcher.fetch({ url })));
        assert.equal(responses.length, 12);
      });
      assert.equal(most, 2);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
