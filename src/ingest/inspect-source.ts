// What `add-source` shows before it stores anything: fetch the URL through the guarded fetcher, read
// it as a feed or sitemap, or — for an HTML page — discover the feeds it links to and read the best.
import { TopstoryError } from '../errors.js';
import { contentTypeHeader, type Fetcher } from '../fetch/index.js';
import { NotAFeedError, parseFeed, type DiscoveredFeed, type ParsedFeed } from '../feeds/index.js';
import type { SourceKind } from '../store/sources.js';

const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.8, text/html;q=0.7, */*;q=0.5';

/** A source as found at a URL. */
export interface SourcePreview {
  /** The URL to poll: the feed itself, or the feed the page links to. */
  feedUrl: string;
  kind: SourceKind;
  format: ParsedFeed['format'];
  title: string | null;
  siteUrl: string | null;
  itemCount: number;
  latest: Array<{ title: string; published: string | null }>;
  /** Set when the URL given was a page: the feeds it links to, best first. */
  discoveredFrom: string | null;
  alternatives: DiscoveredFeed[];
  warnings: string[];
}

async function readFeed(fetcher: Fetcher, url: string): Promise<{ parsed: ParsedFeed; finalUrl: string }> {
  const response = await fetcher.fetch({ url, accept: ACCEPT });
  return { parsed: parseFeed(response.body, { url: response.url, contentType: contentTypeHeader(response) }), finalUrl: response.url };
}

/** Fetches `url` and says what source it is; throws a clear TopstoryError when it cannot be used. */
export async function inspectSource(fetcher: Fetcher, url: string): Promise<SourcePreview> {
  let discoveredFrom: string | null = null;
  let alternatives: DiscoveredFeed[] = [];
  let result: { parsed: ParsedFeed; finalUrl: string };
  try {
    result = await readFeed(fetcher, url);
  } catch (err) {
    if (!(err instanceof NotAFeedError)) throw err;
    if (err.discovered.length === 0) {
      throw new TopstoryError('ingest', 'no_feed', `${url} is a web page that links to no feed; give the URL of its RSS, Atom or JSON feed, or of its news sitemap`);
    }
    discoveredFrom = url;
    alternatives = err.discovered;
    result = await readFeed(fetcher, err.discovered[0]!.url);
  }
  const { parsed, finalUrl } = result;
  if (parsed.items.length === 0 && parsed.sitemaps.length === 0) {
    throw new TopstoryError('ingest', 'empty_feed', `${finalUrl} is a ${parsed.format} document with no items; nothing to follow`);
  }
  const time = (p: string | null) => (p ? Date.parse(p) || 0 : 0);
  const latest = [...parsed.items]
    .sort((a, b) => time(b.published ?? b.updated) - time(a.published ?? a.updated))
    .slice(0, 3)
    .map((i) => ({ title: i.title ?? i.link ?? '(untitled)', published: i.published ?? i.updated }));
  return {
    feedUrl: finalUrl,
    kind: parsed.format === 'sitemap' || parsed.format === 'sitemap-index' ? 'sitemap' : 'feed',
    format: parsed.format,
    title: parsed.feed.title,
    siteUrl: parsed.feed.link ?? (discoveredFrom ? new URL(discoveredFrom).origin + '/' : new URL(finalUrl).origin + '/'),
    itemCount: parsed.items.length,
    latest,
    discoveredFrom,
    alternatives,
    warnings: parsed.warnings,
  };
}
