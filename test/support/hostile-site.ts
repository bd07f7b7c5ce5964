// A hostile outlet on loopback for the hostile-feed browser test: it publishes the H5SC hostile feed of
// ../shared/data/security (read in place, never copied) and answers its article pages.
// Every item of that feed links to a `data:` URL and shares one `data:` guid, so the pipeline rightly
// drops them all: served verbatim it proves the refusal but stores nothing to look at. The outlet
// therefore also serves the same bytes with, in each item only, the <link> pointed at an article page
// of its own (an http URL that keeps a quote break-out in its query) and the guid made unique (still a
// `data:` URL); every other field, the channel, the stylesheet PI and every vector stay as they are.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityDataDir } from '../e2e/payloads.js';

/** The hostile feed, in the shared security data. */
export const hostileFeedFile = `${securityDataDir}h5sc-hostile-feed.rss.xml`;

/** Whether the shared security data is present (the test skips when it is not). */
export function hostileFeedPresent(): boolean {
  return existsSync(hostileFeedFile);
}

/** How the outlet serves one copy of the feed. */
export interface FeedCopy {
  /** Path of the feed on the outlet, e.g. /full.xml; its article pages live under /<name>/items/<n>. */
  path: string;
  /** Each item's link points at the outlet's own page and its guid is made unique. */
  linked: boolean;
  /** Items newest-last instead of as written (a poll reads at most 200 of the 208 items). */
  reversed: boolean;
}

/** The running outlet. */
export interface HostileOutlet {
  url: string;
  /** Paths the fetcher asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

const ITEM = /<item>[\s\S]*?<\/item>/g;

interface FeedParts {
  head: string;
  items: string[];
  tail: string;
}

function splitFeed(xml: string): FeedParts {
  const items = xml.match(ITEM) ?? [];
  const first = xml.indexOf('<item>');
  const last = xml.lastIndexOf('</item>') + '</item>'.length;
  return { head: xml.slice(0, first), items, tail: xml.slice(last) };
}

function cdata(item: string, element: string): string {
  const m = new RegExp(`<${element}><!\\[CDATA\\[([\\s\\S]*?)\\]\\]></${element}>`).exec(item);
  return m?.[1] ?? '';
}

// The item's own <link> (the first text-only one) and guid; `n` is the item's place in the file, from 1.
function linkedItem(item: string, n: number, articleUrl: string): string {
  return item
    .replace(/<link>[^<]*<\/link>/, `<link>${articleUrl}?"'onmouseover=alert(${n})//</link>`)
    .replace(/(<guid[^>]*>data:[^<]*?)\/guid\//, `$1/guid-${n}/`);
}

// An article page as a hostile outlet would write it: the item's raw title and content as HTML, with a
// script canonical and image for the extractor to read.
function articlePage(item: string, n: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${cdata(item, 'title')}</title>
<link rel="canonical" href="javascript:alert(/canonical-${n}/)"><meta property="og:image" content="javascript:alert(/og-image-${n}/)">
<meta property="og:url" content="data:text/html,%3cscript%3ealert(/og-url-${n}/)%3c/script%3e">
</head><body><article><h1>${cdata(item, 'title')}</h1>
<p>Item ${n} of the hostile feed, as its outlet publishes it.</p>
${cdata(item, 'content:encoded')}
</article></body></html>`;
}

/** Starts the outlet on 127.0.0.1 with one feed per copy. */
export async function startHostileOutlet(copies: readonly FeedCopy[]): Promise<HostileOutlet> {
  const bytes = readFileSync(hostileFeedFile);
  const parts = splitFeed(bytes.toString('utf8'));
  const requests: string[] = [];
  const feeds = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://outlet.invalid').pathname;
    requests.push(path);
    const feed = feeds.get(path);
    if (feed) return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed);
    const page = /^\/([a-z-]+)\/items\/(\d+)$/.exec(path);
    const item = page && feeds.has(`/${page[1]}.xml`) ? parts.items[Number(page[2]) - 1] : undefined;
    if (item) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(item, Number(page![2])));
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const copy of copies) {
    if (!copy.linked && !copy.reversed) {
      feeds.set(copy.path, bytes);
      continue;
    }
    const name = copy.path.replace(/^\/|\.xml$/g, '');
    let items = parts.items.map((item, i) => (copy.linked ? linkedItem(item, i + 1, `${url}/${name}/items/${i + 1}`) : item));
    if (copy.reversed) items = items.reverse();
    feeds.set(copy.path, Buffer.from(parts.head + items.join('\n\t') + parts.tail, 'utf8'));
  }
  return {
    url,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
