// `topstory stories` shows the rank order; `pin` puts a story on top and `pin --off` releases it.
import assert from 'node:assert/strict';
import { runTopstory } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';
import { createStory, setStoryScore } from '../../src/store/stories.js';
import { upsertArticle } from '../../src/store/articles.js';
import { addSource } from '../../src/store/sources.js';
import { refreshStoryCounts } from '../../src/store/stories.js';

describeEachDatabase('stories and pin commands', (test) => {
  test('list in rank order, pin, unpin, refuse bad ids', async ({ store, database }) => {
    const env = { ...database.env, TOPSTORY_DATABASE_URL: database.env.TOPSTORY_DATABASE_URL ?? '' };
    const now = Date.now();
    const source = await addSource(store, { name: 'Coast', url: 'https://coast.example/feed' }, now);
    const ids: number[] = [];
    for (const [n, title] of ['Storm closes harbour', 'Library opens on Sundays'].entries()) {
      const story = await createStory(store, { title, lang: 'en', publishedAt: now }, now);
      await upsertArticle(store, { sourceId: source.id, url: `https://coast.example/${n}`, normalizedUrl: `https://coast.example/${n}`, guid: String(n), contentHash: String(n), title, lead: null, byline: null, text: title, html: '', lang: 'en', imageUrl: null, canonicalUrl: null, siteName: null, wordCount: 3, publishedAt: now - 3_600_000, modifiedAt: null, storyId: story }, now);
      await refreshStoryCounts(store, story, now);
      await setStoryScore(store, story, 2 - n, now);
      ids.push(story);
    }
    const listed = await runTopstory(['stories'], { env });
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(` 1\\. \\[${ids[0]}\\] Storm closes harbour — 1 outlets, 1 articles, score 2\\.000, latest 1 h ago\\n 2\\. \\[${ids[1]}\\] Library`));
    const pinned = await runTopstory(['pin', String(ids[1])], { env });
    assert.equal(pinned.status, 0, pinned.stderr);
    assert.match((await runTopstory(['stories', '--limit', '1'], { env })).stdout, new RegExp(`^ 1\\. \\[${ids[1]}\\] Library opens on Sundays .*, pinned,`));
    await runTopstory(['pin', String(ids[1]), '--off'], { env });
    assert.match((await runTopstory(['stories', '--limit', '1'], { env })).stdout, /^ 1\. \[\d+\] Storm closes harbour/);
    const bad = await runTopstory(['pin', 'top'], { env });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /"top" is not a story id/);
    const missing = await runTopstory(['pin', '99999'], { env });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^topstory: store: no story 99999\n$/);
  });
});
