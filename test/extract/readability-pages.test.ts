// Body-text and metadata agreement with Readability's output on the 130 pages of its test suite
// (../shared/data/extraction/readability-pages). Readability is a baseline, not the truth, so
// the floors sit a little under what the extractor reaches today: a drop below them is a regression.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { extractArticle, type Article } from '../../src/extract/index.js';
import { htmlText, metadataKey, ngramF1 } from '../../src/extract/agreement.js';

const dir = new URL('../../../shared/data/extraction/readability-pages/', import.meta.url);
const present = existsSync(dir);

interface Expected {
  title: string | null; byline: string | null; excerpt: string | null; siteName: string | null;
  publishedTime: string | null; lang?: string | null;
}

describe('readability-pages agreement', { skip: present ? false : 'no ../shared/data/extraction/readability-pages (shared data folder absent)' }, () => {
  const pages = present ? readdirSync(dir).filter((name) => existsSync(new URL(`${name}/source.html`, dir))).sort() : [];
  const results = pages.map((name) => {
    const source = readFileSync(new URL(`${name}/source.html`, dir));
    const expectedText = htmlText(readFileSync(new URL(`${name}/expected.html`, dir), 'utf8'));
    const expected = JSON.parse(readFileSync(new URL(`${name}/expected-metadata.json`, dir), 'utf8')) as Expected;
    let article: Article | undefined;
    try {
      article = extractArticle(source, 'http://fakehost/test/page.html');
    } catch {
      article = undefined;
    }
    return { name, article, f1: article ? ngramF1(article.text, expectedText) : 0, expected };
  });

  it('every page extracts without an error', () => {
    assert.deepEqual(results.filter((r) => !r.article).map((r) => r.name), []);
  });

  it('mean body 4-gram F1 against Readability is at least 0.94', () => {
    const mean = results.reduce((sum, r) => sum + r.f1, 0) / results.length;
    assert.ok(mean >= 0.94, `mean F1 ${mean.toFixed(4)}`);
  });

  it('nine pages in ten reach an F1 of 0.8', () => {
    const good = results.filter((r) => r.f1 >= 0.8).length / results.length;
    assert.ok(good >= 0.9, `${(good * 100).toFixed(1)}% of pages reach 0.8`);
  });

  const fields: Array<{ field: keyof Expected; ours: (a: Article) => string | null; floor: number }> = [
    { field: 'title', ours: (a) => a.title, floor: 0.8 },
    { field: 'byline', ours: (a) => a.byline, floor: 0.72 },
    { field: 'siteName', ours: (a) => a.siteName, floor: 0.9 },
    { field: 'lang', ours: (a) => a.lang, floor: 0.95 },
  ];
  for (const { field, ours, floor } of fields) {
    it(`${field} agrees on at least ${floor * 100}% of pages`, () => {
      const agree = results.filter((r) => r.article && metadataKey(field, ours(r.article)) === metadataKey(field, r.expected[field] ?? null)).length;
      assert.ok(agree / results.length >= floor, `${field}: ${agree}/${results.length}`);
    });
  }

  it('where Readability finds a published time, ours is the same instant on at least 90% of pages', () => {
    const dated = results.filter((r) => r.expected.publishedTime);
    const agree = dated.filter((r) => r.article && metadataKey('published', r.article.published) === metadataKey('published', r.expected.publishedTime)).length;
    assert.ok(agree / dated.length >= 0.9, `${agree}/${dated.length}`);
  });
});
