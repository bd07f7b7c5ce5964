// The only place that opens sockets. For each new connection it resolves the host name itself, refuses
// it if any answer is a blocked address, dials exactly one of the checked addresses (so the address
// checked is the address connected: no second lookup to rebind), then checks the connected socket's
// peer address as the last line against DNS rebinding, and only then starts TLS.
import { promises as dns } from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import type { buildConnector } from 'undici';
import {
  type Allowlist, type ResolvedAddress, addressAllowed, canonicalName, isLocalhostName, localhostAddresses, parseAddress,
  refuseAddress, refuseHost,
} from './address-guard.js';
import { FetchError } from './fetch-error.js';

/** Where the connector is about to dial: an address it has checked, under the URL's host name. */
export interface DialTarget {
  hostname: string;
  address: string;
  family: 4 | 6;
  port: number;
  tls: boolean;
}

/** Opens the TCP connection to a checked address; tests replace it so that nothing leaves loopback. */
export type Dialer = (target: DialTarget) => net.Socket;

/** Resolves a host name to all its addresses; tests replace it to stub DNS. */
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

/** Settings of the guarded connector. */
export interface ConnectorOptions {
  allowlist: Allowlist;
  connectTimeoutMs: number;
  lookup?: Lookup;
  dial?: Dialer;
  /** Extra TLS options (a private CA in tests). */
  tls?: tls.ConnectionOptions;
}

