// Crash safety: the server runs as a child process and is killed with SIGKILL while stock
// y-websocket clients type. After a restart the clients reconnect and restore what the
// server lost; every edit ends up in PostgreSQL, and nothing reported saved is ever lost.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type DatabaseTarget, openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import {
  createEmptyServerDatabase,
  type EmptyServerDatabase,
} from '../testing/emptyTestDatabase.ts';
import { BUILT_SERVER, type ChildExit, freePort, killChild } from '../testing/serverProcess.ts';
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

interface Fixture {
  target: DatabaseTarget;
  env: NodeJS.ProcessEnv;
  token: string;
  documentId: string;
  cleanup(): Promise<void>;
}

async function seed(): Promise<Fixture> {
  let target: DatabaseTarget;
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  if (testDatabaseKind() === 'server') {
    const empty: EmptyServerDatabase = await createEmptyServerDatabase();
    target = { kind: 'server', url: empty.url };
    env = { DATABASE_URL: empty.url };
    cleanup = () => empty.drop();
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'factdesk-crash-'));
    target = { kind: 'embedded', dataDir };
    env = { DATA_DIR: dataDir };
    cleanup = () => rm(dataDir, { recursive: true, force: true });
  }
  const db = await openDatabase(target);
  try {
    await migrate(db.sql);
    const { token, documentId } = await seedSyncDocument(db.sql, 'crash');
    return { target, env, token, documentId, cleanup };
  } finally {
    await db.close();
  }
}

async function storedText(target: DatabaseTarget, documentId: string): Promise<string> {
  const db = await openDatabase(target);
  try {
    const state = await new PostgresPersistence(db.sql).load(documentId);
    const doc = new Y.Doc();
    if (state) Y.applyUpdate(doc, state);
    return articleString(doc);
  } finally {
    await db.close();
  }
}

class ServerProcess {
  child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async start() {
    this.child = spawn(process.execPath, [BUILT_SERVER], {
      env: {
        ...process.env,
        ...this.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        WEB_DIST: '',
        LOG_LEVEL: 'error',
        COLLAB_BATCH_MS: '50',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const until = Date.now() + 30_000;
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > until) throw new Error('server did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(signal: NodeJS.Signals): Promise<ChildExit | undefined> {
    return this.child && killChild(this.child, signal);
  }
}

describe('crash safety', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('after repeated SIGKILLs every edit any client made is in PostgreSQL and clients converge', async () => {
    const fixture = await seed();
    const server = new ServerProcess(await freePort(), fixture.env);
    cleanups.push(fixture.cleanup, () => server.stop('SIGKILL'));
    await server.start();
    const wsUrl = `ws://127.0.0.1:${server.port}/collab`;
    const clients = [0, 1, 2].map(() => openClient(wsUrl, fixture.documentId, fixture.token));
    cleanups.push(async () => {
      for (const client of clients) client.destroy();
    });
    await Promise.all(clients.map(synced));
    paragraphText(clients[0]!.doc).insert(0, '|');
    await eventually(() => clients.every((c) => articleString(c.doc).includes('|')), 'first edit');

    const marks: string[] = [];
    const type = async (round: number, count: number) => {
      for (let i = 0; i < count; i++) {
        clients.forEach((client, c) => {
          const mark = `<${round}.${c}.${i}>`;
          marks.push(mark);
          paragraphText(client.doc).insert(0, mark);
        });
        // Typing spread over time, so the kills land between and inside group commits.
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    };
    for (let round = 0; round < 3; round++) {
      await type(round, 8);
      await server.stop('SIGKILL'); // some of those edits were never stored
      await type(round + 100, 3); // typed while the server is down
      await server.start();
      await eventually(() => clients.every(savedAll), `round ${round}: everything saved`, 15_000);
    }
    const expected = articleString(clients[0]!.doc);
    expect(clients.every((c) => articleString(c.doc) === expected)).toBe(true);
    expect(await server.stop('SIGTERM'), 'a clean exit after storing').toEqual({
      code: 0,
      signal: null,
    });
    const stored = await storedText(fixture.target, fixture.documentId);
    for (const mark of marks) expect(stored).toContain(mark);
  }, 120_000);

  it('when clients die with the server, every edit reported saved before the kill survives', async () => {
    const fixture = await seed();
    const server = new ServerProcess(await freePort(), fixture.env);
    cleanups.push(fixture.cleanup, () => server.stop('SIGKILL'));
    await server.start();
    const wsUrl = `ws://127.0.0.1:${server.port}/collab`;
    const client = openClient(wsUrl, fixture.documentId, fixture.token);
    await synced(client);
    // Which marks the server had reported saved, checked after each edit.
    const written: { mark: string; clock: number }[] = [];
    for (let i = 0; i < 40; i++) {
      const mark = `<${i}>`;
      paragraphText(client.doc).insert(0, mark);
      written.push({
        mark,
        clock: Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(client.doc.clientID) ?? 0,
      });
      // Typing spread over time, so the saved signal moves while the client types.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const savedClock = client.saved().get(client.doc.clientID) ?? 0;
    await server.stop('SIGKILL');
    client.destroy(); // the client's unsaved edits die with it
    const reportedSaved = written.filter((w) => w.clock <= savedClock);
    expect(reportedSaved.length).toBeGreaterThan(0);
    await server.start(); // the embedded database reopens cleanly after the kill
    expect(await server.stop('SIGTERM'), 'a clean exit').toEqual({ code: 0, signal: null });
    const stored = await storedText(fixture.target, fixture.documentId);
    for (const { mark } of reportedSaved) expect(stored).toContain(mark);
  }, 60_000);
});
