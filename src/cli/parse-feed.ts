// `topstory parse-feed FILE…`: one JSON line per file with the parsed feed (DESIGN.md contract), or
// `{file, error}`; exits 1 when any file failed. An HTML page is an error that lists its feeds.
import { DEFAULT_MAX_FEED_BYTES, parseFeed, type ParsedFeed } from '../feeds/index.js';
import type { CliCommand } from './command.js';
import { documentCommandShape, documentFlags, printFileLines } from './file-lines.js';

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
  ...documentCommandShape,
  async run(args, io) {
    const { url, contentType } = documentFlags(args);
    return printFileLines(args.positionals, io, { layer: 'feeds', maxBytes: DEFAULT_MAX_FEED_BYTES, what: 'document' },
      (file, bytes) => feedLine(file, parseFeed(bytes, { url, contentType })));
  },
};
