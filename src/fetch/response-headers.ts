// Reading the response headers the fetcher reports: media type and charset (RFC 9110 §8.3),
// Cache-Control max-age (RFC 9111 §5.2.2.1) and Retry-After (RFC 9110 §10.2.3). Pure: time is a parameter.

/** Header values as undici hands them over. */
export type HeaderValues = Record<string, string | string[] | undefined>;

/** The single value of a header (the first one when it was sent twice), or null. */
export function headerValue(headers: HeaderValues, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

/** All values of a list header joined with commas, as RFC 9110 §5.3 allows. */
export function headerList(headers: HeaderValues, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `text/HTML; Charset="UTF-8"` → { mediaType: 'text/html', charset: 'utf-8' }. */
export function parseContentType(value: string | null): { mediaType: string | null; charset: string | null } {
  if (value === null) return { mediaType: null, charset: null };
  const [type = '', ...params] = value.split(';');
  const mediaType = type.trim().toLowerCase();
  let charset: string | null = null;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const raw = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase();
    if (raw !== '') charset = raw;
    break;
  }
  return { mediaType: /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/.test(mediaType) ? mediaType : null, charset };
}

/**
 * How long the response stays fresh, in ms: Cache-Control max-age minus the Age header (RFC 9111
 * §4.2.3), so the scheduler sees the remaining lifetime. s-maxage is for shared caches: ignored.
 */
export function parseMaxAge(cacheControl: string | null, age: string | null): number | null {
  if (cacheControl === null) return null;
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?\s*(?:,|$)/i.exec(cacheControl);
  if (!match?.[1]) return null;
  const seconds = Number(match[1]);
  const ageSeconds = age !== null && /^\d+$/.test(age.trim()) ? Number(age.trim()) : 0;
  return Math.max(0, seconds - ageSeconds) * 1000;
}

/** Retry-After as ms from `nowMs`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
