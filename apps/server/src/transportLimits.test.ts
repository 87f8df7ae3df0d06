// Transport limits: a client that trickles its headers is answered 408 and dropped within the
// headers timeout, and the connection past the per-address cap is refused with 429, HTTP and
// WebSocket alike, while the others keep working.
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type SyncTestApp, startSyncApp } from './testing/syncClients.ts';

function portOf(t: SyncTestApp): number {
  return Number(new URL(t.wsUrl.replace('ws:', 'http:')).port);
}

/** A raw TCP client that collects what the server sends and when it closes. */
function rawClient(port: number) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk;
  });
  socket.on('error', () => {});
  const opened = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, opened, closed, received: () => received };
}

describe('transport limits', () => {
  let t: SyncTestApp;
  const sockets: Socket[] = [];
  beforeEach(async () => {
    t = await startSyncApp({
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_MAX_CONNECTIONS_PER_ADDRESS: '3',
    });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await t.close();
  });

  it('drops a client that sends one header byte at a time, with 408, within the headers timeout', async () => {
    const client = rawClient(portOf(t));
    sockets.push(client.socket);
    await client.opened;
    const started = Date.now();
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const trickle = setInterval(() => client.socket.write('X'), 200);
    await client.closed;
    clearInterval(trickle);
    const elapsed = Date.now() - started;
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
    // The timeout, plus at most the server's 500 ms checking interval and a loaded machine's slack.
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('refuses the connection past the per-address cap with 429, and admits one again once another closes', async () => {
    const port = portOf(t);
    const held = [rawClient(port), rawClient(port), rawClient(port)];
    sockets.push(...held.map((c) => c.socket));
    await Promise.all(held.map((c) => c.opened));

    const extra = rawClient(port);
    sockets.push(extra.socket);
    await extra.closed;
    expect(extra.received()).toMatch(/^HTTP\/1\.1 429 Too Many Requests/);
    expect(extra.received()).toContain('the limit is 3');

    const ws = new WebSocket(`${t.wsUrl}/00000000-0000-0000-0000-000000000000`);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      ws.on('error', () => {});
    });
    expect(status).toBe(429);

    const first = held[0] as (typeof held)[number];
    first.socket.destroy();
    await first.closed;
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    const again = rawClient(port);
    sockets.push(again.socket);
    await again.opened;
    again.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    await again.closed;
    expect(again.received()).toMatch(/^HTTP\/1\.1 200/);
  });
});
