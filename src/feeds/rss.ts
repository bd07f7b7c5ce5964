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

/** Candidate elements for one field, by local name and namespace prefix(es), in order of preference. */
export type Candidates = readonly (readonly [string, string | readonly string[]])[];

/** The first of several (local name, namespaces) candidates present under `el`. */
export function firstOf(el: XmlElement, candidates: Candidates): XmlElement | undefined {
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c]!;
    const found = firstChild(el, candidate[0], candidate[1]);
    // Text inside means children, so an element with neither children nor attributes is empty.
    if (found && (found.children.length > 0 || found.attrs.size > 0)) return found;
  }
  return undefined;
}

// Where each item field is looked for, in order of preference.
const ITEM_TITLE: Candidates = [['title', RSS_NS], ['title', 'dc'], ['title', ATOM_NS], ['title', 'media']];
const ITEM_LINK: Candidates = [['link', RSS_NS]];
const ITEM_PUBLISHED: Candidates = [['pubdate', RSS_NS], ['date', 'dc'], ['issued', 'dcterms'], ['created', 'dcterms'], ['published', ATOM_NS], ['issued', ATOM_NS]];
const ITEM_UPDATED: Candidates = [['updated', ATOM_NS], ['modified', 'dcterms'], ['modified', ATOM_NS]];
const ITEM_AUTHOR: Candidates = [['author', RSS_NS], ['creator', 'dc'], ['author', 'itunes'], ['author', 'dc'], ['creator', 'dcterms']];
const ITEM_DESCRIPTION: Candidates = [['description', RSS_NS], ['description', 'dc'], ['summary', ATOM_NS], ['summary', 'itunes'], ['subtitle', 'itunes'], ['description', 'media'], ['abstract', 'dcterms']];
const CHANNEL_TITLE: Candidates = [['title', RSS_NS], ['title', 'dc'], ['title', ATOM_NS]];
const CHANNEL_DESCRIPTION: Candidates = [['description', RSS_NS], ['description', 'dc'], ['subtitle', ATOM_NS], ['summary', 'itunes'], ['subtitle', 'itunes']];
const CHANNEL_LANGUAGE: Candidates = [['language', RSS_NS], ['language', 'dc']];
const CHANNEL_UPDATED: Candidates = [['lastbuilddate', RSS_NS], ['pubdate', RSS_NS], ['date', 'dc'], ['modified', 'dcterms'], ['updated', ATOM_NS]];
const ITEM_CONTENT: Candidates = [['encoded', 'content'], ['content', ATOM_NS], ['body', 'xhtml'], ['body', ''], ['fullitem', '']];

/** Whether a media:content or enclosure describes an image. */
function isImage(type: string | null, medium: string | undefined, url: string): boolean {
  if (medium?.toLowerCase() === 'image') return true;
  if (type?.toLowerCase().startsWith('image/')) return true;
  return !type && !medium && /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i.test(url);
}

// Adds an enclosure unless its URL is missing or already listed.
function addEnclosure(enclosures: Enclosure[], url: string | null, type: string | null, length: number | null): void {
  if (!url || enclosures.some((e) => e.url === url)) return;
  enclosures.push({ url, type, length });
}

function isAlternate(link: XmlElement): boolean {
  return (link.attrs.get('rel') ?? 'alternate').trim().toLowerCase() === 'alternate';
}

function isItunesImageLink(link: XmlElement): boolean {
  return link.attrs.get('rel') === 'image';
}

// Namespaces whose elements can carry an item's media (besides the RSS <enclosure>).
const MEDIA_NAMESPACES = new Set(['atom', 'atom03', 'itunes', 'media']);

