// The shape every CLI command file exports; cli/index.ts lists them and dispatches.
import type { ParseArgsConfig } from 'node:util';
import type { Readable, Writable } from 'node:stream';

/** Streams and environment a command runs with (tests pass their own). */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Folder relative paths are resolved against. */
  cwd: string;
}

/** Parsed flags and positionals of one invocation. */
export interface CliArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** One `topstory <name>` command. */
export interface CliCommand {
  name: string;
  /** One line for `topstory --help`. */
  summary: string;
  /** Usage after `topstory `, e.g. `add-source URL [--name N]`. */
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** How many positionals the command accepts; more or fewer is a usage error. */
  positionals?: { min: number; max: number };
  /** Runs the command; resolves to the exit status (0 when undefined). Long-running commands resolve when stopped. */
  run(args: CliArgs, io: CliIO): Promise<number | void>;
}

/** Writes a line of text to a stream. */
export function writeLine(stream: Writable, line: string): void {
  stream.write(line.endsWith('\n') ? line : `${line}\n`);
}
