// A quality floor on ECB+ (86 events in 43 pairs of similar events): BCubed F1 of the committed
// model must not fall below what it reaches today (86.6 BCubed, 81.7 pairwise when written).
// Skips when ../shared/data is absent.
// The committed model saw ECB+ in training, so this guards against regressions; the bench
// (bench/stories.ts) reports the held-out numbers.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clusterArticles } from '../../src/stories/clusterer.js';
import { ecbArticles, type EcbDocument } from '../../src/stories/datasets.js';
import { bcubed, pairwiseScores } from '../../src/stories/evaluation.js';

const path = fileURLToPath(new URL('../../../shared/data/clustering/ecbplus/docs.jsonl', import.meta.url));
const present = existsSync(path);

it('clusters ECB+ with BCubed F1 ≥ 0.84 and pairwise F1 ≥ 0.78', { skip: present ? false : `ECB+ not found at ${path}` }, () => {
  const articles = ecbArticles(readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as EcbDocument));
  const assignments = clusterArticles(articles);
  const predicted = assignments.map((a) => a.story);
  const gold = articles.map((a) => a.story);
  const b3 = bcubed(predicted, gold);
  const pairs = pairwiseScores(predicted, gold);
  assert.ok(b3.f1 >= 0.84, `BCubed F1 ${b3.f1.toFixed(3)}`);
  assert.ok(pairs.f1 >= 0.78, `pairwise F1 ${pairs.f1.toFixed(3)}`);
});

it('scores BCubed and pairwise F1 as defined (perfect, all-in-one, singletons)', () => {
  const gold = ['a', 'a', 'b', 'b'];
  assert.equal(bcubed(gold, gold).f1, 1);
  assert.equal(bcubed(['x', 'x', 'x', 'x'], gold).precision, 0.5);
  assert.equal(bcubed(['1', '2', '3', '4'], gold).recall, 0.5);
  assert.equal(pairwiseScores(['x', 'x', 'x', 'x'], gold).precision, 2 / 6);
});
