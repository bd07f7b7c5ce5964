// Finds the article body in a parsed page and cleans it: prune page furniture, score containers by
// the paragraphs they hold (text length, sentences, link density, class/id hints), keep the best
// container and its siblings that read like more of the article, then remove what is left of
// boilerplate inside it (share bars, related blocks, tag lists, comment forms, bylines).
import { isTag, isText, type ChildNode, type Document, type Element, type ParentNode } from 'domhandler';
import {
  attr, childElements, classAndId, collapse, collapsedLength, detach, elementsIn, insertBefore, makeElement, moveAll, rawText, shortTextOf, textOf, unwrap,
} from './dom.js';
import {
  BOILERPLATE_EXACT, BOILERPLATE_PHRASES, FURNITURE_ROLES, NEGATIVE_WORDS, POSITIVE_WORDS, REMOVE_IN_CONTENT_WORDS, type PhraseKind,
} from './hints.js';
import { hintWords } from './metadata.js';
import { findDateIn } from './dates.js';
import { spend } from './budget.js';

/** Elements removed with their content before anything is scored. */
const DROP_TAGS = new Set([
  'applet', 'aside', 'button', 'canvas', 'datalist', 'dialog', 'embed', 'footer', 'head', 'input', 'link', 'map',
  'menu', 'meta', 'nav', 'object', 'option', 'script', 'select', 'style', 'svg', 'template', 'textarea', 'title',
]);

/** Elements whose text counts as a paragraph of the article when scoring. */
const PARAGRAPH_TAGS = new Set(['dd', 'li', 'p', 'pre', 'td', 'blockquote']);

/** Elements that start a new block of text (everything else is inline). */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'iframe', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

const LAZY_SRC_ATTRS = ['data-src', 'data-lazy-src', 'data-original', 'data-url', 'data-hi-res-src', 'data-lazy', 'data-full-src', 'data-orig-file'];
const LAZY_SRCSET_ATTRS = ['data-srcset', 'data-lazy-srcset'];

/** Class/id words of photo credits. */
const CREDIT_WORDS = new Set(['copyright', 'credit', 'credits', 'photographer', 'source']);

function insideFigure(el: Element): boolean {
  for (let p = el.parent; p && isTag(p); p = p.parent) {
    if (p.name === 'figcaption') return false;
    if (p.name === 'figure') return true;
  }
  return false;
}

/** Class/id words of slideshows inside an article: their captions are not the article's text. */
const MEDIA_WIDGET_WORDS = new Set(['carousel', 'gallery', 'slider', 'slideshow']);

/** Selectors an operator or the site-rules table gives for one site. */
export interface ContentRules {
  /** Elements that hold the article (all matches, in document order). */
  content?: Element[];
  /** Elements to remove first. */
  remove?: Element[];
}

interface Stats {
  text: number;
  link: number;
  paragraphs: number;
  /** Images, iframes and videos inside. */
  media: number;
  /** Characters of text inside <p> and <pre> elements. */
  paragraphChars: number;
}

/** Containers that the cleaning step may remove when they are empty or mostly links. */
const CONDITIONAL_TAGS = new Set(['article', 'center', 'div', 'dl', 'fieldset', 'figure', 'form', 'header', 'ol', 'p', 'section', 'span', 'ul']);

const MEDIA_TAGS = new Set(['iframe', 'img', 'picture', 'video']);

function words(el: Element): string[] {
  const hints = classAndId(el);
  return hints ? hintWords(hints) : [];
}

function hintWeight(el: Element): number {
  let weight = 0;
  const list = words(el);
  if (list.some((w) => POSITIVE_WORDS.has(w))) weight += 25;
  if (list.some((w) => NEGATIVE_WORDS.has(w))) weight -= 25;
  const itemprop = attr(el, 'itemprop').toLowerCase();
  if (itemprop.includes('articlebody') || itemprop === 'text') weight += 30;
  return weight;
}

function isHidden(el: Element): boolean {
  if (el.attribs.hidden !== undefined) return true;
  if (attr(el, 'aria-hidden') === 'true' && el.name !== 'img' && el.name !== 'figure') return true;
  const style = el.attribs.style;
  return style !== undefined && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function isPlaceholderSrc(src: string): boolean {
  return src === '' || src.startsWith('data:') || /(placeholder|blank|spacer|lazy|loading|transparent|1x1|pixel)\.(gif|png|svg|jpe?g)/i.test(src);
}

/** Moves lazy-loading attributes into src/srcset so the real image survives. */
function fixLazyImage(img: Element): void {
  const src = attr(img, 'src');
  if (isPlaceholderSrc(src)) {
    for (const name of LAZY_SRC_ATTRS) {
      const value = attr(img, name).trim();
      if (value && !value.startsWith('data:')) {
        img.attribs.src = value;
        break;
      }
    }
  }
  // <picture><source srcset="…"><img src="placeholder"></picture>: the source names the real image.
  const picture = img.parent && isTag(img.parent) && img.parent.name === 'picture' ? img.parent : undefined;
  if (picture && isPlaceholderSrc(attr(img, 'src'))) {
    const source = childElements(picture).find((c) => c.name === 'source' && (attr(c, 'srcset') || attr(c, 'data-srcset')));
    const first = source ? (attr(source, 'srcset') || attr(source, 'data-srcset')).trim().split(/\s+/)[0] : undefined;
    if (first) img.attribs.src = first.replace(/,$/, '');
  }
  if (!attr(img, 'srcset')) {
    for (const name of LAZY_SRCSET_ATTRS) {
      const value = attr(img, name).trim();
      if (value) {
        img.attribs.srcset = value;
        break;
      }
    }
  }
}

/** Text and link-text lengths and paragraph counts per element, computed bottom-up in one pass. */
function measure(root: ParentNode): Map<Element, Stats> {
  const stats = new Map<Element, Stats>();
  const order = elementsIn(root);
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i]!;
    const s: Stats = { text: 0, link: 0, paragraphs: 0, media: MEDIA_TAGS.has(el.name) ? 1 : 0, paragraphChars: 0 };
    for (const child of el.children) {
      if (isText(child)) {
        s.text += collapsedLength(child.data);
      } else if (isTag(child)) {
        const c = stats.get(child);
        if (!c) continue;
        s.text += c.text;
        s.link += child.name === 'a' && leadsAway(child) ? c.text : c.link;
        s.paragraphs += c.paragraphs;
        s.media += c.media;
        s.paragraphChars += c.paragraphChars;
      }
    }
    if (el.name === 'p' || el.name === 'pre') {
      s.paragraphs += 1;
      s.paragraphChars = s.text;
    }
    stats.set(el, s);
  }
  return stats;
}

