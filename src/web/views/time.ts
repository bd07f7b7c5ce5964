// Times in words for pages and the CLI: "3 min ago", "in 2 h", "never".

/** A relative time such as "5 min ago" or "in 2 h" for `then` seen from `now` (ms). */
export function relativeTime(then: number | null | undefined, now: number): string {
  if (then === null || then === undefined) return 'never';
  const diff = then - now;
  const abs = Math.abs(diff);
  const units: Array<[number, string]> = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min']];
  let text = 'now';
  for (const [size, unit] of units) {
    if (abs >= size) {
      text = `${Math.floor(abs / size)} ${unit}`;
      break;
    }
  }
  if (abs < 60_000) return diff > 0 ? 'in less than a minute' : 'just now';
  return diff > 0 ? `in ${text}` : `${text} ago`;
}

/** An absolute UTC time as "2026-03-02 14:05 UTC". */
export function absoluteTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** When a source is checked next, in words: "due now" once the time has come. */
export function nextCheckWords(next: number, now: number): string {
  return next <= now ? 'due now' : relativeTime(next, now);
}
