// `topstory import-opml FILE` and `topstory export-opml`: subscription lists in and out, keeping
// each feed's categories (nested folders) in the source's settings.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { withApp } from '../app.js';
import { TopstoryError } from '../errors.js';
import { parseOpml, serializeOpml } from '../feeds/index.js';
import { addSource, findSourceByUrl, listSources } from '../store/sources.js';
import { writeLine, type CliCommand } from './command.js';

/** Categories kept on a source by import-opml. */
function categoriesOf(settings: string): string[] {
  try {
    const value = (JSON.parse(settings) as { categories?: unknown }).categories;
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

export const importOpmlCommand: CliCommand = {
  name: 'import-opml',
  summary: 'Follow every feed of an OPML subscription list (categories kept)',
  usage: 'import-opml FILE',
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const path = resolve(io.cwd, args.positionals[0]!);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (err) {
      throw new TopstoryError('cli', 'unreadable', `cannot read ${args.positionals[0]}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    const doc = parseOpml(bytes);
    return withApp(io.env, async (app) => {
      let added = 0;
      let known = 0;
      await app.store.writeTransaction(async (tx) => {
        for (const outline of doc.outlines) {
          if (await findSourceByUrl(tx, outline.xmlUrl)) {
            known++;
            continue;
          }
          const name = outline.title?.trim() || new URL(outline.xmlUrl).hostname.replace(/^www\./, '');
          await addSource(tx, { name: name.slice(0, 200), url: outline.xmlUrl, siteUrl: outline.htmlUrl, settings: { categories: outline.categories } }, Date.now());
          added++;
        }
      });
      writeLine(io.stdout, `imported ${added} feeds from ${doc.title ?? args.positionals[0]}${known ? `; ${known} were already sources` : ''}`);
      return 0;
    });
  },
};

export const exportOpmlCommand: CliCommand = {
  name: 'export-opml',
  summary: 'Print every source as an OPML 2.0 subscription list',
  usage: 'export-opml',
  async run(_args, io) {
    return withApp(io.env, async (app) => {
      const sources = await listSources(app.store);
      io.stdout.write(serializeOpml({
        title: `${app.config.siteName} sources`,
        outlines: sources.map((s) => ({ title: s.name, xmlUrl: s.url, htmlUrl: s.site_url, categories: categoriesOf(s.settings) })),
      }));
      return 0;
    });
  },
};
