// Plain text of sanitized article HTML: one line per block (paragraph, heading, list item, quote,
// caption, table row), inline whitespace collapsed, preformatted lines kept as written.
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type AnyNode } from 'domhandler';

// Elements that end the current line when they open and when they close.
const LINE_TAGS = new Set([
  'blockquote', 'br', 'caption', 'div', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p',
  'pre', 'table', 'tr', 'ul',
]);

/** Text of sanitized HTML with one line per block. */
export function htmlToLines(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true });
  const lines: string[] = [];
  let current = '';
  let cellsInRow = 0;
  const flush = (): void => {
    const line = current.replace(/[\s\u00a0]+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  // Iterative walk with explicit exit markers: deep input must not cost stack.
  const stack: { node: AnyNode; exit: boolean; pre: boolean }[] = doc.children.slice().reverse().map((node) => ({ node, exit: false, pre: false }));
  while (stack.length > 0) {
    const { node, exit, pre } = stack.pop()!;
    if (isText(node)) {
      if (pre) {
        const parts = node.data.split('\n');
        parts.forEach((part, i) => {
          if (i > 0) {
            const line = current.replace(/\s+$/, '');
            if (line.trim()) lines.push(line);
            current = '';
          }
          current += part;
        });
      } else {
        current += node.data;
      }
      continue;
    }
    if (!isTag(node)) continue;
    if (exit) {
      if (!LINE_TAGS.has(node.name)) continue;
      if (pre) {
        if (current.trim()) lines.push(current.replace(/\s+$/, ''));
        current = '';
      } else {
        flush();
      }
      continue;
    }
    if (node.name === 'td' || node.name === 'th') {
      if (cellsInRow > 0) current += ' | ';
      cellsInRow++;
    }
    if (node.name === 'tr') cellsInRow = 0;
    if (node.name === 'img' || node.name === 'iframe' || node.name === 'figcaption') continue;
    if (LINE_TAGS.has(node.name)) flush();
    const inPre = pre || node.name === 'pre';
    stack.push({ node, exit: true, pre: inPre });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, exit: false, pre: inPre });
  }
  flush();
  return lines.join('\n');
}

/** Number of words in a text: runs of letters or digits, each Han/kana character counted as one. */
export function countWords(text: string): number {
  return (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[[\p{L}\p{N}]--[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]]+/gv) ?? []).length;
}
