// The demo's ground truth: per article page, what an extractor should find (title, lead, byline,
// dates, the body blocks the page shows) and which story it belongs to, so later stages can be
// scored. Times are corpus times (unshifted); `url` is the page's path on its outlet.
import { blockText, visibleBlocks } from './blocks.js';
import type { CorpusArticle } from './corpus.js';
import { outlets as allOutlets, type Outlet } from './outlets.js';
import { permalinks } from './permalinks.js';

/** One line of demo/truth.jsonl. */
export interface TruthRecord {
  outlet: string;
  id: string;
  /** Path of the article page on its outlet, e.g. "/2026/03/02/slug/". */
  url: string;
  story: string;
  /** The headline after any update (the page shows `previousTitle` before the update time). */
  title: string;
  previousTitle: string | null;
  lead: string;
  byline: string | null;
  published: string;
  updated: string | null;
  /** The body blocks visible on the page as plain text: paragraphs, subheadings and quotations in order. */
  paragraphs: string[];
  copyOf: string | null;
  lang: string;
}

/** Collapses whitespace as an HTML page renders it. */
function plain(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The truth records of a corpus, in publication order (then id). */
export function computeTruth(corpus: readonly CorpusArticle[], outletList: readonly Outlet[] = allOutlets): TruthRecord[] {
  const bySlug = new Map(outletList.map((o) => [o.slug, o]));
  const links = permalinks(corpus, outletList);
  return [...corpus]
    .sort((a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id))
    .filter((a) => bySlug.has(a.outlet))
    .map((a) => {
      const outlet = bySlug.get(a.outlet)!;
      return {
        outlet: a.outlet,
        id: a.id,
        url: links.get(a.id)!.path,
        story: a.story,
        title: plain(a.title),
        previousTitle: a.previousTitle ? plain(a.previousTitle) : null,
        lead: plain(a.lead),
        byline: a.byline,
        published: a.published,
        updated: a.updated ?? null,
        paragraphs: visibleBlocks(outlet.template, a).map((b) => plain(blockText(b))),
        copyOf: a.copyOf ?? null,
        lang: outlet.lang,
      };
    });
}

/** The truth file's text: one JSON object per line. */
export function truthJsonl(records: readonly TruthRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length > 0 ? '\n' : '');
}