/** Whether a link is a link: a script pseudo-link around words of a sentence (an annotation pop-up) is text. */
function leadsAway(a: Element): boolean {
  if (!/^\s*javascript:/i.test(a.attribs.href ?? '')) return true;
  const parent = a.parent;
  return !(parent && isTag(parent) && PROSE_TAGS.has(parent.name) && hasOwnText(parent));
}

/** Detaches an element and takes its share out of its ancestors' stats, so they stay what measure() would say now. */
function detachMeasured(el: Element, stats: Map<Element, Stats>): void {
  const s = stats.get(el);
  if (s) {
    const text = s.text;
    let link = el.name === 'a' && leadsAway(el) ? s.text : s.link;
    let paragraphChars = s.paragraphChars;
    let steps = 0;
    for (let p = el.parent; p && isTag(p); p = p.parent) {
      const ps = stats.get(p);
      if (!ps) break;
      steps++;
      ps.text -= text;
      ps.link -= link;
      ps.paragraphs -= s.paragraphs;
      ps.media -= s.media;
      if (p.name === 'p' || p.name === 'pre') {
        // A paragraph's own count is its text: what it loses is what its ancestors lose.
        paragraphChars = ps.paragraphChars - ps.text;
        ps.paragraphChars = ps.text;
      } else {
        ps.paragraphChars -= paragraphChars;
      }
      if (p.name === 'a' && leadsAway(p)) link = text;
    }
    // Deep pages make each removal walk far: the walk counts against the page's work budget.
    spend(steps);
  }
  detach(el);
}

function linkDensity(s: Stats | undefined): number {
  return s && s.text > 0 ? s.link / s.text : 0;
}

// Figures whose embedded player prune() removed (their caption is left describing nothing).
const playerRemoved = new WeakSet<Element>();

/** Removes furniture before scoring: scripts, navigation, hidden and unlikely blocks; returns the stats of what is left. */
function prune(root: ParentNode, rules: ContentRules | undefined, byClass: boolean): Map<Element, Stats> {
  for (const el of rules?.remove ?? []) detach(el);
  const all = elementsIn(root);
  for (const el of all) {
    if (el.name === 'img') fixLazyImage(el);
    if (el.name === 'noscript') {
      // <noscript><img></noscript> is the real image of a lazy loader; anything else is noise.
      const hasImage = elementsIn(el).some((c) => c.name === 'img');
      if (hasImage) {
        const prev = previousElement(el);
        if (prev && (prev.name === 'img' || prev.name === 'picture')) detach(prev);
        unwrap(el);
      } else {
        detach(el);
      }
    }
  }
  const stats = measure(root);
  const totalParagraphText = root.children.reduce((n, c) => n + (isTag(c) ? stats.get(c)?.paragraphChars ?? 0 : 0), 0);
  for (const el of elementsIn(root)) {
    if (!el.parent) continue;
    // A <footer> in a quote is its attribution, part of the quote.
    if (DROP_TAGS.has(el.name) && !(el.name === 'footer' && isTag(el.parent) && el.parent.name === 'blockquote')) {
      detachMeasured(el, stats);
      continue;
    }
    if (el.name === 'iframe' && !/youtube|vimeo|dailymotion/i.test(attr(el, 'src'))) {
      for (let p: ParentNode | null = el.parent, up = 0; p && isTag(p) && up < 6; p = p.parent, up++) {
        if (p.name === 'figure') {
          playerRemoved.add(p);
          break;
        }
      }
      detachMeasured(el, stats);
      continue;
    }
    if (isHidden(el) || FURNITURE_ROLES.has(attr(el, 'role').toLowerCase())) {
      detachMeasured(el, stats);
      continue;
    }
    // A quotation is content whatever its class says (an embedded post: <blockquote class="twitter-tweet">).
    if (!byClass || el.name === 'body' || el.name === 'html' || el.name === 'article' || el.name === 'main' || el.name === 'a' || el.name === 'blockquote') continue;
    const list = words(el);
    if (list.length === 0) continue;
    if (list.some((w) => NEGATIVE_WORDS.has(w)) && !list.some((w) => POSITIVE_WORDS.has(w)) && !isPictureWidget(el, list)) {
      // Never prune a block that holds most of the page's paragraphs and the article's own
      // markers (<article>, <main>, <h1>, articleBody): it is the page, whatever its class says.
      // A comment section can hold more text than the article, but not those markers.
      const own = stats.get(el)?.paragraphChars ?? 0;
      if (own < 0.4 * totalParagraphText || totalParagraphText === 0 || !holdsArticleMarkers(el)) detachMeasured(el, stats);
    }
  }
  return stats;
}

