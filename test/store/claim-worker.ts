// Child process of the job-claim test: claims jobs until none are left and prints each id it claimed.
import { openStore } from '../../src/store/index.js';
import { claimJobs, completeJob } from '../../src/store/jobs.js';
import { migrate } from '../../src/store/migrations.js';
import { loadConfig } from '../../src/config.js';

const mode = process.argv[2];
const config = loadConfig();
const store = openStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: 2 });
if (mode === 'migrate') {
  const applied = await migrate(store);
  process.stdout.write(JSON.stringify(applied) + '\n');
} else {
  const owner = `worker-${process.pid}`;
  const claimed: number[] = [];
  for (;;) {
    const jobs = await claimJobs(store, { owner, now: Date.now(), leaseMs: 600_000, limit: 7 });
    if (jobs.length === 0) break;
    for (const job of jobs) {
      claimed.push(job.id);
      await completeJob(store, job.id, owner, Date.now());
    }
  }
  process.stdout.write(JSON.stringify(claimed) + '\n');
}
await store.close();
