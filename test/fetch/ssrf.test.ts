// The SSRF guard against ../shared/data/security/ssrf-urls.json: every block URL refused before any
// connection, the allow URLs let through to the (stub) dialer, and the redirect and DNS-rebinding
// scenarios. Only loopback servers of our own are ever connected to.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { createFetcher, type DialTarget } from '../../src/fetch/index.js';
import ipaddr from 'ipaddr.js';
import { BLOCKED_RANGES, blockReason, parseAllowlist, refuseAddress, refuseHost } from '../../src/fetch/address-guard.js';
import { USER_AGENT, errorOf, refuseAll, routeTo, startCanary, startServer, stubLookup, type LoopbackServer } from './loopback.js';

const dataFile = fileURLToPath(new URL('../../../shared/data/security/ssrf-urls.json', import.meta.url));
const skip = existsSync(dataFile) ? false : 'ssrf-urls.json not found in ../shared/data/security';
const cases = skip ? { block: [], allow: [] } : JSON.parse(readFileSync(dataFile, 'utf8')) as {
  block: { url: string; category: string; note: string }[];
  allow: { url: string; category: string }[];
};

const PUBLIC_V4 = '93.184.216.34';

describe('every block URL of ssrf-urls.json is refused before any connection', { skip }, () => {
  let canary: LoopbackServer;
  const dialed: DialTarget[] = [];
  before(async () => { canary = await startCanary(); });
  after(async () => { await canary.close(); });

  for (const entry of cases.block) {
    it(`${entry.category}: ${entry.url}`, async () => {
      // A resolver that would answer with a public address: the guard must not need DNS to refuse.
      const fetcher = createFetcher({
        userAgent: USER_AGENT,
        perHostIntervalMs: 0,
        lookup: stubLookup({ 'localhost': [PUBLIC_V4], 'foo.localhost': [PUBLIC_V4], 'example.com': [PUBLIC_V4] }),
        dial: routeTo(canary, dialed),
      });
      try {
        const err = await errorOf(fetcher.fetch({ url: entry.url }));
        assert.equal(err.name, 'FetchError');
        assert.ok(['bad_url', 'blocked_address'].includes(err.code), `${err.code}: ${err.message}`);
        assert.deepEqual(dialed, [], 'nothing was dialled');
        assert.equal(canary.connections, 0, 'the canary saw no connection');
      } finally {
        await fetcher.close();
      }
    });
  }
});

describe('the allow URLs of ssrf-urls.json reach the dialer with the checked address', { skip }, () => {
  for (const entry of cases.allow) {
    it(`${entry.category}: ${entry.url}`, async () => {
      const dialed: DialTarget[] = [];
      const fetcher = createFetcher({
        userAgent: USER_AGENT,
        respectRobots: false,
        lookup: stubLookup({ 'example.com': [PUBLIC_V4] }),
        dial: refuseAll(dialed),
      });
      try {
        const url = new URL(entry.url);
        assert.equal(refuseHost(parseAllowlist(''), url.hostname), null);
        const err = await errorOf(fetcher.fetch({ url: entry.url }));
        assert.equal(err.code, 'connect_failed', err.message);
        const expected = url.hostname === 'example.com' ? PUBLIC_V4 : url.hostname.replace(/^\[|\]$/g, '');
        assert.deepEqual(dialed.map((d) => [d.address, d.port, d.tls]), [[expected, 443, true]]);
      } finally {
        await fetcher.close();
      }
    });
  }
});

