// The 130 pages of Readability's test suite (../shared/data/extraction/readability-pages), scored the
// way bench/extract scores them (bench/extract-score.ts) against the same truth: Readability's output
// with our corrections where it is wrong (bench/extract-truth.ts, test/fixtures/extraction-truth/).
// The floors sit a little under what the extractor reaches today: a drop below them is a regression.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decodePage, extractArticle, type Article } from '../../src/extract/index.js';
import { pageF1, scorePage, scoreSet, type PageScore } from '../../bench/extract-score.js';
import { SCORED_FIELDS, haveReadabilityPages, readabilityPages, sameField, type PageTruth, type ScoredField } from '../../bench/extract-truth.js';

const present = haveReadabilityPages();

interface Expected {
  siteName: string | null;
  lang?: string | null;
}

describe('readability-pages against the truth', { skip: present ? false : 'no ../shared/data/extraction/readability-pages (shared data folder absent)' }, () => {
  const pages: PageTruth[] = present ? readabilityPages((bytes) => decodePage(bytes)) : [];
  const results = pages.map((page) => {
    let article: Article | undefined;
    try {
      article = extractArticle(page.html, page.url);
    } catch {
      article = undefined;
    }
    const score: PageScore = scorePage(article?.text ?? '', page.body);
    return { page, article, score };
  });

  it('every page extracts without an error', () => {
    assert.deepEqual(results.filter((r) => !r.article).map((r) => r.page.name), []);
  });

  it('body F1 (4-gram, precision and recall averaged over pages) is at least 0.975', () => {
    const { precision, recall, f1 } = scoreSet(results.map((r) => r.score));
    assert.ok(f1 >= 0.975, `F1 ${f1.toFixed(4)} (P ${precision.toFixed(4)}, R ${recall.toFixed(4)})`);
  });

  it('nineteen pages in twenty reach an F1 of 0.9', () => {
    const weak = results.filter((r) => pageF1(r.score) < 0.9);
    assert.ok(weak.length <= results.length / 20, `${weak.length} pages below 0.9: ${weak.map((r) => r.page.name).join(', ')}`);
  });

  it('no page whose truth has a body comes out empty', () => {
    const empty = results.filter((r) => r.page.body.trim() !== '' && (r.article?.text ?? '').trim() === '');
    assert.deepEqual(empty.map((r) => r.page.name), []);
  });

  const floors: Record<ScoredField, number> = { title: 0.97, byline: 0.93, published: 0.95, lead: 0.93 };
  const ours = (a: Article, field: ScoredField): string | null => a[field];
  for (const field of SCORED_FIELDS) {
    it(`${field} is right on at least ${floors[field] * 100}% of the pages that have one`, () => {
      const having = results.filter((r) => r.page.metadata[field]);
      const wrong = having.filter((r) => !r.article || !sameField(field, ours(r.article, field), r.page.metadata[field]));
      const share = 1 - wrong.length / having.length;
      assert.ok(share >= floors[field], `${field}: ${wrong.length}/${having.length} wrong: ${wrong.map((r) => `${r.page.name} ${JSON.stringify(r.article?.[field])}`).join('; ')}`);
    });
  }

  // Site name and language are not corrected: Readability's values are compared as they are.
  const fold = (field: 'siteName' | 'lang', value: string | null | undefined): string => {
    if (!value) return '';
    const lower = value.toLowerCase();
    return field === 'lang' ? lower.split(/[-_]/)[0] ?? '' : lower.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  };
  for (const [field, floor] of [['siteName', 0.9], ['lang', 0.95]] as const) {
    it(`${field} agrees with Readability's on at least ${floor * 100}% of pages`, () => {
      const agree = results.filter((r) => {
        const expected = JSON.parse(readFileSync(new URL(`../../../shared/data/extraction/readability-pages/${r.page.name}/expected-metadata.json`, import.meta.url), 'utf8')) as Expected;
        return r.article && fold(field, r.article[field]) === fold(field, expected[field]);
      }).length;
      assert.ok(agree / results.length >= floor, `${field}: ${agree}/${results.length}`);
    });
  }
});
