// Hostile inputs (../shared/data/security): no DTD processing, no entity expansion, no network,
// Object.prototype untouched, bounded input; the H5SC hostile feed parses to http(s) links only
// and HTML with nothing executable.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Parser } from 'htmlparser2';
import { parseFeed, type ParsedFeed } from '../../src/feeds/index.js';
import { parseXml } from '../../src/feeds/xml.js';
import { TopstoryError } from '../../src/errors.js';

const securityDir = fileURLToPath(new URL('../../../shared/data/security/', import.meta.url));
const skip = existsSync(`${securityDir}xml`) ? false : 'security data not found in ../shared/data/security';
const xmlFiles = skip ? [] : readdirSync(`${securityDir}xml`).filter((f) => f.endsWith('.xml')).sort();

function parseOrRefuse(bytes: Uint8Array): ParsedFeed | TopstoryError {
  try {
    return parseFeed(bytes);
  } catch (err) {
    if (err instanceof TopstoryError) return err;
    throw err;
  }
}

// Every string a parse result holds, for scanning.
function allStrings(feed: ParsedFeed): string[] {
  return JSON.stringify(feed).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
}

function links(feed: ParsedFeed): string[] {
  return [
    feed.feed.link, feed.feed.image, ...feed.sitemaps,
    ...feed.items.flatMap((i) => [i.link, i.image, ...i.enclosures.map((e) => e.url)]),
  ].filter((u): u is string => u !== null);
}

