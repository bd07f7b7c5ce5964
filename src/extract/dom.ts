// A bounded HTML parse into a domhandler tree, and the few tree operations extraction needs.
// The bounds (input size, node count, nesting depth) are checked while parsing, so a hostile page
// ends in an error long before it can exhaust memory or the stack of a worker.
import { Parser } from 'htmlparser2';
import { DomHandler, Element, Text, isTag, isText, type AnyNode, type ChildNode, type Document, type ParentNode } from 'domhandler';
import { TopstoryError } from '../errors.js';
import { spend } from './budget.js';

/** Limits a page must stay within to be extracted. */
export interface ParseLimits {
  /** Characters of HTML (the byte cap is applied before decoding). */
  maxChars: number;
  /** Elements, text and comment nodes together. */
  maxNodes: number;
  /** Open elements at any point. */
  maxDepth: number;
}

/** Default limits: far above any real article page, far below what hurts a worker. */
// Real article pages stay under ~50,000 nodes and ~60 levels (the 130 Readability test pages: at
// most 24,278 nodes, 34 levels deep), so these limits leave room for any real page.
export const DEFAULT_LIMITS: ParseLimits = { maxChars: 5 * 1024 * 1024, maxNodes: 200_000, maxDepth: 400 };

class BoundedHandler extends DomHandler {
  private nodes = 0;

  get nodeCount(): number {
    return this.nodes;
  }

  constructor(private readonly limits: ParseLimits) {
    super(null, { withStartIndices: false, withEndIndices: false });
  }

  protected override addNode(node: ChildNode): void {
    if (++this.nodes > this.limits.maxNodes) {
      throw new TopstoryError('extract', 'too_many_nodes', `page has more than ${this.limits.maxNodes} nodes`);
    }
    super.addNode(node);
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    if (this.tagStack.length > this.limits.maxDepth) {
      throw new TopstoryError('extract', 'too_deep', `page nests elements more than ${this.limits.maxDepth} deep`);
    }
  }
}

/** Parses HTML into a document tree, refusing pages beyond the limits. */
export function parseHtml(html: string, limits: ParseLimits = DEFAULT_LIMITS): Document {
  if (html.length > limits.maxChars) {
    throw new TopstoryError('extract', 'too_large', `page is larger than ${Math.round(limits.maxChars / 1048576)} MiB`);
  }
  const handler = new BoundedHandler(limits);
  const parser = new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false });
  parser.end(html);
  nodeCounts.set(handler.root, handler.nodeCount);
  return handler.root;
}

const nodeCounts = new WeakMap<Document, number>();

/** How many nodes the parser created for a document (0 for documents not made by parseHtml). */
export function nodeCount(doc: Document): number {
  return nodeCounts.get(doc) ?? 0;
}

/** Element children of a node. */
export function childElements(node: ParentNode): Element[] {
  const out: Element[] = [];
  for (const child of node.children) if (isTag(child)) out.push(child);
  return out;
}

/** Every element under `root` in document order (iterative, so depth never costs stack). */
export function elementsIn(root: ParentNode): Element[] {
  const out: Element[] = [];
  // A stack of (sibling list, next index) pairs: each list is walked in place, nothing is copied.
  const lists: ChildNode[][] = [];
  const positions: number[] = [];
  let nodes = root.children;
  let i = 0;
  for (;;) {
    if (i < nodes.length) {
      const node = nodes[i++]!;
      if (isTag(node)) {
        out.push(node);
        const children = node.children;
        if (children.length > 0) {
          lists.push(nodes);
          positions.push(i);
          nodes = children;
          i = 0;
        }
      }
    } else if (lists.length > 0) {
      nodes = lists.pop()!;
      i = positions.pop()!;
    } else {
      break;
    }
  }
  spend(out.length + 1);
  return out;
}

/** The first element with this tag name, in document order. */
export function firstByTag(root: ParentNode, tag: string): Element | undefined {
  return elementsIn(root).find((el) => el.name === tag);
}

/** Text of a subtree with whitespace collapsed (what a reader sees, without layout). */
export function textOf(node: AnyNode): string {
  return collapse(rawText(node));
}

/** Text of a subtree, collapsed, or undefined as soon as it is certainly longer than `max` characters. */
export function shortTextOf(node: AnyNode, max: number): string | undefined {
  let out = '';
  const stack: AnyNode[] = [node];
  let visited = 0;
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (++visited === 256) {
      spend(visited);
      visited = 0;
    }
    if (isText(current)) {
      out += current.data;
      // Raw text can shrink by collapsing whitespace, so only cut off well past the limit.
      if (out.length > max * 4 + 200) {
        const collapsed = collapse(out);
        if (collapsed.length > max) return undefined;
        out = collapsed + ' ';
      }
    } else if (isTag(current) || current.type === 'root') {
      const children = (current as ParentNode).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  spend(visited + 1);
  const text = collapse(out);
  return text.length > max ? undefined : text;
}

/** Concatenated text nodes of a subtree, as written. */
export function rawText(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node) && node.type !== 'root') return '';
  let out = '';
  const stack: AnyNode[] = [node];
  let visited = 0;
  while (stack.length > 0) {
    const current = stack.pop()!;
    visited++;
    if (isText(current)) out += current.data;
    else if (isTag(current) || current.type === 'root') {
      const children = (current as ParentNode).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  spend(visited);
  return out;
}

/** Whether a UTF-16 code unit is whitespace for collapse(): `\s` (ASCII, NBSP, Unicode spaces, LS, PS, BOM) and ZWSP. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x200b || c === 0x2028 || c === 0x2029 || c === 0xfeff
    || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Length of `collapse(text)` without building it (counting is most of what scoring needs). */
export function collapsedLength(text: string): number {
  let length = 0;
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) {
      if (length > 0) pendingSpace = true;
    } else {
      if (pendingSpace) length++;
      pendingSpace = false;
      length++;
    }
  }
  return length;
}

