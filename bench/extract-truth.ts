// The truth that extraction is scored against, per page set. For the Readability test pages it is
// Readability's own output (expected.html, expected-metadata.json) with our corrections applied at
// run time where that output is wrong (test/fixtures/extraction-truth/readability-pages.json: CSS
// selectors of boilerplate to drop from expected.html, blocks of the source page it missed, and
// corrected metadata fields, each with its reason). No page text is copied into the repository.
// For the demo outlets it is demo/truth.jsonl, which the demo writes from its own corpus.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectAll } from 'css-select';
import { decodeHTML } from 'entities';
import { parseDocument } from 'htmlparser2';
import { Element, Text, isTag, type AnyNode, type Document } from 'domhandler';
import { projectRoot } from '../src/paths.js';
import { parsePageDate } from '../src/extract/dates.js';

/** The metadata fields scored against the truth (issue #4: title, byline, published date, lead). */
export const SCORED_FIELDS = ['title', 'byline', 'published', 'lead'] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

/** What a page should yield: its body text and the scored metadata (null where the page has none). */
export interface PageTruth {
  name: string;
  url: string;
  /** The page as served (a string: both extractors get the same decoded text). */
  html: string;
  /** The article body, plain text (no headline). */
  body: string;
  metadata: Record<ScoredField, string | null>;
  /** Fields whose truth is ours rather than the reference's, with the reason. */
  overridden: Partial<Record<ScoredField | 'body', string>>;
}

/**
 * One correction of a metadata field and why: the right value (null: the page has none), or the
 * CSS selector of the element of source.html that shows it (a standfirst), read at run time.
 */
interface FieldOverride {
  value?: string | null;
  fromSource?: string;
  reason: string;
}

/** Corrections of Readability's expected.html for one page. */
interface BodyCorrection {
  /** Elements of expected.html that are not the article (boilerplate Readability kept). */
  remove?: string[];
  /** Short boilerplate lines ("Related:", "A version of this article appears in print"): blocks starting with one go. */
  removeBlocks?: string[];
  /** The page holds no article (a section front of teasers): the true body is empty. */
  noArticle?: boolean;
  /** Article blocks of source.html that Readability dropped, put back before or after an element of expected.html. */
  insert?: Array<{ from: string; before?: string; after?: string }>;
  reason: string;
}

interface PageCorrections {
  metadata?: Partial<Record<ScoredField, FieldOverride>>;
  body?: BodyCorrection;
}

const READABILITY_DIR = join(projectRoot(), '..', 'shared', 'data', 'extraction', 'readability-pages');
const CORRECTIONS_FILE = join(projectRoot(), 'test', 'fixtures', 'extraction-truth', 'readability-pages.json');
const READABILITY_URL = 'http://fakehost/test/page.html';

/** Whether the shared Readability test pages are present on this machine. */
export function haveReadabilityPages(): boolean {
  return existsSync(READABILITY_DIR);
}

/** Our corrections of the Readability reference, by page name. */
export function readabilityCorrections(): Record<string, PageCorrections> {
  const raw = JSON.parse(readFileSync(CORRECTIONS_FILE, 'utf8')) as Record<string, PageCorrections | string>;
  // Keys starting with "_" document the file itself.
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('_'))) as Record<string, PageCorrections>;
}

// Elements that start a new line of text; inline elements join their text as written ("<b>Z</b>imbabwe").
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'td', 'th', 'tr', 'ul',
]);

/** Plain text of parsed HTML with a line break at every block boundary (a fair reading of any extractor's HTML). */
export function blockText(nodes: readonly AnyNode[]): string {
  let out = '';
  const stack: Array<AnyNode | '\n'> = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === '\n') out += '\n';
    else if (node.type === 'text') out += (node as unknown as { data: string }).data;
    else if (isTag(node) && node.name !== 'script' && node.name !== 'style') {
      const block = BLOCKS.has(node.name);
      if (block) {
        out += '\n';
        stack.push('\n');
      }
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return out.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
}

/** Plain text of an HTML string, one line per block. */
export function htmlBlockText(html: string): string {
  return blockText(parseDocument(html).children);
}

function select(doc: Document, selector: string, where: string): Element[] {
  const found = selectAll<AnyNode, Element>(selector, doc);
  // A correction that matches nothing is stale: say so instead of scoring against a silent no-op.
  if (found.length === 0) throw new Error(`extraction truth: selector "${selector}" matches nothing in ${where}`);
  return found;
}

