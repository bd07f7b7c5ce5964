// Article and image URLs of the demo outlets, each in its outlet's own style (demo/outlets.ts
// PermalinkStyle). Paths come from the corpus (id, section, corpus time), never from the shifted
// clock or the current headline, so a URL stays the same across runs, shifts and headline updates.
import { createHash } from 'node:crypto';
import type { CorpusArticle } from './corpus.js';
import { outlets, type Outlet, type PermalinkStyle } from './outlets.js';

/** Where one article lives on its outlet. */
export interface Permalink {
  /** Path of the article page, e.g. "/2026/03/02/slug/". */
  path: string;
  /** Path of its lead image (an SVG the server draws). */
  imagePath: string;
  /** The CMS's numeric id (WordPress `?p=`, DataLife Engine news id, Metro Pulse story number). */
  number: number;
}

function digest(id: string): Buffer {
  return createHash('sha256').update(id).digest();
}

/** A six-digit number drawn from the id; collisions are resolved by the caller. */
function numberFor(id: string): number {
  return 100_000 + (digest(id).readUInt32BE(0) % 900_000);
}

/** A UUID-shaped (version 5-like) hash of the id, as slug-less CMSs put in their URLs. */
function uuidFor(id: string): string {
  const h = digest(id).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function sectionSlug(section: string): string {
  const slug = section.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return slug || 'news';
}

type DateParts = { y: string; m: string; d: string };

/** Article path spellings, sorted by style. */
const articlePaths: Record<PermalinkStyle, (a: CorpusArticle, n: number, t: DateParts) => string> = {
  'content-uuid': (a) => `/content/${uuidFor(a.id)}`,
  'dated-slug': (a, _n, t) => `/${t.y}/${t.m}/${t.d}/${a.id}/`,
  'month-slug-html': (a, _n, t) => `/${t.y}/${t.m}/${a.id}.html`,
  'number-slug-html': (a, n) => `/news/${n}-${a.id}.html`,
  'numbered-html': (a, n) => `/news/${a.id}-${n}.html`,
  'section-slug': (a) => `/${sectionSlug(a.section)}/${a.id}`,
};

/** Image folder spellings, sorted by style (WordPress uploads, DLE posts folders, plain media). */
const imagePaths: Record<PermalinkStyle, (a: CorpusArticle, t: DateParts) => string> = {
  'content-uuid': (a) => `/assets/images/${uuidFor(a.id).slice(0, 8)}.svg`,
  'dated-slug': (a, t) => `/wp-content/uploads/${t.y}/${t.m}/${a.id}-1200x675.svg`,
  'month-slug-html': (a) => `/images/${a.id}.svg`,
  'number-slug-html': (a, t) => `/uploads/posts/${t.y}-${t.m}/${a.id}.svg`,
  'numbered-html': (a) => `/media/${a.id}.svg`,
  'section-slug': (a) => `/media/${a.id}/lead.svg`,
};

/** Permalinks for every article of a corpus, keyed by article id. */
export function permalinks(corpus: readonly CorpusArticle[], outletList: readonly Outlet[] = outlets): Map<string, Permalink> {
  const styleOf = new Map(outletList.map((o) => [o.slug, o.permalink]));
  const used = new Set<number>();
  const result = new Map<string, Permalink>();
  // Sorted by id so that a collision always bumps the same article, whatever the corpus order.
  for (const article of [...corpus].sort((a, b) => a.id.localeCompare(b.id))) {
    const style = styleOf.get(article.outlet) ?? 'section-slug';
    let n = numberFor(article.id);
    while (used.has(n)) n = n === 999_999 ? 100_000 : n + 1;
    used.add(n);
    const t = { y: article.published.slice(0, 4), m: article.published.slice(5, 7), d: article.published.slice(8, 10) };
    result.set(article.id, { path: articlePaths[style](article, n, t), imagePath: imagePaths[style](article, t), number: n });
  }
  return result;
}
