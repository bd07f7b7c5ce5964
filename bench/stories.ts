// Story clustering quality: BCubed and pairwise F1 on ECB+ (../shared/data/clustering/ecbplus) and
// on the demo corpus, for the learned join model (trained on the other data set, and topic-wise
// cross-validated on ECB+) against baselines run in the same process: every article its own story,
// and a single fixed cosine threshold. Also duplicate detection on the demo corpus (copyOf).
// ECB+ documents carry no dates: they are fed in a fixed hashed order with synthetic timestamps
// spread over 12 hours, inside one 72-hour window (src/stories/datasets.ts), so time never helps.
// Run: npx tsx bench/stories.ts   (writes bench/results/stories.json)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';
import { loadCorpus } from '../demo/corpus.js';
import { outlets } from '../demo/outlets.js';
import { analyzeArticle, type AnalyzedArticle } from '../src/stories/article.js';
import { StoryClusterer } from '../src/stories/clusterer.js';
import { demoArticles, ecbArticles, type EcbDocument } from '../src/stories/datasets.js';
import { bcubed, pairwiseScores, type PRF } from '../src/stories/evaluation.js';
import { featureNames } from '../src/stories/features.js';
import { defaultJoinModel, type JoinModel } from '../src/stories/model.js';
import { fitJoinModel, type LabelledArticle } from '../src/stories/training.js';

interface Row {
  data: string;
  method: string;
  note: string;
  stories: number;
  bcubed: PRF;
  pairwise: PRF;
  articlesPerSecond?: number;
}

/** A model whose only rule is "join the best candidate when its text cosine ≥ t". */
export function fixedCosineModel(t: number): JoinModel {
  const weights = featureNames.map((f) => (f === 'textCosine' ? 1000 : 0));
  return {
    features: [...featureNames], weights, bias: 0, mean: featureNames.map(() => t), scale: featureNames.map(() => 1),
    threshold: 0.5, mergeThreshold: 1.01, trainedOn: `fixed cosine ≥ ${t}`,
  };
}

interface Prepared {
  name: string;
  labelled: LabelledArticle[];
  analysed: AnalyzedArticle[];
}

function prepare(name: string, labelled: LabelledArticle[]): Prepared {
  return { name, labelled, analysed: labelled.map((a) => analyzeArticle(a)) };
}

/** Clusters prepared data (optionally only some items) and scores the result. */
function run(data: Prepared, model: JoinModel | 'singletons', maintain: boolean, keep?: (a: LabelledArticle) => boolean): { pred: string[]; gold: string[]; ms: number } {
  const idx = data.labelled.map((a, i) => (keep === undefined || keep(a) ? i : -1)).filter((i) => i >= 0);
  if (model === 'singletons') return { pred: idx.map((i) => data.labelled[i]!.id), gold: idx.map((i) => data.labelled[i]!.story), ms: 0 };
  const started = performance.now();
  const clusterer = new StoryClusterer({ model });
  for (const i of idx) clusterer.add(data.analysed[i]!);
  if (maintain) clusterer.maintain(Math.max(...idx.map((i) => data.analysed[i]!.published)));
  const ms = performance.now() - started;
  return { pred: idx.map((i) => clusterer.storyOf(data.labelled[i]!.id)!), gold: idx.map((i) => data.labelled[i]!.story), ms };
}

function row(data: string, method: string, note: string, result: { pred: string[]; gold: string[]; ms: number }): Row {
  return {
    data, method, note, stories: new Set(result.pred).size,
    bcubed: bcubed(result.pred, result.gold), pairwise: pairwiseScores(result.pred, result.gold),
    ...(result.ms > 0 ? { articlesPerSecond: Math.round((result.pred.length / result.ms) * 1000) } : {}),
  };
}

/** Best fixed cosine threshold on one data set (the baseline's own "training"). */
function tuneCosine(data: Prepared): number {
  let best = { t: 0.3, f: -1 };
  for (let t = 0.05; t < 0.9; t += 0.05) {
    const r = run(data, fixedCosineModel(Math.round(t * 100) / 100), false);
    const f = bcubed(r.pred, r.gold).f1;
    if (f > best.f) best = { t: Math.round(t * 100) / 100, f };
  }
  return best.t;
}

const rows: Row[] = [];
const extra: Record<string, unknown> = {};
const ecbPath = join(projectRoot(), '..', 'shared', 'data', 'clustering', 'ecbplus', 'docs.jsonl');
const ecb = existsSync(ecbPath)
  ? prepare('ECB+', ecbArticles(readFileSync(ecbPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as EcbDocument)))
  : undefined;
const langOf = new Map(outlets.map((o) => [o.slug, o.lang]));
const corpus = loadCorpus();
const demo = corpus.length > 0 ? prepare('demo', demoArticles(corpus, (o) => langOf.get(o))) : undefined;
if (!ecb) process.stdout.write(`ECB+ not found at ${ecbPath}: skipped\n`);
if (!demo) process.stdout.write('demo corpus is empty: skipped\n');

const modelOn = (data: Prepared | undefined): JoinModel | undefined => (data ? fitJoinModel([data.labelled], data.name) : undefined);
const ecbModel = modelOn(ecb);
const demoModel = modelOn(demo);

