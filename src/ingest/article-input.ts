// Builds the article the pipeline stores from a feed item and (when the page was fetched) the
// extracted page, then analyzes it for the stories stage. Pure and CPU-heavy (sanitizing, plain
// text, terms, entities, fingerprints), so the extraction pool runs it in a worker thread together
// with the extraction itself: one round trip per article, and the main thread keeps to I/O and the
// database.
import { createHash } from 'node:crypto';
import type { FeedItem } from '../feeds/index.js';
import { extractArticle, type Article, type ExtractOptions } from '../extract/index.js';
import { countWords, htmlToLines } from '../extract/plain-text.js';
import { sanitizeArticleHtml } from '../sanitize/index.js';
import { analyzeArticle, type AnalyzedArticle } from '../stories/article.js';
import type { ArticleInput } from '../store/articles.js';

/** What an article job knows before the CPU work: the feed item and, if fetched, the page. */
export interface ArticleDraft {
  sourceId: number;
  /** The item's link, as stored (`url`). */
  link: string;
  normalizedUrl: string;
  item: FeedItem;
  /** The fetched page, when the source wants full text and the fetch worked. */
  page?: { bytes: Uint8Array; url: string; options: ExtractOptions };
  now: number;
}

/** The stored article and its analysis, and whether the page's extraction was used. */
export interface PreparedArticle {
  input: ArticleInput;
  analyzed: AnalyzedArticle;
  /** Why the page was not used (extraction failed), when it was fetched. */
  pageError?: string;
}

/** SHA-256 of what a reader sees of an article: a change means the stored copy is updated in place. */
export function contentHash(title: string, lead: string | null, text: string): string {
  return createHash('sha256').update(`${title}\n${lead ?? ''}\n${text}`).digest('hex');
}

function parseTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

/** Extracts the page (if any), builds the article to store and analyzes it. */
export function prepareArticle(draft: ArticleDraft): PreparedArticle {
  let extracted: Article | null = null;
  let pageError: string | undefined;
  if (draft.page) {
    try {
      extracted = extractArticle(draft.page.bytes, draft.page.url, draft.page.options);
    } catch (err) {
      // The feed's own copy is still worth storing when the page cannot be extracted.
      pageError = (err as Error).message;
    }
  }
  const { item, link } = draft;
  const finalUrl = draft.page?.url ?? link;
  const feedHtml = item.content ?? item.summary ?? '';
  const usePage = extracted !== null && extracted.text.trim() !== '';
  const html = sanitizeArticleHtml(usePage ? extracted!.html : feedHtml, finalUrl);
  const text = usePage ? extracted!.text : htmlToLines(html);
  const title = (extracted?.title ?? item.title ?? '').trim() || text.split('\n')[0]?.slice(0, 200) || link;
  const feedLead = item.summary && item.content ? htmlToLines(item.summary) : null;
  const lead = extracted?.lead ?? (feedLead && feedLead !== text.split('\n')[0] ? feedLead.slice(0, 600) : null);
  const now = draft.now;
  const publishedAt = parseTime(item.published) ?? parseTime(extracted?.published) ?? parseTime(item.updated) ?? now;
  const modifiedAt = parseTime(item.updated) ?? parseTime(extracted?.modified);
  const input: ArticleInput = {
    sourceId: draft.sourceId,
    url: link,
    normalizedUrl: draft.normalizedUrl,
    guid: item.id,
    contentHash: contentHash(title, lead, text),
    title,
    lead,
    byline: extracted?.byline ?? item.author,
    text,
    html,
    lang: extracted?.lang ?? null,
    imageUrl: extracted?.image ?? item.image,
    // A canonical link is never taken from feed data (DESIGN.md, publishing policy).
    canonicalUrl: extracted?.canonical ?? null,
    siteName: extracted?.siteName ?? null,
    wordCount: countWords(text),
    publishedAt: Math.min(publishedAt, now + 60_000),
    modifiedAt: modifiedAt !== null && modifiedAt > publishedAt ? modifiedAt : null,
  };
  const analyzed = analyzeArticle({
    id: 'pending', title: input.title, text: input.text, published: input.publishedAt, url: input.url, source: String(draft.sourceId), lang: input.lang,
  });
  if (input.lang === null) input.lang = analyzed.lang;
  return { input, analyzed, ...(pageError !== undefined ? { pageError } : {}) };
}
