// A database outage: PostgreSQL becomes unreachable (a TCP proxy in front of it is cut) while
// clients type. Live editing goes on, nothing is reported saved, /healthz answers 503, retries
// stay at most one a second per document, and once the database is back every accepted edit is
// stored and every writer told so within 5 s (a probe notices, every document retries at once). Needs a PostgreSQL server to cut off, so it
// runs in the postgres-server project only.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { createEmptyServerDatabase } from '../testing/emptyTestDatabase.ts';
import {
  articleString,
  eventually,
  openClient,
  paragraphText,
  savedAll,
  seedSyncDocument,
  synced,
} from '../testing/syncClients.ts';
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

/** How long the database stays cut: 3 s by default; FACTDESK_OUTAGE_MS=60000 measures a long one. */
const OUTAGE_MS = Number(process.env.FACTDESK_OUTAGE_MS ?? 3_000);

describe.runIf(testDatabaseKind() === 'server')('database outage', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it(
    'editing goes on, nothing is reported saved, and every accepted edit is stored once it is back',
    async () => {
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
      // Several documents, two writers each: the saved signal must reach every one of them.
      const seeded = await Promise.all(
        [0, 1, 2, 3].map((i) => seedSyncDocument(db.sql, `outage${i}`)),
      );
      const app = await buildApp({
        config: loadConfig({ WEB_DIST: '', COLLAB_BATCH_MS: '20' }),
        db: db.sql,
        logger: process.env.DEBUG_COLLAB_TESTS ? { level: 'info' } : false,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      const wsUrl = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/collab`;
      cleanups.push(async () => {
        await app.close();
        await db.close();
      });

      const writers = seeded.flatMap(({ token, documentId }) => [
        openClient(wsUrl, documentId, token),
        openClient(wsUrl, documentId, token),
      ]);
      const reader = openClient(wsUrl, seeded[0]!.documentId, seeded[0]!.token);
      cleanups.push(async () => {
        for (const client of [...writers, reader]) client.destroy();
      });
      await Promise.all([...writers, reader].map(synced));
      for (const writer of writers) paragraphText(writer.doc).insert(0, '<before>');
      await eventually(() => writers.every(savedAll), 'the first edits saved');

      await proxy.cut();
      const cutAt = Date.now();
      const marks: string[] = [];
      for (let i = 0; i < 20; i++) {
        marks.push(`<during ${i}>`);
        for (const writer of writers) paragraphText(writer.doc).insert(0, `<during ${i}>`);
        // Typing spread over the outage, as people keep typing through it.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await eventually(() => articleString(reader.doc).includes('<during 19>'), 'live editing');
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unavailable' });
      expect(writers.some(savedAll)).toBe(false);
      // Retries stay at most one a second per document (plus the first failure of each).
      await eventually(() => Date.now() - cutAt > OUTAGE_MS, 'the outage', OUTAGE_MS + 5_000);
      const failedSaves = await metric(app, 'factdesk_collab_failed_saves_total');
      const outageSeconds = (Date.now() - cutAt) / 1000;
      expect(failedSaves).toBeLessThanOrEqual(seeded.length * (Math.ceil(outageSeconds) + 1));
      expect(await metric(app, 'factdesk_collab_failing_save_documents')).toBe(seeded.length);
      expect(await metric(app, 'factdesk_collab_unsaved_bytes')).toBeGreaterThan(0);
      expect(writers.some(savedAll)).toBe(false);

      await proxy.open(); // the database is reachable again, on the same port
      const backAt = Date.now();
      await eventually(
        () => writers.every(savedAll),
        'every writer saved after the outage',
        15_000,
      );
      const recoveryMs = Date.now() - backAt;
      console.info(
        `database outage: ${writers.length} writers on ${seeded.length} documents saved ${recoveryMs} ms after the database came back (${failedSaves} failed saves in ${outageSeconds.toFixed(1)} s)`,
      );
      expect(recoveryMs).toBeLessThan(5_000);
      for (const { documentId } of seeded) {
        const stored = await new PostgresPersistence(db.sql).load(documentId);
        const restored = new Y.Doc();
        Y.applyUpdate(restored, stored!);
        for (const mark of ['<before>', ...marks]) expect(articleString(restored)).toContain(mark);
      }
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      expect(await metric(app, 'factdesk_collab_unsaved_bytes')).toBe(0);
    },
    OUTAGE_MS + 60_000,
  );
});

/** A gauge or counter's value from /metrics. */
async function metric(app: FastifyInstance, name: string): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no metric ${name}`);
  return Number(line.slice(name.length + 1));
}
