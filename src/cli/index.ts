// Dispatches `topstory <command> …` to the command files: parses flags strictly, prints usage on
// mistakes (exit 2) and turns any error into one line on stderr: `topstory: <layer>: <message>`.
import { parseArgs } from 'node:util';
import { version } from './version.js';
import { formatError, TopstoryError, UsageError } from '../errors.js';
import { writeLine, type CliCommand, type CliIO } from './command.js';
import { addSourceCommand } from './add-source.js';
import { clusterCommand } from './cluster.js';
import { commentsCommand } from './comments.js';
import { configCommand } from './config.js';
import { demoCommand } from './demo.js';
import { ingestCommand } from './ingest.js';
import { exportOpmlCommand, importOpmlCommand } from './opml.js';
import { extractCommand } from './extract.js';
import { migrateCommand } from './migrate.js';
import { parseFeedCommand } from './parse-feed.js';
import { pinCommand, storiesCommand } from './stories.js';
import { reclusterCommand } from './recluster.js';
import { rerankCommand } from './rerank.js';
import { serveCommand } from './serve.js';
import { sourcesCommand } from './sources.js';
import { userCommand } from './user.js';
import { workerCommand } from './worker.js';

/** Every command, sorted by name; a new command adds one line here. */
export const commands: CliCommand[] = [
  addSourceCommand,
  clusterCommand,
  commentsCommand,
  configCommand,
  demoCommand,
  exportOpmlCommand,
  importOpmlCommand,
  ingestCommand,
  extractCommand,
  migrateCommand,
  parseFeedCommand,
  pinCommand,
  reclusterCommand,
  rerankCommand,
  serveCommand,
  sourcesCommand,
  storiesCommand,
  userCommand,
  workerCommand,
]
  .sort((a, b) => a.name.localeCompare(b.name));

/** The text of `topstory --help`. */
export function usageText(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'Usage: topstory <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Options: --help (this text, or a command\'s usage), --version',
    'Settings come from TOPSTORY_* environment variables: see `topstory config`.',
  ].join('\n');
}

/** Runs one CLI invocation and resolves to its exit status; never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      writeLine(io.stdout, usageText());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      writeLine(io.stdout, version());
      return 0;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) throw new UsageError('cli', `unknown command "${name}"; run topstory --help for the list`);
    if (rest.includes('--help') || rest.includes('-h')) {
      writeLine(io.stdout, `Usage: topstory ${command.usage}\n${command.summary}`);
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
    } catch (err) {
      throw new UsageError('cli', `${(err as Error).message.replace(/\. To specify.*$/s, '')}; usage: topstory ${command.usage}`);
    }
    const range = command.positionals ?? { min: 0, max: 0 };
    if (parsed.positionals.length < range.min || parsed.positionals.length > range.max) {
      throw new UsageError('cli', `wrong number of arguments; usage: topstory ${command.usage}`);
    }
    const status = await command.run({ values: parsed.values, positionals: parsed.positionals }, io);
    return status ?? 0;
  } catch (err) {
    writeLine(io.stderr, formatError(err));
    if (err instanceof TopstoryError) return err.exitCode;
    if (process.env.TOPSTORY_DEBUG) io.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return 1;
  }
}