function holdsArticleMarkers(el: Element): boolean {
  return elementsIn(el).some((c) => c.name === 'article' || c.name === 'main' || c.name === 'h1' || /articlebody/i.test(attr(c, 'itemprop')));
}


function nextElement(node: ChildNode): Element | undefined {
  for (let n = node.next; n; n = n.next) {
    if (isTag(n)) return n;
    if (isText(n) && n.data.trim()) return undefined;
  }
  return undefined;
}

function previousElement(node: ChildNode): Element | undefined {
  for (let p = node.prev; p; p = p.prev) {
    if (isTag(p)) return p;
    if (isText(p) && p.data.trim()) return undefined;
  }
  return undefined;
}

/** Whether an element holds exactly one element and no text of its own. */
export function isPureWrapper(el: Element): boolean {
  let elements = 0;
  for (const child of el.children) {
    if (isTag(child)) {
      if (++elements > 1) return false;
    } else if (isText(child) && child.data.trim()) {
      return false;
    }
  }
  return elements === 1;
}

/** Direct text of an element (not in child elements), collapsed. */
function ownText(el: Element): string {
  let out = '';
  for (const child of el.children) {
    if (isText(child)) out += child.data;
    else if (isTag(child) && !BLOCK_TAGS.has(child.name)) out += textOf(child);
  }
  return collapse(out);
}

/** What a block of text is worth as article prose; `length` is its collapsed length (the text may be raw). */
function blockValue(text: string, length: number, ld: number): number {
  const sentences = (text.match(/[.!?؟](\s|$)|[。！？]/g) ?? []).length;
  const commas = (text.match(/[,，、،]/g) ?? []).length;
  const value = 1 + Math.min(length, 700) / 100 + Math.min(sentences, 8) * 0.5 + Math.min(commas, 10) * 0.25;
  return value * (1 - ld) * (1 - ld);
}

/** Scores every container by the paragraphs under it; returns the best one and all scores. */
function score(root: ParentNode, stats: Map<Element, Stats>): { best: Element | undefined; scores: Map<Element, number> } {
  const raw = new Map<Element, number>();
  for (const el of elementsIn(root)) {
    let text: string;
    let length: number;
    if (PARAGRAPH_TAGS.has(el.name)) {
      if (el.name === 'li' || el.name === 'td' || el.name === 'blockquote' || el.name === 'dd') {
        // These count only when they carry prose themselves, not when they are wrappers.
        text = ownText(el);
        length = text.length;
      } else {
        // Counting marks needs no collapsing; the collapsed length is already measured.
        text = rawText(el);
        length = stats.get(el)?.text ?? collapsedLength(text);
      }
    } else if (el.name === 'div' || el.name === 'section' || el.name === 'article' || el.name === 'span' || el.name === 'font') {
      // A div with text directly in it is a paragraph in disguise; so is a span right in a block.
      const inline = el.name === 'span' || el.name === 'font';
      if (inline && !(el.parent && isTag(el.parent) && BLOCK_TAGS.has(el.parent.name) && el.parent.name !== 'p')) continue;
      if (isPureWrapper(el)) continue;
      text = ownText(el);
      length = text.length;
    } else {
      continue;
    }
    if (length < 25) continue;
    // List items and cells are prose less often than paragraphs are (menus, references, data).
    const weight = el.name === 'li' || el.name === 'td' || el.name === 'dd' ? 0.5 : 1;
    const value = weight * blockValue(text, length, linkDensity(stats.get(el)));
    let factor = 1;
    let node: ParentNode | null = el.name === 'p' || el.name === 'pre' || el.name === 'li' || el.name === 'dd' || el.name === 'td' ? el.parent : el;
    for (let level = 0; node && isTag(node) && level < 4; level++) {
      raw.set(node, (raw.get(node) ?? 0) + value * factor);
      factor = level === 0 ? 0.5 : factor * 0.5;
      node = node.parent;
    }
  }
  const scores = new Map<Element, number>();
  let best: Element | undefined;
  let bestScore = -Infinity;
  for (const [el, value] of raw) {
    if (el.name === 'html') continue;
    const s = stats.get(el);
    const tagWeight = el.name === 'article' ? 10 : el.name === 'main' ? 5 : el.name === 'td' || el.name === 'li' || el.name === 'blockquote' ? -5 : 0;
    // <body> wins only when the text really sits directly in it: its classes describe the page, not a block.
    const final = el.name === 'body' ? value * 0.8 * (1 - linkDensity(s)) : (value + hintWeight(el) + tagWeight) * (1 - linkDensity(s));
    scores.set(el, final);
    if (final > bestScore) {
      bestScore = final;
      best = el;
    }
  }
  // A gallery or list inside the article can outscore the article's own text container; prefer an
  // ancestor that scores nearly as well and says it is the article.
  if (best) {
    let node = best.parent;
    for (let level = 0; node && isTag(node) && level < 6; level++, node = node.parent) {
      const s = scores.get(node) ?? 0;
      if (s >= 0.6 * bestScore && hintWeight(node) > 0 && hintWeight(node) >= hintWeight(best)) {
        best = node;
        break;
      }
    }
  }
  if (best) best = spanSplitContent(best, scores);
  return { best, scores };
}