/** The system resolver: every address, in the order the system prefers. */
export async function systemLookup(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await dns.lookup(hostname, { all: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

function defaultDial(target: DialTarget): net.Socket {
  return net.connect({ host: target.address, port: target.port, family: target.family });
}

/** An undici `connect` function that enforces the SSRF guard on every connection it opens. */
export function createGuardedConnector(options: ConnectorOptions): buildConnector.connector {
  const lookup = options.lookup ?? systemLookup;
  const dial = options.dial ?? defaultDial;

  return (params, callback) => {
    const hostname = params.hostname.replace(/^\[(.*)\]$/, '$1');
    const isTls = params.protocol === 'https:';
    const port = Number(params.port) || (isTls ? 443 : 80);
    let pending: net.Socket | null = null;
    let timedOut = false;
    let settled = false;
    const finish = (err: Error | null, socket: net.Socket | null): void => {
      if (settled) {
        socket?.destroy();
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (err) {
        pending?.destroy();
        callback(err, null);
      } else if (socket) {
        callback(null, socket);
      }
    };
    // Covers the lookup, the TCP handshake and the TLS handshake together.
    const deadline = Date.now() + options.connectTimeoutMs;
    const timer = setTimeout(() => {
      timedOut = true;
      pending?.destroy();
      finish(connectTimeout(hostname, options.connectTimeoutMs), null);
    }, options.connectTimeoutMs);

    const open = async (): Promise<net.Socket> => {
      const refusal = refuseHost(options.allowlist, hostname);
      if (refusal) throw new FetchError('blocked_address', refusal);
      const addresses = await resolve(hostname, lookup, options.allowlist);
      for (const { address } of addresses) {
        const refused = refuseAddress(options.allowlist, hostname, address);
        if (refused) throw new FetchError('blocked_address', refused);
      }
      let lastError: unknown = null;
      for (const [index, target] of addresses.entries()) {
        if (timedOut) break;
        // A silent address must not use up the whole budget while others wait: each attempt but the
        // last gets an equal share of the time left (a plain form of RFC 8305's fallback).
        const attemptsLeft = addresses.length - index;
        const attemptMs = attemptsLeft > 1 ? Math.max(250, (deadline - Date.now()) / attemptsLeft) : null;
        try {
          const socket = await dialChecked({ hostname, address: target.address, family: target.family, port, tls: isTls }, attemptMs);
          return isTls ? await startTls(socket, hostname) : socket;
        } catch (err) {
          pending?.destroy();
          if (err instanceof FetchError && err.code === 'blocked_address') throw err;
          lastError = err;
        }
      }
      if (timedOut) throw connectTimeout(hostname, options.connectTimeoutMs);
      if (lastError instanceof FetchError) throw lastError;
      const code = (lastError as { code?: string } | null)?.code ?? 'error';
      throw new FetchError('connect_failed', `could not connect to ${hostname}:${port} (${code})`, { cause: lastError });
    };

    const dialChecked = async (target: DialTarget, attemptMs: number | null): Promise<net.Socket> => {
      const socket = dial(target);
      pending = socket;
      if (socket.connecting || socket.remoteAddress === undefined) {
        await new Promise<void>((resolveConnect, reject) => {
          const attempt = attemptMs === null ? null : setTimeout(() => {
            socket.destroy(Object.assign(new Error(`no answer from ${target.address}`), { code: 'ETIMEDOUT' }));
          }, attemptMs);
          const done = (): void => {
            if (attempt) clearTimeout(attempt);
            socket.off('connect', onConnect);
            socket.off('error', onError);
            socket.off('close', onClose);
          };
          const onError = (err: Error): void => { done(); reject(err); };
          const onClose = (): void => { done(); reject(timedOut ? connectTimeout(hostname, options.connectTimeoutMs) : new Error('socket closed')); };
          const onConnect = (): void => { done(); resolveConnect(); };
          socket.once('connect', onConnect);
          socket.once('error', onError);
          socket.once('close', onClose);
        });
      }
      // The peer we actually reached, whatever resolved or dialled it (DNS rebinding, a stray resolver).
      const peer = socket.remoteAddress;
      const refused = peer === undefined
        ? `the connection to ${hostname} has no peer address`
        : refuseAddress(options.allowlist, hostname, peer, `the connection to ${canonicalName(hostname)} reached ${peer}, which`);
      if (refused) {
        socket.destroy();
        throw new FetchError('blocked_address', refused);
      }
      // A late error between here and undici taking the socket over must not crash the process.
      socket.on('error', () => undefined);
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 60_000);
      return socket;
    };

    const startTls = (socket: net.Socket, name: string): Promise<tls.TLSSocket> => new Promise((resolveTls, reject) => {
      const secure = tls.connect({
        ...options.tls,
        socket,
        host: name,
        // SNI carries names only (RFC 6066 §3); certificate checks use `host` for IP literals.
        ...(parseAddress(name) ? {} : { servername: name }),
        ALPNProtocols: ['http/1.1'],
      });
      pending = secure;
      secure.once('secureConnect', () => { secure.off('error', reject); resolveTls(secure); });
      secure.once('error', (err) => {
        reject(new FetchError('connect_failed', `TLS with ${name} failed (${(err as { code?: string }).code ?? err.message})`, { cause: err }));
      });
    });

    open().then(
      (socket) => finish(null, socket),
      (err: unknown) => finish(err instanceof Error ? err : new Error(String(err)), null),
    );
  };
}

function connectTimeout(hostname: string, ms: number): FetchError {
  return new FetchError('connect_timeout', `connecting to ${hostname} took longer than ${ms / 1000} s`);
}

async function resolve(hostname: string, lookup: Lookup, allowlist: Allowlist): Promise<ResolvedAddress[]> {
  const literal = parseAddress(hostname);
  if (literal) return [{ address: literal.toString(), family: literal.kind() === 'ipv4' ? 4 : 6 }];
  if (isLocalhostName(hostname)) {
    // Allowing 127.0.0.1/32 makes http://localhost/ usable: keep the loopback addresses the operator allowed.
    const loopback = localhostAddresses();
    const allowed = loopback.filter(({ address }) => addressAllowed(allowlist, address));
    return allowed.length > 0 ? allowed : loopback;
  }
  let answers: ResolvedAddress[];
  try {
    answers = await lookup(hostname);
  } catch (err) {
    const code = (err as { code?: string } | null)?.code ?? (err as Error).message;
    throw new FetchError('dns_failed', `could not resolve ${canonicalName(hostname)} (${code})`, { cause: err });
  }
  const valid = answers.filter((answer) => net.isIP(answer.address) !== 0);
  if (valid.length === 0 || valid.length !== answers.length) {
    throw new FetchError('dns_failed', `could not resolve ${canonicalName(hostname)} (no usable address)`);
  }
  return valid;
}
