// A time as a page shows it: the machine-readable <time>, the absolute time in words, and how long ago.
import { absoluteTime, relativeTime } from './time.js';

/** A `<time>` showing "2026-03-02 14:05 UTC (3 h ago)", or only the relative part when `short`. */
export function When(props: { at: number; now: number; short?: boolean }) {
  const iso = new Date(props.at).toISOString();
  if (props.short) return <time datetime={iso} title={absoluteTime(props.at)}>{relativeTime(props.at, props.now)}</time>;
  return <time datetime={iso}>{absoluteTime(props.at)} ({relativeTime(props.at, props.now)})</time>;
}
