// Atom 1.0 (RFC 4287) and Atom 0.3 → ParsedFeed. Text constructs (text, html, xhtml; 0.3's
// mode=escaped/base64/xml) are read per §3.1; links per §4.2.7 (no rel means "alternate").
import {
  authorName, capItems, elementDate, elementSanitized, elementText, elementValue, httpUrl, languageTag, MAX_FEED_ITEMS, nonEmpty, type Notes, positiveInt,
} from './constructs.js';
import { emptyFeedInfo, emptyItem, type Enclosure, type FeedItem, type ParsedFeed } from './types.js';
import { childElements, firstChild, resolveUrl, textContent, type XmlElement } from './xml.js';
import { firstOf, type Candidates } from './rss.js';

// Atom 1.0, Atom 0.3, and documents that forgot the namespace.
const ATOM_NS = ['atom', 'atom03', ''] as const;

function hasNoSource(content: XmlElement): boolean {
  return !content.attrs.has('src');
}

function relOf(link: XmlElement): string {
  return (link.attrs.get('rel') ?? 'alternate').trim().toLowerCase();
}

// The alternate link, preferring an HTML one when several are given (RFC 4287 §4.2.7.2).
function alternateLink(el: XmlElement): string | null {
  let first: XmlElement | undefined;
  let html: XmlElement | undefined;
  for (const l of el.children) {
    if (typeof l === 'string' || l.key !== 'link' || !ATOM_NS.includes(l.ns as never)) continue;
    const rel = relOf(l);
    if (rel !== 'alternate' && rel !== 'http://www.iana.org/assignments/relation/alternate') continue;
    first ??= l;
    if (/html/i.test(l.attrs.get('type') ?? '')) {
      html = l;
      break;
    }
  }
  const link = html ?? first;
  return link ? httpUrl(link.attrs.get('href') ?? textContent(link), link.base) : null;
}

// Where each entry field is looked for, in order of preference.
const ENTRY_PUBLISHED: Candidates = [['published', ATOM_NS], ['issued', ATOM_NS], ['created', ATOM_NS], ['date', 'dc'], ['issued', 'dcterms'], ['pubdate', '']];
const ENTRY_UPDATED: Candidates = [['updated', ATOM_NS], ['modified', ATOM_NS], ['modified', 'dcterms']];
const ENTRY_SUMMARY: Candidates = [['summary', ATOM_NS], ['description', 'media']];
const FEED_SUBTITLE: Candidates = [['subtitle', ATOM_NS], ['tagline', ATOM_NS], ['info', ATOM_NS]];
const FEED_UPDATED: Candidates = [['updated', ATOM_NS], ['modified', ATOM_NS]];
const FEED_LOGO: Candidates = [['logo', ATOM_NS], ['icon', ATOM_NS]];

// The media:description of the first media:group that has one.
function groupDescription(entry: XmlElement): XmlElement | undefined {
  for (const g of entry.children) {
    if (typeof g === 'string' || g.key !== 'group' || g.ns !== 'media') continue;
    const description = firstChild(g, 'description', 'media');
    if (description) return description;
  }
  return undefined;
}

// Whether an entry has children in the Media RSS namespace at all (most have none).
function hasMedia(entry: XmlElement): boolean {
  for (const c of entry.children) if (typeof c !== 'string' && c.ns === 'media') return true;
  return false;
}

function personName(el: XmlElement | undefined): string | null {
  if (!el) return null;
  const name = elementValue(firstChild(el, 'name', ATOM_NS));
  if (name) return name;
  const email = elementValue(firstChild(el, 'email', ATOM_NS));
  if (email) return email;
  // Some feeds put the name straight into <author>.
  return childElements(el).length === 0 ? authorName(textContent(el)) : null;
}