/** Media RSS and RSS enclosures of an item (media:group flattened), plus its best image. */
function readMedia(item: XmlElement, base: string | undefined): { enclosures: Enclosure[]; image: string | null } {
  const enclosures: Enclosure[] = [];
  // Most items carry no media at all: one look at their children says so.
  let any = false;
  for (const c of item.children) {
    if (typeof c !== 'string' && (c.key === 'enclosure' || MEDIA_NAMESPACES.has(c.ns))) {
      any = true;
      break;
    }
  }
  if (!any) return { enclosures, image: null };
  let image: string | null = null;
  for (const enc of childElements(item, 'enclosure', RSS_NS)) {
    addEnclosure(enclosures, httpUrl(enc.attrs.get('url'), enc.base ?? base), nonEmpty(enc.attrs.get('type')), positiveInt(enc.attrs.get('length')));
  }
  for (const link of childElements(item, 'link', ATOM_NS)) {
    if (link.attrs.get('rel')?.trim().toLowerCase() !== 'enclosure') continue;
    addEnclosure(enclosures, httpUrl(link.attrs.get('href'), link.base ?? base), nonEmpty(link.attrs.get('type')), positiveInt(link.attrs.get('length')));
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
      addEnclosure(enclosures, url, type, positiveInt(media.attrs.get('fileSize')));
      for (const thumb of childElements(media, 'thumbnail', 'media')) thumbnail ??= httpUrl(thumb.attrs.get('url'), thumb.base ?? base);
    }
  }
  image ??= thumbnail;
  const itunesImage = firstChild(item, 'image', 'itunes') ?? childElements(item, 'link', 'itunes').find(isItunesImageLink);
  // iTunes wants href=""; many podcasts write url="" or put the URL in the text.
  if (itunesImage) image ??= httpUrl(itunesImage.attrs.get('href') ?? itunesImage.attrs.get('url') ?? textContent(itunesImage), itunesImage.base ?? base);
  if (!image) {
    const enclosed = enclosures.find((e) => isImage(e.type, undefined, e.url));
    if (enclosed) image = enclosed.url;
  }
  return { enclosures, image };
}

function addTerm(categories: Set<string>, t: string | null | undefined): void {
  const term = nonEmpty(t);
  if (term) categories.add(term);
}

// Categories in document order: RSS category, dc:subject, Atom and Media RSS categories, iTunes
// categories (a subcategory nests inside its parent; both are terms), and the comma separated
// <tags> some blog engines invent.
function readCategories(el: XmlElement, depth: number, categories: Set<string>): void {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const { ns, key } = c;
    if ((key === 'category' && (ns === '' || ns === 'rss1' || ns === 'media')) || (key === 'subject' && ns === 'dc')) addTerm(categories, elementText(c, 'text', true));
    else if (key === 'category' && (ns === 'atom' || ns === 'atom03')) addTerm(categories, c.attrs.get('term') ?? c.attrs.get('label'));
    else if (key === 'tags' && ns === '') for (const t of textContent(c).split(',')) addTerm(categories, t);
    else if (key === 'category' && ns === 'itunes' && depth < 3) {
      addTerm(categories, c.attrs.get('text'));
      readCategories(c, depth + 1, categories);
    } else if (key === 'group' && ns === 'media' && depth === 0) readCategories(c, 1, categories);
  }
}

