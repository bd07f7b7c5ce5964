// `topstory extract FILE… [--url URL]`: reads each file as bytes and prints one JSON line with the
// extracted article (DESIGN.md contract), or `{file, error}`; exits 1 when any file failed.
import { extractArticle, MAX_PAGE_BYTES, type Article } from '../extract/index.js';
import type { CliCommand } from './command.js';
import { documentCommandShape, documentFlags, printFileLines } from './file-lines.js';

/** The JSON line for one extracted file, with the keys and order the contract names. */
export function articleLine(file: string, a: Article): Record<string, unknown> {
  return {
    file, url: a.url, title: a.title, byline: a.byline, published: a.published, modified: a.modified, lead: a.lead,
    siteName: a.siteName, lang: a.lang, image: a.image, canonical: a.canonical, text: a.text, html: a.html, wordCount: a.wordCount,
  };
}

/** The `extract` command. */
export const extractCommand: CliCommand = {
  name: 'extract',
  summary: 'extract the article from saved HTML pages and print one JSON line per file',
  usage: 'extract FILE… [--url URL] [--content-type TYPE]',
  ...documentCommandShape,
  async run(args, io) {
    const { url, contentType } = documentFlags(args);
    return printFileLines(args.positionals, io, { layer: 'extract', maxBytes: MAX_PAGE_BYTES, what: 'page' },
      (file, bytes) => articleLine(file, extractArticle(bytes, url, { contentType })));
  },
};
