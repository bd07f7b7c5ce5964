// Story clustering quality: BCubed and pairwise F1 on ECB+ (../shared/data/clustering/ecbplus) and
// on the demo corpus. ECB+ is fed in several seeded random orders (mean and worst reported); its
// documents carry no dates, so each order gets synthetic timestamps spread over 12 hours inside
// one 72-hour window (src/stories/datasets.ts) and time never helps. Held-out figures only count:
// the learned join model is trained on one half of the ECB+ topics and scored on the other half
// (both ways), and trained on one data set and scored on the other. Every clustering runs as the
// pipeline does, with the periodic merge/split pass every hour of article time ("+ pass"), and
// also without it ("online"). Baselines in the same process: every article its own story, and one
// fixed cosine threshold. Also duplicate detection on the demo corpus (copyOf).
// Run: npx tsx bench/stories.ts [--seeds N]   (writes bench/results/stories.json)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/paths.js';
import { loadCorpus } from '../demo/corpus.js';
import { outlets } from '../demo/outlets.js';
import { analyzeArticle, type AnalyzedArticle } from '../src/stories/article.js';
import { clusterStream, StoryClusterer } from '../src/stories/clusterer.js';
import { demoArticles, ecbArticles, reorderUndated, type EcbDocument } from '../src/stories/datasets.js';
import { bcubed, pairwiseScores, type PRF } from '../src/stories/evaluation.js';
import { featureNames } from '../src/stories/features.js';
import { defaultJoinModel, type JoinModel } from '../src/stories/model.js';
import { fitJoinModel, type LabelledArticle } from '../src/stories/training.js';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '5' } } });
const seeds = Array.from({ length: Math.max(1, Number(values.seeds) || 5) }, (_, i) => i + 1);

/** A model whose only rule is "join the best candidate when its text cosine ≥ t". */
export function fixedCosineModel(t: number): JoinModel {
  const weights = featureNames.map((f) => (f === 'textCosine' ? 1000 : 0));
  return {
    features: [...featureNames], weights, bias: 0, mean: featureNames.map(() => t), scale: featureNames.map(() => 1),
    threshold: 0.5, mergeThreshold: 1.01, splitThreshold: 1.01, trainedOn: `fixed cosine ≥ ${t}`,
  };
}

type Labelled = LabelledArticle & { topic?: number };
interface Scored {
  bcubed: PRF;
  pairwise: PRF;
  stories: number;
  articlesPerSecond: number;
}
interface Row {
  data: string;
  method: string;
  trainedOn: string;
  runs: Scored[];
}

/** Analysis is the same whatever the order: done once per article, re-dated per order. */
const analysed = new Map<string, AnalyzedArticle>();
const analyse = (a: LabelledArticle): AnalyzedArticle => {
  let cached = analysed.get(a.id);
  if (!cached) analysed.set(a.id, (cached = analyzeArticle(a)));
  return { ...cached, published: Date.parse(String(a.published)) };
};

function score(list: readonly Labelled[], model: JoinModel | 'singletons', pass: boolean): Scored {
  const gold = list.map((a) => a.story);
  if (model === 'singletons') {
    const pred = list.map((a) => a.id);
    return { bcubed: bcubed(pred, gold), pairwise: pairwiseScores(pred, gold), stories: pred.length, articlesPerSecond: 0 };
  }
  const input = list.map(analyse);
  const started = performance.now();
  const clusterer = clusterStream(input, { model }, pass);
  const ms = performance.now() - started;
  const pred = list.map((a) => clusterer.storyOf(a.id)!);
  return { bcubed: bcubed(pred, gold), pairwise: pairwiseScores(pred, gold), stories: new Set(pred).size, articlesPerSecond: Math.round((list.length / ms) * 1000) };
}

const rows: Row[] = [];
const extra: Record<string, unknown> = {};
const add = (data: string, method: string, trainedOn: string, orders: ReadonlyArray<readonly Labelled[]>, model: JoinModel | 'singletons', pass: boolean) =>
  rows.push({ data, method, trainedOn, runs: orders.map((o) => score(o, model, pass)) });

const ecbPath = join(projectRoot(), '..', 'shared', 'data', 'clustering', 'ecbplus', 'docs.jsonl');
const ecb: Labelled[] | undefined = existsSync(ecbPath)
  ? ecbArticles(readFileSync(ecbPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as EcbDocument))
  : undefined;
const langOf = new Map(outlets.map((o) => [o.slug, o.lang]));
const corpus = loadCorpus();
const demo: Labelled[] | undefined = corpus.length > 0 ? demoArticles(corpus, (o) => langOf.get(o)) : undefined;
if (!ecb) process.stdout.write(`ECB+ not found at ${ecbPath}: skipped\n`);
if (!demo) process.stdout.write('demo corpus is empty: skipped\n');

const fit = (list: readonly Labelled[], name: string): JoinModel => fitJoinModel([list], name, {}, {}, analyse);
const models: Record<string, JoinModel> = {};
const both = (data: string, orders: ReadonlyArray<readonly Labelled[]>, method: string, trainedOn: string, model: JoinModel) => {
  add(data, `${method}, online`, trainedOn, orders, model, false);
  add(data, `${method} + pass`, trainedOn, orders, model, true);
};