/** Maps one RSS (or RSS 1.0) item element to a FeedItem. */
export function readRssItem(item: XmlElement, base: string | undefined, notes: Notes): FeedItem {
  const out = emptyItem();
  const elBase = item.base ?? base;
  out.title = elementText(firstOf(item, ITEM_TITLE), 'text', true);

  const guidEl = firstChild(item, 'guid', RSS_NS);
  const guid = guidEl ? nonEmpty(textContent(guidEl)) : null;
  const guidIsPermaLink = !/^\s*false\s*$/i.test(guidEl?.attrs.get('isPermaLink') ?? '');
  const about = item.attrs.get('rdf:about');
  out.id = guid ?? nonEmpty(about) ?? null;

  const linkEl = firstOf(item, ITEM_LINK);
  const origLink = firstChild(item, 'origlink', 'feedburner');
  // Feedburner rewrites <link> to a redirect and keeps the article's own URL in feedburner:origLink.
  out.link = httpUrl(origLink ? textContent(origLink) : undefined, elBase)
    ?? httpUrl(linkEl ? textContent(linkEl) : undefined, linkEl?.base ?? elBase);
  if (!out.link) {
    const alternate = childElements(item, 'link', ATOM_NS).find(isAlternate);
    out.link = httpUrl(alternate?.attrs.get('href'), alternate?.base ?? elBase)
      // RSS 2.0: a guid is the item's permalink unless isPermaLink="false".
      ?? (guid && guidIsPermaLink ? httpUrl(guid, guidEl?.base ?? elBase) : null)
      ?? httpUrl(about, elBase);
  }
  out.id ??= out.link;

  out.published = elementDate(firstOf(item, ITEM_PUBLISHED), notes);
  out.updated = elementDate(firstOf(item, ITEM_UPDATED), notes);
  if (!out.published && !out.updated) out.updated = elementDate(firstChild(item, 'date', 'dcterms'), notes);

  const authorEl = firstOf(item, ITEM_AUTHOR);
  if (authorEl) out.author = authorName(elementText(authorEl, 'text', true));
  else {
    const atomAuthor = firstChild(item, 'author', ATOM_NS);
    out.author = atomAuthor ? authorName(elementValue(firstChild(atomAuthor, 'name', ATOM_NS)) ?? elementValue(firstChild(atomAuthor, 'email', ATOM_NS))) : null;
  }

  // A non-standard <summary> next to <description>: the first of the two is the summary and the
  // second the full text (feedparser reads them so too).
  const bareSummary = firstChild(item, 'summary', '');
  const rssDescription = bareSummary ? firstChild(item, 'description', RSS_NS) : undefined;
  const [first, second] = bareSummary && rssDescription && item.children.indexOf(rssDescription) < item.children.indexOf(bareSummary)
    ? [rssDescription, bareSummary] : [bareSummary, rssDescription];
  const description = first ?? firstOf(item, ITEM_DESCRIPTION);
  const isItunes = description?.ns === 'itunes' || description?.ns === 'media';
  out.summary = elementSanitized(description, isItunes ? 'text' : 'html', elBase);
  // xhtml:body and the bare <body>/<fullitem> some early producers used carry the full text too.
  const contentEl = firstOf(item, ITEM_CONTENT) ?? (bareSummary ? second : undefined);
  out.content = elementSanitized(contentEl, contentEl?.ns === 'xhtml' ? 'xhtml' : 'html', elBase);
  if (!out.summary) {
    const groupDescription = childElements(item, 'group', 'media').map((g) => firstChild(g, 'description', 'media')).find(Boolean);
    out.summary = elementSanitized(groupDescription, 'text', elBase);
  }

  const categories = new Set<string>();
  readCategories(item, 0, categories);
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
  info.title = elementText(firstOf(channel, CHANNEL_TITLE), 'text', true);
  const linkEl = firstOf(channel, ITEM_LINK);
  const alternate = childElements(channel, 'link', ATOM_NS).find(isAlternate);
  info.link = httpUrl(linkEl ? textContent(linkEl) : undefined, linkEl?.base ?? base) ?? httpUrl(alternate?.attrs.get('href'), alternate?.base ?? base);
  info.description = elementSanitized(firstOf(channel, CHANNEL_DESCRIPTION), 'html');
  info.language = languageTag(elementValue(firstOf(channel, CHANNEL_LANGUAGE)) ?? channel.lang ?? root.lang);
  info.updated = elementDate(firstOf(channel, CHANNEL_UPDATED), notes);
  // RSS 1.0 puts <image> next to <channel>, RSS 2.0 inside it.
  const imageEl = firstChild(channel, 'image', RSS_NS) ?? firstChild(root, 'image', RSS_NS);
  const imageUrl = imageEl ? elementValue(firstChild(imageEl, 'url', RSS_NS)) ?? imageEl.attrs.get('rdf:resource') ?? imageEl.attrs.get('rdf:about') : undefined;
  const itunesImage = firstChild(channel, 'image', 'itunes') ?? childElements(channel, 'link', 'itunes').find(isItunesImageLink);
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
