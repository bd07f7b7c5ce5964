// The duplicate test in a thread of its own (StoryClusterer's duplicateThread): the same
// assignments as in the clusterer's own thread, whatever runs ahead, including copies whose
// original has left the table (the thread then waits to be told how the clusterer placed them).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticle, type AnalyzedArticle } from '../../src/stories/article.js';
import { maintainEveryMs, StoryClusterer, type Assignment } from '../../src/stories/clusterer.js';
import { seededRandom } from '../../src/stories/datasets.js';
import { TopstoryError } from '../../src/errors.js';
import { at } from './fixtures.js';

/** A stream over 12 days: stories of a few articles each, wire copies (some of copies), re-posts under the same URL, and copies of week-old originals. */
function stream(): AnalyzedArticle[] {
  const random = seededRandom(41);
  const words = (seed: number, count: number) => {
    const r = seededRandom(seed);
    return Array.from({ length: count }, () => `w${Math.floor(r() * 3_000)}`).join(' ');
  };
  const inputs: Array<Parameters<typeof analyzeArticle>[0]> = [];
  const originals: Array<{ id: string; text: string; title: string; url: string }> = [];
  for (let n = 0; n < 900; n++) {
    const hours = n / 3;
    const id = `a${n}`;
    const story = Math.floor(n / 4);
    const roll = random();
    if (originals.length > 0 && roll < 0.12) {
      // A copy of a recent original, or (one in four) of one a week old or more.
      const pick = roll < 0.03 ? originals[Math.floor(random() * Math.max(1, originals.length - 500))]! : originals[originals.length - 1 - Math.floor(random() * Math.min(20, originals.length))]!;
      const sameUrl = random() < 0.2;
      inputs.push({ id, title: pick.title, text: `CITY (Wire) — ${pick.text}`, published: at(hours), lang: 'en', source: `s${n % 7}`, url: sameUrl ? pick.url : `https://s${n % 7}.example/${id}` });
      continue;
    }
    const title = `Story ${story} ${words(story * 7 + 1, 5)}`;
    const text = `${words(story * 7 + 2, 40)} ${words(n * 13 + 3, 60)}`;
    const url = `https://s${n % 7}.example/${id}`;
    originals.push({ id, title, text, url });
    inputs.push({ id, title, text, published: at(hours), lang: 'en', source: `s${n % 7}`, url });
  }
  return inputs.map((input) => analyzeArticle(input));
}

/** Every assignment and every pass's changes, clustering the stream announced `ahead` articles at a time (0: none). */
function run(articles: readonly AnalyzedArticle[], duplicateThread: boolean, ahead: number): string[] {
  const clusterer = new StoryClusterer({ duplicateThread });
  const out: string[] = [];
  let lastPass = -Infinity;
  try {
    for (let from = 0; from < articles.length; from += Math.max(1, ahead)) {
      const batch = articles.slice(from, from + Math.max(1, ahead));
      if (ahead > 0) for (const article of batch) clusterer.announce(article);
      for (const article of batch) {
        if (article.published - lastPass >= maintainEveryMs) {
          if (lastPass > -Infinity) out.push(JSON.stringify(clusterer.maintain(article.published)));
          lastPass = article.published;
        }
        const assignment: Assignment = clusterer.add(article);
        out.push(`${assignment.id} ${assignment.story} ${assignment.duplicateOf ?? ''}`);
      }
    }
  } finally {
    clusterer.close();
  }
  return out;
}

describe('the duplicate test in a thread of its own', () => {
  const articles = stream();
  const alone = run(articles, false, 0);

  it('finds copies in the stream (the test has something to compare)', () => {
    const copies = alone.filter((line) => /^a\d+ \S+ a\d+$/u.test(line));
    assert.ok(copies.length > 60, `copies found: ${copies.length}`);
  });

  for (const ahead of [0, 1, 7, 256]) {
    it(`gives the same assignments and passes, ${ahead === 0 ? 'each article handed over as it is added' : `${ahead} articles announced ahead`}`, () => {
      assert.deepEqual(run(articles, true, ahead), alone);
    });
  }

  it('gives the same assignments in its own thread with articles announced ahead (no thread)', () => {
    assert.deepEqual(run(articles, false, 64), alone);
  });

  it('says so when articles are added out of the order announced', () => {
    const clusterer = new StoryClusterer({ duplicateThread: true });
    try {
      clusterer.announce(articles[0]!);
      clusterer.announce(articles[1]!);
      assert.throws(() => clusterer.add(articles[1]!), (error: unknown) => error instanceof TopstoryError && /announced first/u.test(error.message));
    } finally {
      clusterer.close();
    }
  });
});
