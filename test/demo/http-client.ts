// Test helpers for the demo outlets: a raw HTTP client (no automatic decompression, so gzip can be
// checked byte for byte), the visible text of a page, and the sample corpus.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { parseDocument } from 'htmlparser2';
import { textContent, getElementsByTagName } from 'domutils';
import type { CorpusArticle } from '../../demo/corpus.js';

/** A response as it came off the wire. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One HTTP request over loopback; the body is returned exactly as sent (still gzipped if it was). */
export function httpGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The text a reader sees in a page's body, entities decoded and whitespace collapsed. */
export function pageText(html: string): string {
  const doc = parseDocument(html);
  const body = getElementsByTagName('body', doc, true)[0] ?? doc;
  return textContent(body).replace(/\s+/g, ' ');
}

/** The same whitespace folding for the expected strings. */
export function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The small hand-written corpus under test/fixtures (one or two articles per outlet, every block kind). */
export function sampleCorpus(): CorpusArticle[] {
  return JSON.parse(readFileSync(new URL('../fixtures/demo-sample.json', import.meta.url), 'utf8')) as CorpusArticle[];
}
