// The demo corpus: original articles written for this project, grouped into stories, published by
// the synthetic outlets of demo/outlets.ts. The JSON files in demo/corpus/ hold the articles;
// this file gives their shape and loads them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';

/** One block of an article body: a paragraph (string), a subheading, or a quotation. */
export type CorpusBlock = string | { h: string } | { quote: string; cite?: string };

/** One article as its outlet publishes it. Times are ISO 8601 UTC inside the corpus window. */
export interface CorpusArticle {
  /** Unique, URL-safe slug, e.g. "harbor-bridge-closed". Becomes the article's path. */
  id: string;
  /** Outlet slug from demo/outlets.ts. */
  outlet: string;
  /** Story id: every article about the same real-world event shares it; a singleton has its own. */
  story: string;
  title: string;
  /** The standfirst: one or two sentences summarising the article. */
  lead: string;
  /** Author name(s) as printed after "By", or null for unsigned copy. */
  byline: string | null;
  published: string;
  /** Set when the article was revised after publication. */
  updated?: string;
  /** The headline the article carried before `updated` (a story updated with a new headline). */
  previousTitle?: string;
  /** Section label, e.g. "World", "Business", "Science", "Sport"; the aggregator uses "Top Story" too. */
  section: string;
  tags: string[];
  body: CorpusBlock[];
  /** Lead image: the demo server draws it as an SVG; alt text and caption are part of the page. */
  image?: { alt: string; caption?: string; credit?: string };
  /** Id of the article this one is a near-verbatim copy of (wire syndication, reposts). */
  copyOf?: string;
}

/** The corpus window: every `published` lies inside it (three days). */
export const corpusWindow = { start: '2026-03-02T00:00:00.000Z', end: '2026-03-05T00:00:00.000Z' } as const;

/** Loads every demo/corpus/*.json file (each an array of articles), sorted by publication time then id. */
export function loadCorpus(dir = join(projectRoot(), 'demo', 'corpus')): CorpusArticle[] {
  const articles: CorpusArticle[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    articles.push(...(JSON.parse(readFileSync(join(dir, name), 'utf8')) as CorpusArticle[]));
  }
  return articles.sort((a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id));
}
