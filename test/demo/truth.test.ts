// The truth file is current and true: demo/truth.jsonl equals what demo/truth.ts computes from the
// corpus, and every article page the demo serves shows its truth (title, lead, byline, paragraphs)
// while the paywalled pages leave the hidden paragraphs out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { loadCorpus, type CorpusArticle } from '../../demo/corpus.js';
import { blockText } from '../../demo/blocks.js';
import { outlets } from '../../demo/outlets.js';
import { startDemoOutlets, type DemoOutlets } from '../../demo/server.js';
import { bylineNames } from '../../demo/templates/modern.js';
import { computeTruth, truthJsonl, type TruthRecord } from '../../demo/truth.js';
import { truthPath } from '../../demo/write-truth.js';
import { fold, httpGet, pageText, sampleCorpus } from './http-client.js';

const demoCorpus = loadCorpus();

test('demo/truth.jsonl is what demo/truth.ts computes from the corpus now (run demo/write-truth.ts when not)', () => {
  const onDisk = readFileSync(truthPath(), 'utf8');
  assert.equal(onDisk, truthJsonl(computeTruth(demoCorpus)));
  const lines = onDisk.split('\n').filter(Boolean).map((l) => JSON.parse(l) as TruthRecord);
  assert.deepEqual(lines.map((l) => l.id).sort(), demoCorpus.map((a) => a.id).sort(), 'one line per article page');
});

test('truth records a paywall page\'s teaser only and every other page\'s whole body', () => {
  const corpus = sampleCorpus();
  const truth = new Map(computeTruth(corpus).map((r) => [r.id, r]));
  const locked = corpus.find((a) => a.id === 'causeway-closure-costs-traders')!;
  assert.deepEqual(truth.get(locked.id)!.paragraphs, locked.body.slice(0, 2));
  const open = corpus.find((a) => a.id === 'causeway-closed-after-storm')!;
  assert.deepEqual(truth.get(open.id)!.paragraphs, open.body.map(blockText));
  assert.equal(truth.get(open.id)!.previousTitle, open.previousTitle);
  assert.equal(truth.get('repost-causeway-closed')!.copyOf, 'causeway-closed-after-storm');
  assert.equal(truth.get('damba-zakryta')!.lang, 'ru');
});

const corpora: Array<{ name: string; corpus: CorpusArticle[] }> = [
  { name: 'sample corpus', corpus: sampleCorpus() },
  ...(demoCorpus.length > 0 ? [{ name: 'demo corpus', corpus: demoCorpus }] : []),
];

for (const { name, corpus } of corpora) {
  let demo: DemoOutlets;
  before(async () => { demo = await startDemoOutlets({ corpus, delayMs: 0, failEvery: 0, shiftTo: null }); });
  after(() => demo.close());

  test(`every article page of the ${name} shows its truth; paywall pages hide the rest of the body`, async () => {
    const byId = new Map(corpus.map((a) => [a.id, a]));
    for (const record of computeTruth(corpus)) {
      const site = demo.outlets.find((o) => o.slug === record.outlet)!;
      const res = await httpGet(site.baseUrl + record.url);
      assert.equal(res.status, 200, `${record.url} answers ${res.status}`);
      const html = site.charset === 'utf-8' ? res.body.toString('utf8') : iconv.decode(res.body, site.charset);
      const text = pageText(html);
      const where = `${record.outlet} ${record.url}`;
      assert.ok(text.includes(record.title), `${where}: title "${record.title}" not on the page`);
      if (site.template !== 'minimal') assert.ok(text.includes(record.lead), `${where}: lead not on the page`);
      for (const name of record.byline ? bylineNames(record.byline) : []) {
        assert.ok(text.includes(name), `${where}: byline name "${name}" not on the page`);
      }
      for (const paragraph of record.paragraphs) {
        assert.ok(text.includes(paragraph), `${where}: paragraph not on the page: "${paragraph.slice(0, 60)}…"`);
      }
      const hidden = byId.get(record.id)!.body.map((b) => fold(blockText(b))).slice(record.paragraphs.length);
      if (site.template === 'paywall') {
        for (const paragraph of hidden) assert.ok(!text.includes(paragraph) && !html.includes(paragraph.slice(0, 40)), `${where}: hidden paragraph leaked`);
      } else {
        assert.deepEqual(hidden, [], `${where}: only the paywall may leave blocks out`);
      }
    }
  });
}

test('every outlet has at least one article page in the demo corpus truth', { skip: demoCorpus.length === 0 ? 'no corpus file written yet' : false }, () => {
  const truth = computeTruth(demoCorpus);
  for (const o of outlets) assert.ok(truth.some((r) => r.outlet === o.slug), `no truth for ${o.slug}`);
});
