// Who may open a document's socket, decided on the upgrade, and re-decided when access
// changes: refusals close with a named code and reason.
import { CloseCodes } from '@factdesk/sync';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildDocument } from '../testing/documentFactories.ts';
import { buildMember, buildWorkspace } from '../testing/factories.ts';
import {
  articleString,
  eventually,
  openClient,
  paragraphText,
  rawSocket,
  synced,
  tokenFor,
  useSyncApp,
} from '../testing/syncClients.ts';
import { TEST_ORIGIN } from '../testing/testApp.ts';

describe('socket access', () => {
  const sync = useSyncApp();
  const { clients } = sync;

  async function setup() {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const document = await buildDocument(sync.t.db.sql, {
      workspaceId,
      createdBy: owner.id,
    });
    return { owner, workspaceId, document, token: await tokenFor(sync.t, owner) };
  }

  it('a socket without credentials is closed with 4401', async () => {
    const { document } = await setup();
    const socket = new WebSocket(`${sync.t.wsUrl}/${document.id}`);
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      socket.on('close', (c, r) => resolve([c, r.toString()])),
    );
    expect(code).toBe(4401);
    expect(reason).toBe('not authenticated');
  });

  it('a malformed or revoked token is closed with 4401', async () => {
    const { document } = await setup();
    const bad = rawSocket(sync.t.wsUrl, document.id, 'fdt_nonsense');
    expect((await bad.closed).code).toBe(4401);
  });

  it('a well-formed token nobody issued is closed with 4401 and says so', async () => {
    const { document } = await setup();
    const unknown = rawSocket(sync.t.wsUrl, document.id, `fdt_${'A'.repeat(43)}`);
    expect(await unknown.closed).toEqual({
      code: 4401,
      reason: 'API token unknown or revoked',
    });
  });

  it('a token that opens a socket shows as used on the tokens page', async () => {
    const { owner, document, token } = await setup();
    const lastUsed = async () => {
      const list = await sync.t.request({
        method: 'GET',
        url: '/api/me/tokens',
        cookie: owner.cookie,
      });
      return (list.json() as { lastUsedAt: string | null }[])[0]!.lastUsedAt;
    };
    expect(await lastUsed()).toBeNull();
    const client = openClient(sync.t.wsUrl, document.id, token);
    clients.push(client);
    await synced(client);
    expect(await lastUsed()).not.toBeNull();
  });

  it('a token of workspace A cannot open a document of workspace B (4404)', async () => {
    const { owner, document } = await setup();
    // Workspace B, with a moderator who belongs to B only.
    const created = await sync.t.request({
      method: 'POST',
      url: '/api/workspaces',
      cookie: owner.cookie,
      payload: { name: 'Other desk' },
    });
    expect(created.statusCode).toBe(201);
    const outsider = await buildMember(
      sync.t,
      owner,
      (created.json() as { id: string }).id,
      'moderator',
    );
    const client = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, outsider));
    clients.push(client);
    expect(await client.closed).toEqual({ code: 4404, reason: 'no such document' });
  });

  it('an unknown document id and a non-uuid id are both 4404', async () => {
    const { token } = await setup();
    for (const id of ['8d7d8a3c-8f44-4e1c-9a3e-2b1d6f0e9a11', 'not-a-uuid']) {
      const socket = rawSocket(sync.t.wsUrl, id, token);
      expect((await socket.closed).code).toBe(4404);
    }
  });

  it('a session cookie from another Origin is refused with 4403', async () => {
    const { owner, document } = await setup();
    const connect = (origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${sync.t.wsUrl}/${document.id}`, {
          headers: { cookie: `factdesk_session=${owner.cookie}`, origin },
        });
        socket.on('close', (code) => resolve(code));
        socket.on('message', () => socket.close(1000));
      });
    expect(await connect('https://evil.example')).toBe(4403);
    expect(await connect(TEST_ORIGIN)).toBe(1000); // accepted: it got a message, we closed
  });

  it('a removed member’s open socket is closed within 2 seconds', async () => {
    const { owner, workspaceId, document } = await setup();
    const reviewer = await buildMember(sync.t, owner, workspaceId, 'reviewer');
    const client = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, reviewer));
    clients.push(client);
    await synced(client);
    const started = Date.now();
    const removed = await sync.t.request({
      method: 'DELETE',
      url: `/api/workspaces/${workspaceId}/members/${reviewer.id}`,
      cookie: owner.cookie,
    });
    expect(removed.statusCode).toBe(204);
    expect((await client.closed).code).toBe(CloseCodes.notFound.code);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a revoked token’s socket is closed, and a demoted member becomes read-only', async () => {
    const { owner, workspaceId, document } = await setup();
    const reviewer = await buildMember(sync.t, owner, workspaceId, 'reviewer');
    const tokens = await sync.t.request({
      method: 'GET',
      url: '/api/me/tokens',
      cookie: reviewer.cookie,
    });
    expect(tokens.statusCode).toBe(200);
    const reviewerToken = await tokenFor(sync.t, reviewer);
    const writer = openClient(sync.t.wsUrl, document.id, reviewerToken);
    const watcher = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, owner));
    clients.push(writer, watcher);
    await Promise.all([synced(writer), synced(watcher)]);

    const demoted = await sync.t.request({
      method: 'PATCH',
      url: `/api/workspaces/${workspaceId}/members/${reviewer.id}`,
      cookie: owner.cookie,
      payload: { role: 'viewer' },
    });
    // The route answers after re-checking the member's sockets: read-only already.
    expect(demoted.statusCode).toBe(200);
    paragraphText(writer.doc).insert(0, 'after demotion');
    // What is checked is that nothing arrives: a fixed wait is the only way to give it time.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(articleString(watcher.doc)).not.toContain('after demotion');

    const list = await sync.t.request({
      method: 'GET',
      url: '/api/me/tokens',
      cookie: reviewer.cookie,
    });
    const tokenId = (list.json() as { id: string }[])[0]!.id;
    const revoked = await sync.t.request({
      method: 'DELETE',
      url: `/api/me/tokens/${tokenId}`,
      cookie: reviewer.cookie,
    });
    expect(revoked.statusCode).toBe(204);
    await eventually(
      () => writer.provider.wsconnected === false,
      'the revoked socket to close',
      2_000,
    );
  });
});
