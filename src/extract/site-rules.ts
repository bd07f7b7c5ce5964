// Per-site extraction rules: where a site keeps its article and what to cut from it. The table is
// consulted before any scoring; an operator's per-source rules take precedence over it.
import { selectAll } from 'css-select';
import type { Document, Element } from 'domhandler';
import { TopstoryError } from '../errors.js';

/** Rules for one site, or the ones an operator sets in a source's settings. */
export interface SiteRules {
  /** CSS selector of the element(s) that hold the article. */
  contentSelector?: string;
  /** CSS selectors of elements to remove before extraction. */
  removeSelectors?: string[];
}

/** Known sites, sorted by host; a rule applies to the host and its subdomains. */
export const SITE_RULES: ReadonlyArray<readonly [host: string, rules: SiteRules]> = [
  ['blogspot.com', { contentSelector: '.post-body', removeSelectors: ['.post-share-buttons', '.post-footer'] }],
  ['dev.to', { contentSelector: '#article-body' }],
  ['github.com', { contentSelector: 'article.markdown-body' }],
  ['lwn.net', { contentSelector: '.ArticleText', removeSelectors: ['.CommentBox', 'form', 'table.Form'] }],
  ['substack.com', { contentSelector: '.available-content', removeSelectors: ['.subscription-widget-wrap', '.button-wrapper'] }],
  ['wikipedia.org', {
    contentSelector: '#mw-content-text',
    removeSelectors: ['.mw-editsection', '.navbox', '.hatnote', '.ambox', '.metadata', 'sup.reference', '.mw-jump-link', '#toc', '.toc', '.reflist', '.mw-references-wrap', '.sistersitebox'],
  }],
];

/** The table's rules for a page URL's host, if any. */
export function rulesForUrl(url: string | undefined): SiteRules | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  for (const [entry, rules] of SITE_RULES) {
    if (host === entry || host.endsWith('.' + entry)) return rules;
  }
  return undefined;
}

/** Elements a CSS selector matches in a document; a bad selector is the operator's error, said in words. */
export function selectElements(doc: Document, selector: string): Element[] {
  try {
    return selectAll<Element, Element>(selector, doc.children as Element[]);
  } catch (err) {
    throw new TopstoryError('extract', 'bad_selector', `invalid CSS selector "${selector}": ${(err as Error).message}`, { cause: err });
  }
}
