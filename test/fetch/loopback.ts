// Loopback HTTP servers the fetcher tests start themselves, and a stub dialer that routes a checked
// public address to one of them, so that no test ever connects outside 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { DialTarget, Dialer } from '../../src/fetch/index.js';

export const USER_AGENT = 'Topstory/0.1.0 (+http://topstory.test/)';

/** A request as the server saw it. */
export interface SeenRequest { path: string; headers: IncomingMessage['headers'] }

/** A running loopback server. */
export interface LoopbackServer {
  port: number;
  origin: string;
  requests: SeenRequest[];
  /** TCP connections accepted, whether or not a request followed. */
  connections: number;
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 with `handler`; every request is recorded first. */
export async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  const state = { connections: 0 };
  server.on('connection', () => { state.connections++; });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    get connections() { return state.connections; },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A canary: answers 200 to anything, so a test can assert that it saw nothing. */
export function startCanary(): Promise<LoopbackServer> {
  return startServer((_req, res) => res.end('canary reached'));
}

/**
 * A dialer that records every target and connects to `server` on loopback instead, making the socket
 * report the checked address as its peer (what a real connection to that address would report).
 */
export function routeTo(server: LoopbackServer, dialed: DialTarget[]): Dialer {
  return (target) => {
    dialed.push(target);
    const socket = net.connect({ host: '127.0.0.1', port: server.port });
    Object.defineProperty(socket, 'remoteAddress', { get: () => (socket.connecting ? undefined : target.address) });
    return socket;
  };
}

/** A dialer that records every target and fails like a refused connection. */
export function refuseAll(dialed: DialTarget[]): Dialer {
  return (target) => {
    dialed.push(target);
    const socket = new net.Socket();
    process.nextTick(() => socket.destroy(Object.assign(new Error('connect ECONNREFUSED (test dialer)'), { code: 'ECONNREFUSED' })));
    return socket;
  };
}

/** A stub DNS: names → addresses; anything else fails like NXDOMAIN. */
export function stubLookup(table: Record<string, string[]>): (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]> {
  return async (hostname) => {
    const answers = table[hostname.toLowerCase().replace(/\.$/, '')];
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

/** The code of the FetchError a promise rejects with (fails the test if it resolves). */
export async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string; status?: number; retryAfterMs?: number; name: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; message: string; status?: number; retryAfterMs?: number; name: string };
  }
  throw new Error('expected the fetch to fail, but it succeeded');
}
