// Extraction runs in worker threads: results come back intact, and a page that takes too long fails
// alone while the pool keeps serving the next pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createExtractPool } from '../../src/ingest/extract-pool.js';

const page = (title: string) => new TextEncoder().encode(`<!doctype html><html lang="en"><head><title>${title} | Coast News</title></head>
<body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>
<p>The harbour authority said on Monday that the ferry service would resume after two days of storms closed the crossing.</p>
<p>Engineers inspected the pier overnight and found no structural damage, according to a statement from the operator.</p>
<p>Passengers with cancelled tickets can travel on any sailing this week without paying extra, the company added.</p>
</article><footer>Back to top</footer></body></html>`);

describe('extraction pool', () => {
  it('extracts in worker threads, several pages at once', async () => {
    const pool = createExtractPool({ size: 2 });
    try {
      const titles = ['Ferry service resumes', 'Pier reopens to walkers', 'Storm damage counted'];
      const articles = await Promise.all(titles.map((t) => pool.extract(page(t), 'https://coast.example/news/1')));
      assert.deepEqual(articles.map((a) => a.title), titles);
      assert.match(articles[0]!.text, /harbour authority said on Monday/);
      assert.doesNotMatch(articles[0]!.text, /Back to top/);
    } finally {
      await pool.close();
    }
  });

  it('a page over the time limit fails alone; its thread is replaced and the pool goes on', async () => {
    const pool = createExtractPool({ size: 1 });
    const big = new TextEncoder().encode(`<html><body>${'<div><p>word word word word</p></div>'.repeat(60_000)}</body></html>`);
    try {
      const slow = pool.extract(big, 'https://coast.example/huge', {}, 1);
      const next = pool.extract(page('After the slow page'), 'https://coast.example/news/2');
      await assert.rejects(slow, (err: Error & { code?: string; layer?: string }) => err.code === 'timeout' && err.layer === 'extract');
      assert.equal((await next).title, 'After the slow page');
    } finally {
      await pool.close();
    }
  });
});
