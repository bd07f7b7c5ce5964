// A reader's comment is plain text: no HTML from readers, ever. It is shown as paragraphs (a blank
// line starts one, a single line break stays a break) with its web addresses turned into links,
// `rel="nofollow ugc noopener"` as search engines ask of user-generated links; the comment
// sanitizer policy then runs over the result as a second line of defence.
import { sanitizeCommentHtml } from '../sanitize/index.js';

// A web address as readers type them: with a scheme, or starting "www.". Stops at white space, angle
// brackets and quotes; trailing punctuation is trimmed by `trimTrailing`.
const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"'`\u00A0\u2000-\u200B\u3000]+/giu;

// Punctuation that ends a sentence rather than an address: "see https://example.org."
const TRAILING = /[.,;:!?'"»”’*_~]$/u;
const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

// Drops sentence punctuation and unbalanced closing brackets from the end of a found address;
// "(see https://en.wikipedia.org/wiki/Foo_(bar))" keeps the first ")" and drops the second.
function trimTrailing(address: string): string {
  let out = address;
  for (;;) {
    const last = out.at(-1) ?? '';
    const opener = CLOSERS[last];
    if (TRAILING.test(out)) out = out.slice(0, -1);
    else if (opener !== undefined && count(out, last) > count(out, opener)) out = out.slice(0, -1);
    else return out;
  }
}

/** A piece of comment text: plain words, or a web address with the URL it links to. */
export type TextPiece = { text: string } | { text: string; href: string };

/** Splits text into plain pieces and web addresses (each address with the http(s) URL it links to). */
export function findWebAddresses(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const start = match.index;
    const address = trimTrailing(match[0]);
    const href = linkTarget(address);
    if (href === undefined) continue;
    if (start > at) pieces.push({ text: text.slice(at, start) });
    pieces.push({ text: address, href });
    at = start + address.length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

function linkTarget(address: string): string | undefined {
  const withScheme = /^www\./iu.test(address) ? `https://${address}` : address;
  try {
    const url = new URL(withScheme);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.')) return url.href;
  } catch {
    return undefined;
  }
  return undefined;
}

/** How many links a comment will show (the spam rule holds comments with too many). */
export function linkCount(text: string): number {
  return findWebAddresses(text).filter((p) => 'href' in p).length;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (ch) => ESCAPES[ch]!);
}

function paragraphHtml(paragraph: string): string {
  return findWebAddresses(paragraph)
    .map((piece) => ('href' in piece
      ? `<a href="${escapeHtml(piece.href)}" rel="nofollow ugc noopener">${escapeHtml(piece.text)}</a>`
      : escapeHtml(piece.text)))
    .join('')
    .replace(/\n/gu, '<br />');
}

/** A comment's plain text as safe HTML: paragraphs, line breaks and autolinked web addresses. */
export function commentHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/gu, '\n')
    .split(/\n[ \t]*\n\s*/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return sanitizeCommentHtml(paragraphs.map((p) => `<p>${paragraphHtml(p)}</p>`).join('\n'));
}
