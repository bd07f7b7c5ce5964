// OPML 1.0/2.0 subscription lists (http://opml.org/spec2.opml): import with nested categories, and
// export that a round trip reads back with every feed and category. Miniflux and FreshRSS export
// this shape: category outlines holding feed outlines with xmlUrl/htmlUrl.
import { TopstoryError } from '../errors.js';
import { decodeBytes } from '../text/charset.js';
import { elementText, httpUrl, nonEmpty } from './constructs.js';
import { childElements, firstChild, parseXml, type XmlElement } from './xml.js';

/** One subscription: its feed URL, site URL and the folders it sits in (outermost first). */
export interface OpmlOutline {
  title: string | null;
  xmlUrl: string;
  htmlUrl: string | null;
  categories: string[];
}

/** A subscription list. */
export interface OpmlDocument {
  title: string | null;
  outlines: OpmlOutline[];
}

// OPML attribute names are case-sensitive by the spec, but exporters write xmlURL, xmlurl, …
function attr(el: XmlElement, name: string): string | undefined {
  const direct = el.attrs.get(name);
  if (direct !== undefined) return direct;
  const lower = name.toLowerCase();
  for (const [k, v] of el.attrs) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function outlineTitle(el: XmlElement): string | null {
  return nonEmpty(attr(el, 'title')) ?? nonEmpty(attr(el, 'text'));
}

/** Reads an OPML document's feeds with their category paths; throws when the bytes are not OPML. */
export function parseOpml(bytes: Uint8Array): OpmlDocument {
  const doc = parseXml(decodeBytes(bytes, { kind: 'xml' }).text);
  if (!doc.root || doc.root.local.toLowerCase() !== 'opml') {
    throw new TopstoryError('feeds', 'not-opml', `not an OPML document${doc.root ? ` (root element <${doc.root.name.slice(0, 40)}>)` : ''}`);
  }
  const head = firstChild(doc.root, 'head');
  const body = firstChild(doc.root, 'body');
  const outlines: OpmlOutline[] = [];
  const seen = new Set<string>();
  const walk = (parent: XmlElement, path: string[], depth: number) => {
    if (depth > 32) return;
    for (const el of childElements(parent, 'outline')) {
      const xmlUrl = httpUrl(attr(el, 'xmlUrl'));
      if (xmlUrl) {
        // OPML 2.0's category attribute ("/News/World") places feeds listed flat.
        const categoryAttr = attr(el, 'category')?.split(',')[0]?.split('/').map((c) => c.trim()).filter(Boolean) ?? [];
        const key = `${path.join('\u0000')}\u0001${xmlUrl}`;
        if (!seen.has(key)) {
          seen.add(key);
          outlines.push({ title: outlineTitle(el), xmlUrl, htmlUrl: httpUrl(attr(el, 'htmlUrl')), categories: path.length > 0 ? path : categoryAttr });
        }
      }
      const name = outlineTitle(el);
      walk(el, xmlUrl || !name ? path : [...path, name], depth + 1);
    }
  };
  if (body) walk(body, [], 0);
  return { title: head ? elementText(firstChild(head, 'title')) : null, outlines };
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

interface Folder {
  name: string;
  folders: Map<string, Folder>;
  feeds: OpmlOutline[];
}

/** Writes an OPML 2.0 document, nesting feeds in their category folders; `dateCreated` is passed in (no clock here). */
export function serializeOpml(doc: OpmlDocument, options: { dateCreated?: Date } = {}): string {
  const root: Folder = { name: '', folders: new Map(), feeds: [] };
  for (const o of doc.outlines) {
    let folder = root;
    for (const name of o.categories) {
      let next = folder.folders.get(name);
      if (!next) {
        next = { name, folders: new Map(), feeds: [] };
        folder.folders.set(name, next);
      }
      folder = next;
    }
    folder.feeds.push(o);
  }
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', '  <head>'];
  lines.push(`    <title>${escapeAttr(doc.title ?? 'Topstory subscriptions')}</title>`);
  if (options.dateCreated) lines.push(`    <dateCreated>${options.dateCreated.toUTCString()}</dateCreated>`);
  lines.push('  </head>', '  <body>');
  const write = (folder: Folder, indent: string) => {
    for (const f of folder.feeds) {
      const title = escapeAttr(f.title ?? f.xmlUrl);
      const html = f.htmlUrl ? ` htmlUrl="${escapeAttr(f.htmlUrl)}"` : '';
      lines.push(`${indent}<outline type="rss" text="${title}" title="${title}" xmlUrl="${escapeAttr(f.xmlUrl)}"${html}/>`);
    }
    for (const sub of folder.folders.values()) {
      lines.push(`${indent}<outline text="${escapeAttr(sub.name)}" title="${escapeAttr(sub.name)}">`);
      write(sub, `${indent}  `);
      lines.push(`${indent}</outline>`);
    }
  };
  write(root, '    ');
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}
