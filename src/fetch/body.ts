// Reading a response body: undo its Content-Encoding (gzip, deflate, br) with node:zlib streams and
// stop as soon as the decompressed size passes the cap, so a compression bomb costs at most the cap
// in memory (streams keep their backpressure; nothing is inflated ahead of the counter).
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FetchError, formatBytes } from './fetch-error.js';

// Browsers and undici's fetch also end a truncated stream quietly instead of failing it.
const ZLIB_OPTIONS = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_OPTIONS = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

/** Content codings we undo (RFC 9110 §8.4.1), sorted; "deflate" means zlib-wrapped but raw is seen in the wild. */
const DECODERS: readonly (readonly [coding: string, create: (firstChunk: Buffer | undefined) => Transform])[] = [
  ['br', () => zlib.createBrotliDecompress(BROTLI_OPTIONS)],
  ['deflate', (first) => (isZlibHeader(first) ? zlib.createInflate(ZLIB_OPTIONS) : zlib.createInflateRaw(ZLIB_OPTIONS))],
  ['gzip', () => zlib.createGunzip(ZLIB_OPTIONS)],
  ['x-gzip', () => zlib.createGunzip(ZLIB_OPTIONS)],
];

/** The value we send as Accept-Encoding: exactly what we can undo. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

// RFC 1950 §2.2: CM = 8 and the header checksum is a multiple of 31.
function isZlibHeader(chunk: Buffer | undefined): boolean {
  if (!chunk || chunk.length < 2) return true;
  const [cmf = 0, flg = 0] = chunk;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

/** The codings of a Content-Encoding header in the order they were applied; throws bad_encoding for unknown ones. */
export function parseContentEncoding(value: string | null): string[] {
  if (value === null) return [];
  const codings = value.split(',').map((part) => part.trim().toLowerCase()).filter((part) => part !== '' && part !== 'identity');
  for (const coding of codings) {
    if (!DECODERS.some(([name]) => name === coding)) {
      throw new FetchError('bad_encoding', `response uses the unsupported content encoding "${coding}"`);
    }
  }
  return codings;
}

class CapReached extends Error {}

/**
 * Reads `body` to the end, decoded, into one array. Past `maxBytes` it throws too_large, or with
 * `truncate` returns the first `maxBytes` bytes (robots.txt: RFC 9309 §2.5 asks for at least 500 KiB).
 */
export async function readBody(
  body: Readable,
  codings: string[],
  maxBytes: number,
  options: { truncate?: boolean } = {},
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  let capReached = false;
  let source: Readable = body;
  let firstChunk: Buffer | undefined;
  // The innermost coding (the last listed) is undone first; deflate needs its first bytes to pick zlib or raw.
  if (codings[codings.length - 1] === 'deflate') {
    const iterator = body[Symbol.asyncIterator]();
    const first = await iterator.next();
    firstChunk = first.done ? undefined : Buffer.from(first.value as Uint8Array);
    source = Readable.from((async function* () {
      if (firstChunk) yield firstChunk;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
    })(), { objectMode: false });
  }
  const stages: Transform[] = [];
  for (let i = codings.length - 1; i >= 0; i--) {
    const entry = DECODERS.find(([name]) => name === codings[i]);
    if (entry) stages.push(entry[1](i === codings.length - 1 ? firstChunk : undefined));
  }
  const collect = async (decoded: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of decoded) {
      const room = maxBytes - total;
      if (chunk.length > room) {
        if (options.truncate && room > 0) chunks.push(chunk.subarray(0, room));
        total += chunk.length;
        capReached = true;
        throw new CapReached();
      }
      chunks.push(chunk);
      total += chunk.length;
    }
  };
  try {
    // pipeline's typings do not cover a spread of stages ending in an async function; the runtime does.
    await (pipeline as (...streams: unknown[]) => Promise<void>)(source, ...stages, collect);
  } catch (err) {
    // Tearing the pipeline down may surface another stream's error first: the flag is what counts.
    if (capReached || err instanceof CapReached) {
      discard(body);
      if (options.truncate) return new Uint8Array(Buffer.concat(chunks));
      throw new FetchError('too_large', `response larger than ${formatBytes(maxBytes)}`);
    }
    if (isZlibError(err)) {
      throw new FetchError('bad_encoding', `the ${codings.join(', ')} body could not be decoded (${(err as Error).message})`, { cause: err });
    }
    throw err;
  }
  const all = Buffer.concat(chunks, total);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}

/** Drops a response body we no longer want; its late 'aborted' error is expected and swallowed. */
export function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR');
}
