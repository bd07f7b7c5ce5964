// Feed discovery in an HTML page: <link rel="alternate" type="application/rss+xml" href="…"> and
// its Atom / JSON Feed siblings (the RSS autodiscovery convention), relative hrefs resolved against
// the page URL and its <base href>, best formats first.
import { decodeHTMLAttribute } from 'entities';
import { httpUrl, nonEmpty } from './constructs.js';

/** A feed a page links to. */
export interface DiscoveredFeed {
  url: string;
  type: string;
  title: string | null;
}

// Feed MIME types in order of preference: richer formats first. Sorted by rank.
const FEED_TYPES: readonly string[] = [
  'application/atom+xml',
  'application/rss+xml',
  'application/feed+json',
  'application/json',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
];

// Attributes of one tag: name, then a double-quoted, single-quoted or bare value.
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

function attributesOf(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const body = tag.replace(/^<[a-zA-Z]+/, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeHTMLAttribute(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/** The feeds an HTML page advertises, best first (absolute URLs when a page URL or <base href> is known); pure. */
export function discoverFeeds(html: string, pageUrl?: string): DiscoveredFeed[] {
  const found: { href: string; type: string; title: string | null; order: number }[] = [];
  let base = pageUrl;
  let baseSeen = false;
  let order = 0;
  // A scan for <link>, <a> and <base> tags (regular expressions that stop at the next "<", so the
  // cost stays linear however the page is nested); comments are removed first.
  const page = (html.length > 5_000_000 ? html.slice(0, 5_000_000) : html).replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const m of page.matchAll(/<(link|a|base)\b[^<>]*>/gi)) {
    const name = m[1]!.toLowerCase();
    const attribs = attributesOf(m[0]);
    const href = attribs.get('href');
    if (name === 'base') {
      // HTML: the first <base href> sets the document base URL.
      if (href && !baseSeen) base = httpUrl(href, pageUrl) ?? base;
      baseSeen = true;
      continue;
    }
    const rel = (attribs.get('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('alternate') && !(name === 'link' && rel.includes('feed'))) continue;
    const type = (attribs.get('type') ?? '').trim().toLowerCase().split(';')[0]?.trim() ?? '';
    if (!FEED_TYPES.includes(type) || !href) continue;
    // application/json is only a feed when the page says so (JSON Feed autodiscovery uses it).
    if (type === 'application/json' && !/feed/i.test(`${attribs.get('title') ?? ''} ${href}`)) continue;
    found.push({ href, type, title: nonEmpty(attribs.get('title')), order: order++ });
  }
  const seen = new Set<string>();
  const feeds: DiscoveredFeed[] = [];
  found.sort((a, b) => FEED_TYPES.indexOf(a.type) - FEED_TYPES.indexOf(b.type) || a.order - b.order);
  for (const f of found) {
    // Without any base URL a relative href cannot be resolved; it is kept as written (a user
    // running `parse-feed` on a saved page still learns where the feed is).
    const relative = !base && !/^[a-z][a-z0-9+.-]*:/i.test(f.href.trim()) && !f.href.trim().startsWith('//');
    const url = relative ? f.href.trim() || null : httpUrl(f.href, base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    feeds.push({ url, type: f.type, title: f.title });
  }
  return feeds;
}