/** Readability's expected body: without the headline, the standfirst and captions (the truth is the body text only), with our corrections applied. */
function correctedBody(name: string, titles: readonly string[], lead: string | null, correction: BodyCorrection | undefined): string {
  if (correction?.noArticle) return '';
  const where = `${name}/expected.html`;
  const doc = parseDocument(readFileSync(join(READABILITY_DIR, name, 'expected.html'), 'utf8'));
  // Selectors are matched against the page as Readability wrote it, before anything is removed.
  const removed = (correction?.remove ?? []).flatMap((selector) => select(doc, selector, where));
  const anchors = (correction?.insert ?? []).map(({ before, after }) => {
    const anchor = before ?? after;
    if (!anchor) throw new Error(`extraction truth: an insert in ${where} needs "before" or "after"`);
    return select(doc, anchor, where)[0]!;
  });
  const titleKeys = new Set(titles.map(fold).filter(Boolean));
  for (const heading of selectAll<AnyNode, Element>('h1, h2, h3', doc)) if (titleKeys.has(fold(blockText([heading])))) removeElement(heading);
  // The standfirst is the lead, reported on its own: the block that only repeats it is not body either.
  const leadKey = lead ? fold(lead) : '';
  if (leadKey) for (const el of selectAll<AnyNode, Element>('p, h2, h3, div', doc)) if (fold(blockText([el])) === leadKey) removeElement(el);
  for (const el of removed) removeElement(el);
  // Captions are not body text (DESIGN.md "Text fields": a line per paragraph, heading, list item; the demo
  // truth and the extractor's `text` leave them out too; they stay in the article's html with their figure).
  for (const caption of selectAll<AnyNode, Element>('figcaption', doc)) removeElement(caption);
  for (const line of correction?.removeBlocks ?? []) {
    // The innermost blocks that start with the line (a label and whatever follows it on its line).
    const key = fold(line);
    const found = selectAll<AnyNode, Element>([...BLOCKS].join(','), doc)
      .filter((el) => fold(blockText([el])).startsWith(key) && !el.children.some((c) => isTag(c) && BLOCKS.has(c.name) && fold(blockText([c])).startsWith(key)));
    if (found.length === 0) throw new Error(`extraction truth: no block starts with "${line}" in ${where}`);
    for (const el of found) removeElement(el);
  }
  if (correction?.insert?.length) {
    const source = parseDocument(readFileSync(join(READABILITY_DIR, name, 'source.html'), 'utf8'));
    correction.insert.forEach(({ from, before }, i) => {
      const blocks = select(source, from, `${name}/source.html`).map((el) => new Element('p', {}, [new Text(blockText([el]))]));
      const at = anchors[i]!;
      const siblings = at.parent!.children;
      siblings.splice(siblings.indexOf(at) + (before ? 0 : 1), 0, ...blocks);
      for (const block of blocks) block.parent = at.parent;
    });
  }
  return blockText(doc.children);
}

function removeElement(el: Element): void {
  const siblings = el.parent?.children;
  if (!siblings) return;
  siblings.splice(siblings.indexOf(el), 1);
  el.parent = null;
}

/**
 * Whether Readability's excerpt is the opening of its output, whole or cut short (its own fallback,
 * the first <p> of its output, or a description a CMS made from the body's first lines): that is
 * body, shown once, and not a lead to show above it.
 */
function excerptOpensBody(excerpt: string, name: string): boolean {
  const key = (s: string): string => s.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();
  const head = key(decodeHTML(excerpt).replace(/\s*(…|\.\.\.|\(\.\.\.\)|\[\.\.\.\])\s*$/, ''));
  if (!head) return false;
  const doc = parseDocument(readFileSync(join(READABILITY_DIR, name, 'expected.html'), 'utf8'));
  const firstParagraph = selectAll<AnyNode, Element>('p', doc).find((p) => key(blockText([p])) !== '');
  if (firstParagraph && key(blockText([firstParagraph])).startsWith(head)) return true;
  // Within the first 1,000 letters: after a caption, a dateline or a short kicker.
  return key(blockText(doc.children)).slice(0, head.length + 1000).includes(head);
}

interface ReadabilityMetadata {
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  publishedTime: string | null;
}

/**
 * The 130 Readability test pages with the truth we score against; with `raw`, Readability's own output
 * as it is (no corrections, no general rules), to show how much the corrections move the numbers.
 */
