// Archiving against a stand-in archive service on 127.0.0.1 that answers as Save Page Now does.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundLimits } from '../outbound/fetchOutside.ts';
import { ArchiveFailure, archiveLink } from './archiveLink.ts';

let server: Server;
let origin: string;
let mode: 'redirect' | 'content-location' | 'down' | 'silent' = 'redirect';
const requests: IncomingMessage[] = [];
const limits: OutboundLimits = {
  timeoutMs: 2_000,
  maxBytes: 1024,
  maxRedirects: 3,
  allowAddresses: new Set(['127.0.0.1']),
};

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request);
    const path = request.url ?? '/';
    if (path.startsWith('/web/')) return void response.end('the copy');
    const saved = path.replace(/^\/save\//, '');
    if (mode === 'down') return void response.writeHead(503).end();
    if (mode === 'silent') return void response.end('saved, somewhere');
    if (mode === 'content-location') {
      return void response.writeHead(200, { 'content-location': `/web/20261206/${saved}` }).end();
    }
    response.writeHead(302, { location: `/web/20261206/${saved}` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const service = () => ({ endpoint: `${origin}/save/`, authorization: 'LOW key:secret' });

describe('archiving an evidence link', () => {
  it('returns the copy the service redirected to, sending its credentials to it only', async () => {
    mode = 'redirect';
    const copy = await archiveLink('https://insee.fr/chomage', service(), limits);
    expect(copy).toBe(`${origin}/web/20261206/https://insee.fr/chomage`);
    expect(requests.at(-2)?.headers.authorization).toBe('LOW key:secret');
  });

  it('reads the copy from Content-Location', async () => {
    mode = 'content-location';
    expect(await archiveLink('https://insee.fr/a', service(), limits)).toBe(
      `${origin}/web/20261206/https://insee.fr/a`,
    );
  });

  it('says so when the service is down', async () => {
    mode = 'down';
    await expect(archiveLink('https://insee.fr/a', service(), limits)).rejects.toThrow(
      new ArchiveFailure('The archive service answered 503; try again later.'),
    );
  });

  it('says so when the service cannot be reached', async () => {
    const closed = { endpoint: 'http://127.0.0.1:9/save/', authorization: undefined };
    await expect(archiveLink('https://insee.fr/a', closed, limits)).rejects.toThrow(
      /could not be reached: 127\.0\.0\.1:9 did not answer/,
    );
  });

  it('says so when the service does not say where the copy is', async () => {
    mode = 'silent';
    await expect(archiveLink('https://insee.fr/a', service(), limits)).rejects.toThrow(
      'did not say where the copy is',
    );
  });
});