for (const [data, other, otherModel] of [[ecb, demo, demoModel], [demo, ecb, ecbModel]] as const) {
  if (!data) continue;
  rows.push(row(data.name, 'singletons', 'every article its own story', run(data, 'singletons', false)));
  // A single cosine threshold at a few values: 0.30 is the value that looked best while this code
  // was developed on ECB+, so on ECB+ it is in effect tuned; the neighbours show how sharp the peak is.
  for (const t of [0.2, 0.3, 0.4]) {
    rows.push(row(data.name, `cosine ≥ ${t.toFixed(2)}`, t === 0.3 ? 'fixed; picked during ECB+ development' : 'fixed', run(data, fixedCosineModel(t), false)));
  }
  if (other) {
    const t = tuneCosine(other);
    rows.push(row(data.name, `cosine ≥ ${t.toFixed(2)}`, `threshold tuned on ${other.name}`, run(data, fixedCosineModel(t), false)));
  }
  if (other && otherModel) {
    rows.push(row(data.name, 'model', `trained on ${other.name} (online)`, run(data, otherModel, false)));
    rows.push(row(data.name, 'model + merge/split', `trained on ${other.name}`, run(data, otherModel, true)));
    // Sensitivity: the same model with its learned join threshold moved by ±0.1.
    for (const delta of [-0.1, 0.1]) {
      const threshold = Math.round((otherModel.threshold + delta) * 100) / 100;
      rows.push(row(data.name, `model, threshold ${threshold.toFixed(2)}`, `trained on ${other.name}, threshold moved ${delta > 0 ? '+' : '−'}0.1`, run(data, { ...otherModel, threshold }, false)));
    }
  }
  rows.push(row(data.name, 'model', `committed (${defaultJoinModel.trainedOn}; in-sample)`, run(data, defaultJoinModel, false)));
  rows.push(row(data.name, 'model + merge/split', `committed (${defaultJoinModel.trainedOn}; in-sample)`, run(data, defaultJoinModel, true)));
}

// Topic-wise 5-fold cross-validation on ECB+: train on 4/5 of the topics, cluster the held-out fifth.
if (ecb) {
  const topics = [...new Set((ecb.labelled as Array<LabelledArticle & { topic: number }>).map((a) => a.topic))].sort((a, b) => a - b);
  const folds = { online: { pred: [] as string[], gold: [] as string[], ms: 0 }, maintained: { pred: [] as string[], gold: [] as string[], ms: 0 } };
  for (let fold = 0; fold < 5; fold++) {
    const held = new Set(topics.filter((_, i) => i % 5 === fold));
    const inFold = (a: LabelledArticle) => held.has((a as LabelledArticle & { topic: number }).topic);
    const model = fitJoinModel([ecb.labelled.filter((a) => !inFold(a))], `ECB+ fold ${fold}`);
    for (const [maintain, sink] of [[false, folds.online], [true, folds.maintained]] as const) {
      const r = run(ecb, model, maintain, inFold);
      sink.pred.push(...r.pred.map((p) => `${fold}:${p}`));
      sink.gold.push(...r.gold);
      sink.ms += r.ms;
    }
  }
  rows.push(row('ECB+', 'model', 'topic-wise 5-fold CV (held-out topics)', folds.online));
  rows.push(row('ECB+', 'model + merge/split', 'topic-wise 5-fold CV (held-out topics)', folds.maintained));
}

// Duplicates on the demo corpus: found duplicateOf against the corpus's copyOf.
if (demo) {
  const clusterer = new StoryClusterer({});
  const found = new Map<string, string>();
  for (const a of demo.analysed) {
    const r = clusterer.add(a);
    if (r.duplicateOf) found.set(a.id, r.duplicateOf);
  }
  const truth = new Map(demo.labelled.filter((a) => (a as { copyOf?: string }).copyOf).map((a) => [a.id, (a as { copyOf?: string }).copyOf!]));
  const hit = [...found.keys()].filter((id) => truth.has(id)).length;
  extra.demoDuplicates = {
    copies: truth.size, flagged: found.size, correct: hit,
    precision: found.size ? hit / found.size : 1, recall: truth.size ? hit / truth.size : 1,
  };
  const langs = new Map<string, Set<string>>();
  for (const a of demo.analysed) {
    const s = clusterer.storyOf(a.id)!;
    langs.set(s, (langs.get(s) ?? new Set()).add(a.lang));
  }
  extra.demoMixedLanguageStories = [...langs.values()].filter((s) => s.size > 1).length;
}

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
const header = ['data', 'method', 'note', 'stories', 'B³ P', 'B³ R', 'B³ F1', 'pair P', 'pair R', 'pair F1', 'art/s'];
const table = rows.map((r) => [r.data, r.method, r.note, String(r.stories), pct(r.bcubed.precision), pct(r.bcubed.recall), pct(r.bcubed.f1), pct(r.pairwise.precision), pct(r.pairwise.recall), pct(r.pairwise.f1), String(r.articlesPerSecond ?? '')]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
for (const line of [header, ...table]) process.stdout.write(`${line.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
for (const [k, v] of Object.entries(extra)) process.stdout.write(`${k}: ${JSON.stringify(v)}\n`);
if (ecbModel) process.stdout.write(`model trained on ECB+: ${JSON.stringify({ weights: ecbModel.weights, bias: ecbModel.bias, threshold: ecbModel.threshold, mergeThreshold: ecbModel.mergeThreshold })}\n`);
if (demoModel) process.stdout.write(`model trained on demo: ${JSON.stringify({ weights: demoModel.weights, bias: demoModel.bias, threshold: demoModel.threshold, mergeThreshold: demoModel.mergeThreshold })}\n`);

const out = join(projectRoot(), 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'stories.json'), `${JSON.stringify({
  ecbOrder: 'ids sorted by FNV-1a hash; synthetic timestamps evenly over 12 h from 2026-01-05T00:00Z (inside one 72 h window); marked undated so training ignores their time gaps',
  articles: { ecb: ecb?.labelled.length ?? 0, demo: demo?.labelled.length ?? 0 },
  rows, ...extra,
}, null, 2)}\n`);
