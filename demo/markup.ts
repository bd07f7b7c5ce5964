// Text-to-markup rules the demo outlets share: escaping corpus text for HTML and XML, encoding a
// page in its outlet's charset, and the date spellings real sites and feeds use.
import iconv from 'iconv-lite';
import type { Outlet } from './outlets.js';

const escapes: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;' };

/** Escapes plain text for HTML or XML text and attribute values (both quote styles). */
export function esc(text: string): string {
  return text.replace(/["&'<>]/g, (c) => escapes[c] ?? c);
}

const encodable = new Map<string, boolean>();

/** Whether a character survives a round trip through the charset (cached per character). */
function fitsCharset(char: string, charset: Outlet['charset']): boolean {
  if (charset === 'utf-8') return true;
  const key = `${charset}:${char}`;
  let fits = encodable.get(key);
  if (fits === undefined) {
    fits = iconv.decode(iconv.encode(char, charset), charset) === char;
    encodable.set(key, fits);
  }
  return fits;
}

/**
 * Encodes an HTML or XML document in the outlet's charset. Characters the charset lacks (emoji in
 * windows-1251) become numeric character references, as browsers and CMSs write them, so no text is lost.
 */
export function encodeDocument(text: string, charset: Outlet['charset']): Buffer {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  let safe = '';
  for (const char of text) safe += fitsCharset(char, charset) ? char : `&#${char.codePointAt(0)};`;
  return iconv.encode(safe, charset);
}

/** ISO 8601 in UTC without milliseconds, as feeds and `<time datetime>` carry it. */
export function isoTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** ISO 8601 with an explicit zone offset, e.g. "2026-03-02T11:00:00+03:00". */
export function isoTimeWithOffset(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  return local + offsetSuffix(offsetMinutes, ':');
}

function offsetSuffix(offsetMinutes: number, separator: string): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return sign + String(Math.floor(abs / 60)).padStart(2, '0') + separator + String(abs % 60).padStart(2, '0');
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const monthsShort = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthsLong = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const monthsRuGenitive = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября',
  'октября', 'ноября', 'декабря'];

/** RFC 822 date-time (as updated by RFC 1123) for RSS 2.0 `pubDate`, in a given zone offset. */
export function rfc822(date: Date, offsetMinutes = 0): string {
  const d = new Date(date.getTime() + offsetMinutes * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const zone = offsetMinutes === 0 ? 'GMT' : offsetSuffix(offsetMinutes, '');
  return `${weekdays[d.getUTCDay()]}, ${two(d.getUTCDate())} ${monthsShort[d.getUTCMonth()]} ${d.getUTCFullYear()} `
    + `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${zone}`;
}

/** A reader-facing date: "March 2, 2026" (en) or "2 марта 2026" (ru), in a zone offset. */
export function longDate(date: Date, lang: string, offsetMinutes = 0): string {
  const d = new Date(date.getTime() + offsetMinutes * 60_000);
  if (lang === 'ru') return `${d.getUTCDate()} ${monthsRuGenitive[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return `${monthsLong[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/** A reader-facing clock time "14:05" in a zone offset. */
export function clockTime(date: Date, offsetMinutes = 0): string {
  const d = new Date(date.getTime() + offsetMinutes * 60_000);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}
