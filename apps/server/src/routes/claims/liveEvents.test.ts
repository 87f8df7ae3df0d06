// Two stock y-websocket clients of one document hear each other's claim changes, pushed by
// the server after each command commits, as Factdesk's own event message.
import type { Claim, Me } from '@factdesk/model';
import { IDENTITY_EVENT, MESSAGE_EVENT } from '@factdesk/sync';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { createTestDatabase } from '../../testing/testDatabase.ts';

let db: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const config = loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000', WEB_DIST: '' });
  app = await buildApp({ config, db: db.sql, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await app.close();
  await db.close();
});

async function api<Body>(
  method: string,
  path: string,
  token: string | undefined,
  payload?: object,
): Promise<Body> {
  const response = await fetch(`http://${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(payload ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload ? { body: JSON.stringify(payload) } : {}),
  });
  const body = await response.json();
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body as Body;
}

async function signupWithToken(email: string) {
  const signup = await fetch(`http://${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000' },
    body: JSON.stringify({ email, displayName: email, password: 'password-long-enough' }),
  });
  const me = (await signup.json()) as Me;
  const cookie = signup.headers.get('set-cookie')?.split(';')[0] ?? '';
  const token = await fetch(`http://${base}/api/me/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000', cookie },
    body: JSON.stringify({ name: 'test' }),
  });
  return {
    id: me.user.id,
    workspaceId: me.workspaces[0]?.id as string,
    token: ((await token.json()) as { token: string }).token,
  };
}

function connect(documentId: string, token: string) {
  const events: { type: string; claim: { id: string; statement: string } }[] = [];
  const provider = new WebsocketProvider(`ws://${base}/collab`, documentId, new Y.Doc(), {
    connect: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token, factdesk: '1' },
  });
  provider.messageHandlers[MESSAGE_EVENT] = (_encoder, decoder) => {
    const event = JSON.parse(decoding.readVarString(decoder as decoding.Decoder));
    // The greeting tells each client who it is; the claim events follow.
    if (event.type !== IDENTITY_EVENT) events.push(event);
  };
  provider.connect();
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { provider, events, synced };
}

it('two socket clients see each other’s claim changes', async () => {
  const owner = await signupWithToken('owner@example.com');
  const { documentId, update } = await buildDocumentWithText(db.sql, {
    workspaceId: owner.workspaceId,
    createdBy: owner.id,
    markdown: 'The mayor said crime doubled.',
  });
  const a = connect(documentId, owner.token);
  const b = connect(documentId, owner.token);
  await Promise.all([a.synced, b.synced]);

  const claim = await api<Claim>('POST', `/api/documents/${documentId}/claims`, owner.token, {
    anchor: anchorFor(docFrom(update), 'crime doubled'),
  });
  await api('PATCH', `/api/claims/${claim.id}`, owner.token, {
    version: 1,
    statement: 'Crime doubled',
  });
  await vi.waitFor(() => {
    for (const client of [a, b]) {
      expect(client.events.map((e) => e.type)).toEqual(['claim.created', 'claim.updated']);
      expect(client.events[1]?.claim).toMatchObject({ id: claim.id, statement: 'Crime doubled' });
    }
  });
  a.provider.destroy();
  b.provider.destroy();
});
