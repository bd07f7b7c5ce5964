// `npm run bench [name…]`: runs each benchmark script (bench/<name>.ts) in its own process, one after
// another so they do not compete for the two cores. Each prints a table and writes bench/results/<name>.json.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
// Not benchmarks of their own: this runner, modules the benchmarks import (web-seed, extract-score,
// extract-truth, scale-stream), and clusterer-ab, which compares this checkout with another one named on its command line.
const notBenchmarks = new Set(['run.ts', 'web-seed.ts', 'extract-score.ts', 'extract-truth.ts', 'scale-stream.ts', 'clusterer-ab.ts']);
const available = readdirSync(dir).filter((f) => f.endsWith('.ts') && !notBenchmarks.has(f)).map((f) => f.slice(0, -3)).sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length > 0 ? wanted : available) {
  process.stdout.write(`\n== bench/${name} ==\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${name}.ts`], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