describe('hostile XML files', { skip }, () => {
  for (const file of xmlFiles) {
    it(`${file} is refused or parsed without expanding any entity`, () => {
      const bytes = new Uint8Array(readFileSync(`${securityDir}xml/${file}`));
      const result = parseOrRefuse(bytes);
      if (result instanceof TopstoryError) return;
      const serialized = JSON.stringify(result);
      // Expansion would multiply the input; a parse without it stays within the input's size.
      assert.ok(serialized.length < bytes.length * 4 + 10_000, `output ${serialized.length} chars for ${bytes.length} bytes`);
      assert.doesNotMatch(serialized, /(lol){20}|A{5000}|root:x:0:0/);
      for (const s of allStrings(result)) assert.ok(!s.includes('/etc/'), s);
    });
  }

  it('leaves Object.prototype clean after the __proto__/constructor feed', () => {
    const result = parseOrRefuse(new Uint8Array(readFileSync(`${securityDir}xml/prototype-pollution.rss.xml`)));
    assert.ok(!(result instanceof TopstoryError));
    const probe: Record<string, unknown> = {};
    assert.equal(probe.polluted, undefined);
    assert.equal(probe.isAdmin, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    assert.equal(result.items[0]?.title, 't');
  });

  it('never requests an external entity or DTD (a loopback canary hears nothing)', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('canary');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      for (const file of ['xxe-ssrf-loopback.rss.xml', 'xxe-parameter-entity.rss.xml']) {
        const text = readFileSync(`${securityDir}xml/${file}`, 'utf8').replaceAll('127.0.0.1:1/', `127.0.0.1:${port}/`);
        const result = parseOrRefuse(new TextEncoder().encode(text));
        if (!(result instanceof TopstoryError)) assert.doesNotMatch(JSON.stringify(result), /canary"/);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(hits, 0);
    } finally {
      server.close();
    }
  });
});

describe('the H5SC hostile feed', { skip }, () => {
  const feed = skip ? undefined : parseFeed(new Uint8Array(readFileSync(`${securityDir}h5sc-hostile-feed.rss.xml`)));

  it('parses with all its items', () => {
    assert.equal(feed?.format, 'rss');
    assert.ok((feed?.items.length ?? 0) >= 200);
  });

  it('keeps only http(s) links', () => {
    const bad = links(feed!).filter((u) => !/^https?:\/\/[^\s"'<>`]+$/.test(u));
    assert.deepEqual(bad, []);
  });

  it('leaves nothing executable in summaries and content', () => {
    const leaks = feed!.items.flatMap((i) => [i.summary, i.content]).filter((h): h is string => h !== null).flatMap(executableParts);
    assert.deepEqual(leaks, []);
  });
});

// Elements and attributes of an HTML fragment that could run script or load active content.
function executableParts(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attribs) {
      if (/^(script|iframe|object|embed|base|form|meta|style|link|svg|math|frame|frameset|applet)$/.test(name)) found.push(`<${name}>`);
      for (const [k, v] of Object.entries(attribs)) {
        if (/^on/i.test(k) || k === 'srcdoc' || k === 'formaction') found.push(`${name}[${k}]`);
        if (/^(href|src|action|poster|background|xlink:href|data)$/.test(k) && !/^https?:/i.test(v.trim())) found.push(`${name}[${k}=${v.slice(0, 40)}]`);
      }
    },
  }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return found;
}

describe('limits', () => {
  it('refuses input over the byte cap with a feeds error', () => {
    const big = new Uint8Array(2048).fill(0x20);
    assert.throws(() => parseFeed(big, { maxBytes: 1024 }), (e: unknown) => e instanceof TopstoryError && e.code === 'too-large');
  });

  it('bounds the number of elements and says so', () => {
    const doc = `<rss><channel>${'<item><title>x</title></item>'.repeat(60)}</channel></rss>`;
    const tree = parseXml(doc, undefined, { maxElements: 50, maxDepth: 200, maxAttributes: 100 });
    assert.ok(tree.warnings.some((w) => /more than 50 elements/.test(w)));
  });

  it('survives nesting far deeper than any feed without exhausting the stack', () => {
    const depth = 100_000;
    const doc = `<rss><channel><item><title>deep</title><description>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</description></item></channel></rss>`;
    const feed = parseFeed(new TextEncoder().encode(doc));
    assert.equal(feed.items[0]?.title, 'deep');
    assert.ok(feed.warnings.some((w) => /nested deeper/.test(w)));
  });

  it('reads at most 10,000 items and says so', () => {
    const doc = `<rss><channel>${'<item><title>x</title></item>'.repeat(10_001)}</channel></rss>`;
    const feed = parseFeed(new TextEncoder().encode(doc));
    assert.equal(feed.items.length, 10_000);
    assert.ok(feed.warnings.some((w) => /only the first 10000/.test(w)));
  });

  it('bounds attributes per element', () => {
    const attrs = Array.from({ length: 500 }, (_, i) => `a${i}="v"`).join(' ');
    const tree = parseXml(`<rss ${attrs}><channel/></rss>`);
    assert.ok((tree.root?.attrs.size ?? 0) <= 100);
    assert.ok(tree.warnings.some((w) => /attributes/.test(w)));
  });
});

describe('pathological repetition stays linear', () => {
  // Each document would take minutes with a backtracking or quadratic step; the test asserts the
  // outcome, and the byte count keeps the run short either way (speed is measured in bench/feeds.ts).
  const cases: [string, string, (f: ParsedFeed) => void][] = [
    ['unterminated CDATA openers', `<rss><channel><title>${'<![CDATA['.repeat(50_000)}`, (f) => assert.ok(f.warnings.some((w) => /CDATA/.test(w)))],
    ['unterminated comments', `<rss><channel><title>t</title>${'<!--'.repeat(50_000)}`, (f) => assert.equal(f.feed.title, 't')],
    ['tags that never close in a title', `<rss><channel><item><title>${'&lt;a '.repeat(50_000)}</title></item></channel></rss>`, (f) => assert.ok((f.items[0]?.title ?? '').startsWith('<a <a'))],
    ['a long author with parentheses', `<rss><channel><item><author>${'a@b ('.repeat(50_000)}</author></item></channel></rss>`, (f) => assert.ok((f.items[0]?.author ?? '').startsWith('a@b ('))],
    ['unclosed DOCTYPE subset', `<!DOCTYPE rss [${'<!ENTITY a "b">'.repeat(20_000)}<rss><channel><title>t</title></channel></rss>`, (f) => assert.ok(f.warnings.length > 0)],
  ];
  for (const [name, doc, check] of cases) {
    it(name, () => {
      const result = parseOrRefuse(new TextEncoder().encode(doc));
      if (!(result instanceof TopstoryError)) check(result);
    });
  }
});
