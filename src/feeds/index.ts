// bytes (+ URL and HTTP content type) → ParsedFeed: decode (RFC 7303 precedence), read the XML
// tolerantly or the JSON, pick the adapter by root element, and collect every repair as a warning.
import { TopstoryError } from '../errors.js';
import { decodeBytes } from '../text/charset.js';
import { readAtom } from './atom.js';
import { Notes, readingDocument } from './constructs.js';
import { discoverFeeds, type DiscoveredFeed } from './discovery.js';
import { isJsonFeed, readJsonFeed } from './jsonfeed.js';
import { readRdf } from './rdf.js';
import { readRss } from './rss.js';
import { readSitemap, readSitemapIndex } from './sitemap.js';
import type { ParsedFeed, ParseFeedOptions } from './types.js';
import { parseXml, type XmlElement } from './xml.js';

export type { DiscoveredFeed } from './discovery.js';
export { discoverFeeds } from './discovery.js';
export { parseFeedDate } from './dates.js';
export { parseOpml, serializeOpml, type OpmlDocument, type OpmlOutline } from './opml.js';
export type { Enclosure, FeedFormat, FeedInfo, FeedItem, ParsedFeed, ParseFeedOptions } from './types.js';

/** Default input cap: larger documents are refused rather than parsed (10 MiB). */
export const DEFAULT_MAX_FEED_BYTES = 10 * 1024 * 1024;

/** The error thrown for an HTML page, with the feeds the page links to. */
export class NotAFeedError extends TopstoryError {
  readonly discovered: DiscoveredFeed[];

  constructor(message: string, discovered: DiscoveredFeed[] = []) {
    super('feeds', 'not-a-feed', message);
    this.name = 'NotAFeedError';
    this.discovered = discovered;
  }
}

type Adapter = (root: XmlElement, notes: Notes) => Omit<ParsedFeed, 'encoding' | 'warnings'>;

// Root element (local name, lower case) → the adapter that reads it. Sorted.
const ADAPTERS: ReadonlyMap<string, Adapter> = new Map<string, Adapter>([
  ['channel', readRss],
  ['feed', readAtom],
  ['rdf', readRdf],
  ['rss', readRss],
  ['sitemapindex', readSitemapIndex],
  ['urlset', readSitemap],
]);

// Root elements that mean an HTML page (a page without <html> starts with <head> or <body>).
const HTML_ROOTS = new Set(['body', 'head', 'html']);

// A feed whose root is in a namespace we do not know (a future or private RSS/Atom URI) is read as
// if its vocabulary were the format's own, as feedparser does.
function adoptRootNamespace(root: XmlElement): void {
  const ns = root.ns;
  if (!ns.includes(':')) return;
  const walk = (el: XmlElement, depth: number) => {
    if (el.ns === ns) el.ns = '';
    if (depth < 64) for (const c of el.children) if (typeof c !== 'string') walk(c, depth + 1);
  };
  walk(root, 0);
}

function notAFeedFromHtml(html: string, url: string | undefined): NotAFeedError {
  const feeds = discoverFeeds(html, url);
  const list = feeds.length > 0 ? `; it links to ${feeds.length === 1 ? 'this feed' : 'these feeds'}: ${feeds.map((f) => f.url).join(' ')}` : '; it links to no feed';
  return new NotAFeedError(`not a feed but an HTML page${list}`, feeds);
}

// Where a document's first meaningful character is, past a BOM, whitespace, comments and PIs.
function startsLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b; // "{"
}

// The adapter's result with the encoding and warnings; built field by field, as an object spread
// here costs more than a small feed's whole tree.
function finish(parsed: Omit<ParsedFeed, 'encoding' | 'warnings'>, encoding: string, warnings: string[]): ParsedFeed {
  return { format: parsed.format, version: parsed.version, feed: parsed.feed, items: parsed.items, sitemaps: parsed.sitemaps, encoding, warnings };
}

/** Parses a feed (RSS, RDF, Atom, JSON Feed) or sitemap from bytes; throws TopstoryError for what is not one. */
export function parseFeed(bytes: Uint8Array, options: ParseFeedOptions = {}): ParsedFeed {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FEED_BYTES;
  if (bytes.length > maxBytes) {
    throw new TopstoryError('feeds', 'too-large', `document is ${bytes.length} bytes, more than the ${maxBytes} allowed`);
  }
  const notes = new Notes();
  if (startsLikeJson(bytes)) {
    const decoded = decodeBytes(bytes, { contentType: options.contentType });
    let value: unknown;
    try {
      value = JSON.parse(decoded.text);
    } catch (err) {
      throw new TopstoryError('feeds', 'bad-json', `not a feed: invalid JSON (${(err as Error).message})`, { cause: err });
    }
    if (!isJsonFeed(value)) throw new NotAFeedError('not a feed: JSON without a JSON Feed "version" or "items"');
    const parsed = readJsonFeed(value, options.url, notes);
    return finish(parsed, decoded.encoding, [...decoded.warnings, ...notes.list]);
  }

  const decoded = decodeBytes(bytes, { contentType: options.contentType, kind: 'xml' });
  const doc = parseXml(decoded.text, options.url);
  if (!doc.root) throw new TopstoryError('feeds', 'empty', 'not a feed: the document holds no XML element');
  const rootName = doc.root.local.toLowerCase();
  if (HTML_ROOTS.has(rootName)) throw notAFeedFromHtml(decoded.text, options.url);
  adoptRootNamespace(doc.root);
  if (rootName === 'opml') throw new NotAFeedError('not a feed but an OPML subscription list; import it with import-opml');
  const adapter = ADAPTERS.get(rootName);
  if (!adapter) throw new NotAFeedError(`not a feed: unknown root element <${doc.root.name.slice(0, 40)}>`);
  const root = doc.root;
  const parsed = readingDocument(doc.controlFree, () => adapter(root, notes));
  return finish(parsed, decoded.encoding, [...decoded.warnings, ...doc.warnings, ...notes.list]);
}
