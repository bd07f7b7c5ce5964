// `topstory add-source URL [--name N] [--display full|excerpt] [--kind feed|sitemap|page]`: follows a new outlet.
import { loadConfig } from '../config.js';
import { openApp } from '../app.js';
import { UsageError } from '../errors.js';
import { addSource, type SourceDisplay, type SourceKind } from '../store/sources.js';
import { writeLine, type CliCommand } from './command.js';

const displays: SourceDisplay[] = ['excerpt', 'full'];
const kinds: SourceKind[] = ['feed', 'page', 'sitemap'];

/** Checks an operator-given source URL: absolute http(s), no credentials. */
export function parseSourceUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UsageError('cli', `"${input}" is not a URL; give an absolute http:// or https:// URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('cli', `"${input}" is not an http(s) URL`);
  if (url.username || url.password) throw new UsageError('cli', 'a source URL must not contain a user name or password');
  url.hash = '';
  return url;
}

export const addSourceCommand: CliCommand = {
  name: 'add-source',
  summary: 'Follow a news outlet by its feed, sitemap or page URL',
  usage: 'add-source URL [--name N] [--display full|excerpt] [--kind feed|sitemap|page]',
  options: { name: { type: 'string' }, display: { type: 'string' }, kind: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const url = parseSourceUrl(args.positionals[0]!);
    const display = (args.values.display ?? 'excerpt') as SourceDisplay;
    if (!displays.includes(display)) throw new UsageError('cli', `--display must be one of ${displays.join(', ')}`);
    const kind = (args.values.kind ?? (/sitemap[^/]*\.xml$/i.test(url.pathname) ? 'sitemap' : 'feed')) as SourceKind;
    if (!kinds.includes(kind)) throw new UsageError('cli', `--kind must be one of ${kinds.join(', ')}`);
    const name = typeof args.values.name === 'string' ? args.values.name.trim() : url.hostname.replace(/^www\./, '');
    if (name === '' || name.length > 200) throw new UsageError('cli', '--name must be 1 to 200 characters');
    const app = await openApp(loadConfig(io.env));
    try {
      const source = await app.store.writeTransaction((tx) =>
        addSource(tx, { name, url: url.href, kind, display, siteUrl: url.origin + '/' }, Date.now()));
      writeLine(io.stdout, `added source "${source.name}" (${source.slug}): ${source.kind} ${source.url}, shown as ${source.display}`);
      return 0;
    } finally {
      await app.close();
    }
  },
};
