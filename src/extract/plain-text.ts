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

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const HAN_OR_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Number of words in a text: runs of letters or digits, each Han/kana character counted as one. */
export function countWords(text: string): number {
  // One pass over the characters; only characters outside ASCII, Latin and Cyrillic consult the Unicode tables.
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let word: boolean;
    let ideograph = false;
    if (c < 0x80) {
      word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    } else if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x400 && c <= 0x481) || (c >= 0x48a && c <= 0x52f)) {
      word = true;
    } else {
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
      const ch = pair ? text.slice(i, i + 2) : text[i]!;
      if (pair) i++;
      word = LETTER_OR_DIGIT.test(ch);
      ideograph = word && HAN_OR_KANA.test(ch);
    }
    if (ideograph) {
      words++;
      inWord = false;
    } else if (word) {
      if (!inWord) words++;
      inWord = true;
    } else {
      inWord = false;
    }
  }
  return words;
}
