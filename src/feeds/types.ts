// The shape every feed format is mapped into (DESIGN.md, `parse-feed`). Absent values are null so
// that the JSON a user sees always has the same keys.

/** Which kind of document was parsed. */
export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json' | 'sitemap' | 'sitemap-index';

/** A media file attached to an item (RSS enclosure, Atom rel=enclosure, media:content). */
export interface Enclosure {
  url: string;
  type: string | null;
  /** Size in bytes, when the feed says. */
  length: number | null;
}

/** The feed as a whole. */
export interface FeedInfo {
  /** Plain text. */
  title: string | null;
  /** The site the feed belongs to (absolute http(s) URL). */
  link: string | null;
  /** Sanitized HTML (RSS description, Atom subtitle). */
  description: string | null;
  language: string | null;
  /** ISO 8601 UTC. */
  updated: string | null;
  /** Logo or artwork URL. */
  image: string | null;
}

/** One entry of a feed or URL of a sitemap. */
export interface FeedItem {
  /** Atom id, RSS guid, RDF rdf:about, JSON Feed id; falls back to the link. */
  id: string | null;
  /** Plain text. */
  title: string | null;
  /** Absolute http(s) URL of the article. */
  link: string | null;
  /** ISO 8601 UTC. */
  published: string | null;
  /** ISO 8601 UTC. */
  updated: string | null;
  /** Plain text name (or e-mail when that is all there is). */
  author: string | null;
  /** Sanitized HTML. */
  summary: string | null;
  /** Sanitized HTML. */
  content: string | null;
  /** Absolute http(s) URL of the lead image. */
  image: string | null;
  categories: string[];
  enclosures: Enclosure[];
}

/** What `parseFeed` returns. */
export interface ParsedFeed {
  format: FeedFormat;
  /** Format version as the document states or implies: "2.0", "0.91", "1.0", "0.3", "1.1", … */
  version: string | null;
  /** The character encoding the bytes were decoded with. */
  encoding: string;
  feed: FeedInfo;
  items: FeedItem[];
  /** Child sitemap URLs of a sitemap index. */
  sitemaps: string[];
  /** What was repaired or could not be read, in words. */
  warnings: string[];
}

/** Options for `parseFeed`. */
export interface ParseFeedOptions {
  /** The URL the bytes came from: relative URLs resolve against it. */
  url?: string;
  /** The HTTP Content-Type header (its charset counts, RFC 7303). */
  contentType?: string;
  /** Refuse larger inputs (default 10 MiB). */
  maxBytes?: number;
}

/** An empty item, for adapters to fill. */
export function emptyItem(): FeedItem {
  return { id: null, title: null, link: null, published: null, updated: null, author: null, summary: null, content: null, image: null, categories: [], enclosures: [] };
}

/** An empty feed description, for adapters to fill. */
export function emptyFeedInfo(): FeedInfo {
  return { title: null, link: null, description: null, language: null, updated: null, image: null };
}
