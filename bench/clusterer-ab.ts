// Two builds of the story clusterer on the same stream, in one process: this checkout's and a
// baseline's (another checkout of the repository, at the commit to compare with). Each article of
// bench/scale-stream.ts's stream is analysed by each build (untimed), then given to both clusterers,
// the first of them alternating from one article to the next, each with its periodic pass every hour
// of article time as bench/stories-scale.ts runs it. Only `add` and `maintain` are timed.
//
// Why in one process: these machines drift by a tenth or more within minutes, and two builds run
// at the same time, each in its own process, came out 9 % apart at 200k and level in the next run
// (they compete for the second core, where the collector's threads run, and for memory). Here the two builds share
// the machine's every moment and one heap; a build run against itself came out at 0.995–1.041 at
// 200k in three runs (0.97–1.06 at the 50k marks): differences of a few per cent still need
// more than one run, and the same assignments say nothing moved.
//
// Reports, every 50k articles: µs per article (and the pass's share) for each build, their ratio,
// and whether the two builds have put every article in the same story so far (the assignments and
// each pass's merges and splits compared as they come: a change meant to be exact must say yes).
//
// Run: npx tsx bench/clusterer-ab.ts --baseline DIR [--articles N] [--long-texts]
//   (DIR: the baseline's checkout, with packages to import, e.g.
//   `git worktree add DIR COMMIT && ln -s "$PWD/node_modules" DIR/node_modules`;
//   writes bench/results/clusterer-ab.json)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/paths.js';
import * as ownArticle from '../src/stories/article.js';
import * as ownClusterer from '../src/stories/clusterer.js';
import { scaleStream } from './scale-stream.js';

const usage = 'usage: npx tsx bench/clusterer-ab.ts --baseline DIR [--articles N] [--long-texts]';
let parsed;
try {
  parsed = parseArgs({ options: { baseline: { type: 'string' }, articles: { type: 'string', default: '200000' }, 'long-texts': { type: 'boolean', default: false } } });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${usage}\n`);
  process.exit(2);
}
const { values } = parsed;
const total = Number(values.articles);
if (!values.baseline || !Number.isInteger(total) || total < 1) {
  process.stderr.write(`${values.baseline ? '--articles takes a positive whole number' : '--baseline DIR is required'}\n${usage}\n`);
  process.exit(2);
}
// Two clusterers' windows in one heap: room for both, as each would have alone.
if (!process.execArgv.some((flag) => flag.startsWith('--max-old-space-size'))) {
  const run = spawnSync(process.execPath, [...process.execArgv, '--max-old-space-size=3072', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

type ArticleModule = typeof ownArticle;
type ClustererModule = typeof ownClusterer;
const baselineDir = resolve(values.baseline);
if (!existsSync(join(baselineDir, 'src', 'stories', 'clusterer.ts'))) {
  process.stderr.write(`${baselineDir} holds no src/stories/clusterer.ts: --baseline names another checkout of this repository\n${usage}\n`);
  process.exit(2);
}
const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(baselineDir, path)).href)) as T;
const baseArticle = await load<ArticleModule>('src/stories/article.ts');
const baseClusterer = await load<ClustererModule>('src/stories/clusterer.ts');

interface Build {
  name: string;
  analyze: ArticleModule['analyzeArticle'];
  clusterer: InstanceType<ClustererModule['StoryClusterer']>;
  maintainEveryMs: number;
  lastPass: number;
  ms: number;
  passMs: number;
  /** What this article and any pass before it did, to compare with the other build. */
  record: string;
}
const builds: Build[] = [
  { name: 'baseline', analyze: baseArticle.analyzeArticle, clusterer: new baseClusterer.StoryClusterer({ keepHistory: false }), maintainEveryMs: baseClusterer.maintainEveryMs, lastPass: -Infinity, ms: 0, passMs: 0, record: '' },
  { name: 'this', analyze: ownArticle.analyzeArticle, clusterer: new ownClusterer.StoryClusterer({ keepHistory: false }), maintainEveryMs: ownClusterer.maintainEveryMs, lastPass: -Infinity, ms: 0, passMs: 0, record: '' },
];

const stream = scaleStream(total, values['long-texts']);
const rows: Array<Record<string, number | boolean | null>> = [];
let firstDifference: number | null = null;
const perArticle = (ms: number, n: number) => Math.round((ms / n) * 10_000) / 10;
for (let n = 0; n < total; n++) {
  const id = `a${n}`;
  const source = `outlet-${n % 40}`;
  const published = stream.times[n]!;
  const text = stream.generate(n);
  const input = { id, title: text.title, text: text.text, published, source, lang: 'en', url: `https://${source}.example/${id}` };
  // Each build analyses with its own modules: the clusterer reads the term numbering its own text module attached.
  const analysed = builds.map((b) => b.analyze(input));
  for (const k of n % 2 === 0 ? [0, 1] : [1, 0]) {
    const b = builds[k]!;
    const started = performance.now();
    let changes: ReturnType<Build['clusterer']['maintain']> | undefined;
    if (published - b.lastPass >= b.maintainEveryMs) {
      if (b.lastPass > -Infinity) changes = b.clusterer.maintain(published);
      b.lastPass = published;
    }
    const passed = performance.now();
    const assignment = b.clusterer.add(analysed[k]!);
    b.ms += performance.now() - started;
    b.passMs += passed - started;
    b.record = `${assignment.story} ${assignment.duplicateOf ?? ''} ${changes ? JSON.stringify(changes) : ''}`;
  }
  if (firstDifference === null && builds[0]!.record !== builds[1]!.record) firstDifference = n;
  if ((n + 1) % 50_000 === 0 || n + 1 === total) {
    const [base, own] = builds as [Build, Build];
    const row = {
      articles: n + 1,
      baselineMicros: perArticle(base.ms, n + 1),
      baselinePassMicros: perArticle(base.passMs, n + 1),
      thisMicros: perArticle(own.ms, n + 1),
      thisPassMicros: perArticle(own.passMs, n + 1),
      ratio: Math.round((own.ms / base.ms) * 1000) / 1000,
      sameAssignments: firstDifference === null,
      firstDifference,
    };
    rows.push(row);
    process.stdout.write(`${n + 1} articles: baseline ${row.baselineMicros} µs per article (pass ${row.baselinePassMicros}), this ${row.thisMicros} (pass ${row.thisPassMicros}); this/baseline ${row.ratio.toFixed(3)}; ${firstDifference === null ? 'same assignments' : `assignments differ from article ${firstDifference}`}\n`);
  }
}
const out = join(projectRoot(), 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'clusterer-ab.json'), `${JSON.stringify({ articles: total, longTexts: values['long-texts'], rows }, null, 2)}\n`);
