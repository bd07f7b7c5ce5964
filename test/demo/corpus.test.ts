// The demo corpus is consistent: every article names a real outlet, ids are unique and URL-safe,
// copies point at an existing original, times lie inside the corpus window, and the full corpus is
// big enough to exercise clustering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { corpusWindow, loadCorpus, type CorpusArticle } from '../../demo/corpus.js';
import { outlets } from '../../demo/outlets.js';
import { projectRoot } from '../../src/paths.js';
import { sampleCorpus } from './http-client.js';

const corpusFiles = ['a-world.json', 'b-business.json', 'ru-priozerye.json'];
const corpusDir = join(projectRoot(), 'demo', 'corpus');
const missing = corpusFiles.filter((f) => !existsSync(join(corpusDir, f)));

/** Every rule an article breaks, as readable lines (empty when the corpus is sound). */
function corpusProblems(corpus: CorpusArticle[]): string[] {
  const problems: string[] = [];
  const slugs = new Set(outlets.map((o) => o.slug));
  const byId = new Map<string, CorpusArticle>();
  const start = Date.parse(corpusWindow.start);
  const end = Date.parse(corpusWindow.end);
  for (const a of corpus) {
    if (byId.has(a.id)) problems.push(`${a.id}: duplicate id`);
    byId.set(a.id, a);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(a.id)) problems.push(`${a.id}: id is not a URL-safe slug`);
    if (!slugs.has(a.outlet)) problems.push(`${a.id}: unknown outlet "${a.outlet}"`);
    const published = Date.parse(a.published);
    if (!(published >= start && published < end)) problems.push(`${a.id}: published ${a.published} outside the corpus window`);
    if (a.updated !== undefined && !(Date.parse(a.updated) >= published)) problems.push(`${a.id}: updated ${a.updated} is not after published`);
    if (a.previousTitle !== undefined && a.updated === undefined) problems.push(`${a.id}: previousTitle without updated`);
    if (!a.title.trim() || !a.lead.trim() || !a.story.trim() || !a.section.trim()) problems.push(`${a.id}: empty title, lead, story or section`);
    if (!a.body.some((b) => typeof b === 'string' && b.trim())) problems.push(`${a.id}: body has no paragraph`);
  }
  for (const a of corpus) {
    if (a.copyOf === undefined) continue;
    const original = byId.get(a.copyOf);
    if (!original) problems.push(`${a.id}: copyOf "${a.copyOf}" does not exist`);
    else if (original.id === a.id) problems.push(`${a.id}: copy of itself`);
    else if (original.story !== a.story) problems.push(`${a.id}: copy belongs to story "${a.story}", original to "${original.story}"`);
  }
  return problems;
}

const cases: Array<{ name: string; corpus: () => CorpusArticle[]; skip?: string }> = [
  {
    name: 'the demo corpus in demo/corpus/', corpus: () => loadCorpus(),
    skip: missing.length === corpusFiles.length ? 'no corpus file written yet' : undefined,
  },
  { name: 'the test sample corpus', corpus: sampleCorpus },
];

for (const c of cases) {
  test(`${c.name} follows the corpus rules`, { skip: c.skip ?? false }, () => {
    const corpus = c.corpus();
    assert.ok(corpus.length > 0, 'corpus is empty');
    assert.deepEqual(corpusProblems(corpus), []);
  });
}

test('the sample corpus covers every outlet, every block kind, a copy and a headline update', () => {
  const corpus = sampleCorpus();
  assert.deepEqual([...new Set(corpus.map((a) => a.outlet))].sort(), outlets.map((o) => o.slug).sort());
  const blocks = corpus.flatMap((a) => a.body);
  assert.ok(blocks.some((b) => typeof b === 'object' && 'h' in b), 'no subheading');
  assert.ok(blocks.some((b) => typeof b === 'object' && 'quote' in b), 'no quotation');
  assert.ok(corpus.some((a) => a.copyOf), 'no copy');
  assert.ok(corpus.some((a) => a.previousTitle), 'no headline update');
});

test('the full corpus is large enough for clustering (at least 100 articles, 20 stories, every outlet)',
  { skip: missing.length > 0 ? `corpus files not written yet: ${missing.join(', ')}` : false },
  () => {
    const corpus = loadCorpus();
    assert.ok(corpus.length >= 100, `only ${corpus.length} articles`);
    const stories = new Set(corpus.map((a) => a.story));
    assert.ok(stories.size >= 20, `only ${stories.size} stories`);
    for (const o of outlets) assert.ok(corpus.some((a) => a.outlet === o.slug), `no article for ${o.slug}`);
    const multi = [...stories].filter((s) => new Set(corpus.filter((a) => a.story === s).map((a) => a.outlet)).size > 1);
    assert.ok(multi.length >= 5, `only ${multi.length} stories are covered by more than one outlet`);
  });
