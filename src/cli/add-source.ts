// `topstory add-source URL [--name N] [--display full|excerpt]`: follows a new outlet. The URL may be
// a feed, a news sitemap or a page that links to its feed; what was found is shown before it is stored.
import { loadConfig } from '../config.js';
import { openApp } from '../app.js';
import { TopstoryError, UsageError } from '../errors.js';
import { createFetcher } from '../fetch/index.js';
import { userAgent } from '../ingest/index.js';
import { inspectSource } from '../ingest/inspect-source.js';
import { addSource, findSourceByUrl, type SourceDisplay } from '../store/sources.js';
import { writeLine, type CliCommand } from './command.js';

const displays: SourceDisplay[] = ['excerpt', 'full'];

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
  summary: 'Follow a news outlet by its feed, news sitemap or home page URL (shows what it found)',
  usage: 'add-source URL [--name N] [--display full|excerpt]',
  options: { name: { type: 'string' }, display: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const url = parseSourceUrl(args.positionals[0]!);
    const display = (args.values.display ?? 'excerpt') as SourceDisplay;
    if (!displays.includes(display)) throw new UsageError('cli', `--display must be one of ${displays.join(', ')}`);
    const givenName = typeof args.values.name === 'string' ? args.values.name.trim() : undefined;
    if (givenName !== undefined && (givenName === '' || givenName.length > 200)) throw new UsageError('cli', '--name must be 1 to 200 characters');
    const app = await openApp(loadConfig(io.env));
    const fetcher = createFetcher({ userAgent: userAgent(app.config.baseUrl), allowPrivate: app.config.fetchAllowPrivate });
    try {
      const known = await findSourceByUrl(app.store, url.href);
      if (known) throw new TopstoryError('store', 'duplicate_source', `${url.href} is already a source ("${known.name}")`);
      const preview = await inspectSource(fetcher, url.href);
      if (preview.discoveredFrom) {
        writeLine(io.stdout, `${preview.discoveredFrom} is a page; it links to ${preview.alternatives.length} feed(s): ${preview.alternatives.map((f) => `${f.url} (${f.type})`).join(', ')}`);
        writeLine(io.stdout, `using ${preview.feedUrl}`);
      }
      writeLine(io.stdout, `found ${preview.format} "${preview.title ?? '(untitled)'}" with ${preview.itemCount} items${preview.latest.length ? '; latest:' : ''}`);
      for (const item of preview.latest) writeLine(io.stdout, `  - ${item.title}${item.published ? ` (${item.published.slice(0, 10)})` : ''}`);
      for (const warning of preview.warnings.slice(0, 5)) writeLine(io.stdout, `  warning: ${warning}`);
      const name = givenName ?? preview.title?.trim().slice(0, 200) ?? url.hostname.replace(/^www\./, '');
      const source = await app.store.writeTransaction((tx) =>
        addSource(tx, { name: name || url.hostname, url: preview.feedUrl, kind: preview.kind, display, siteUrl: preview.siteUrl }, Date.now()));
      writeLine(io.stdout, `added source "${source.name}" (${source.slug}): ${source.kind} ${source.url}, shown as ${source.display}; first check now`);
      return 0;
    } finally {
      await fetcher.close();
      await app.close();
    }
  },
};