if (ecb) {
  const orders = seeds.map((seed) => reorderUndated(ecb, seed));
  add('ECB+', 'singletons', '', orders, 'singletons', false);
  // 0.30 is the value that looked best while this code was developed on ECB+: in effect tuned on it.
  for (const t of [0.2, 0.3, 0.4]) add('ECB+', `cosine ≥ ${t.toFixed(2)}`, t === 0.3 ? 'picked on ECB+' : 'fixed', orders, fixedCosineModel(t), false);
  if (demo) both('ECB+', orders, 'model', 'demo', (models.demo = fit(demo, 'demo corpus')));
  // Topic-wise halves: odd topics and even topics; train on one, score the other, both ways.
  const halves = [0, 1].map((h) => ecb.filter((a) => a.topic! % 2 === h));
  for (const h of [0, 1]) {
    const model = (models[`ECB+ half ${1 - h}`] = fit(halves[1 - h]!, `ECB+ ${1 - h ? 'odd' : 'even'} topics`));
    both(`ECB+ ${h ? 'odd' : 'even'} topics`, seeds.map((seed) => reorderUndated(halves[h]!, seed)), 'model', `ECB+ ${1 - h ? 'odd' : 'even'} topics`, model);
  }
  both('ECB+', orders, 'model', `committed: ${defaultJoinModel.trainedOn} (in-sample)`, defaultJoinModel);
}
if (demo) {
  add('demo', 'singletons', '', [demo], 'singletons', false);
  add('demo', 'cosine ≥ 0.30', 'picked on ECB+', [demo], fixedCosineModel(0.3), false);
  if (ecb) both('demo', [demo], 'model', 'ECB+', (models.ecb = fit(ecb, 'ECB+')));
  both('demo', [demo], 'model', `committed: ${defaultJoinModel.trainedOn} (in-sample)`, defaultJoinModel);

  // Duplicates on the demo corpus: found duplicateOf against the corpus's copyOf.
  const clusterer = new StoryClusterer({});
  const found = new Map<string, string>();
  for (const a of demo) {
    const r = clusterer.add(analyse(a));
    if (r.duplicateOf) found.set(a.id, r.duplicateOf);
  }
  const truth = new Map(demo.filter((a) => (a as { copyOf?: string }).copyOf).map((a) => [a.id, (a as { copyOf?: string }).copyOf!]));
  const hit = [...found.keys()].filter((id) => truth.has(id)).length;
  extra.demoDuplicates = { copies: truth.size, flagged: found.size, correct: hit };
  const langs = new Map<string, Set<string>>();
  for (const a of demo) {
    const s = clusterer.storyOf(a.id)!;
    langs.set(s, (langs.get(s) ?? new Set()).add(analyse(a).lang));
  }
  extra.demoMixedLanguageStories = [...langs.values()].filter((s) => s.size > 1).length;
}

const pct = (x: number): string => (x * 100).toFixed(1);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
const header = ['data', 'method', 'trained on', 'orders', 'B³ F1 mean', 'B³ F1 worst', 'B³ P', 'B³ R', 'pair F1 mean', 'pair F1 worst', 'stories', 'art/s'];
const table = rows.map((r) => {
  const f = r.runs.map((x) => x.bcubed.f1);
  const p = r.runs.map((x) => x.pairwise.f1);
  return [r.data, r.method, r.trainedOn, String(r.runs.length), pct(mean(f)), pct(Math.min(...f)), pct(mean(r.runs.map((x) => x.bcubed.precision))), pct(mean(r.runs.map((x) => x.bcubed.recall))),
    pct(mean(p)), pct(Math.min(...p)), mean(r.runs.map((x) => x.stories)).toFixed(0), r.runs[0]!.articlesPerSecond ? mean(r.runs.map((x) => x.articlesPerSecond)).toFixed(0) : ''];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
for (const line of [header, ...table]) process.stdout.write(`${line.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
// Both halves together: the held-out figure over all of ECB+ (each article scored by the model that did not see its topic).
const halfRows = rows.filter((r) => r.data.startsWith('ECB+ ') && r.method.endsWith('+ pass'));
if (halfRows.length === 2) {
  const f = seeds.map((_, i) => mean(halfRows.map((r) => r.runs[i]!.bcubed.f1)));
  extra.ecbHalvesHeldOut = { bcubedF1Mean: mean(f), bcubedF1Worst: Math.min(...f), note: 'mean of the two held-out halves per order, with the periodic pass' };
}
for (const [k, v] of Object.entries(extra)) process.stdout.write(`${k}: ${JSON.stringify(v)}\n`);
for (const [name, m] of Object.entries(models)) {
  process.stdout.write(`model trained on ${name}: ${JSON.stringify({ weights: m.weights, bias: m.bias, threshold: m.threshold, mergeThreshold: m.mergeThreshold, splitThreshold: m.splitThreshold })}\n`);
}

const out = join(projectRoot(), 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'stories.json'), `${JSON.stringify({
  ecbOrders: `seeded shuffles (mulberry32 seeds ${seeds.join(', ')}); synthetic timestamps evenly over 12 h from 2026-01-05T00:00Z in each order; undated, so training ignores their time gaps`,
  articles: { ecb: ecb?.length ?? 0, demo: demo?.length ?? 0 },
  rows, ...extra,
  models: Object.fromEntries(Object.entries(models).map(([k, m]) => [k, { weights: m.weights, bias: m.bias, threshold: m.threshold, mergeThreshold: m.mergeThreshold, splitThreshold: m.splitThreshold }])),
}, null, 2)}\n`);
