// RSS 1.0 and 0.90 (RDF) → ParsedFeed. Items are siblings of <channel> under rdf:RDF and share the
// RSS item vocabulary (plus Dublin Core, which RSS 1.0 feeds rely on for dates and authors).
import { capItems, MAX_FEED_ITEMS, type Notes } from './constructs.js';
import { readRssChannel, readRssItem, RSS_NS } from './rss.js';
import { emptyFeedInfo, type ParsedFeed } from './types.js';
import { childElements, firstChild, type XmlElement } from './xml.js';

/** Maps an `<rdf:RDF>` document to a ParsedFeed. */
export function readRdf(root: XmlElement, notes: Notes): Omit<ParsedFeed, 'encoding' | 'warnings'> {
  const channel = firstChild(root, 'channel', RSS_NS);
  const feed = channel ? readRssChannel(channel, root, notes) : emptyFeedInfo();
  if (!channel) notes.add('RDF document without a <channel>');
  const base = root.base ?? feed.link ?? undefined;
  // Some producers nest items inside <channel> as RSS 2.0 does; accept both places.
  const itemEls = [...childElements(root, 'item', RSS_NS), ...(channel ? childElements(channel, 'item', RSS_NS) : [])];
  const items = capItems(itemEls, MAX_FEED_ITEMS, notes).map((el) => readRssItem(el, base, notes));
  const netscape = 'http://my.netscape.com/rdf/simple/0.9/';
  const version = root.attrs.get('xmlns') === netscape || channel?.ns === 'rss090' || root.children.some((c) => typeof c !== 'string' && c.ns === 'rss090') ? '0.90' : '1.0';
  return { format: 'rdf', version, feed, items, sitemaps: [] };
}
