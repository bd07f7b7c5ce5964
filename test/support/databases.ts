// Runs the same test body against a fresh SQLite file and a fresh PostgreSQL schema (STYLE.md 12).
// PostgreSQL comes from TEST_DATABASE_URL; when it is unset the PostgreSQL half is reported skipped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrations.js';

/** A database a test can use: how to open more connections to it (other processes too) and how to drop it. */
export interface TestDatabase {
  dialect: 'sqlite' | 'postgres';
  /** Environment that points a `topstory` process at this database. */
  env: Record<string, string>;
  /** Opens another store on the same database. */
  open(): Store;
  drop(): Promise<void>;
}

const pgUrl = process.env.TEST_DATABASE_URL;

/** A fresh empty SQLite database in a temporary folder. */
export function freshSqlite(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'topstory-test-'));
  const sqlitePath = join(dir, 'topstory.db');
  return {
    dialect: 'sqlite',
    env: { TOPSTORY_DATA_DIR: dir },
    open: () => openStore({ sqlitePath }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh empty schema in the PostgreSQL database of TEST_DATABASE_URL. */
export async function freshPostgres(): Promise<TestDatabase> {
  if (!pgUrl) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  return {
    dialect: 'postgres',
    env: { TOPSTORY_DATABASE_URL: databaseUrl },
    open: () => openStore({ databaseUrl, sqlitePath: '', poolSize: 5 }),
    drop: async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

/** Context handed to a body: a migrated store and its database. */
export interface DatabaseContext {
  store: Store;
  database: TestDatabase;
}

/**
 * Declares `describe(name + ' [sqlite]')` and `describe(name + ' [postgres]')` with the same tests.
 * `define` receives `it`-like registration and a getter for the current context.
 */
export function describeEachDatabase(
  name: string,
  define: (test: (title: string, body: (ctx: DatabaseContext) => Promise<void>) => void) => void,
): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip = dialect === 'postgres' && !pgUrl ? 'TEST_DATABASE_URL is not set: PostgreSQL half skipped (CI sets it)' : false;
    describe(`${name} [${dialect}]`, { skip }, () => {
      define((title, body) => {
        it(title, async () => {
          const database = dialect === 'sqlite' ? freshSqlite() : await freshPostgres();
          const store = database.open();
          try {
            await migrate(store);
            await body({ store, database });
          } finally {
            await store.close();
            await database.drop();
          }
        });
      });
    });
  }
}
