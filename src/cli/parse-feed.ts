// `topstory parse-feed FILE…`: one JSON line per file with the parsed feed (DESIGN.md contract), or
// `{file, error}`; exits 1 when any file failed. An HTML page is an error that lists its feeds.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TopstoryError, UsageError } from '../errors.js';
import { DEFAULT_MAX_FEED_BYTES, parseFeed, type ParsedFeed } from '../feeds/index.js';
import { writeLine, type CliCommand } from './command.js';

/** The JSON line for one parsed file, with the keys and order the contract names. */
export function feedLine(file: string, parsed: ParsedFeed): Record<string, unknown> {
  const { feed } = parsed;
  return {
    file,
    format: parsed.format,
    feed: { title: feed.title, link: feed.link, description: feed.description, language: feed.language, updated: feed.updated, image: feed.image },
    items: parsed.items.map((i) => ({
      id: i.id, title: i.title, link: i.link, published: i.published, updated: i.updated, author: i.author,
      summary: i.summary, content: i.content, image: i.image, categories: i.categories,
      enclosures: i.enclosures.map((e) => ({ url: e.url, type: e.type, length: e.length })),
    })),
    ...(parsed.format === 'sitemap-index' ? { sitemaps: parsed.sitemaps } : {}),
    warnings: parsed.warnings,
  };
}

/** The `parse-feed` command. */
export const parseFeedCommand: CliCommand = {
  name: 'parse-feed',
  summary: 'parse feed files (RSS, Atom, RDF, JSON Feed, sitemaps) and print one JSON line per file',
  usage: 'parse-feed FILE… [--url URL] [--content-type TYPE]',
  options: {
    url: { type: 'string' },
    'content-type': { type: 'string' },
  },
  positionals: { min: 1, max: Number.MAX_SAFE_INTEGER },
  async run(args, io) {
    const url = args.values.url;
    if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\//i.test(url))) {
      throw new UsageError('cli', '--url must be an http(s) URL');
    }
    const contentType = typeof args.values['content-type'] === 'string' ? args.values['content-type'] : undefined;
    let failed = false;
    for (const file of args.positionals) {
      try {
        const path = resolve(io.cwd, file);
        const info = await stat(path);
        if (!info.isFile()) throw new TopstoryError('feeds', 'not-a-file', 'not a regular file');
        if (info.size > DEFAULT_MAX_FEED_BYTES) {
          throw new TopstoryError('feeds', 'too-large', `document is ${info.size} bytes, more than the ${DEFAULT_MAX_FEED_BYTES} allowed`);
        }
        const bytes = new Uint8Array(await readFile(path));
        const parsed = parseFeed(bytes, { url: typeof url === 'string' ? url : undefined, contentType });
        writeLine(io.stdout, JSON.stringify(feedLine(file, parsed)));
      } catch (err) {
        failed = true;
        const code = (err as NodeJS.ErrnoException).code;
        const message = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
        writeLine(io.stdout, JSON.stringify({ file, error: message }));
      }
    }
    return failed ? 1 : 0;
  },
};
