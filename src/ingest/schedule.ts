// When to check a source next: adapt to how often it publishes, back off on errors, pause a source
// that has failed for a week. Pure: the clock and the random source are parameters.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Limits of the adaptive interval and of back-off (issue 5, item 6). */
export const schedulePolicy = {
  minIntervalMs: 5 * MINUTE,
  maxIntervalMs: 24 * HOUR,
  defaultIntervalMs: 30 * MINUTE,
  backoffBaseMs: 5 * MINUTE,
  backoffMaxMs: 24 * HOUR,
  pauseAfterMs: 7 * 24 * HOUR,
} as const;

/**
 * Articles a day, smoothed: an exponential moving average of what each check found, weighted by how
 * much time the check covered, so one burst does not make a quiet outlet look busy.
 */
export function updatedArticlesPerDay(previous: number, newArticles: number, sinceLastCheckMs: number | null): number {
  if (sinceLastCheckMs === null || sinceLastCheckMs <= 0) return previous > 0 ? previous : newArticles;
  const observed = newArticles / (sinceLastCheckMs / (24 * HOUR));
  // Weight of the new observation grows with the time it covers (a day counts fully).
  const weight = Math.min(1, sinceLastCheckMs / (24 * HOUR)) * 0.5 + 0.1;
  return previous * (1 - weight) + observed * weight;
}

/**
 * Interval until the next check after a success: about a quarter of the expected gap between two
 * articles (so a new one waits 1/8 of the gap on average), within 5 min .. 24 h; 30 min while
 * unknown. A server's Cache-Control max-age or Retry-After is respected as a lower bound.
 */
export function nextIntervalMs(articlesPerDay: number, serverMinimumMs: number | null = null): number {
  let interval: number = schedulePolicy.defaultIntervalMs;
  if (articlesPerDay > 0) interval = (24 * HOUR) / articlesPerDay / 4;
  if (serverMinimumMs !== null) interval = Math.max(interval, serverMinimumMs);
  return Math.round(Math.min(schedulePolicy.maxIntervalMs, Math.max(schedulePolicy.minIntervalMs, interval)));
}

/**
 * Delay before retrying after the n-th consecutive failure (n ≥ 1): 5 min doubling each time,
 * capped at 24 h, with ±20 % jitter so that sources failing together do not retry together.
 * `random` returns a number in [0, 1).
 */
export function backoffMs(consecutiveFailures: number, random: () => number, retryAfterMs: number | null = null): number {
  const exponent = Math.max(0, Math.min(consecutiveFailures - 1, 20));
  const base = Math.min(schedulePolicy.backoffMaxMs, schedulePolicy.backoffBaseMs * 2 ** exponent);
  const jittered = Math.min(schedulePolicy.backoffMaxMs, base * (0.8 + 0.4 * random()));
  return Math.round(retryAfterMs !== null ? Math.max(jittered, Math.min(retryAfterMs, schedulePolicy.backoffMaxMs)) : jittered);
}

/** True when a source has been failing for so long (7 days) that it should be paused. */
export function shouldPause(failingSince: number | null, now: number): boolean {
  return failingSince !== null && now - failingSince >= schedulePolicy.pauseAfterMs;
}
