// Writes demo/truth.jsonl from the corpus: `node --import tsx demo/write-truth.ts`. Run it after
// changing demo/corpus/*.json or a template's visible blocks; a test checks the file is current.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../src/paths.js';
import { loadCorpus } from './corpus.js';
import { computeTruth, truthJsonl } from './truth.js';

/** Where the truth file lives. */
export function truthPath(): string {
  return join(projectRoot(), 'demo', 'truth.jsonl');
}

/** Recomputes the truth file from the corpus on disk; returns how many article pages it lists. */
export function writeTruth(path = truthPath()): number {
  const records = computeTruth(loadCorpus());
  writeFileSync(path, truthJsonl(records));
  return records.length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = writeTruth();
  process.stdout.write(`wrote ${count} article pages to ${truthPath()}\n`);
}
