// RSS 0.91/0.92/2.0 (and the item vocabulary RSS 1.0 shares) → ParsedFeed. Namespaced extensions
// read here: content:encoded, Dublin Core and dcterms, media: (content, thumbnail, group,
// description), iTunes author/image/summary, atom:link, feedburner:origLink.
import {
  authorName, capItems, elementDate, elementSanitized, elementText, elementValue, httpUrl, languageTag, MAX_FEED_ITEMS, nonEmpty, type Notes, positiveInt,
} from './constructs.js';
import { emptyFeedInfo, emptyItem, type Enclosure, type FeedInfo, type FeedItem, type ParsedFeed } from './types.js';
import { childElements, firstChild, textContent, type XmlElement } from './xml.js';

// Namespaces the RSS core vocabulary appears in: none (RSS 0.9x/2.0), RSS 1.0, RSS 0.90.
export const RSS_NS = ['', 'rss1', 'rss090'] as const;
const ATOM_NS = ['atom', 'atom03'] as const;

/** The first of several (local name, namespaces) candidates present under `el`. */
export function firstOf(el: XmlElement, candidates: readonly [string, string | readonly string[]][]): XmlElement | undefined {
  for (const [local, ns] of candidates) {
    const found = firstChild(el, local, ns);
    if (found && (textContent(found).trim() !== '' || found.children.length > 0 || found.attrs.size > 0)) return found;
  }
  return undefined;
}

/** Whether a media:content or enclosure describes an image. */
function isImage(type: string | null, medium: string | undefined, url: string): boolean {
  if (medium?.toLowerCase() === 'image') return true;
  if (type?.toLowerCase().startsWith('image/')) return true;
  return !type && !medium && /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i.test(url);
}

/** Media RSS and RSS enclosures of an item (media:group flattened), plus its best image. */
function readMedia(item: XmlElement, base: string | undefined): { enclosures: Enclosure[]; image: string | null } {
  const enclosures: Enclosure[] = [];
  const seen = new Set<string>();
  let image: string | null = null;
  const add = (url: string | null, type: string | null, length: number | null) => {
    if (!url || seen.has(url)) return;
    seen.add(url);
    enclosures.push({ url, type, length });
  };
  for (const enc of childElements(item, 'enclosure', RSS_NS)) {
    add(httpUrl(enc.attrs.get('url'), enc.base ?? base), nonEmpty(enc.attrs.get('type')), positiveInt(enc.attrs.get('length')));
  }
  for (const link of childElements(item, 'link', ATOM_NS)) {
    if (link.attrs.get('rel')?.trim().toLowerCase() !== 'enclosure') continue;
    add(httpUrl(link.attrs.get('href'), link.base ?? base), nonEmpty(link.attrs.get('type')), positiveInt(link.attrs.get('length')));
  }
  // The lead image: a full-size media:content image first, then a thumbnail (smaller), then iTunes art.
  let thumbnail: string | null = null;
  const scopes = [item, ...childElements(item, 'group', 'media')];
  for (const scope of scopes) {
    for (const thumb of childElements(scope, 'thumbnail', 'media')) {
      thumbnail ??= httpUrl(thumb.attrs.get('url'), thumb.base ?? base);
    }
    for (const media of childElements(scope, 'content', 'media')) {
      const url = httpUrl(media.attrs.get('url'), media.base ?? base);
      if (!url) continue;
      const type = nonEmpty(media.attrs.get('type'));
      if (isImage(type, media.attrs.get('medium'), url)) image ??= url;
      add(url, type, positiveInt(media.attrs.get('fileSize')));
      for (const thumb of childElements(media, 'thumbnail', 'media')) thumbnail ??= httpUrl(thumb.attrs.get('url'), thumb.base ?? base);
    }
  }
  image ??= thumbnail;
  const itunesImage = firstChild(item, 'image', 'itunes') ?? childElements(item, 'link', 'itunes').find((l) => l.attrs.get('rel') === 'image');
  // iTunes wants href=""; many podcasts write url="" or put the URL in the text.
  if (itunesImage) image ??= httpUrl(itunesImage.attrs.get('href') ?? itunesImage.attrs.get('url') ?? textContent(itunesImage), itunesImage.base ?? base);
  if (!image) {
    const enclosed = enclosures.find((e) => isImage(e.type, undefined, e.url));
    if (enclosed) image = enclosed.url;
  }
  return { enclosures, image };
}

