// Retrains the story join model (src/stories/model/join-model.json) from labelled corpora: ECB+
// (../shared/data/clustering/ecbplus/docs.jsonl) and the demo corpus (demo/corpus/*.json).
// Usage: npx tsx scripts/train-stories.ts [--on ecb|demo|both]   (default both; a missing corpus is skipped)
// The weights are committed as data; bench/stories.ts shows how models trained on one corpus do on the other.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/paths.js';
import { loadCorpus } from '../demo/corpus.js';
import { outlets } from '../demo/outlets.js';
import { demoArticles, ecbArticles, type EcbDocument } from '../src/stories/datasets.js';
import { fitJoinModel, type LabelledArticle } from '../src/stories/training.js';

const { values } = parseArgs({ options: { on: { type: 'string', default: 'both' } } });
const on = String(values.on);
if (!['ecb', 'demo', 'both'].includes(on)) {
  process.stderr.write('train-stories: --on must be ecb, demo or both\n');
  process.exit(2);
}
const corpora: Array<{ name: string; articles: LabelledArticle[] }> = [];
const ecbPath = join(projectRoot(), '..', 'shared', 'data', 'clustering', 'ecbplus', 'docs.jsonl');
if (on !== 'demo') {
  if (existsSync(ecbPath)) {
    const docs = readFileSync(ecbPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as EcbDocument);
    corpora.push({ name: 'ECB+', articles: ecbArticles(docs) });
  } else process.stderr.write(`train-stories: ${ecbPath} not found, ECB+ skipped\n`);
}
if (on !== 'ecb') {
  const langOf = new Map(outlets.map((o) => [o.slug, o.lang]));
  const corpus = loadCorpus();
  if (corpus.length > 0) corpora.push({ name: 'demo corpus', articles: demoArticles(corpus, (o) => langOf.get(o)) });
  else process.stderr.write('train-stories: demo corpus is empty, skipped\n');
}
if (corpora.length === 0) {
  process.stderr.write('train-stories: no training data\n');
  process.exit(1);
}
const trainedOn = corpora.map((c) => `${c.name} (${c.articles.length} articles)`).join(' + ');
const model = fitJoinModel(corpora.map((c) => c.articles), trainedOn);
const out = join(projectRoot(), 'src', 'stories', 'model', 'join-model.json');
writeFileSync(out, `${JSON.stringify(model, null, 2)}\n`);
process.stdout.write(`wrote ${out}: trained on ${trainedOn}; threshold ${model.threshold}, merge threshold ${model.mergeThreshold}\n`);
