// Composition root: builds the store, logger and secret from the configuration. Commands and the
// web server get everything from here, so nothing else reads the environment.
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { checkStore, openStore, type Store } from './store/index.js';
import { migrate } from './store/migrations.js';
import { getSetting, setSetting } from './store/settings.js';

/** What a running Topstory process is made of. */
export interface App {
  config: Config;
  store: Store;
  log: Logger;
  /** Key for signed tokens and keyed hashes (TOPSTORY_SECRET, or one generated once and kept in the database). */
  secret: string;
  close(): Promise<void>;
}

/** Opens the database (migrating it unless told not to) and builds the app. */
export async function openApp(config: Config, options: { migrate?: boolean; log?: Logger } = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const store = openStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: config.dbPoolSize });
  try {
    await checkStore(store);
    if (options.migrate !== false) {
      const applied = await migrate(store);
      if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
    }
    const secret = config.secret ?? (await storedSecret(store));
    return {
      config, store, log, secret,
      async close() {
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

// Every process of one installation must share the secret; on PostgreSQL they share nothing but
// the database, so a generated secret lives there (created once, under the write lock).
async function storedSecret(store: Store): Promise<string> {
  return store.writeTransaction(async (tx) => {
    const existing = await getSetting<string | null>(tx, 'generated_secret', null);
    if (existing) return existing;
    const secret = randomBytes(32).toString('base64url');
    await setSetting(tx, 'generated_secret', secret, Date.now());
    return secret;
  });
}

/** Runs `work` with the app a CLI command's environment configures, and closes it afterwards. */
export async function withApp<T>(env: NodeJS.ProcessEnv, work: (app: App) => Promise<T>): Promise<T> {
  const app = await openApp(loadConfig(env));
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
