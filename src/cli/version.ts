// The project's version, from package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';

let cached: string | undefined;

/** The version in package.json (the CLI's --version and the fetcher's User-Agent). */
export function version(): string {
  cached ??= (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
