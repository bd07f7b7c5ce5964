// The signed token every comment form carries. It names the article and the time the form was
// rendered, signed with the site's secret, so it stays valid on a cached page every reader shares:
// no session, no cookie. A post must bring one (else 403, with the Origin check it is the CSRF
// defence) that is at least 3 seconds old (bots post at once) and at most 24 hours old.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A form posted sooner than this after it was rendered is "too fast". */
export const FORM_TOKEN_MIN_AGE_MS = 3_000;
/** A form older than this has expired. */
export const FORM_TOKEN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Why a token was refused: `missing` and `forged` are 403; `too_fast` and `expired` re-show the form. */
export type FormTokenProblem = 'missing' | 'forged' | 'too_fast' | 'expired';

function signature(secret: string, articleId: number, issuedAt: number): string {
  return createHmac('sha256', secret).update(`comment-form\n${articleId}\n${issuedAt}`).digest('base64url').slice(0, 32);
}

/** The token for the comment form of an article, rendered at `issuedAt` (ms). */
export function signFormToken(secret: string, articleId: number, issuedAt: number): string {
  return `${issuedAt.toString(36)}.${signature(secret, articleId, issuedAt)}`;
}

/** Checks a posted token for an article at `now`; undefined when it is acceptable. */
export function checkFormToken(secret: string, token: string | undefined, articleId: number, now: number): FormTokenProblem | undefined {
  if (token === undefined || token === '') return 'missing';
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{32})$/u.exec(token);
  if (!match) return 'forged';
  const issuedAt = parseInt(match[1]!, 36);
  const expected = Buffer.from(signature(secret, articleId, issuedAt));
  const given = Buffer.from(match[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  const age = now - issuedAt;
  if (age < FORM_TOKEN_MIN_AGE_MS) return 'too_fast';
  if (age > FORM_TOKEN_MAX_AGE_MS) return 'expired';
  return undefined;
}
