// Sync tests' tools: the real app listening on 127.0.0.1, API tokens for its users, stock
// y-websocket clients (WebsocketProvider from the npm package, unchanged) and raw sockets.

import {
  type ConnectionIdentity,
  IDENTITY_EVENT,
  MESSAGE_EVENT,
  MESSAGE_SAVED,
} from '@factdesk/sync';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { buildApp } from '../app.ts';
import { createUser } from '../commands/accounts.ts';
import { createApiToken } from '../commands/apiTokens.ts';
import { createWorkspace } from '../commands/workspaces.ts';
import { loadConfig } from '../config.ts';
import type { Database, Sql } from '../db/database.ts';
import { insertDocument } from '../queries/documents.ts';
import type { TestUser } from './factories.ts';
import { buildTestApp, TEST_ORIGIN, type TestApp } from './testApp.ts';

export interface SyncTestApp extends TestApp {
  wsUrl: string;
}

export async function startSyncApp(env: NodeJS.ProcessEnv = {}): Promise<SyncTestApp> {
  const t = await buildTestApp({ env: { COLLAB_UNLOAD_GRACE_MS: '50', ...env } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...t, wsUrl: `ws://127.0.0.1:${port}/collab` };
}

/**
 * The real app on an existing database, listening: one more instance, or the same server
 * after a restart. Closing it leaves the database open.
 */
export async function startSyncAppOn(
  db: Database,
  env: NodeJS.ProcessEnv = {},
): Promise<SyncTestApp> {
  const config = loadConfig({
    PUBLIC_URL: TEST_ORIGIN,
    WEB_DIST: '',
    COLLAB_UNLOAD_GRACE_MS: '50',
    LINK_CHECK_HOURS: '0', // no background fetches of the tests' made-up evidence links
    ...env,
  });
  const app = await buildApp({
    config,
    db: db.sql,
    // DEBUG_COLLAB_TESTS=1 shows the server's log (saves, retries, storage health) in a test run.
    logger: process.env.DEBUG_COLLAB_TESTS ? { level: 'info' } : false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    db,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    request({ cookie, token, headers, ...rest }) {
      return app.inject({
        ...rest,
        headers: {
          origin: TEST_ORIGIN,
          ...(cookie ? { cookie: `factdesk_session=${cookie}` } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      });
    },
    close: () => app.close(),
  };
}

export async function tokenFor(t: TestApp, user: TestUser): Promise<string> {
  const response = await t.request({
    method: 'POST',
    url: '/api/me/tokens',
    cookie: user.cookie,
    payload: { name: 'sync test' },
  });
  if (response.statusCode !== 201) throw new Error(`token failed: ${response.body}`);
  return (response.json() as { token: string }).token;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The first close the server sent that stops reconnecting (4400–4499). */
  closed: Promise<{ code: number; reason: string }>;
  /** The latest saved state vector the server reported. */
  saved(): Map<number, number>;
  destroy(): void;
}

export function openClient(
  wsUrl: string,
  documentId: string,
  token: string,
  /** `doc`: reconnect an existing copy (the same Y.Doc, as a page that never reloaded). */
  options: { extensions?: boolean; connect?: boolean; doc?: Y.Doc } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const params: Record<string, string> = { token };
  if (options.extensions !== false) params.factdesk = '1';
  const provider = new WebsocketProvider(wsUrl, documentId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 200,
  });
  let saved = new Map<number, number>();
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    saved = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
  };
  // Live events are read past quietly unless a test listens (liveEventsOf).
  provider.messageHandlers[MESSAGE_EVENT] = (_encoder, decoder) => {
    decoding.readVarString(decoder);
  };
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    provider.on('closed', (event: { code: number; reason: string }) => resolve(event));
  });
  return {
    doc,
    provider,
    closed,
    saved: () => saved,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * Collects the live events (Factdesk's MESSAGE_EVENT, JSON) a client opened with extensions
 * hears — not the greeting's identity event, which `identityOf` reads.
 */
export function liveEventsOf(client: TestClient): { type: string; [field: string]: unknown }[] {
  const events: { type: string }[] = [];
  client.provider.messageHandlers[MESSAGE_EVENT] = (_encoder, decoder) => {
    const event = JSON.parse(decoding.readVarString(decoder)) as { type: string };
    if (event.type !== IDENTITY_EVENT) events.push(event);
  };
  return events;
}

/** The identity the server told a client (set before it connects); undefined until then. */
export function identityOf(client: TestClient): () => ConnectionIdentity | undefined {
  let identity: ConnectionIdentity | undefined;
  client.provider.messageHandlers[MESSAGE_EVENT] = (_encoder, decoder) => {
    const event = JSON.parse(decoding.readVarString(decoder)) as {
      type: string;
      user: ConnectionIdentity;
    };
    if (event.type === IDENTITY_EVENT) identity = event.user;
  };
  return () => identity;
}

export function synced(client: TestClient): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      client.provider.off('sync', onSync);
      resolve();
    };
    client.provider.on('sync', onSync);
  });
}

/** The article's first paragraph text, created on first use: where test clients type. */
export function paragraphText(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment('article');
  let paragraph = fragment.get(0);
  if (!(paragraph instanceof Y.XmlElement)) {
    doc.transact(() => {
      const created = new Y.XmlElement('paragraph');
      created.insert(0, [new Y.XmlText()]);
      fragment.insert(0, [created]);
    });
    paragraph = fragment.get(0);
  }
  const text = (paragraph as Y.XmlElement).get(0);
  if (!(text instanceof Y.XmlText)) throw new Error('paragraph without text');
  return text;
}

export function articleString(doc: Y.Doc): string {
  return doc.getXmlFragment('article').toString();
}

/** Polls until `check` holds or the time runs out (then throws with `what`). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A raw socket for frames no well-behaved client would send. */
export function rawSocket(wsUrl: string, documentId: string, token: string) {
  const socket = new WebSocket(`${wsUrl}/${documentId}?token=${token}`);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, opened, closed };
}

/** Whether the server's saved signal covers everything this client has written. */
export function savedAll(client: TestClient): boolean {
  const clock = Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(client.doc.clientID) ?? 0;
  return (client.saved().get(client.doc.clientID) ?? 0) >= clock;
}

/** A small seeded generator, so a failing random test replays. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A user with a workspace, an API token and an unlocked document, written straight to the database. */
export async function seedSyncDocument(sql: Sql, name: string) {
  const user = await createUser(sql, {
    email: `${name}@example.com`,
    displayName: `${name} tester`,
    password: `${name}-test-password`,
  });
  const workspace = await createWorkspace(sql, user.id, `${name} desk`);
  const { token } = await createApiToken(sql, user.id, name);
  const document = await insertDocument(sql, {
    workspaceId: workspace.id,
    createdBy: user.id,
    title: name,
    textLocked: false,
  });
  return { token, documentId: document.id };
}

/**
 * The usual frame of a sync test file: a fresh app (and database) for each test in `t`, and
 * every client a test pushes onto `clients` destroyed after it.
 */
export function useSyncApp(): { t: SyncTestApp; clients: TestClient[] } {
  const fixture = { t: undefined as unknown as SyncTestApp, clients: [] as TestClient[] };
  beforeEach(async () => {
    fixture.t = await startSyncApp();
  });
  afterEach(async () => {
    for (const client of fixture.clients.splice(0)) client.destroy();
    await fixture.t.close();
  });
  return fixture;
}
