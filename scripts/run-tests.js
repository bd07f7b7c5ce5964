#!/usr/bin/env node
// Runs the test suite with node:test via tsx. Node 20 takes no globs, so this lists the files.
// `node scripts/run-tests.js unit [filter…]` runs test/**/*.test.ts (not test/e2e);
// `node scripts/run-tests.js e2e [filter…]` runs test/e2e/**/*.test.ts. A filter keeps files whose path contains it.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [suite = 'unit', ...filters] = process.argv.slice(2);
if (suite !== 'unit' && suite !== 'e2e') {
  process.stderr.write(`run-tests: unknown suite "${suite}" (unit or e2e)\n`);
  process.exit(2);
}

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const e2eDir = join(root, 'test', 'e2e');
const files = walk(join(root, 'test'))
  .filter((f) => (suite === 'e2e') === f.startsWith(e2eDir + '/'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));

if (files.length === 0) {
  process.stderr.write(`run-tests: no ${suite} test files match\n`);
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? (suite === 'e2e' ? '1' : '2');
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
