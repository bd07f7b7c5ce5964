// The article page's own story is handed to the ranking as the newest two originals of each outlet
// (src/web/related.ts): the ranking must pick from them what it picks from the whole story.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleBrief } from '../../src/store/pages.js';
import { emptyPackedTerms } from '../../src/text/packed-terms.js';
import { seededRandom } from '../../src/stories/datasets.js';
import { relatedArticles, type RelatedArticle } from '../../src/stories/related.js';
import { newestOriginalsPerOutlet } from '../../src/web/related.js';

const asRelated = (x: ArticleBrief): RelatedArticle => ({
  id: String(x.id), story: '1', source: String(x.source_id), published: x.published_at, duplicateOf: x.duplicate_of === null ? null : String(x.duplicate_of),
});

/** Each outlet's originals sorted (newest first, ties by id as text) and cut to two, outlets in order of first original. */
function sortedPerOutlet(rows: readonly ArticleBrief[]): ArticleBrief[] {
  const outlets = new Map<number, ArticleBrief[]>();
  for (const x of rows) if (x.duplicate_of === null) outlets.set(x.source_id, [...(outlets.get(x.source_id) ?? []), x]);
  const order = (a: ArticleBrief, b: ArticleBrief) => b.published_at - a.published_at || (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0);
  return [...outlets.values()].flatMap((list) => [...list].sort(order).slice(0, 2));
}

describe('newestOriginalsPerOutlet', () => {
  it('gives the ranking the same coverage of the own story as every article of it would', () => {
    const random = seededRandom(4);
    for (let round = 0; round < 200; round++) {
      // A story of up to 120 articles from 12 outlets, times on a coarse grid (ties), some copies.
      const rows: ArticleBrief[] = [];
      const size = 1 + Math.floor(random() * 120);
      for (let i = 0; i < size; i++) {
        const copy = i > 0 && random() < 0.2 ? rows[Math.floor(random() * i)]!.id : null;
        rows.push({
          id: 1 + Math.floor(random() * 5) * 1000 + i, title: `t${i}`, lead: null, url: `https://x.example/${i}`, image_url: null,
          source_id: 1 + Math.floor(random() * 12), source_name: 'x', source_slug: 'x', story_id: 1, duplicate_of: copy, published_at: Math.floor(random() * 20) * 60_000,
        });
      }
      const self = rows[Math.floor(random() * rows.length)]!;
      const rank = (articles: ArticleBrief[]) =>
        relatedArticles(asRelated(self), { id: '1', terms: emptyPackedTerms, entities: [], articles: articles.map(asRelated) }, [], 3_600_000, { limit: 20 }).map((a) => a.id);
      const kept = newestOriginalsPerOutlet(rows);
      assert.ok(kept.every((x) => x.duplicate_of === null), 'originals only');
      assert.deepEqual(kept.map((x) => x.id), sortedPerOutlet(rows).map((x) => x.id), `round ${round}: each outlet's two newest, in order`);
      assert.deepEqual(rank(kept), rank(rows), `round ${round}: ${size} articles, the page's article ${self.id}`);
    }
  });
});
