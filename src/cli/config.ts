// `topstory config`: the configuration in effect, secrets hidden (or the README's table with --markdown).
import { configMarkdownTable, loadConfig, redactedConfig } from '../config.js';
import { writeLine, type CliCommand } from './command.js';

export const configCommand: CliCommand = {
  name: 'config',
  summary: 'Print the configuration in effect (secrets hidden)',
  usage: 'config [--markdown]',
  options: { markdown: { type: 'boolean' } },
  async run(args, io) {
    if (args.values.markdown) {
      writeLine(io.stdout, configMarkdownTable());
      return 0;
    }
    const config = loadConfig(io.env);
    for (const row of redactedConfig(config)) writeLine(io.stdout, `${row.env}=${row.value}`);
    writeLine(io.stdout, `# base URL in effect: ${config.baseUrl}`);
    writeLine(io.stdout, `# database: ${config.databaseUrl ? 'PostgreSQL' : `SQLite at ${config.sqlitePath}`}`);
    return 0;
  },
};
