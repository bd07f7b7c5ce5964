// `topstory parse-feed FILE…`: one JSON line per file with the contract's keys, `{file, error}` for
// files that are not feeds (an HTML page names its feeds), exit 1 when any file failed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/index.js';

const fixtures = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));

async function run(...argv: string[]): Promise<{ status: number; lines: Record<string, unknown>[]; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const status = await runCli(argv, { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: fixtures });
  return { status, lines: out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), stderr: err };
}

describe('topstory parse-feed', () => {
  it('prints one line per file with the contract keys, in order', async () => {
    const { status, lines } = await run('parse-feed', 'rss2-news.xml', 'atom-news.xml', 'jsonfeed-1.1.json', 'news-sitemap.xml');
    assert.equal(status, 0);
    assert.deepEqual(lines.map((l) => [l.file, l.format]), [
      ['rss2-news.xml', 'rss'], ['atom-news.xml', 'atom'], ['jsonfeed-1.1.json', 'json'], ['news-sitemap.xml', 'sitemap'],
    ]);
    const first = lines[0]!;
    assert.deepEqual(Object.keys(first), ['file', 'format', 'feed', 'items', 'warnings']);
    assert.deepEqual(Object.keys(first.feed as object), ['title', 'link', 'description', 'language', 'updated', 'image']);
    const item = (first.items as Record<string, unknown>[])[1]!;
    assert.deepEqual(Object.keys(item), ['id', 'title', 'link', 'published', 'updated', 'author', 'summary', 'content', 'image', 'categories', 'enclosures']);
    assert.deepEqual(item.enclosures, [{ url: 'https://cdn.harbour.example/ep12.mp3', type: 'audio/mpeg', length: 24986239 }]);
  });

  it('resolves relative links against --url', async () => {
    const { lines } = await run('parse-feed', 'rss2-news.xml', '--url', 'https://harbour.example/feed/');
    const items = lines[0]!.items as { link: string }[];
    assert.equal(items[0]?.link, 'https://harbour.example/2026/03/02/ferry-service-resumes/');
  });

  it('reports an HTML page as an error naming the feeds it links to, and a missing file, and exits 1', async () => {
    const { status, lines } = await run('parse-feed', 'page-with-feeds.html', 'no-such-file.xml', 'sitemap.xml');
    assert.equal(status, 1);
    assert.equal(lines.length, 3);
    assert.equal(lines[0]!.file, 'page-with-feeds.html');
    assert.match(String(lines[0]!.error), /not a feed but an HTML page.*https:\/\/harbour\.example\/atom\.xml/);
    assert.deepEqual(lines[1], { file: 'no-such-file.xml', error: 'no such file' });
    assert.equal(lines[2]!.format, 'sitemap');
  });

  it('lists child sitemaps for a sitemap index; a relative one only when there is a base URL', async () => {
    assert.equal(((await run('parse-feed', 'sitemap-index.xml')).lines[0]!.sitemaps as string[]).length, 2);
    const { lines } = await run('parse-feed', 'sitemap-index.xml', '--url', 'https://gazette.example/sitemap.xml');
    assert.equal((lines[0]!.sitemaps as string[])[2], 'https://gazette.example/sitemap-pages.xml');
  });

  it('is a usage error without a file', async () => {
    const { status, stderr } = await run('parse-feed');
    assert.equal(status, 2);
    assert.match(stderr, /usage: topstory parse-feed/);
  });
});