/** Pages that cut one article into several blocks: the nearest ancestor holding the strong ones. */
function spanSplitContent(best: Element, scores: Map<Element, number>): Element {
  const bestScore = scores.get(best) ?? 0;
  const bestClasses = attr(best, 'class').split(/\s+/).filter(Boolean);
  const ancestors = new Map<ParentNode, number>();
  let level = 0;
  for (let p: ParentNode | null = best; p; p = p.parent) ancestors.set(p, level++);
  let lca: Element = best;
  let lcaLevel = 0;
  for (const [el, s] of scores) {
    if (el === best || ancestors.has(el) || contains(best, el)) continue;
    // A peer scores nearly as well, or is a part of the same kind ("story-body story-body-1" beside "story-body story-body-2").
    const peer = s >= 0.5 * bestScore || (bestClasses.length > 0 && s >= 0.15 * bestScore && sharesClass(el, bestClasses));
    if (!peer || hintWeight(el) < 0) continue;
    let p: ParentNode | null = el.parent;
    while (p && !ancestors.has(p)) p = p.parent;
    if (!p || !isTag(p)) continue;
    const up = ancestors.get(p)!;
    if (up > 7 || p.name === 'body' || p.name === 'html') continue;
    if (up > lcaLevel) {
      lca = p;
      lcaLevel = up;
    }
  }
  return lca;
}

function sharesClass(el: Element, classes: string[]): boolean {
  const own = attr(el, 'class');
  return own !== '' && own.split(/\s+/).some((c) => classes.includes(c));
}