export function readabilityPages(decode: (bytes: Uint8Array) => string, options: { raw?: boolean } = {}): PageTruth[] {
  if (!haveReadabilityPages()) return [];
  if (options.raw) return rawReadabilityPages(decode);
  const corrections = readabilityCorrections();
  const names = readdirSync(READABILITY_DIR).filter((name) => existsSync(join(READABILITY_DIR, name, 'source.html'))).sort();
  for (const name of Object.keys(corrections)) {
    if (!names.includes(name)) throw new Error(`extraction truth: no page "${name}" in readability-pages`);
  }
  return names.map((name) => {
    const fix = corrections[name] ?? {};
    const expected = JSON.parse(readFileSync(join(READABILITY_DIR, name, 'expected-metadata.json'), 'utf8')) as ReadabilityMetadata;
    const lead = expected.excerpt && !excerptOpensBody(expected.excerpt, name) ? expected.excerpt : null;
    const reference: Record<ScoredField, string | null> = { title: expected.title, byline: expected.byline, published: expected.publishedTime, lead };
    const metadata = { ...reference };
    const overridden: PageTruth['overridden'] = {};
    for (const [field, override] of Object.entries(fix.metadata ?? {}) as [ScoredField, FieldOverride][]) {
      if (override.fromSource !== undefined) {
        const source = parseDocument(readFileSync(join(READABILITY_DIR, name, 'source.html'), 'utf8'));
        metadata[field] = blockText([select(source, override.fromSource, `${name}/source.html`)[0]!]).replace(/\s+/g, ' ');
      } else if (override.value !== undefined) {
        metadata[field] = override.value;
      } else {
        throw new Error(`extraction truth: ${name}.${field} has neither value nor fromSource`);
      }
      overridden[field] = override.reason;
    }
    // The headline is not body: the titles and the page's first <h1> come out of the reference.
    const firstH1 = selectAll<AnyNode, Element>('h1', parseDocument(readFileSync(join(READABILITY_DIR, name, 'source.html'), 'utf8')))[0];
    const headlines = [expected.title, metadata.title, firstH1 ? blockText([firstH1]) : null];
    const body = correctedBody(name, headlines.filter((t): t is string => !!t), metadata.lead, fix.body);
    if (fix.body) overridden.body = fix.body.reason;
    return { name, url: READABILITY_URL, html: decode(readFileSync(join(READABILITY_DIR, name, 'source.html'))), body, metadata, overridden };
  });
}

function rawReadabilityPages(decode: (bytes: Uint8Array) => string): PageTruth[] {
  return readdirSync(READABILITY_DIR).filter((name) => existsSync(join(READABILITY_DIR, name, 'source.html'))).sort().map((name) => {
    const expected = JSON.parse(readFileSync(join(READABILITY_DIR, name, 'expected-metadata.json'), 'utf8')) as ReadabilityMetadata;
    return {
      name,
      url: READABILITY_URL,
      html: decode(readFileSync(join(READABILITY_DIR, name, 'source.html'))),
      body: htmlBlockText(readFileSync(join(READABILITY_DIR, name, 'expected.html'), 'utf8')),
      metadata: { title: expected.title, byline: expected.byline, published: expected.publishedTime, lead: expected.excerpt },
      overridden: {},
    };
  });
}

/** One line of demo/truth.jsonl (the fields scored here). */
interface DemoTruth {
  id: string;
  outlet: string;
  title: string;
  lead: string;
  byline: string | null;
  published: string;
  paragraphs: string[];
}

/** The demo outlets' truth records, or [] when demo/truth.jsonl is absent. */
export function demoTruth(): DemoTruth[] {
  const file = join(projectRoot(), 'demo', 'truth.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as DemoTruth);
}

/** A demo truth record as a PageTruth, given the page as served. */
export function demoPage(truth: DemoTruth, url: string, html: string): PageTruth {
  return {
    name: `${truth.outlet}/${truth.id}`,
    url,
    html,
    body: truth.paragraphs.join('\n'),
    metadata: { title: truth.title, byline: truth.byline, published: truth.published, lead: truth.lead },
    overridden: {},
  };
}

const ELLIPSIS = /(\s*(…|\.\.\.|\(\.\.\.\)|\[\.\.\.\]))+$/;

function fold(value: string): string {
  return decodeHTML(value).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Whether an extracted metadata value is right: the same text once case, punctuation, entities and
 * a leading "By" are folded; dates the same instant; a lead may also be the truth cut short (a
 * description truncated with or without an ellipsis) or extend it, when the shared part is 8+ words.
 */
export function sameField(field: ScoredField, ours: string | null, truth: string | null): boolean {
  if (!truth) return !ours;
  if (!ours) return false;
  if (field === 'published') {
    // The page's own formats (zone-less ISO is UTC, as the extractor reads it) to one instant.
    const a = parsePageDate(ours);
    return a !== undefined && a === parsePageDate(truth);
  }
  let a = fold(ours);
  let b = fold(truth);
  if (field === 'byline') {
    a = a.replace(/^by\s+/, '');
    b = b.replace(/^by\s+/, '');
  }
  if (a === b) return true;
  if (field !== 'lead') return false;
  a = fold(ours.replace(ELLIPSIS, ''));
  b = fold(truth.replace(ELLIPSIS, ''));
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.split(' ').length >= 8 && long.startsWith(short);
}
