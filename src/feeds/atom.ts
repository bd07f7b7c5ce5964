// Atom 1.0 (RFC 4287) and Atom 0.3 → ParsedFeed. Text constructs (text, html, xhtml; 0.3's
// mode=escaped/base64/xml) are read per §3.1; links per §4.2.7 (no rel means "alternate").
import {
  authorName, capItems, elementDate, elementSanitized, elementText, elementValue, httpUrl, languageTag, MAX_FEED_ITEMS, nonEmpty, type Notes, positiveInt,
} from './constructs.js';
import { emptyFeedInfo, emptyItem, type Enclosure, type FeedItem, type ParsedFeed } from './types.js';
import { childElements, firstChild, resolveUrl, textContent, type XmlElement } from './xml.js';
import { firstOf } from './rss.js';

// Atom 1.0, Atom 0.3, and documents that forgot the namespace.
const ATOM_NS = ['atom', 'atom03', ''] as const;

function relOf(link: XmlElement): string {
  return (link.attrs.get('rel') ?? 'alternate').trim().toLowerCase();
}

// The alternate link, preferring an HTML one when several are given (RFC 4287 §4.2.7.2).
function alternateLink(el: XmlElement): string | null {
  const links = childElements(el, 'link', ATOM_NS).filter((l) => relOf(l) === 'alternate' || relOf(l) === 'http://www.iana.org/assignments/relation/alternate');
  const html = links.find((l) => /html/i.test(l.attrs.get('type') ?? '')) ?? links[0];
  return html ? httpUrl(html.attrs.get('href') ?? textContent(html), html.base) : null;
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
  const origLink = firstChild(entry, 'origLink', 'feedburner');
  if (origLink) out.link = httpUrl(textContent(origLink), origLink.base) ?? out.link;
  out.id ??= out.link;
  out.published = elementDate(firstOf(entry, [['published', ATOM_NS], ['issued', ATOM_NS], ['created', ATOM_NS], ['date', 'dc'], ['issued', 'dcterms'], ['pubDate', '']]), notes);
  out.updated = elementDate(firstOf(entry, [['updated', ATOM_NS], ['modified', ATOM_NS], ['modified', 'dcterms']]), notes);
  // RFC 4287 §4.2.1: an entry without an author inherits the feed's.
  out.author = personName(firstChild(entry, 'author', ATOM_NS)) ?? authorName(elementValue(firstChild(entry, 'creator', 'dc'))) ?? feedAuthor;
  const groupDescription = childElements(entry, 'group', 'media').map((g) => firstChild(g, 'description', 'media')).find(Boolean);
  out.summary = elementSanitized(firstOf(entry, [['summary', ATOM_NS], ['description', 'media']]) ?? groupDescription, 'text');
  const content = childElements(entry, 'content', ATOM_NS).find((c) => !c.attrs.has('src'));
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
  for (const media of [entry, ...childElements(entry, 'group', 'media')].flatMap((s) => childElements(s, 'content', 'media'))) {
    const url = httpUrl(media.attrs.get('url'), media.base);
    if (!url) continue;
    const type = nonEmpty(media.attrs.get('type'));
    if (media.attrs.get('medium')?.toLowerCase() === 'image' || type?.toLowerCase().startsWith('image/')) mediaImage ??= url;
    if (!enclosures.some((e) => e.url === url)) enclosures.push({ url, type, length: positiveInt(media.attrs.get('fileSize')) });
  }
  out.enclosures = enclosures;
  // The lead image: a full-size media image, then a thumbnail, then an image enclosure.
  const thumb = [entry, ...childElements(entry, 'group', 'media')].map((s) => firstChild(s, 'thumbnail', 'media')).find(Boolean);
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
  feed.description = elementSanitized(firstOf(root, [['subtitle', ATOM_NS], ['tagline', ATOM_NS], ['info', ATOM_NS]]), 'text');
  feed.language = languageTag(root.lang) ?? languageTag(elementValue(firstChild(root, 'language', 'dc')));
  feed.updated = elementDate(firstOf(root, [['updated', ATOM_NS], ['modified', ATOM_NS]]), notes);
  const logo = firstOf(root, [['logo', ATOM_NS], ['icon', ATOM_NS]]);
  feed.image = logo ? httpUrl(textContent(logo), logo.base) : null;
  const feedAuthor = personName(firstChild(root, 'author', ATOM_NS));
  const items = capItems(childElements(root, 'entry', ATOM_NS), MAX_FEED_ITEMS, notes).map((e) => readEntry(e, feedAuthor, notes));
  const version = root.ns === 'atom03' || root.attrs.get('version')?.trim() === '0.3' ? '0.3' : '1.0';
  return { format: 'atom', version, feed, items, sitemaps: [] };
}