/** Maps one RSS (or RSS 1.0) item element to a FeedItem. */
export function readRssItem(item: XmlElement, base: string | undefined, notes: Notes): FeedItem {
  const out = emptyItem();
  const elBase = item.base ?? base;
  out.title = elementText(firstOf(item, [['title', RSS_NS], ['title', 'dc'], ['title', ATOM_NS], ['title', 'media']]), 'text', true);

  const guidEl = firstChild(item, 'guid', RSS_NS);
  const guid = guidEl ? nonEmpty(textContent(guidEl)) : null;
  const guidIsPermaLink = guidEl?.attrs.get('isPermaLink')?.trim().toLowerCase() !== 'false';
  const about = item.attrs.get('rdf:about');
  out.id = guid ?? nonEmpty(about) ?? null;

  const linkEl = firstOf(item, [['link', RSS_NS]]);
  const atomLinks = childElements(item, 'link', ATOM_NS);
  const alternate = atomLinks.find((l) => (l.attrs.get('rel') ?? 'alternate').trim().toLowerCase() === 'alternate');
  const origLink = firstChild(item, 'origLink', 'feedburner');
  // Feedburner rewrites <link> to a redirect and keeps the article's own URL in feedburner:origLink.
  out.link = httpUrl(origLink ? textContent(origLink) : undefined, elBase)
    ?? httpUrl(linkEl ? textContent(linkEl) : undefined, linkEl?.base ?? elBase)
    ?? httpUrl(alternate?.attrs.get('href'), alternate?.base ?? elBase)
    // RSS 2.0: a guid is the item's permalink unless isPermaLink="false".
    ?? (guid && guidIsPermaLink ? httpUrl(guid, guidEl?.base ?? elBase) : null)
    ?? httpUrl(about, elBase);
  out.id ??= out.link;

  out.published = elementDate(firstOf(item, [['pubDate', RSS_NS], ['date', 'dc'], ['issued', 'dcterms'], ['created', 'dcterms'], ['published', ATOM_NS], ['issued', ATOM_NS]]), notes);
  out.updated = elementDate(firstOf(item, [['updated', ATOM_NS], ['modified', 'dcterms'], ['modified', ATOM_NS]]), notes);
  if (!out.published && !out.updated) out.updated = elementDate(firstChild(item, 'date', 'dcterms'), notes);

  const authorEl = firstOf(item, [['author', RSS_NS], ['creator', 'dc'], ['author', 'itunes'], ['author', 'dc'], ['creator', 'dcterms']]);
  if (authorEl) out.author = authorName(elementText(authorEl, 'text', true));
  else {
    const atomAuthor = firstChild(item, 'author', ATOM_NS);
    out.author = atomAuthor ? authorName(elementValue(firstChild(atomAuthor, 'name', ATOM_NS)) ?? elementValue(firstChild(atomAuthor, 'email', ATOM_NS))) : null;
  }

  // A non-standard <summary> next to <description>: the first of the two is the summary and the
  // second the full text (feedparser reads them so too).
  const bareSummary = firstChild(item, 'summary', '');
  const rssDescription = firstChild(item, 'description', RSS_NS);
  const [first, second] = bareSummary && rssDescription && item.children.indexOf(rssDescription) < item.children.indexOf(bareSummary)
    ? [rssDescription, bareSummary] : [bareSummary, rssDescription];
  const description = first ?? firstOf(item, [['description', RSS_NS], ['description', 'dc'], ['summary', ATOM_NS], ['summary', 'itunes'], ['subtitle', 'itunes'], ['description', 'media'], ['abstract', 'dcterms']]);
  const isItunes = description?.ns === 'itunes' || description?.ns === 'media';
  out.summary = elementSanitized(description, isItunes ? 'text' : 'html', elBase);
  // xhtml:body and the bare <body>/<fullitem> some early producers used carry the full text too.
  const contentEl = firstOf(item, [['encoded', 'content'], ['content', ATOM_NS], ['body', 'xhtml'], ['body', ''], ['fullitem', '']])
    ?? (bareSummary ? second : undefined);
  out.content = elementSanitized(contentEl, contentEl?.ns === 'xhtml' ? 'xhtml' : 'html', elBase);
  if (!out.summary) {
    const groupDescription = childElements(item, 'group', 'media').map((g) => firstChild(g, 'description', 'media')).find(Boolean);
    out.summary = elementSanitized(groupDescription, 'text', elBase);
  }

  // Categories in document order: RSS category, dc:subject, Atom and Media RSS categories,
  // iTunes categories (a subcategory nests inside its parent; both are terms), and the comma
  // separated <tags> some blog engines invent.
  const categories = new Set<string>();
  const addTerm = (t: string | null | undefined) => {
    const term = nonEmpty(t);
    if (term) categories.add(term);
  };
  const readCategories = (el: XmlElement, depth: number): void => {
    for (const c of childElements(el)) {
      const key = `${c.ns}:${c.local.toLowerCase()}`;
      if (key === ':category' || key === 'rss1:category' || key === 'dc:subject' || key === 'media:category') addTerm(elementText(c, 'text', true));
      else if (key === 'atom:category' || key === 'atom03:category') addTerm(c.attrs.get('term') ?? c.attrs.get('label'));
      else if (key === ':tags') for (const t of textContent(c).split(',')) addTerm(t);
      else if (key === 'itunes:category' && depth < 3) {
        addTerm(c.attrs.get('text'));
        readCategories(c, depth + 1);
      } else if (key === 'media:group' && depth === 0) readCategories(c, 1);
    }
  };
  readCategories(item, 0);
  out.categories = [...categories];

  const media = readMedia(item, elBase);
  out.enclosures = media.enclosures;
  out.image = media.image;
  return out;
}

