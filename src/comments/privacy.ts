// What Topstory keeps about a commenter, and how: the IP address only as a keyed HMAC (so a leaked
// database reveals no address, and the hash is cleared after the retention time); a secret, shown
// once after posting, that lets the poster delete their comment (only its hash is stored); and the
// "save my details" cookie, encrypted, so the email in it cannot be read off the reader's disk or a
// proxy log.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import ipaddr from 'ipaddr.js';

/**
 * The keyed hash of a poster's address, for rate limits. IPv4-mapped IPv6 counts as IPv4; an IPv6
 * address counts by its /64 (one household or server gets a whole /64, and could rotate within it).
 */
export function ipHash(secret: string, ip: string): string {
  let key = ip.trim().toLowerCase();
  if (ipaddr.isValid(key)) {
    let parsed = ipaddr.parse(key);
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    key = parsed.kind() === 'ipv6' ? (parsed as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16)).join(':') + '::/64' : parsed.toString();
  }
  return createHmac('sha256', secret).update(`ip\n${key}`).digest('base64url').slice(0, 32);
}

/** A new delete secret for a comment and the hash that is stored for it. */
export function newDeleteSecret(): { secret: string; hash: string } {
  const secret = randomBytes(24).toString('base64url');
  return { secret, hash: deleteSecretHash(secret) };
}

/** The stored hash of a delete secret. */
export function deleteSecretHash(secret: string): string {
  return createHash('sha256').update(`comment-delete\n${secret}`).digest('hex');
}

/** True when `secret` is the one whose hash is stored (constant-time). */
export function deleteSecretMatches(secret: string, storedHash: string | null): boolean {
  if (!storedHash || secret === '') return false;
  const given = Buffer.from(deleteSecretHash(secret));
  const stored = Buffer.from(storedHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The commenter's details the "Save my name, email, and website" box keeps. */
export interface SavedCommenter {
  name: string;
  email: string;
  url: string;
}

function cookieKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('commenter-cookie').digest();
}

/** The saved details as an encrypted, authenticated cookie value (AES-256-GCM under a key from the secret). */
export function sealCommenter(secret: string, details: SavedCommenter): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cookieKey(secret), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify([details.name, details.email, details.url]), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The saved details from a cookie value, or undefined when it was not sealed with this secret. */
export function openCommenter(secret: string, value: string | undefined): SavedCommenter | undefined {
  if (!value || value.length > 2048) return undefined;
  try {
    const bytes = Buffer.from(value, 'base64url');
    if (bytes.length < 29) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', cookieKey(secret), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    const parsed: unknown = JSON.parse(plain);
    if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((p) => typeof p === 'string')) return undefined;
    const [name, email, url] = parsed as [string, string, string];
    return { name, email, url };
  } catch {
    return undefined;
  }
}

/** A comment this browser posted: its id and delete secret (kept in a short-lived cookie after posting). */
export interface PostedComment {
  id: number;
  secret: string;
}

/** The posted-comments cookie value: the newest few `id.secret` pairs. */
export function postedCookieValue(posted: readonly PostedComment[]): string {
  return posted.slice(-5).map((p) => `${p.id}.${p.secret}`).join('~');
}

/** The comments a posted-comments cookie names (malformed entries are skipped). */
export function readPostedCookie(value: string | undefined): PostedComment[] {
  if (!value) return [];
  return value.split('~').slice(-5).flatMap((entry) => {
    const m = /^(\d{1,15})\.([A-Za-z0-9_-]{16,64})$/u.exec(entry);
    return m ? [{ id: Number(m[1]), secret: m[2]! }] : [];
  });
}