const SPACE_RUNS = /[\s\u00a0\u200b\u2028\u2029\ufeff]+/g;

/** Collapses runs of whitespace (including no-break spaces) to one space and trims. */
export function collapse(text: string): string {
  // Most strings are already collapsed (single spaces between words): check before rebuilding.
  const n = text.length;
  let clean = n === 0 || (!isSpace(text.charCodeAt(0)) && !isSpace(text.charCodeAt(n - 1)));
  for (let i = 1; clean && i < n - 1; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c) && (c !== 32 || isSpace(text.charCodeAt(i + 1)))) clean = false;
  }
  return clean ? text : text.replace(SPACE_RUNS, ' ').trim();
}

/** An attribute value, or '' when absent. */
export function attr(el: Element, name: string): string {
  return el.attribs[name] ?? '';
}

/** Removes a node from its parent. */
export function detach(node: ChildNode): void {
  const parent = node.parent;
  if (!parent) return;
  spend(parent.children.length);
  const index = parent.children.indexOf(node);
  if (index >= 0) parent.children.splice(index, 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}

/** Replaces an element by its children (keeps the content, drops the wrapper). */
export function unwrap(el: Element): void {
  const parent = el.parent;
  if (!parent) return;
  spend(parent.children.length + el.children.length);
  const index = parent.children.indexOf(el);
  const kids = el.children;
  for (const kid of kids) kid.parent = parent;
  parent.children.splice(index, 1, ...kids);
  relinkRange(parent, index - 1, index + kids.length);
  el.children = [];
  el.parent = null;
}

/** Inserts `node` into `parent` before `ref` (or at the end when `ref` is undefined). */
export function insertBefore(parent: ParentNode, node: ChildNode, ref: ChildNode | undefined): void {
  if (node.parent) detach(node);
  spend(ref ? parent.children.length : 1);
  let index = ref ? parent.children.indexOf(ref) : -1;
  if (index < 0) {
    parent.children.push(node);
    index = parent.children.length - 1;
  } else {
    parent.children.splice(index, 0, node);
  }
  node.parent = parent;
  relinkRange(parent, index - 1, index + 1);
}

/** Moves nodes (in this order) to the end of `target`, in time linear in the siblings involved. */
export function moveAll(target: ParentNode, nodes: ChildNode[]): void {
  const moving = new Set(nodes);
  const parents = new Set<ParentNode>();
  for (const node of nodes) if (node.parent) parents.add(node.parent);
  for (const parent of parents) {
    spend(parent.children.length);
    parent.children = parent.children.filter((c) => !moving.has(c));
    relinkRange(parent, 0, parent.children.length - 1);
  }
  spend(nodes.length);
  const start = target.children.length;
  for (const node of nodes) {
    node.parent = target;
    target.children.push(node);
  }
  relinkRange(target, start - 1, target.children.length - 1);
}

/** A new element with attributes and children. */
export function makeElement(name: string, attribs: Record<string, string> = {}, children: ChildNode[] = []): Element {
  const el = new Element(name, attribs, []);
  for (const child of children) insertBefore(el, child, undefined);
  return el;
}

/** A new text node. */
export function makeText(data: string): Text {
  return new Text(data);
}

/** Repairs the sibling links of children from..to (inclusive, clamped) after a splice. */
function relinkRange(parent: ParentNode, from: number, to: number): void {
  const kids = parent.children;
  for (let i = Math.max(0, from); i <= Math.min(kids.length - 1, to); i++) {
    kids[i]!.prev = kids[i - 1] ?? null;
    kids[i]!.next = kids[i + 1] ?? null;
  }
}

// Words that show an id is a heading turned into an anchor ("sharing-with-a-single-developer").
const SLUG_WORDS = new Set(['a', 'an', 'and', 'for', 'from', 'how', 'in', 'is', 'of', 'on', 'the', 'to', 'what', 'when', 'why', 'with']);

/** Whether an id is an anchor made from a heading's words, which says nothing about the block's role. */
function isHeadingSlug(id: string): boolean {
  if (!id.includes('-') && !id.includes('_')) return false;
  const parts = id.toLowerCase().split(/[-_]+/).filter(Boolean);
  return parts.length >= 4 || parts.some((p) => SLUG_WORDS.has(p));
}

const hintsCache = new Map<string, string>();

/** Lower-case class and id of an element, joined, for matching hint words. */
export function classAndId(el: Element): string {
  const cls = el.attribs.class;
  const id = el.attribs.id;
  if (cls === undefined && id === undefined) return '';
  // The same class (and id) strings recur across a page and its walks: compute each pair once.
  const key = id === undefined ? cls! : `${cls ?? ''}\u0000${id}`;
  let hints = hintsCache.get(key);
  if (hints === undefined) {
    const usableId = id && !isHeadingSlug(id) ? id : '';
    hints = cls || usableId ? `${cls ?? ''} ${usableId}`.toLowerCase() : '';
    // Bounded, so that a page with unique ids cannot grow it without end.
    if (hintsCache.size > 5000) hintsCache.clear();
    hintsCache.set(key, hints);
  }
  return hints;
}

/** Depth of an element below the root (the root's children are at depth 1). */
export function depthOf(node: AnyNode): number {
  let depth = 0;
  for (let p = node.parent; p; p = p.parent) depth++;
  return depth;
}
