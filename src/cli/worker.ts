// `topstory worker`: an ingest worker process (any number of them on PostgreSQL).
import { loadConfig } from '../config.js';
import { openApp } from '../app.js';
import { UsageError } from '../errors.js';
import { createIngest } from '../ingest/index.js';
import { runWorker } from '../ingest/worker.js';
import { writeLine, type CliCommand } from './command.js';
import { stopOnSignal } from './signals.js';

/** Reads a positive integer flag, or the fallback. */
export function positiveIntFlag(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('cli', `--${name} must be a whole number from 1 to 64`);
  return n;
}

export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'Run an ingest worker: poll due sources, fetch and store articles, until stopped',
  usage: 'worker [--concurrency N]',
  options: { concurrency: { type: 'string' } },
  async run(args, io) {
    const concurrency = positiveIntFlag(args.values.concurrency, 'concurrency', 4);
    const app = await openApp(loadConfig(io.env));
    const ingest = createIngest(app);
    const stop = stopOnSignal();
    try {
      writeLine(io.stdout, `worker started (${concurrency} jobs at a time); stop with Ctrl-C`);
      const result = await runWorker(ingest, { concurrency, leaseMs: app.config.jobLeaseSeconds * 1000, signal: stop.signal });
      writeLine(io.stdout, `worker stopped after ${result.jobs} jobs (${result.failed} failed)`);
      return 0;
    } finally {
      stop.dispose();
      await ingest.close();
      await app.close();
    }
  },
};
