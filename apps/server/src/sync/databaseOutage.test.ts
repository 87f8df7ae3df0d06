// A database outage: PostgreSQL becomes unreachable (a TCP proxy in front of it is cut) while
// clients type. Live editing goes on, nothing is reported saved, /healthz answers 503, and once
// the database is back every accepted edit is stored. Needs a PostgreSQL server to cut off, so it
// runs in the postgres-server project only.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import {
  articleString,
  eventually,
  openClient,
  paragraphText,
  savedAll,
  seedCollabDocument,
  synced,
} from '../testing/collabClients.ts';
import { createEmptyServerDatabase } from '../testing/emptyTestDatabase.ts';
import { testDatabaseKind } from '../testing/testDatabase.ts';
import { PostgresPersistence } from './PostgresPersistence.ts';

/** Forwards a local port to PostgreSQL until cut; cutting drops every connection and refuses new ones. */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async cut(): Promise<void> {
    const server = this.server;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
    this.server = undefined;
  }
}

describe.runIf(testDatabaseKind() === 'server')('database outage', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('editing goes on, nothing is reported saved, and every accepted edit is stored once it is back', async () => {
    const empty = await createEmptyServerDatabase();
    cleanups.push(() => empty.drop());
    const direct = new URL(empty.url);
    const proxy = new CuttableProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.open();
    cleanups.push(() => proxy.cut());
    const viaProxy = new URL(empty.url);
    viaProxy.port = String(proxy.port);
    const db: Database = await openDatabase({ kind: 'server', url: viaProxy.toString() });
    await migrate(db.sql);
    const { token, documentId } = await seedCollabDocument(db.sql, 'outage');
    const app = await buildApp({
      config: loadConfig({ WEB_DIST: '', COLLAB_BATCH_MS: '20' }),
      db: db.sql,
      logger: false,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const wsUrl = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/collab`;
    cleanups.push(async () => {
      await app.close();
      await db.close();
    });

    const writer = openClient(wsUrl, documentId, token);
    const reader = openClient(wsUrl, documentId, token);
    cleanups.push(async () => {
      writer.destroy();
      reader.destroy();
    });
    await Promise.all([synced(writer), synced(reader)]);
    paragraphText(writer.doc).insert(0, '<before>');
    await eventually(() => savedAll(writer), 'the first edit saved');

    await proxy.cut();
    const marks: string[] = [];
    for (let i = 0; i < 20; i++) {
      marks.push(`<during ${i}>`);
      paragraphText(writer.doc).insert(0, `<during ${i}>`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await eventually(() => articleString(reader.doc).includes('<during 19>'), 'live editing');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(savedAll(writer)).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(503);

    await proxy.open(); // the database is reachable again, on the same port
    await eventually(() => savedAll(writer), 'everything saved after the outage', 15_000);
    const stored = await new PostgresPersistence(db.sql).load(documentId);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, stored!);
    for (const mark of ['<before>', ...marks]) expect(articleString(restored)).toContain(mark);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  }, 60_000);
});
