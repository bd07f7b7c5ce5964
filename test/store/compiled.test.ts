// Queries compiled once and run again with new values (src/store/compiled.ts): each run gives what
// the query built anew with its values gives, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.js';
import { runCompiledOnce } from '../../src/store/compiled.js';
import { addSource } from '../../src/store/sources.js';
import { createStory } from '../../src/store/stories.js';
import { storyVersions } from '../../src/store/pages.js';

const T0 = Date.UTC(2026, 2, 2, 12, 0, 0);
const HOUR = 3_600_000;

describeEachDatabase('queries compiled once', (test) => {
  test('runs take their own values, constants stay, and the rows are those of the query built anew', async ({ store }) => {
    await addSource(store, { name: 'Harbour Times', url: 'https://harbour.example/feed.xml' }, T0);
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) ids.push(await createStory(store, { title: `Story ${i}`, lang: i % 2 ? 'de' : 'en', publishedAt: T0 + i * HOUR }, T0));
    // Every shape and value of a query with an IN list, a constant and a limit, against the builder run directly.
    const direct = (some: number[], lang: string, limit: number) =>
      store.db.selectFrom('stories').select(['id', 'title']).where('id', 'in', some).where('lang', '=', lang).where('article_count', '>=', 0).orderBy('id').limit(limit).execute();
    const compiled = (some: number[], lang: string, limit: number) =>
      runCompiledOnce(store, `test/${some.length}`, [...some, lang, limit], (marks) =>
        store.db.selectFrom('stories').select(['id', 'title']).where('id', 'in', marks.slice(0, some.length)).where('lang', '=', marks[some.length] as unknown as string)
          .where('article_count', '>=', 0).orderBy('id').limit(marks[some.length + 1]!));
    for (const [some, lang, limit] of [[ids.slice(0, 3), 'en', 10], [ids.slice(2, 5), 'de', 10], [ids.slice(0, 3), 'de', 1], [ids, 'en', 2], [ids.slice(5, 8), 'en', 5]] as const) {
      const want = await direct([...some], lang, limit);
      assert.deepEqual(await compiled([...some], lang, limit), want, `${some.length} ids, ${lang}, limit ${limit}`);
    }
    assert.ok((await compiled(ids, 'de', 10)).length === 4, 'not a comparison of empty lists');
    // The queries the article page runs this way.
    assert.deepEqual((await storyVersions(store, [ids[1]!, ids[6]!])).map((v) => v.id).sort((a, b) => a - b), [ids[1], ids[6]]);
    assert.deepEqual((await storyVersions(store, [ids[3]!, ids[4]!])).map((v) => v.id).sort((a, b) => a - b), [ids[3], ids[4]]);
  });

  test('a value that does not reach the compiled query is an error, not a query run without it', async ({ store }) => {
    await assert.rejects(
      runCompiledOnce(store, 'test/dropped', [1, 2], (marks) => store.db.selectFrom('stories').select('id').where('id', '=', marks[0]!)),
      /1 of 2 values do not reach the compiled query/,
    );
  });
});
