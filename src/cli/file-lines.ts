// Shared by the commands that turn files into JSON lines (`parse-feed`, `extract`): read each file as
// bytes within a size cap, print one line per file, and report a failed file as `{file, error}`.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TopstoryError, UsageError, type Layer } from '../errors.js';
import { writeLine, type CliArgs, type CliIO } from './command.js';

/** Flags and argument count of those commands: files, and what to read them as. */
export const documentCommandShape = {
  options: {
    url: { type: 'string' },
    'content-type': { type: 'string' },
  },
  positionals: { min: 1, max: Number.MAX_SAFE_INTEGER },
} as const;

/** The `--url` and `--content-type` flags of those commands, checked. */
export function documentFlags(args: CliArgs): { url: string | undefined; contentType: string | undefined } {
  const url = args.values.url;
  if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\/[^/]/i.test(url))) {
    throw new UsageError('cli', '--url must be an http(s) URL');
  }
  const contentType = typeof args.values['content-type'] === 'string' ? args.values['content-type'] : undefined;
  return { url: typeof url === 'string' ? url : undefined, contentType };
}

/** Runs `line` on each file's bytes and prints its JSON; returns the exit status (1 when any file failed). */
export async function printFileLines(
  files: string[],
  io: CliIO,
  limits: { layer: Layer; maxBytes: number; what: string },
  line: (file: string, bytes: Uint8Array) => Record<string, unknown>,
): Promise<number> {
  let failed = false;
  for (const file of files) {
    try {
      const path = resolve(io.cwd, file);
      const info = await stat(path);
      if (!info.isFile()) throw new TopstoryError(limits.layer, 'not_a_file', 'not a regular file');
      if (info.size > limits.maxBytes) {
        throw new TopstoryError(limits.layer, 'too_large', `${limits.what} is ${info.size} bytes, more than the ${limits.maxBytes} allowed`);
      }
      writeLine(io.stdout, JSON.stringify(line(file, new Uint8Array(await readFile(path)))));
    } catch (err) {
      failed = true;
      const code = (err as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'not a regular file' : (err as Error).message;
      writeLine(io.stdout, JSON.stringify({ file, error: message }));
    }
  }
  return failed ? 1 : 0;
}
