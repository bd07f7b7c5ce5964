// OPML through the CLI: a Miniflux and a FreshRSS export import into sources, and exporting gives
// back every feed with its categories; importing twice adds nothing.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runTopstory } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';
import { parseOpml } from '../../src/feeds/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/feeds/${name}`, import.meta.url));
const key = (o: { xmlUrl: string; categories: string[] }) => `${o.xmlUrl} [${o.categories.join(' / ')}]`;

describeEachDatabase('opml import and export', (test) => {
  test('Miniflux and FreshRSS exports round-trip through the database', async ({ database }) => {
    const env = { ...database.env, TOPSTORY_DATABASE_URL: database.env.TOPSTORY_DATABASE_URL ?? '' };
    const expected = new Set<string>();
    for (const name of ['miniflux-export.opml', 'freshrss-export.opml']) {
      const doc = parseOpml(new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(fixture(name)))));
      for (const o of doc.outlines) expected.add(key(o));
      const result = await runTopstory(['import-opml', fixture(name)], { env });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^imported \d+ feeds/);
    }
    const again = await runTopstory(['import-opml', fixture('miniflux-export.opml')], { env });
    assert.match(again.stdout, /imported 0 feeds .*were already sources/);
    const exported = await runTopstory(['export-opml'], { env });
    assert.equal(exported.status, 0, exported.stderr);
    const back = parseOpml(new TextEncoder().encode(exported.stdout));
    const got = new Set(back.outlines.map(key));
    // A feed listed by both exports is one source, with the categories of the first import.
    const urls = new Set([...expected].map((k) => k.split(' ')[0]));
    assert.equal(back.outlines.length, urls.size);
    for (const k of got) assert.ok(expected.has(k), `exported ${k} was imported`);
    const bad = await runTopstory(['import-opml', fixture('rss2-news.xml')], { env });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^topstory: feeds: not an OPML document/);
    const missing = await runTopstory(['import-opml', 'no-such-file.opml'], { env });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot read no-such-file\.opml: ENOENT/);
  });
});