/** Maps an RSS channel (or RSS 1.0 channel) element to FeedInfo. */
export function readRssChannel(channel: XmlElement, root: XmlElement, notes: Notes): FeedInfo {
  const info = emptyFeedInfo();
  const base = channel.base;
  info.title = elementText(firstOf(channel, [['title', RSS_NS], ['title', 'dc'], ['title', ATOM_NS]]), 'text', true);
  const linkEl = firstOf(channel, [['link', RSS_NS]]);
  const alternate = childElements(channel, 'link', ATOM_NS).find((l) => (l.attrs.get('rel') ?? 'alternate').trim().toLowerCase() === 'alternate');
  info.link = httpUrl(linkEl ? textContent(linkEl) : undefined, linkEl?.base ?? base) ?? httpUrl(alternate?.attrs.get('href'), alternate?.base ?? base);
  info.description = elementSanitized(firstOf(channel, [['description', RSS_NS], ['description', 'dc'], ['subtitle', ATOM_NS], ['summary', 'itunes'], ['subtitle', 'itunes']]), 'html');
  info.language = languageTag(elementValue(firstOf(channel, [['language', RSS_NS], ['language', 'dc']])) ?? channel.lang ?? root.lang);
  info.updated = elementDate(firstOf(channel, [['lastBuildDate', RSS_NS], ['pubDate', RSS_NS], ['date', 'dc'], ['modified', 'dcterms'], ['updated', ATOM_NS]]), notes);
  // RSS 1.0 puts <image> next to <channel>, RSS 2.0 inside it.
  const imageEl = firstChild(channel, 'image', RSS_NS) ?? firstChild(root, 'image', RSS_NS);
  const imageUrl = imageEl ? elementValue(firstChild(imageEl, 'url', RSS_NS)) ?? imageEl.attrs.get('rdf:resource') ?? imageEl.attrs.get('rdf:about') : undefined;
  const itunesImage = firstChild(channel, 'image', 'itunes') ?? childElements(channel, 'link', 'itunes').find((l) => l.attrs.get('rel') === 'image');
  const thumb = firstChild(channel, 'thumbnail', 'media');
  info.image = httpUrl(imageUrl, imageEl?.base ?? base)
    ?? httpUrl(itunesImage?.attrs.get('href') ?? itunesImage?.attrs.get('url') ?? (itunesImage ? textContent(itunesImage) : undefined), itunesImage?.base ?? base)
    ?? httpUrl(thumb?.attrs.get('url'), thumb?.base ?? base)
    ?? httpUrl(elementValue(firstChild(channel, 'logo', ATOM_NS)), base);
  return info;
}

/** Maps an `<rss>` document (or a bare `<channel>`) to a ParsedFeed. */
export function readRss(root: XmlElement, notes: Notes): Omit<ParsedFeed, 'encoding' | 'warnings'> {
  const channel = root.local.toLowerCase() === 'channel' ? root : firstChild(root, 'channel', RSS_NS);
  if (!channel) notes.add('RSS document without a <channel>');
  const scope = channel ?? root;
  const feed = readRssChannel(scope, root, notes);
  // Relative item links fall back to the channel link when the document has no URL or xml:base.
  const base = scope.base ?? feed.link ?? undefined;
  // Items belong inside <channel>; RSS 0.90-style and broken feeds put them next to it.
  const itemEls = [...childElements(scope, 'item', RSS_NS), ...(channel && channel !== root ? childElements(root, 'item', RSS_NS) : [])];
  const items = capItems(itemEls, MAX_FEED_ITEMS, notes).map((el) => readRssItem(el, base, notes));
  const version = nonEmpty(root.attrs.get('version'));
  return { format: 'rss', version, feed, items, sitemaps: [] };
}
