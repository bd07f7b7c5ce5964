// https through the guarded connector: the certificate is checked against the URL's host name (SNI
// sent for names, not for IP literals) although the socket was dialled to a checked address.
// Uses a throwaway certificate made with openssl; skipped where openssl is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFetcher } from '../../src/fetch/index.js';
import { USER_AGENT, errorOf, stubLookup } from './loopback.js';

function makeCertificate(): { key: string; cert: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'topstory-fetch-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=feeds.test',
      '-addext', 'subjectAltName=DNS:feeds.test,IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const certificate = makeCertificate();
const skip = certificate ? false : 'openssl is not available to make a test certificate';

describe('https', { skip }, () => {
  let server: Server;
  let port = 0;
  const servernames: (string | false | null)[] = [];
  before(async () => {
    server = createServer({ key: certificate?.key, cert: certificate?.cert }, (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`secure ${req.url}`);
    });
    server.on('secureConnection', (socket) => servernames.push(socket.servername));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function fetcherFor(allowPrivate: string) {
    return createFetcher({
      userAgent: USER_AGENT, allowPrivate, perHostIntervalMs: 0, respectRobots: false,
      lookup: stubLookup({ 'feeds.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] }),
      tls: { ca: certificate?.cert ?? '' },
    });
  }

  it('a name whose certificate matches: fetched, with SNI', async () => {
    const fetcher = fetcherFor('feeds.test');
    try {
      const response = await fetcher.fetch({ url: `https://feeds.test:${port}/feed` });
      assert.equal(Buffer.from(response.body).toString(), 'secure /feed');
      assert.equal(response.charset, 'utf-8');
      assert.equal(servernames.at(-1), 'feeds.test');
    } finally {
      await fetcher.close();
    }
  });

  it('an IP literal is checked against the certificate\'s IP name', async () => {
    const fetcher = fetcherFor('127.0.0.1/32');
    try {
      const response = await fetcher.fetch({ url: `https://127.0.0.1:${port}/ip` });
      assert.equal(Buffer.from(response.body).toString(), 'secure /ip');
    } finally {
      await fetcher.close();
    }
  });

  it('a name the certificate does not cover is refused', async () => {
    const fetcher = fetcherFor('other.test');
    try {
      const err = await errorOf(fetcher.fetch({ url: `https://other.test:${port}/feed` }));
      assert.equal(err.code, 'connect_failed');
      assert.match(err.message, /^TLS with other\.test failed \(ERR_TLS_CERT_ALTNAME_INVALID\)$/);
    } finally {
      await fetcher.close();
    }
  });
});
