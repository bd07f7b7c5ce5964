// Commenters' avatars, drawn here: no request leaves the reader's browser for a third party (no
// Gravatar, whose unkeyed MD5 of the address also lets anyone confirm a guessed email). The colour
// and the pattern come from a keyed hash of the email, so the same commenter looks the same on
// every comment and nobody without the site's secret can link the picture to an address.
import { createHmac } from 'node:crypto';

/** An avatar as data the view draws: a background hue and either initials or a 5×5 identicon. */
export interface Avatar {
  /** Hue 0–359 of the background (drawn dark enough for white text). */
  hue: number;
  /** One or two letters, or '' when the name has none (then `cells` is drawn). */
  initials: string;
  /** Row-major 5×5 cells, mirrored left to right, for the identicon. */
  cells: boolean[];
}

/** The keyed hash an avatar is drawn from: HMAC-SHA256 of the address under the site's secret. */
export function avatarHash(secret: string, email: string): Buffer {
  return createHmac('sha256', secret).update(`avatar\n${email.trim().toLowerCase()}`).digest();
}

/** Up to two initials from a name: first letters of its first and last words ("Ada King Lovelace" → "AL"). */
export function initialsOf(name: string): string {
  const words = name.split(/\s+/u).map((w) => w.match(/\p{L}/u)?.[0] ?? '').filter((l) => l !== '');
  if (words.length === 0) return '';
  const first = words[0]!;
  const last = words.length > 1 ? words.at(-1)! : '';
  return (first + last).toLocaleUpperCase();
}

/** The avatar of a commenter from their name and the keyed hash of their email. */
export function commentAvatar(name: string, hash: Buffer): Avatar {
  const hue = ((hash[0]! << 8) | hash[1]!) % 360;
  const cells: boolean[] = [];
  for (let row = 0; row < 5; row++) {
    const half: boolean[] = [];
    for (let col = 0; col < 3; col++) {
      const bit = row * 3 + col;
      half.push(((hash[2 + (bit >> 3)]! >> (bit & 7)) & 1) === 1);
    }
    cells.push(half[0]!, half[1]!, half[2]!, half[1]!, half[0]!);
  }
  return { hue, initials: initialsOf(name), cells };
}
