// `topstory ingest [--once]`: poll due sources now; with --once, stop when everything due is stored.
import { loadConfig } from '../config.js';
import { openApp } from '../app.js';
import { createIngest } from '../ingest/index.js';
import { runWorker } from '../ingest/worker.js';
import { jobCounts } from '../store/jobs.js';
import { writeLine, type CliCommand } from './command.js';
import { stopOnSignal } from './signals.js';
import { positiveIntFlag } from './worker.js';

export const ingestCommand: CliCommand = {
  name: 'ingest',
  summary: 'Poll due sources now (--once: until everything due is stored, then exit)',
  usage: 'ingest [--once] [--concurrency N]',
  options: { once: { type: 'boolean' }, concurrency: { type: 'string' } },
  async run(args, io) {
    const concurrency = positiveIntFlag(args.values.concurrency, 'concurrency', 4);
    const app = await openApp(loadConfig(io.env));
    const ingest = createIngest(app);
    const stop = stopOnSignal();
    try {
      const before = await app.store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const result = await runWorker(ingest, { concurrency, leaseMs: app.config.jobLeaseSeconds * 1000, once: args.values.once === true, signal: stop.signal });
      const after = await app.store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const counts = await jobCounts(app.store);
      writeLine(io.stdout, `ran ${result.jobs} jobs (${result.failed} failed); articles stored: ${Number(after.n)} (${Number(after.n) - Number(before.n)} new); failed jobs kept: ${counts.failed ?? 0}`);
      return 0;
    } finally {
      stop.dispose();
      await ingest.close();
      await app.close();
    }
  },
};