describe('address table', () => {
  const table: [string, string, string | null][] = [
    ['public IPv4', '1.1.1.1', null],
    ['just above 172.16/12', '172.32.0.1', null],
    ['just above CGNAT', '100.128.0.1', null],
    ['just below 10/8', '9.255.255.255', null],
    ['metadata wins over link-local', '169.254.169.254', 'a cloud metadata address'],
    ['other link-local', '169.254.1.1', 'a link-local address'],
    ['Azure wire server', '168.63.129.16', 'a cloud metadata address'],
    ['TEST-NET-3', '203.0.113.9', 'a documentation address'],
    ['class E', '250.1.2.3', 'a reserved address'],
    ['public IPv6', '2606:4700:4700::1111', null],
    ['IPv6 documentation', '2001:db8::1', 'a documentation address'],
    ['v4-mapped public', '::ffff:1.1.1.1', null],
    ['v4-mapped private', '::ffff:10.1.2.3', 'a private address'],
    ['NAT64 public', '64:ff9b::101:101', null],
    ['NAT64 metadata', '64:ff9b::a9fe:a9fe', 'a cloud metadata address'],
    ['6to4 of loopback', '2002:7f00:1::1', 'a loopback address'],
    ['6to4 of public', '2002:101:101::1', null],
    ['Teredo', '2001:0:4136:e378::1', 'a reserved address'],
    ['IPv4-compatible (deprecated)', '::7f00:1', 'a reserved address'],
    ['unique-local', 'fd12:3456::1', 'a unique-local address'],
    ['outside 2000::/3', '4001::1', 'a reserved address'],
  ];
  for (const [name, address, reason] of table) {
    it(name, () => assert.equal(blockReason(address), reason));
  }

  it('the range table is sorted by family, then address', () => {
    const keys = BLOCKED_RANGES.map(([cidr]) => {
      const [addr, bits] = ipaddr.parseCIDR(cidr);
      const bytes = addr.kind() === 'ipv4' ? [0, ...addr.toByteArray()] : [1, ...addr.toByteArray()];
      return [...bytes, bits];
    });
    const compare = (a: number[], b: number[]) => {
      for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) - (b[i] ?? -1);
      return 0;
    };
    assert.deepEqual([...keys].sort(compare), keys);
  });

  it('the allowlist takes CIDRs, addresses and names, and lets mapped forms through', () => {
    const list = parseAllowlist(' 127.0.0.1/32, 10.1.0.0/16 ,::1, demo.test, *.outlets.test ');
    assert.equal(refuseAddress(list, '127.0.0.1', '127.0.0.1'), null);
    assert.equal(refuseAddress(list, '::ffff:127.0.0.1', '::ffff:127.0.0.1'), null);
    assert.equal(refuseAddress(list, '10.1.9.9', '10.1.9.9'), null);
    assert.match(refuseAddress(list, '10.2.0.1', '10.2.0.1') ?? '', /^10\.2\.0\.1 is a private address/);
    assert.equal(refuseAddress(list, 'demo.test', '192.168.1.1'), null);
    assert.equal(refuseAddress(list, 'a.outlets.test', '192.168.1.1'), null);
    assert.match(refuseAddress(list, 'evil.test', '192.168.1.1') ?? '', /^evil\.test resolves to 192\.168\.1\.1, which is a private address/);
  });

  it('a malformed allowlist entry is a clear config error', () => {
    assert.throws(() => parseAllowlist('10.0.0.0/33'), /TOPSTORY_FETCH_ALLOW_PRIVATE: "10.0.0.0\/33" is not a CIDR range/);
    assert.throws(() => parseAllowlist('feeds test'), /neither a CIDR nor a host name/);
  });
});