/** The best container plus the siblings that read as more of the same article. */
function gather(best: Element, scores: Map<Element, number>, stats: Map<Element, Stats>): Element[] {
  const parent = best.parent;
  if (!parent || !isTag(parent)) return [best];
  const bestScore = scores.get(best) ?? 0;
  const threshold = Math.max(10, bestScore * 0.2);
  const kept: Element[] = [];
  const bestClass = attr(best, 'class');
  for (const sibling of childElements(parent)) {
    if (sibling === best) {
      kept.push(sibling);
      continue;
    }
    let s = scores.get(sibling) ?? 0;
    if (bestClass && attr(sibling, 'class') === bestClass) s += bestScore * 0.2;
    if (s >= threshold) {
      kept.push(sibling);
      continue;
    }
    if (sibling.name === 'p' || sibling.name === 'blockquote' || sibling.name === 'figure' || (sibling.name === 'div' && !childElements(sibling).some((c) => BLOCK_TAGS.has(c.name)))) {
      const st = stats.get(sibling);
      const text = textOf(sibling);
      const ld = linkDensity(st);
      if (sibling.name === 'figure' && elementsIn(sibling).some((c) => c.name === 'img')) kept.push(sibling);
      else if (text.length > 80 && ld < 0.25) kept.push(sibling);
      else if (text.length > 0 && text.length <= 80 && ld === 0 && /[.!?。"”»]$/.test(text)) kept.push(sibling);
    }
  }
  return kept;
}

// Longest phrases first, so that "subscribe to continue" wins over "subscribe".
const PHRASES_LONGEST_FIRST = [...BOILERPLATE_PHRASES].sort((a, b) => b[0].length - a[0].length);
const CONTAINED_PHRASES = PHRASES_LONGEST_FIRST.filter(([, kind]) => kind === 'contains').map(([phrase]) => phrase);
// Leading phrases by their first character, so a block is compared with the few that could start it.
const LEADING_PHRASES = new Map<string, Array<readonly [string, PhraseKind]>>();
for (const entry of PHRASES_LONGEST_FIRST) {
  if (entry[1] === 'contains') continue;
  const list = LEADING_PHRASES.get(entry[0][0]!) ?? [];
  list.push(entry);
  LEADING_PHRASES.set(entry[0][0]!, list);
}

// Punctuation around a label ("» Related:", "↑ Back to top") that does not change what it says.
const TRAILING_MARKS = new Set([...' :.-–—»›>→↑|#]】']);
const LEADING_MARKS = new Set([...' «‹<←↑#[【']);

function stripMarks(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING_MARKS.has(text[end - 1]!)) end--;
  let start = 0;
  while (start < end && LEADING_MARKS.has(text[start]!)) start++;
  return text.slice(start, end);
}

/** Whether a short block is boilerplate by its words; 'rest' when everything after it is too. `text` is collapsed. */
function boilerplateKind(text: string): 'block' | 'rest' | undefined {
  if (text.length === 0 || text.length > 400) return undefined;
  const lower = text.toLowerCase();
  const stripped = stripMarks(lower);
  if (BOILERPLATE_EXACT.has(stripped)) return 'block';
  for (const phrase of CONTAINED_PHRASES) if (lower.includes(phrase)) return 'block';
  if (lower.length > 160) return undefined;
  for (const [phrase, kind] of LEADING_PHRASES.get(stripped[0] ?? '') ?? []) {
    if (!stripped.startsWith(phrase)) continue;
    const rest = stripped.slice(phrase.length);
    if (kind === 'paywall') return 'rest';
    // "Comments" heads the comment section; "Comments are closed" or "Comments (12)" too; a sentence that starts with the word does not.
    if (kind === 'ends-article') return /^[\s:(\d)]*$|^\s*(are|is)\s+closed/.test(rest) ? 'rest' : undefined;
    return 'block';
  }
  return undefined;
}

function isDataTable(table: Element): boolean {
  if (attr(table, 'role') === 'presentation' || attr(table, 'role') === 'none') return false;
  const inner = elementsIn(table);
  if (inner.some((el) => el.name === 'table')) return false;
  if (inner.some((el) => el.name === 'th' || el.name === 'thead' || el.name === 'caption')) return true;
  const rows = inner.filter((el) => el.name === 'tr');
  if (rows.length < 2) return false;
  const cols = Math.max(...rows.map((r) => childElements(r).filter((c) => c.name === 'td').length));
  if (cols < 2) return false;
  // Layout tables hold blocks of prose; data tables hold short cells.
  return !inner.some((el) => el.name === 'p' || el.name === 'div' && textOf(el).length > 200);
}

/** Cleans the kept containers in place: boilerplate blocks, link lists, empty wrappers, title repeats. */
function clean(container: Element, sizes: Map<Element, Stats>, title: string | undefined, byline: string | undefined, standfirst: string | undefined, headline: string | undefined): void {
  const titleKey = title ? normalizeKey(title) : '';
  const headlineKey = headline ? normalizeKey(headline) : '';
  const standfirstKey = standfirst ? normalizeKey(standfirst) : '';
  const bylineKey = byline ? normalizeKey(byline) : '';
  // Sizes measured once up front (by prune or for the container); removals below only make them smaller,
  // so they stay safe upper bounds.
  const paragraphTotal = childElements(container).reduce((n, c) => n + (sizes.get(c)?.paragraphChars ?? 0), 0);

  // 1. Blocks whose class/id says what they are.
  for (const el of elementsIn(container)) {
    if (!el.parent || el === container) continue;
    const list = words(el);
    // A marked phrase inside running text ("<a class=popup>" around words of a sentence) is part of the sentence.
    if (INLINE_TAGS.has(el.name) && PROSE_TAGS.has((el.parent as Element).name) && hasOwnText(el.parent as Element)) continue;
    if (list.length > 0 && list.some((w) => REMOVE_IN_CONTENT_WORDS.has(w)) && !isPictureWidget(el, list)) {
      const ownParagraphs = sizes.get(el)?.paragraphChars ?? 0;
      if (ownParagraphs < 0.5 * paragraphTotal || paragraphTotal === 0 || list.some((w) => MEDIA_WIDGET_WORDS.has(w))) detach(el);
    }
  }

  // 2. Forms (a reply box), headings that repeat the title, phrase-table boilerplate.
  let truncateFrom: Element | undefined;
  let seenParagraph = false;
  let seenHeadline = false;
  // Code is quoted as written: a line of program output is never a date line or a boilerplate label.
  const inCode = new Set<Element>();
  for (const pre of elementsIn(container)) {
    if (pre.name !== 'pre' || inCode.has(pre)) continue;
    inCode.add(pre);
    for (const el of elementsIn(pre)) inCode.add(el);
  }
  for (const el of elementsIn(container)) {
    if (!el.parent || truncateFrom || inCode.has(el)) continue;
    if (el.name === 'form') {
      if ((sizes.get(el)?.text ?? 0) < 2000) detach(el);
      continue;
    }
    if (el.name === 'h1' || (titleKey && (el.name === 'h2' || el.name === 'h3'))) {
      // The headline is reported as `title`; an <h1> further down the text is a section heading.
      const key = normalizeKey(textOf(el));
      // Before the text starts, the first <h1> is the headline (worded differently from <title>); a second is a section's.
      // The page's first <h1> is its headline however it is worded; without one, the first <h1> before the text.
      const headline = headlineKey ? key === headlineKey : !seenParagraph && !seenHeadline;
      if (key === titleKey || (el.name === 'h1' && (headline || similarTitle(key, titleKey)))) {
        detach(el);
        seenHeadline ||= el.name === 'h1';
        continue;
      }
      if (el.name === 'h1') seenHeadline = true;
    }
    if (el.name === 'p' && (sizes.get(el)?.text ?? 0) > 80) seenParagraph = true;
    if (el.name === 'time' && el.parent && isTag(el.parent) && shortTextOf(el.parent, 79) !== undefined) {
      detach(el.parent === container ? el : el.parent);
      continue;
    }
    // A wrapper around a single element says nothing its child does not: judge the child instead.
    if ((sizes.get(el)?.text ?? 0) > 400 || isPureWrapper(el)) continue;
    if (!BLOCK_TAGS.has(el.name) && el.name !== 'a' && el.name !== 'span' && el.name !== 'strong' && el.name !== 'b') continue;
    const text = shortTextOf(el, 400);
    if (!text) continue;
    const kind = boilerplateKind(text);
    if (kind === 'rest' && /^h[1-6]$/.test(el.name)) {
      truncateFrom = el;
      continue;
    }
    if (kind) {
      const block = blockOf(el, container);
      // A boilerplate heading ("Related Searches") takes the link list or labels it introduces with it.
      if (/^h[2-6]$/.test(block.name) || /:\s*$/.test(text)) {
        let removed = 0;
        for (let next = nextElement(block); next && !/^h[1-6]$/.test(next.name) && removed < 12; next = nextElement(block), removed++) {
          const nextText = shortTextOf(next, 300);
          if (nextText === undefined || (nextText.length >= 80 && linkText(next) / nextText.length <= 0.5)) break;
          detach(next);
        }
      }
      detach(block);
      continue;
    }
    // (The name alone is compared only when the lengths allow it: folding every block's text is not free.)
    if (bylineKey && text.length < 120 && ((/^(by|von|par|por|posted by)\s/i.test(text) && normalizeKey(text).includes(bylineKey))
      || (text.length <= byline!.length + 8 && normalizeKey(text) === bylineKey))) {
      detach(blockOf(el, container));
      continue;
    }
    // The standfirst is the article's lead, reported on its own; a line that is only a date is metadata.
    const maybeStandfirst = standfirstKey !== '' && Math.abs(text.length - standfirst!.length) < 20;
    if ((maybeStandfirst && normalizeKey(text) === standfirstKey) || (text.length < 100 && /\d/.test(text) && isDateLine(text, bylineKey))) {
      // An inline element (the <b> of a lead) takes its block along only when it is all the block says.
      const block = BLOCK_TAGS.has(el.name) ? el : maybeStandfirst ? blockOf(el, container) : undefined;
      if (!block) continue;
      if (block === el || normalizeKey(shortTextOf(block, 400) ?? '') === normalizeKey(text)) detach(block);
    }
  }
  if (truncateFrom) truncateAfter(truncateFrom, container);

  // A photo credit in a figure (<cite>, <small>, "credit" classes) is not the caption; a figure whose
  // video player was removed leaves a caption of nothing.
  for (const figure of elementsIn(container).filter((el) => el.name === 'figure')) {
    const inside = elementsIn(figure);
    if (playerRemoved.has(figure) && !inside.some((el) => MEDIA_TAGS.has(el.name))) {
      detach(figure);
      continue;
    }
    for (const el of inside) {
      if (!el.parent || !['cite', 'small', 'span', 'div', 'p'].includes(el.name) || !insideFigure(el)) continue;
      if (el.name === 'cite' || el.name === 'small' || words(el).some((w) => CREDIT_WORDS.has(w))) detach(el);
    }
  }

  // Links to a place on the page itself (#fragment) lead nowhere in our copy of the article.
  for (const a of elementsIn(container)) {
    if (a.name === 'a' && a.parent && attr(a, 'href').trim().startsWith('#')) unwrap(a);
  }

  // 3. Tables: layout tables become plain blocks.
  for (const table of elementsIn(container).filter((el) => el.name === 'table')) {
    if (!table.parent || isDataTable(table)) continue;
    for (const el of elementsIn(table)) {
      if (el.name === 'td' || el.name === 'th') el.name = 'div';
      else if (el.name === 'tr' || el.name === 'tbody' || el.name === 'thead' || el.name === 'tfoot') unwrap(el);
    }
    table.name = 'div';
  }

  // 4. Link lists and empty wrappers, bottom-up so a wrapper is judged after its children; sizes
  // are computed in the same pass from what is left of the children, so each node is seen once.
  const stats = new Map<Element, Stats & { longestParagraph: number }>();
  const order = elementsIn(container);
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i]!;
    if (!el.parent) continue;
    const s = { text: 0, link: 0, paragraphs: 0, media: MEDIA_TAGS.has(el.name) ? 1 : 0, paragraphChars: 0, longestParagraph: 0 };
    for (const child of el.children) {
      if (isText(child)) {
        s.text += collapsedLength(child.data);
      } else if (isTag(child)) {
        const c = stats.get(child);
        if (!c) continue;
        s.text += c.text;
        s.link += child.name === 'a' && leadsAway(child) ? c.text : c.link;
        s.media += c.media;
        s.longestParagraph = Math.max(s.longestParagraph, c.longestParagraph);
      }
    }
    if (el.name === 'p') s.longestParagraph = Math.max(s.longestParagraph, s.text);
    stats.set(el, s);
    if (el === container || !CONDITIONAL_TAGS.has(el.name)) continue;
    if (s.text === 0 && s.media === 0 && el.name !== 'p') {
      detach(el);
      continue;
    }
    // An inline wrapper is judged by its paragraph, never on its own.
    if (el.name === 'span') continue;
    const ld = s.text === 0 ? 0 : Math.min(1, s.link / s.text);
    if (el.name === 'p') {
      // (In a table cell a linked name is data: the app, the product, the place the row is about.)
      if (s.text > 0 && ld > 0.8 && s.text < 120 && s.media === 0 && !insideCell(el)) detach(el);
      continue;
    }
    if (el.name === 'ul' || el.name === 'ol') {
      // A list is judged by its items alone; one nested in a list item is a part of that item's text.
      if (ld <= 0.5 || (el.parent && isTag(el.parent) && el.parent.name === 'li')) continue;
      const items = childElements(el).filter((c) => c.name === 'li');
      // An item is prose when it says something besides its link ("🌟 Jane <a>fixed the tab unloader</a>"):
      // a menu entry or a teaser headline is all link.
      const prose = items.filter((li) => {
        const text = stats.get(li)?.text ?? 0;
        const own = text - (stats.get(li)?.link ?? 0);
        return own > 60 || (text >= 40 && own >= 0.15 * text);
      }).length;
      if (prose < items.length / 2) detach(el);
      continue;
    }
    if (s.text > 1500 || insideCell(el)) continue;
    // A <header> holding prose of its own (an article's intro written straight into it) is text, not a page header.
    if ((ld > 0.5 && s.longestParagraph <= 200) || (el.name === 'header' && s.longestParagraph <= 150 && !(ld < 0.2 && ownTextLength(el) > 100))) detach(el);
  }

  // 5. Inline runs directly in a block container become paragraphs, so text keeps its lines.
  for (const el of [container, ...elementsIn(container)]) {
    if (['div', 'section', 'article', 'main', 'center', 'header', 'td', 'th'].includes(el.name)) wrapInlineRuns(el);
  }
  for (const el of elementsIn(container)) {
    const parent = el.parent;
    if (el.name === 'br' && parent && isTag(parent) && parent.name === 'p') splitAtBreaks(parent);
  }
}

