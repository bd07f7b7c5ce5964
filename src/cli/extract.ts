// `topstory extract FILE… [--url URL]`: reads each file as bytes and prints one JSON line with the
// extracted article (DESIGN.md contract), or `{file, error}`; exits 1 when any file failed.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TopstoryError, UsageError } from '../errors.js';
import { extractArticle, MAX_PAGE_BYTES, type Article } from '../extract/index.js';
import { writeLine, type CliCommand } from './command.js';

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
  options: {
    url: { type: 'string' },
    'content-type': { type: 'string' },
  },
  positionals: { min: 1, max: Number.MAX_SAFE_INTEGER },
  async run(args, io) {
    const url = args.values.url;
    if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\/[^/]/i.test(url))) {
      throw new UsageError('cli', '--url must be an http(s) URL');
    }
    const contentType = typeof args.values['content-type'] === 'string' ? args.values['content-type'] : undefined;
    let failed = false;
    for (const file of args.positionals) {
      try {
        const path = resolve(io.cwd, file);
        const info = await stat(path);
        if (!info.isFile()) throw new TopstoryError('extract', 'not_a_file', 'not a regular file');
        if (info.size > MAX_PAGE_BYTES) {
          throw new TopstoryError('extract', 'too_large', `page is ${info.size} bytes, more than the ${MAX_PAGE_BYTES} allowed`);
        }
        const bytes = new Uint8Array(await readFile(path));
        const article = extractArticle(bytes, typeof url === 'string' ? url : undefined, { contentType });
        writeLine(io.stdout, JSON.stringify(articleLine(file, article)));
      } catch (err) {
        failed = true;
        const code = (err as NodeJS.ErrnoException).code;
        const message = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'not a regular file' : (err as Error).message;
        writeLine(io.stdout, JSON.stringify({ file, error: message }));
      }
    }
    return failed ? 1 : 0;
  },
};
