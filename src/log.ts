// Structured JSON logs on stderr (pino): constant messages, snake_case fields.
import pino, { type Logger } from 'pino';

export type { Logger };

/** The process logger at the configured level. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { pid: process.pid } }, pino.destination({ dest: 2, sync: false }));
}
