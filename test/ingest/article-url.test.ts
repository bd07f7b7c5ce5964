// URL identity: what counts as the same article address.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeUrl } from '../../src/text/article-url.js';

describe('normalizeUrl', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['lower-case host, default port, fragment', 'HTTPS://News.Example.COM:443/World/Story?id=7#comments', 'https://news.example.com/World/Story?id=7'],
    ['keeps a non-default port (two outlets on one host)', 'http://127.0.0.1:8081/a', 'http://127.0.0.1:8081/a'],
    ['drops utm_* and click ids, sorts the rest', 'https://n.example/a?utm_source=rss&b=2&fbclid=x&a=1&gclid=y&UTM_Medium=z', 'https://n.example/a?a=1&b=2'],
    ['AMP path suffix', 'https://n.example/world/quake/amp/', 'https://n.example/world/quake/'],
    ['AMP leading segment', 'https://n.example/amp/world/quake', 'https://n.example/world/quake'],
    ['AMP query', 'https://n.example/world/quake?amp=1', 'https://n.example/world/quake'],
    ['AMP outputType', 'https://n.example/world/quake?outputType=amp&page=2', 'https://n.example/world/quake?page=2'],
    ['AMP subdomain', 'https://amp.n.example/world/quake', 'https://n.example/world/quake'],
    ['credentials removed', 'https://user:pw@n.example/a', 'https://n.example/a'],
    ['a page named like amp is kept', 'https://n.example/champions/lamp-post', 'https://n.example/champions/lamp-post'],
    ['not http', 'javascript:alert(1)', undefined],
    ['not a URL', 'news item', undefined],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(normalizeUrl(input), expected));
  }
});