function readEntry(entry: XmlElement, feedAuthor: string | null, notes: Notes): FeedItem {
  const out = emptyItem();
  const idEl = firstChild(entry, 'id', ATOM_NS);
  out.id = elementValue(idEl);
  // A relative id (against RFC 4287 §4.2.6, but seen) is made absolute so that it stays unique.
  if (out.id && idEl && out.id.startsWith('/') && idEl.base) out.id = resolveUrl(out.id, idEl.base) ?? out.id;
  out.title = elementText(firstChild(entry, 'title', ATOM_NS), 'text');
  out.link = alternateLink(entry) ?? (out.id ? httpUrl(out.id) : null);
  const origLink = firstChild(entry, 'origlink', 'feedburner');
  if (origLink) out.link = httpUrl(textContent(origLink), origLink.base) ?? out.link;
  out.id ??= out.link;
  out.published = elementDate(firstOf(entry, ENTRY_PUBLISHED), notes);
  out.updated = elementDate(firstOf(entry, ENTRY_UPDATED), notes);
  // RFC 4287 §4.2.1: an entry without an author inherits the feed's.
  out.author = personName(firstChild(entry, 'author', ATOM_NS)) ?? authorName(elementValue(firstChild(entry, 'creator', 'dc'))) ?? feedAuthor;
  const media = hasMedia(entry);
  out.summary = elementSanitized(firstOf(entry, ENTRY_SUMMARY) ?? (media ? groupDescription(entry) : undefined), 'text');
  const content = childElements(entry, 'content', ATOM_NS).find(hasNoSource);
  out.content = elementSanitized(content, 'text') ?? elementSanitized(firstChild(entry, 'encoded', 'content'), 'html', entry.base);

  const categories = new Set<string>();
  for (const c of childElements(entry, 'category', ATOM_NS)) {
    const term = nonEmpty(c.attrs.get('term') ?? c.attrs.get('label') ?? textContent(c));
    if (term) categories.add(term);
  }
  for (const c of childElements(entry, 'subject', 'dc')) {
    const term = elementText(c);
    if (term) categories.add(term);
  }
  out.categories = [...categories];

  const enclosures: Enclosure[] = [];
  for (const link of childElements(entry, 'link', ATOM_NS)) {
    if (relOf(link) !== 'enclosure') continue;
    const url = httpUrl(link.attrs.get('href'), link.base);
    if (url && !enclosures.some((e) => e.url === url)) enclosures.push({ url, type: nonEmpty(link.attrs.get('type')), length: positiveInt(link.attrs.get('length')) });
  }
  let mediaImage: string | null = null;
  const scopes = media ? [entry, ...childElements(entry, 'group', 'media')] : [];
  for (const mediaContent of scopes.flatMap((s) => childElements(s, 'content', 'media'))) {
    const url = httpUrl(mediaContent.attrs.get('url'), mediaContent.base);
    if (!url) continue;
    const type = nonEmpty(mediaContent.attrs.get('type'));
    if (mediaContent.attrs.get('medium')?.toLowerCase() === 'image' || type?.toLowerCase().startsWith('image/')) mediaImage ??= url;
    if (!enclosures.some((e) => e.url === url)) enclosures.push({ url, type, length: positiveInt(mediaContent.attrs.get('fileSize')) });
  }
  out.enclosures = enclosures;
  // The lead image: a full-size media image, then a thumbnail, then an image enclosure.
  const thumb = scopes.map((s) => firstChild(s, 'thumbnail', 'media')).find(Boolean);
  out.image = mediaImage
    ?? httpUrl(thumb?.attrs.get('url'), thumb?.base)
    ?? enclosures.find((e) => e.type?.toLowerCase().startsWith('image/'))?.url
    ?? null;
  return out;
}

/** Maps an Atom `<feed>` document to a ParsedFeed. */
export function readAtom(root: XmlElement, notes: Notes): Omit<ParsedFeed, 'encoding' | 'warnings'> {
  const feed = emptyFeedInfo();
  feed.title = elementText(firstChild(root, 'title', ATOM_NS), 'text');
  feed.link = alternateLink(root);
  feed.description = elementSanitized(firstOf(root, FEED_SUBTITLE), 'text');
  feed.language = languageTag(root.lang) ?? languageTag(elementValue(firstChild(root, 'language', 'dc')));
  feed.updated = elementDate(firstOf(root, FEED_UPDATED), notes);
  const logo = firstOf(root, FEED_LOGO);
  feed.image = logo ? httpUrl(textContent(logo), logo.base) : null;
  const feedAuthor = personName(firstChild(root, 'author', ATOM_NS));
  const items = capItems(childElements(root, 'entry', ATOM_NS), MAX_FEED_ITEMS, notes).map((e) => readEntry(e, feedAuthor, notes));
  const version = root.ns === 'atom03' || root.attrs.get('version')?.trim() === '0.3' ? '0.3' : '1.0';
  return { format: 'atom', version, feed, items, sitemaps: [] };
}
