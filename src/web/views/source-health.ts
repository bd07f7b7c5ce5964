// A source's health in words, shared by the site and `topstory sources`.
import type { SourceRow } from '../../store/schema.js';
import { relativeTime } from './time.js';

/** Whether a source is fine, failing, paused or not yet checked, with a sentence an operator understands. */
export function sourceHealth(source: SourceRow, now: number): { state: 'ok' | 'failing' | 'paused' | 'new'; words: string } {
  if (source.status === 'paused') return { state: 'paused', words: `paused${source.paused_reason ? `: ${source.paused_reason}` : ''}` };
  if (source.consecutive_failures > 0) {
    return {
      state: 'failing',
      words: `failing since ${relativeTime(source.failing_since, now)} (${source.consecutive_failures} failed checks): ${source.last_error ?? 'unknown error'}`,
    };
  }
  if (source.last_success_at === null) return { state: 'new', words: 'not checked yet' };
  return { state: 'ok', words: `ok, last checked ${relativeTime(source.last_success_at, now)}` };
}