const PROSE_TAGS = new Set(['blockquote', 'dd', 'em', 'h2', 'h3', 'h4', 'h5', 'h6', 'i', 'li', 'p', 'strong', 'td']);
const INLINE_TAGS = new Set(['a', 'abbr', 'b', 'cite', 'em', 'i', 'mark', 'q', 'small', 'span', 'strong', 'sub', 'sup', 'u']);

function ownTextLength(el: Element): number {
  let n = 0;
  for (const c of el.children) if (isText(c)) n += collapsedLength(c.data);
  return n;
}

/** A CMS widget that is only a picture and its caption ("dnd-widget-wrapper type-image"): a figure, not furniture. */
function isPictureWidget(el: Element, list: string[]): boolean {
  if (!list.some((w) => w === 'image' || w === 'photo' || w === 'picture' || w === 'figure') || list.some((w) => AD_WORDS.has(w))) return false;
  const inside = elementsIn(el);
  return inside.some((c) => c.name === 'img') && !inside.some((c) => c.name === 'a' && leadsAway(c)) && (shortTextOf(el, 300) !== undefined);
}

const AD_WORDS = new Set(['ad', 'ads', 'adslot', 'advert', 'advertisement', 'promo', 'sponsor', 'sponsored']);

function insideCell(el: Element): boolean {
  const parent = el.parent;
  return !!parent && isTag(parent) && (parent.name === 'td' || parent.name === 'th');
}

