// The outbound client against real HTTP servers on 127.0.0.1 (the machine has no internet):
// what it refuses, what it follows, and that the connection goes where the check said.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusedAddressRange } from './addressPolicy.ts';
import { fetchOutside, type OutboundLimits, OutboundRefusal } from './fetchOutside.ts';

const LOCAL = new Set(['127.0.0.1']);
const limits: OutboundLimits = {
  timeoutMs: 2_000,
  maxBytes: 64 * 1024,
  maxRedirects: 3,
  allowAddresses: LOCAL,
};

let server: Server;
let origin: string;
const seen: IncomingMessage[] = [];

function routes(request: IncomingMessage, response: ServerResponse): void {
  seen.push(request);
  const url = new URL(request.url ?? '/', origin);
  const hops = Number(url.searchParams.get('hops') ?? 0);
  switch (url.pathname) {
    case '/ok':
      response.end('the evidence');
      return;
    case '/gone':
      response.statusCode = 404;
      response.end('not here');
      return;
    case '/chain':
      response.statusCode = 302;
      response.setHeader('location', hops > 1 ? `/chain?hops=${hops - 1}` : '/ok');
      response.end();
      return;
    case '/to-private':
      response.statusCode = 301;
      response.setHeader('location', 'http://169.254.169.254/latest/meta-data/');
      response.end();
      return;
    case '/to-other-origin':
      response.statusCode = 307;
      response.setHeader(
        'location',
        `http://localhost:${(server.address() as AddressInfo).port}/ok`,
      );
      response.end();
      return;
    case '/huge':
      response.write(Buffer.alloc(40 * 1024, 97));
      response.end(Buffer.alloc(40 * 1024, 98));
      return;
    case '/slow': {
      response.write('a');
      const timer = setInterval(() => response.write('a'), 200);
      response.on('close', () => clearInterval(timer));
      return;
    }
    default:
      response.statusCode = 500;
      response.end();
  }
}

beforeAll(async () => {
  server = createServer(routes);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function refusal(promise: Promise<unknown>): Promise<OutboundRefusal> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OutboundRefusal);
  return error as OutboundRefusal;
}

describe('addresses the server fetches from', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['::ffff:127.0.0.1', 'ipv4Mapped'],
    ['2002:7f00:1::1', '6to4'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2001:0:4136:e378::1', 'teredo'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusedAddressRange(address)).toBe(range);
  });

  it.each(['93.184.215.14', '2606:4700:4700::1111'])('allows the public address %s', (address) => {
    expect(refusedAddressRange(address)).toBeNull();
  });
});

describe('fetching a URL someone gave the server', () => {
  it('returns the status, body and final URL of a live link', async () => {
    const response = await fetchOutside(`${origin}/ok`, limits);
    expect(response.status).toBe(200);
    expect(Buffer.from(response.body).toString()).toBe('the evidence');
    expect(response.url).toBe(`${origin}/ok`);
    expect(response.redirects).toEqual([]);
  });

  it('reports a dead link as its status, not as a refusal', async () => {
    expect((await fetchOutside(`${origin}/gone`, limits)).status).toBe(404);
  });

  it('follows up to three redirects and says where it ended', async () => {
    const response = await fetchOutside(`${origin}/chain?hops=3`, limits);
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${origin}/ok`);
    expect(response.redirects).toHaveLength(3);
  });

  it('refuses a fourth redirect', async () => {
    const error = await refusal(fetchOutside(`${origin}/chain?hops=4`, limits));
    expect(error.code).toBe('redirects');
    expect(error.message).toContain('more than 3 redirects');
  });

  it('refuses a redirect to a private address without connecting to it', async () => {
    const error = await refusal(fetchOutside(`${origin}/to-private`, limits));
    expect(error.code).toBe('address');
    expect(error.message).toContain('169.254.169.254 (linkLocal)');
  });

  it('refuses this machine unless its address is allowed', async () => {
    const strict = { ...limits, allowAddresses: new Set<string>() };
    const error = await refusal(fetchOutside(`${origin}/ok`, strict));
    expect(error.code).toBe('address');
    expect(error.message).toContain('127.0.0.1 (loopback)');
  });

  it('refuses a host name when any of its addresses is private', async () => {
    const resolve = async () => ['93.184.215.14', '10.0.0.7'];
    const error = await refusal(fetchOutside('http://mixed.example/', limits, {}, resolve));
    expect(error.code).toBe('address');
    expect(error.message).toContain('10.0.0.7 (private)');
  });

  it('connects to the address it checked, whatever the name resolves to later', async () => {
    const port = (server.address() as AddressInfo).port;
    let lookups = 0;
    const resolve = async () => {
      lookups++;
      return ['127.0.0.1'];
    };
    const response = await fetchOutside(`http://evidence.example:${port}/ok`, limits, {}, resolve);
    expect(response.status).toBe(200);
    expect(lookups).toBe(1);
    expect(seen.at(-1)?.headers.host).toBe(`evidence.example:${port}`);
  });

  it('drops credentials when a redirect leaves the origin, keeps harmless headers', async () => {
    const headers = { authorization: 'LOW key:secret', 'user-agent': 'Factdesk link checker' };
    await fetchOutside(`${origin}/to-other-origin`, limits, { headers }, async () => ['127.0.0.1']);
    const last = seen.at(-1)!;
    expect(last.url).toBe('/ok');
    expect(last.headers.authorization).toBeUndefined();
    expect(last.headers['user-agent']).toBe('Factdesk link checker');
  });

  it('refuses a body past the size cap', async () => {
    const error = await refusal(fetchOutside(`${origin}/huge`, limits));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('65536 bytes');
  });

  it('gives up on a body that trickles past the time budget', async () => {
    const started = Date.now();
    const error = await refusal(fetchOutside(`${origin}/slow`, { ...limits, timeoutMs: 500 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('500 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it.each([
    ['ftp://files.example/report.pdf', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['https://user:secret@example.com/', 'credentials'],
  ])('refuses %s before any connection (%s)', async (url, code) => {
    const before = seen.length;
    expect((await refusal(fetchOutside(url, limits))).code).toBe(code);
    expect(seen.length).toBe(before);
  });

  it('says when nothing answers at the address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await refusal(fetchOutside(`http://127.0.0.1:${port}/`, limits));
    expect(error.code).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
  });
});
