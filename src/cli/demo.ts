// `topstory demo` (what `npm start` runs): SQLite in ./data, the demo outlets on loopback registered
// as sources, the site served, its URL and a one-time admin password printed.
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../config.js';
import { openApp, type App } from '../app.js';
import type { Store } from '../store/index.js';
import { UsageError } from '../errors.js';
import { addSource, listSources, sourceSlug } from '../store/sources.js';
import { createUser } from '../store/users.js';
import { createWeb, listen } from '../web/server.js';
import { createIngest } from '../ingest/index.js';
import { runWorker } from '../ingest/worker.js';
import { startDemoOutlets } from '../../demo/server.js';
import { writeLine, type CliCommand } from './command.js';
import { untilSignal } from './signals.js';

interface DemoOutlet {
  slug: string;
  name: string;
  feed: string;
  feedUrl: string;
  homeUrl: string;
  template: string;
}

/** Registers each demo outlet as a source, or re-points an existing one at this run's port. */
export async function registerDemoSources(store: Store, outlets: DemoOutlet[], now: number): Promise<void> {
  await store.writeTransaction(async (tx) => {
    const existing = new Map((await listSources(tx)).map((s) => [s.slug, s]));
    for (const outlet of outlets) {
      const slug = sourceSlug(outlet.name);
      const found = existing.get(slug);
      if (found) {
        if (found.url !== outlet.feedUrl) {
          await tx.db.updateTable('sources').set({ url: outlet.feedUrl, site_url: outlet.homeUrl, etag: null, last_modified: null, updated_at: now })
            .where('id', '=', found.id).execute();
        }
        continue;
      }
      await addSource(tx, {
        name: outlet.name,
        url: outlet.feedUrl,
        siteUrl: outlet.homeUrl,
        kind: outlet.feed === 'news-sitemap' ? 'sitemap' : 'feed',
        // A teaser page holds only part of the article: show it as an excerpt; the others in full.
        display: outlet.template === 'paywall' ? 'excerpt' : 'full',
      }, now);
    }
  });
}

/** Creates the admin user "admin" with a random password the first time; returns the password then. */
async function ensureDemoAdmin(app: App, now: number): Promise<string | undefined> {
  const any = await app.store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return undefined;
  const password = randomBytes(12).toString('base64url');
  await createUser(app.store, 'admin', password, now);
  return password;
}

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Run the demo: synthetic outlets on loopback, registered as sources, and the site',
  usage: 'demo [--growth-interval SECONDS]',
  options: { 'growth-interval': { type: 'string' } },
  async run(args, io) {
    const growthSeconds = Number(args.values['growth-interval'] ?? '60');
    if (!Number.isFinite(growthSeconds) || growthSeconds < 0) throw new UsageError('cli', '--growth-interval must be a number of seconds (0 turns growth off)');
    const base = loadConfig(io.env);
    // The demo outlets live on loopback, which the fetcher refuses unless the operator allows it.
    const config: Config = {
      ...base,
      fetchAllowPrivate: base.fetchAllowPrivate || '127.0.0.1/32',
      // Our own loopback outlets need no politeness pause unless the operator sets one.
      fetchHostIntervalMs: io.env.TOPSTORY_FETCH_HOST_INTERVAL_MS ? base.fetchHostIntervalMs : 50,
    };
    const app = await openApp(config);
    const outlets = await startDemoOutlets({
      shiftTo: new Date(),
      growth: growthSeconds > 0 ? { intervalMs: growthSeconds * 1000, initialShare: 0.85 } : null,
    });
    try {
      const now = Date.now();
      await registerDemoSources(app.store, outlets.outlets, now);
      const password = await ensureDemoAdmin(app, now);
      const { server, url } = await listen(app, createWeb(app), { host: config.host, port: config.port });
      // Ingest in this process: poll the outlets now and whenever they are due again.
      const ingest = createIngest(app);
      const stopWorker = new AbortController();
      const worker = runWorker(ingest, { concurrency: 4, leaseMs: app.config.jobLeaseSeconds * 1000, signal: stopWorker.signal, idleMs: 2000 })
        .catch((err: unknown) => app.log.error({ err }, 'demo worker stopped'));
      writeLine(io.stdout, `Topstory demo: ${outlets.outlets.length} outlets on loopback, database ${config.databaseUrl ? 'PostgreSQL' : config.sqlitePath}`);
      for (const outlet of outlets.outlets) writeLine(io.stdout, `  ${outlet.name}: ${outlet.feedUrl}`);
      if (password) writeLine(io.stdout, `Admin user: admin, password: ${password} (shown once; change it with topstory user add)`);
      writeLine(io.stdout, `Site: ${url}/`);
      await untilSignal();
      stopWorker.abort();
      await worker;
      await ingest.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return 0;
    } finally {
      await outlets.close();
      await app.close();
    }
  },
};
