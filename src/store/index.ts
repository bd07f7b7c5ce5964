// Opens the database the configuration names (SQLite file by default, PostgreSQL for a postgres://
// URL) behind one Kysely interface, and gives write transactions the same meaning on both.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { TopstoryError } from '../errors.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** A database handle and its dialect; inside a transaction `db` is the transaction. */
export interface Tx {
  db: Kysely<Database>;
  dialect: Dialect;
}

/** The open database of this process. */
export interface Store extends Tx {
  /** Runs `fn` in a write transaction: `BEGIN IMMEDIATE` on SQLite (one writer, no upgrade deadlock), a plain transaction on PostgreSQL. */
  writeTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * SQLite only: runs one read statement synchronously and returns its first row, without Kysely
   * (no query compiling, no promise). For hot paths that read a few numbers per request (the page
   * cache's version check). It shares the connection: inside another caller's open transaction it
   * sees that transaction's writes, so use it only where a newer answer is harmless.
   */
  readRowSync?: (text: string, params?: readonly unknown[]) => Record<string, unknown> | undefined;
}

export interface StoreOptions {
  /** postgres:// URL, or undefined for SQLite at `sqlitePath`. */
  databaseUrl?: string | undefined;
  sqlitePath: string;
  poolSize?: number;
}

// PostgreSQL returns int8 (bigint) and numeric as strings by default; our ids, times and counts fit
// in a double, so they come back as numbers on both databases.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** Opens (and for SQLite creates) the database; does not migrate. */
export function openStore(options: StoreOptions): Store {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openSqlite(options.sqlitePath);
}

function openSqlite(path: string): Store {
  let database: SQLite.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    database = new SQLite(path, { timeout: 15_000 });
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    // Checkpoint the WAL every 10,000 pages (40 MiB) instead of SQLite's 1,000: each checkpoint
    // waits for two fsyncs inside the commit that triggers it, and at the default they were about
    // half of what storing an article cost (bench/ingest: commits 14.7 s → 9.8 s for 10,000
    // articles, 166 → 192 articles/s in the same conditions). Durability is unchanged (WAL with
    // synchronous=NORMAL); readers look through a longer WAL, which costs them little.
    database.pragma('wal_autocheckpoint = 10000');
  } catch (err) {
    throw new TopstoryError('store', 'open_failed', `cannot open SQLite database ${path}: ${(err as Error).message}`, { cause: err });
  }
  // Kysely prepares every query anew; better-sqlite3 statements are reusable, so keep them by SQL text
  // (the same few dozen queries run for every article).
  const statements = new Map<string, SQLite.Statement>();
  const cached = {
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= 1000) statements.clear();
        statement = database.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
    close() {
      database.close();
    },
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  return {
    db,
    dialect: 'sqlite',
    async writeTransaction(fn) {
      return db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await fn({ db: conn, dialect: 'sqlite' });
          await sql`commit`.execute(conn);
          return result;
        } catch (err) {
          if (database.inTransaction) await sql`rollback`.execute(conn);
          throw err;
        }
      });
    },
    async close() {
      await db.destroy();
    },
    readRowSync(text, params = []) {
      return cached.prepare(text).get(...params) as Record<string, unknown> | undefined;
    },
  };
}

function openPostgres(url: string, max: number): Store {
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes, connectionTimeoutMillis: 10_000 });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    async writeTransaction(fn) {
      return db.transaction().execute((trx) => fn({ db: trx, dialect: 'postgres' }));
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Fails with a clear error when the database cannot be reached. */
export async function checkStore(store: Store): Promise<void> {
  try {
    await sql`select 1`.execute(store.db);
  } catch (err) {
    throw new TopstoryError('store', 'unreachable', `database unreachable: ${(err as Error).message}`, { cause: err });
  }
}
