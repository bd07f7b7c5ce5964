// The fetcher's one error type: a stable code for the scheduler and a one-line message for the operator.
import { TopstoryError } from '../errors.js';

/** What went wrong, stable for code that decides whether and when to retry. */
export type FetchErrorCode = 'bad_url' | 'blocked_address' | 'robots_disallowed' | 'dns_failed' | 'connect_failed'
  | 'connect_timeout' | 'timeout' | 'too_large' | 'header_too_large' | 'too_many_redirects' | 'redirect_loop'
  | 'http_status' | 'rate_limited' | 'bad_encoding' | 'network';

/** A failed fetch (message without the layer: formatError prints `topstory: fetch: …`); `status` for HTTP answers, `retryAfterMs` when the server said when to come back. */
export class FetchError extends TopstoryError {
  declare readonly code: FetchErrorCode;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** The URL whose fetch failed (the hop, after redirects). */
  readonly url?: string;

  constructor(code: FetchErrorCode, message: string, options?: { cause?: unknown; status?: number; retryAfterMs?: number; url?: string }) {
    super('fetch', code, message, { cause: options?.cause });
    this.name = 'FetchError';
    if (options?.status !== undefined) this.status = options.status;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options?.url !== undefined) this.url = options.url;
  }
}

/** "10 MiB", "512 KiB", "300 bytes": sizes as an operator reads them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