describe('redirects and rebinding', () => {
  it('a loopback server allowed by name redirecting to another loopback port: second hop refused', async () => {
    const canary = await startCanary();
    const first = await startServer((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${canary.port}/secret` });
      res.end();
    });
    const fetcher = createFetcher({
      userAgent: USER_AGENT, perHostIntervalMs: 0, respectRobots: false,
      allowPrivate: 'feeds.test', lookup: stubLookup({ 'feeds.test': ['127.0.0.1'] }),
    });
    try {
      const err = await errorOf(fetcher.fetch({ url: `http://feeds.test:${first.port}/redirect` }));
      assert.equal(err.code, 'blocked_address');
      assert.match(err.message, /^127\.0\.0\.1 is a loopback address \(not allowed; see TOPSTORY_FETCH_ALLOW_PRIVATE\)$/);
      assert.equal(first.requests.length, 1);
      assert.equal(canary.connections, 0);
    } finally {
      await fetcher.close();
      await first.close();
      await canary.close();
    }
  });

  it('a public host redirecting to the metadata address: second hop refused, one dial only', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    });
    const dialed: DialTarget[] = [];
    const fetcher = createFetcher({
      userAgent: USER_AGENT, perHostIntervalMs: 0, respectRobots: false,
      lookup: stubLookup({ 'public.test': [PUBLIC_V4] }), dial: routeTo(server, dialed),
    });
    try {
      const err = await errorOf(fetcher.fetch({ url: 'http://public.test/' }));
      assert.equal(err.code, 'blocked_address');
      assert.match(err.message, /169\.254\.169\.254 is a cloud metadata address/);
      assert.deepEqual(dialed.map((d) => d.address), [PUBLIC_V4]);
    } finally {
      await fetcher.close();
      await server.close();
    }
  });

  it('a name resolving to a public and a private address is refused before dialling', async () => {
    const dialed: DialTarget[] = [];
    const fetcher = createFetcher({
      userAgent: USER_AGENT, respectRobots: false,
      lookup: stubLookup({ 'mixed.test': [PUBLIC_V4, '10.0.0.5'] }), dial: refuseAll(dialed),
    });
    try {
      const err = await errorOf(fetcher.fetch({ url: 'http://mixed.test/feed' }));
      assert.equal(err.code, 'blocked_address');
      assert.match(err.message, /^mixed\.test resolves to 10\.0\.0\.5, which is a private address/);
      assert.deepEqual(dialed, []);
    } finally {
      await fetcher.close();
    }
  });

  it('DNS rebinding: public on the first lookup, loopback on the next; only the public address is dialled', async () => {
    const server = await startServer((_req, res) => {
      // Closing the connection forces the next fetch to open (and resolve) again.
      res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
      res.end('public page');
    });
    const answers = [[PUBLIC_V4], ['127.0.0.1']];
    const lookups: string[] = [];
    const dialed: DialTarget[] = [];
    const fetcher = createFetcher({
      userAgent: USER_AGENT, perHostIntervalMs: 0, respectRobots: false,
      lookup: async (hostname) => {
        lookups.push(hostname);
        const next = answers.shift() ?? ['127.0.0.1'];
        return next.map((address) => ({ address, family: 4 as const }));
      },
      dial: routeTo(server, dialed),
    });
    try {
      const ok = await fetcher.fetch({ url: 'http://rebind.test/a' });
      assert.equal(Buffer.from(ok.body).toString(), 'public page');
      const err = await errorOf(fetcher.fetch({ url: 'http://rebind.test/b' }));
      assert.equal(err.code, 'blocked_address');
      assert.match(err.message, /^rebind\.test resolves to 127\.0\.0\.1, which is a loopback address/);
      assert.equal(lookups.length, 2);
      assert.deepEqual(dialed.map((d) => d.address), [PUBLIC_V4]);
      assert.deepEqual(server.requests.map((r) => r.path), ['/a']);
    } finally {
      await fetcher.close();
      await server.close();
    }
  });

  it('the connected peer is checked: a dial that lands on loopback is dropped before any request', async () => {
    const canary = await startCanary();
    const dialed: DialTarget[] = [];
    const fetcher = createFetcher({
      userAgent: USER_AGENT, respectRobots: false,
      lookup: stubLookup({ 'stray.test': [PUBLIC_V4] }),
      // A dialer that ignores the checked address (a stray resolver, a rebinding network stack).
      dial: (target) => {
        dialed.push(target);
        return net.connect({ host: '127.0.0.1', port: canary.port });
      },
    });
    try {
      const err = await errorOf(fetcher.fetch({ url: 'http://stray.test/' }));
      assert.equal(err.code, 'blocked_address');
      assert.match(err.message, /^the connection to stray\.test reached 127\.0\.0\.1, which is a loopback address/);
      assert.equal(dialed.length, 1);
      assert.equal(canary.requests.length, 0, 'no HTTP request was sent');
    } finally {
      await fetcher.close();
      await canary.close();
    }
  });
});
