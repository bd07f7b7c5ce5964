// The ingest worker loop: turns due sources into poll jobs, claims jobs with a lease, runs them a
// few at a time, and on shutdown finishes what it holds or gives it back.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { claimJobs, completeJob, failJob, releaseJob } from '../store/jobs.js';
import type { JobRow } from '../store/schema.js';
import { enqueueDuePolls, runJob, type PipelineDeps } from './pipeline.js';

/** How a worker runs. */
export interface WorkerOptions {
  /** Stop once nothing is due and no job is left (the `ingest --once` mode). */
  once?: boolean;
  /** Jobs run at the same time by this worker. */
  concurrency?: number;
  /** Pause between rounds when idle. */
  idleMs?: number;
  /** A claimed job not completed within this time becomes claimable by others. */
  leaseMs?: number;
  /** Aborting stops claiming; running jobs finish within `drainMs`, the rest are released. */
  signal?: AbortSignal;
  drainMs?: number;
}

/** Identity a worker claims jobs under (host, pid and a random part). */
export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

// Retry delay of a failed job: 30 s doubling per attempt, at most an hour.
function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** Runs the worker loop until stopped (or, with `once`, until the queue is drained); returns jobs run. */
export async function runWorker(deps: PipelineDeps, options: WorkerOptions = {}): Promise<{ jobs: number; failed: number }> {
  const owner = workerId();
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const running = new Map<number, Promise<void>>();
  const held = new Set<number>();
  let jobs = 0;
  let failed = 0;

  const execute = async (job: JobRow) => {
    try {
      // An article job marks itself done in its own transaction; others are marked here.
      if (!(await runJob(deps, job))) await completeJob(deps.store, job.id, owner, deps.now());
    } catch (err) {
      failed++;
      deps.log.warn({ job_id: job.id, kind: job.kind, attempts: job.attempts, error: (err as Error).message }, 'job failed');
      await failJob(deps.store, job.id, owner, (err as Error).message, deps.now() + retryDelayMs(job.attempts), deps.now()).catch(() => {});
    } finally {
      jobs++;
      held.delete(job.id);
    }
  };

  // Jobs claimed but not started yet. Claiming is a write transaction: when a slot frees up, a whole
  // batch (`concurrency` jobs) is claimed at once and started as slots free, instead of one
  // transaction per job. Their leases run from the claim; they are released on shutdown like the rest.
  const ready: JobRow[] = [];
  let lastEnqueue = -Infinity;
  while (!options.signal?.aborted) {
    // Looking for due sources is a write transaction: at most once a second, not once per job.
    if (performance.now() - lastEnqueue >= 1000 || (running.size === 0 && ready.length === 0)) {
      await enqueueDuePolls(deps);
      lastEnqueue = performance.now();
    }
    let free = concurrency - running.size;
    if (free > 0 && ready.length === 0) {
      for (const job of await claimJobs(deps.store, { owner, now: deps.now(), leaseMs, limit: concurrency })) {
        held.add(job.id);
        ready.push(job);
      }
    }
    let started = 0;
    for (; free > 0 && ready.length > 0; free--, started++) {
      const job = ready.shift()!;
      const task = execute(job).finally(() => running.delete(job.id));
      running.set(job.id, task);
    }
    if (started === 0) {
      if (running.size > 0) await Promise.race(running.values());
      else if (options.once) break;
      else await sleep(options.idleMs ?? 1000, options.signal);
    } else if (running.size >= concurrency) {
      await Promise.race(running.values());
    }
  }
  // Shutting down: let running jobs finish for a while, then give back what is still held.
  if (running.size > 0) {
    await Promise.race([Promise.all(running.values()), sleep(options.drainMs ?? 20_000)]);
  }
  for (const id of held) await releaseJob(deps.store, id, owner, deps.now()).catch(() => {});
  return { jobs, failed };
}
