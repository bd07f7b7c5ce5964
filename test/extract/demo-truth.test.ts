// The demo outlets' article pages (six templates: aggregator, modern, minimal, paywall, ad-split and a
// windows-1251 regional site) against demo/truth.jsonl: body paragraphs, headline, lead and byline.
// The outlets run on loopback in this process; the clock is fixed after the corpus so every update shows.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startDemoOutlets, type DemoOutlets } from '../../demo/server.js';
import { extractArticle, type Article } from '../../src/extract/index.js';
import { pageF1, scorePage } from '../../bench/extract-score.js';
import { sameField } from '../../bench/extract-truth.js';

const truthFile = fileURLToPath(new URL('../../demo/truth.jsonl', import.meta.url));

interface Truth { outlet: string; id: string; title: string; lead: string; byline: string | null; paragraphs: string[] }

describe('demo outlets against their truth', { skip: existsSync(truthFile) ? false : 'demo/truth.jsonl not written yet' }, () => {
  let demo: DemoOutlets;
  const results: Array<{ truth: Truth; article: Article }> = [];

  before(async () => {
    const truth = readFileSync(truthFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Truth);
    demo = await startDemoOutlets({ delayMs: 0, failEvery: 0, now: () => new Date('2030-01-01T00:00:00Z') });
    for (const t of truth) {
      const url = demo.articleUrl(t.id);
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      results.push({ truth: t, article: extractArticle(bytes, url, { contentType: res.headers.get('content-type') ?? undefined }) });
    }
  });
  after(async () => {
    await demo?.close();
  });

  it('every outlet template yields its paragraphs (mean 4-gram F1 ≥ 0.97 per outlet, scored as bench/extract scores)', () => {
    const byOutlet = new Map<string, number[]>();
    for (const { truth, article } of results) {
      const list = byOutlet.get(truth.outlet) ?? [];
      list.push(pageF1(scorePage(article.text, truth.paragraphs.join('\n'))));
      byOutlet.set(truth.outlet, list);
    }
    assert.ok(byOutlet.size >= 6, `only ${byOutlet.size} outlets`);
    for (const [outlet, scores] of byOutlet) {
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      assert.ok(mean >= 0.97, `${outlet}: mean F1 ${mean.toFixed(3)}`);
    }
  });

  const fields: Array<{ name: string; ok: (t: Truth, a: Article) => boolean; floor: number }> = [
    { name: 'headline', ok: (t, a) => a.title === t.title, floor: 0.98 },
    { name: 'lead', ok: (t, a) => a.lead === t.lead, floor: 0.95 },
    { name: 'byline', ok: (t, a) => sameField('byline', a.byline, t.byline), floor: 0.95 },
  ];
  for (const f of fields) {
    it(`${f.name} matches the truth on at least ${f.floor * 100}% of pages`, () => {
      const wrong = results.filter((r) => !f.ok(r.truth, r.article));
      const share = 1 - wrong.length / results.length;
      assert.ok(share >= f.floor, `${f.name}: ${wrong.length} wrong, e.g. ${wrong.slice(0, 3).map((w) => `${w.truth.outlet}/${w.truth.id}`).join(', ')}`);
    });
  }
});