/** Whether an element has text of its own (not only in child elements). */
function hasOwnText(el: Element): boolean {
  return el.children.some((c) => isText(c) && c.data.trim() !== '');
}

const JAPANESE_DATE = /\d{1,2}\/\d{1,2}\s*[(（][日月火水木金土][)）]/;
// The weekday in brackets and "distributed", "updated", "posted", "published" of a Japanese date line.
const JAPANESE_DATE_WORDS = /[(（][日月火水木金土][)）]|配信|更新|掲載|公開|投稿/g;

/** Whether a short line is only a date (with words like "Updated" or a time around it). */
function isDateLine(text: string, bylineKey = ''): boolean {
  // "Dec 28 Sat 2013 00:28": a month, a day and a year with a weekday between them is a date too;
  // so is the Japanese "3/9(木) 18:45" (month/day, the weekday in brackets).
  if (!findDateIn(text) && !/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*\b(?:19|20)\d{2}\b/i.test(text)
    && !JAPANESE_DATE.test(text)) return false;
  // Strip the byline's name too: "Tuesday 15 October 2019 by Jane Doe" is a date line as well.
  const withoutName = bylineKey ? normalizeKey(text).replace(bylineKey, ' ') : text;
  const rest = withoutName
    .replace(/\d{1,4}([-./:]\d{1,4})*/g, ' ')
    .replace(/\b(posted|published|updated|last|on|at|by|am|pm|utc|gmt|cet|est|pst|bst|min|mins|minutes?|read|reading|time|mon|tue|wed|thu|fri|sat|sun)\w*\b/gi, ' ')
    .replace(JAPANESE_DATE_WORDS, ' ')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
  // What remains after numbers and date words is at most a month name (in any language) or two.
  return rest.split(/\s+/).filter(Boolean).length <= 2;
}

/** The nearest ancestor-or-self that is a block, not above the container. */
function blockOf(el: Element, container: Element): Element {
  let node: Element = el;
  for (let climbs = 0; !BLOCK_TAGS.has(node.name) && node.parent && isTag(node.parent) && node.parent !== container; climbs++) {
    // Never climb into a block that holds more than the phrase's own line, nor far.
    if (climbs >= 4 || shortTextOf(node.parent, 400) === undefined) return node;
    node = node.parent;
  }
  // A lone phrase in a block that holds nothing else takes the block with it.
  const parent = node.parent;
  if (parent && isTag(parent) && parent !== container && collapse(textOf(parent)) === collapse(textOf(node)) && childElements(parent).length === 1) {
    return parent;
  }
  return node;
}

