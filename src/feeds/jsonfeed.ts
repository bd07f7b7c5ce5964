// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) → ParsedFeed.
import { parseFeedDate } from './dates.js';
import { authorName, capItems, escapeHtml, MAX_FEED_ITEMS, htmlToText, httpUrl, looksLikeHtml, nonEmpty, positiveInt, safeHtml, type Notes } from './constructs.js';
import { emptyFeedInfo, emptyItem, type Enclosure, type FeedItem, type ParsedFeed } from './types.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Whether a parsed JSON value is a JSON Feed (its `version` names jsonfeed.org, or it has `items`). */
export function isJsonFeed(value: unknown): boolean {
  if (!isObject(value)) return false;
  const version = str(value.version) ?? '';
  return /jsonfeed\.org\/version\//i.test(version) || Array.isArray(value.items);
}

function date(v: unknown, notes: Notes): string | null {
  const raw = str(v);
  if (!raw) return null;
  const parsed = parseFeedDate(raw);
  if (!parsed) notes.add(`unreadable date "${raw.slice(0, 60)}" left empty`);
  return parsed ?? null;
}

// 1.1 has `authors` (a list); 1.0 had `author` (one object).
function author(obj: Json): string | null {
  const list = Array.isArray(obj.authors) ? obj.authors : isObject(obj.author) ? [obj.author] : [];
  for (const a of list) {
    if (isObject(a)) {
      const name = authorName(str(a.name));
      if (name) return name;
    }
  }
  return null;
}

function readItem(raw: Json, base: string | undefined, feedAuthor: string | null, notes: Notes): FeedItem {
  const out = emptyItem();
  const title = str(raw.title);
  out.title = title ? nonEmpty(looksLikeHtml(title) ? htmlToText(title) : title) : null;
  out.link = httpUrl(str(raw.url), base) ?? httpUrl(str(raw.external_url), base);
  out.id = nonEmpty(str(raw.id)) ?? out.link;
  out.published = date(raw.date_published, notes);
  out.updated = date(raw.date_modified, notes);
  out.author = author(raw) ?? feedAuthor;
  const summary = str(raw.summary);
  out.summary = summary ? safeHtml(escapeHtml(summary), base) : null;
  const html = str(raw.content_html);
  const text = str(raw.content_text);
  out.content = html ? safeHtml(html, base) : text ? safeHtml(escapeHtml(text).replace(/\n\s*\n/g, '<br><br>'), base) : null;
  out.image = httpUrl(str(raw.image), base) ?? httpUrl(str(raw.banner_image), base);
  out.categories = Array.isArray(raw.tags) ? [...new Set(raw.tags.map(str).map((t) => nonEmpty(t)).filter((t): t is string => t !== null))] : [];
  const enclosures: Enclosure[] = [];
  if (Array.isArray(raw.attachments)) {
    for (const a of raw.attachments) {
      if (!isObject(a)) continue;
      const url = httpUrl(str(a.url), base);
      if (url) enclosures.push({ url, type: nonEmpty(str(a.mime_type)), length: positiveInt(str(a.size_in_bytes)) });
    }
  }
  out.enclosures = enclosures;
  return out;
}

/** Maps a parsed JSON Feed object to a ParsedFeed. */
export function readJsonFeed(value: unknown, url: string | undefined, notes: Notes): Omit<ParsedFeed, 'encoding' | 'warnings'> {
  const doc = isObject(value) ? value : {};
  const feed = emptyFeedInfo();
  const title = str(doc.title);
  feed.title = title ? nonEmpty(looksLikeHtml(title) ? htmlToText(title) : title) : null;
  feed.link = httpUrl(str(doc.home_page_url), url);
  const base = feed.link ?? url;
  const description = str(doc.description);
  feed.description = description ? safeHtml(escapeHtml(description), base) : null;
  feed.language = nonEmpty(str(doc.language));
  feed.image = httpUrl(str(doc.icon), base) ?? httpUrl(str(doc.favicon), base);
  const feedAuthor = author(doc);
  const rawItems = Array.isArray(doc.items) ? doc.items : [];
  if (!Array.isArray(doc.items)) notes.add('JSON Feed without an "items" list');
  const items = capItems(rawItems.filter(isObject), MAX_FEED_ITEMS, notes).map((i) => readItem(i, base, feedAuthor, notes));
  const version = /version\/(\d+(?:\.\d+)?)/.exec(str(doc.version) ?? '')?.[1] ?? null;
  return { format: 'json', version, feed, items, sitemaps: [] };
}
