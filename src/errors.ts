// Errors that name their layer and keep their cause, so the CLI can print `topstory: <layer>: <message>`
// and the web layer can answer with a status instead of a stack trace.

/** The layers that raise errors; each error names one. */
export type Layer =
  | 'cli' | 'config' | 'store' | 'fetch' | 'feeds' | 'extract' | 'sanitize' | 'text'
  | 'stories' | 'comments' | 'ingest' | 'web' | 'demo';

/** An error a user can act on: a layer, a stable code and a one-line message. */
export class TopstoryError extends Error {
  readonly layer: Layer;
  readonly code: string;
  /** Process exit status when this error ends a CLI command (2 = usage, 1 = failure). */
  readonly exitCode: number;

  constructor(layer: Layer, code: string, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TopstoryError';
    this.layer = layer;
    this.code = code;
    this.exitCode = options?.exitCode ?? 1;
  }
}

/** A usage error: wrong command, flag or value; exits 2. */
export class UsageError extends TopstoryError {
  constructor(layer: Layer, message: string) {
    super(layer, 'usage', message, { exitCode: 2 });
    this.name = 'UsageError';
  }
}

/** One line for stderr: `topstory: <layer>: <message>`, with newlines folded. */
export function formatError(err: unknown, fallbackLayer: Layer = 'cli'): string {
  const layer = err instanceof TopstoryError ? err.layer : fallbackLayer;
  const message = err instanceof Error ? err.message : String(err);
  return `topstory: ${layer}: ${message.replace(/\s*\n\s*/g, ' ').trim()}`;
}