function truncateAfter(from: Element, container: Element): void {
  let node: ChildNode | null = from;
  while (node && node !== container) {
    let next: ChildNode | null = node.next;
    while (next) {
      const after: ChildNode | null = next.next;
      detach(next);
      next = after;
    }
    const parent: ParentNode | null = node.parent;
    if (node === from) detach(node);
    node = parent && isTag(parent) ? parent : null;
  }
}

function linkText(el: Element): number {
  let n = 0;
  for (const a of elementsIn(el)) if (a.name === 'a') n += textOf(a).length;
  return Math.min(n, textOf(el).length);
}

/** Whether one heading text contains the other and they are of similar length (a headline with or without a kicker). */
function similarTitle(a: string, b: string): boolean {
  if (!a || !b) return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.includes(short) && short.length >= 0.6 * long.length;
}

function normalizeKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function wrapInlineRuns(el: Element): void {
  const hasBlock = el.children.some((c) => isTag(c) && BLOCK_TAGS.has(c.name));
  const hasText = el.children.some((c) => (isText(c) && c.data.trim()) || (isTag(c) && !BLOCK_TAGS.has(c.name) && c.name !== 'br' && textOf(c)));
  if (!hasText) return;
  if (!hasBlock && !el.children.some((c) => isTag(c) && c.name === 'br')) {
    if (el.name === 'td' || el.name === 'th') return;
    const p = makeElement('p');
    for (const child of [...el.children]) insertBefore(p, child, undefined);
    insertBefore(el, p, undefined);
    return;
  }
  let run: ChildNode[] = [];
  const flush = (before: ChildNode | undefined): void => {
    if (run.some((c) => (isText(c) && c.data.trim()) || (isTag(c) && (textOf(c) || c.name === 'img')))) {
      const p = makeElement('p');
      insertBefore(el, p, before);
      for (const child of run) insertBefore(p, child, undefined);
    }
    run = [];
  };
  for (const child of [...el.children]) {
    const isBreakPair = isTag(child) && child.name === 'br' && child.next && isTag(child.next) && child.next.name === 'br';
    if (isTag(child) && (BLOCK_TAGS.has(child.name) || isBreakPair)) {
      flush(child);
    } else if (isTag(child) && child.name === 'br' && run.length === 0) {
      detach(child);
    } else {
      run.push(child);
    }
  }
  flush(undefined);
  for (const child of [...el.children]) if (isTag(child) && child.name === 'br') detach(child);
}

/** `<p>a<br><br>b</p>` is two paragraphs: split it so that each has its own line. */
function splitAtBreaks(p: Element): void {
  const kids = p.children;
  const hasPair = kids.some((c, i) => isTag(c) && c.name === 'br' && (() => {
    for (let j = i + 1; j < kids.length; j++) {
      const n = kids[j]!;
      if (isText(n) && !n.data.trim()) continue;
      return isTag(n) && n.name === 'br';
    }
    return false;
  })());
  if (!hasPair || !p.parent) return;
  const parent = p.parent;
  const groups: ChildNode[][] = [[]];
  let breaks = 0;
  for (const child of [...kids]) {
    if (isTag(child) && child.name === 'br') {
      breaks++;
      continue;
    }
    if (isText(child) && !child.data.trim()) {
      groups[groups.length - 1]!.push(child);
      continue;
    }
    if (breaks >= 2 && groups[groups.length - 1]!.length > 0) groups.push([]);
    else if (breaks === 1) groups[groups.length - 1]!.push(makeElement('br'));
    breaks = 0;
    groups[groups.length - 1]!.push(child);
  }
  for (const group of groups) {
    if (!group.some((c) => (isText(c) && c.data.trim()) || isTag(c))) continue;
    insertBefore(parent, makeElement('p', {}, group), p);
  }
  detach(p);
}

/** Finds and cleans the article body; returns a detached container that holds it. */
export function extractContent(doc: Document, options: { title?: string; headline?: string; byline?: string; standfirst?: string; rules?: ContentRules; pruneByClass?: boolean }): Element {
  const body = findBody(doc) ?? doc;
  const container = makeElement('div');
  const ruled = options.rules?.content?.filter((el) => !options.rules?.content?.some((other) => other !== el && contains(other, el)));
  if (ruled && ruled.length > 0) {
    prune(body, { remove: options.rules?.remove }, false);
    moveAll(container, ruled.filter((el) => el.parent));
    clean(container, measure(container), options.title, options.byline, options.standfirst, options.headline);
    return container;
  }
  const stats = prune(body, options.rules, options.pruneByClass ?? true);
  const { best, scores } = score(body, stats);
  const chosen = best ? gather(best, scores, stats) : [body as Element];
  moveAll(container, chosen.flatMap((el) => (el === (body as ParentNode) ? [...el.children] : [el])));
  clean(container, stats, options.title, options.byline, options.standfirst, options.headline);
  return container;
}

/** The <body>: a child of <html> (or of the document) in any page the parser made; a deeper one is looked for last. */
function findBody(doc: Document): Element | undefined {
  for (const top of childElements(doc)) {
    if (top.name === 'body') return top;
    if (top.name === 'html') {
      const body = childElements(top).find((el) => el.name === 'body');
      if (body) return body;
    }
  }
  return elementsIn(doc).find((el) => el.name === 'body');
}

function contains(ancestor: Element, node: Element): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}
