// `topstory migrate`: brings the database to the current schema (safe from several processes at once).
import { loadConfig } from '../config.js';
import { checkStore, openStore } from '../store/index.js';
import { migrate } from '../store/migrations.js';
import { writeLine, type CliCommand } from './command.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Bring the database to the current schema',
  usage: 'migrate',
  async run(_args, io) {
    const config = loadConfig(io.env);
    const store = openStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: 2 });
    try {
      await checkStore(store);
      const applied = await migrate(store);
      writeLine(io.stdout, applied.length === 0 ? 'schema is current' : `applied: ${applied.join(', ')}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
