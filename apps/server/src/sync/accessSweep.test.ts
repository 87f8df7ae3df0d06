// The periodic re-check of every open socket (COLLAB_RECHECK_MS) catches access changes no
// command announces — here rows changed straight in the database — and decides per document
// even though it asks once per credential for all of that credential's documents.
import { CloseCodes } from '@factdesk/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace } from '../commands/workspaces.ts';
import { buildDocument } from '../testing/documentFactories.ts';
import { buildMember, buildWorkspace } from '../testing/factories.ts';
import {
  articleString,
  eventually,
  openClient,
  paragraphText,
  type SyncTestApp,
  startSyncApp,
  synced,
  type TestClient,
  tokenFor,
} from '../testing/syncClients.ts';

describe('the periodic access re-check', () => {
  let t: SyncTestApp;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    t = await startSyncApp({ COLLAB_RECHECK_MS: '200' });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await t.close();
  });

  it('one credential on many documents: each socket gets its own document’s answer', async () => {
    const a = await buildWorkspace(t);
    const b = {
      owner: a.owner,
      workspaceId: (await createWorkspace(t.db.sql, a.owner.id, 'Desk B')).id,
    };
    const reviewer = await buildMember(t, a.owner, a.workspaceId, 'reviewer');
    // The same person is a reviewer in a second workspace.
    await t.db.sql`
      INSERT INTO memberships (workspace_id, user_id, role)
      VALUES (${b.workspaceId}, ${reviewer.id}, 'reviewer')`;
    const inA = { workspaceId: a.workspaceId, createdBy: a.owner.id };
    const a1 = await buildDocument(t.db.sql, inA);
    const a2 = await buildDocument(t.db.sql, inA);
    const b1 = await buildDocument(t.db.sql, { workspaceId: b.workspaceId, createdBy: b.owner.id });
    const token = await tokenFor(t, reviewer);
    const onA1 = openClient(t.wsUrl, a1.id, token);
    const alsoOnA1 = openClient(t.wsUrl, a1.id, token);
    const onA2 = openClient(t.wsUrl, a2.id, token);
    const onB1 = openClient(t.wsUrl, b1.id, token);
    const watcherA2 = openClient(t.wsUrl, a2.id, await tokenFor(t, a.owner));
    clients.push(onA1, alsoOnA1, onA2, onB1, watcherA2);
    await Promise.all(clients.map(synced));

    // Changed behind the server's back: no command re-checks these sockets, the sweep must.
    await t.db.sql`UPDATE documents SET text_locked = true WHERE id = ${a2.id}`;
    await t.db.sql`
      DELETE FROM memberships WHERE workspace_id = ${b.workspaceId} AND user_id = ${reviewer.id}`;

    expect((await onB1.closed).code).toBe(CloseCodes.notFound.code);
    // Let a full sweep pass after the one that closed B's socket, then try to write on A2.
    await new Promise((resolve) => setTimeout(resolve, 500));
    paragraphText(onA2.doc).insert(0, 'WRITTEN WHILE LOCKED ');
    // What is checked is that nothing arrives: a fixed wait is the only way to give it time.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(articleString(watcherA2.doc)).not.toContain('WRITTEN WHILE LOCKED');
    // A1 is unchanged: both of its sockets stay open and writable.
    paragraphText(onA1.doc).insert(0, 'still writing');
    await eventually(
      () => articleString(alsoOnA1.doc).includes('still writing'),
      'the edit on A1 to reach the other socket',
    );
    expect(
      onA1.provider.wsconnected && alsoOnA1.provider.wsconnected && onA2.provider.wsconnected,
    ).toBe(true);

    // The token revoked behind the server's back: every socket it opened is closed.
    await t.db.sql`UPDATE api_tokens SET revoked_at = now() WHERE user_id = ${reviewer.id}`;
    const closed = await Promise.all([onA1.closed, alsoOnA1.closed, onA2.closed]);
    for (const close of closed) {
      expect(close).toEqual({ code: 4401, reason: 'API token unknown or revoked' });
    }
    expect(watcherA2.provider.wsconnected).toBe(true);
  });

  it('a document id in capitals opens the same document’s room, and the re-check keeps it', async () => {
    const { owner, workspaceId } = await buildWorkspace(t);
    const document = await buildDocument(t.db.sql, { workspaceId, createdBy: owner.id });
    const token = await tokenFor(t, owner);
    const lower = openClient(t.wsUrl, document.id, token);
    const upper = openClient(t.wsUrl, document.id.toUpperCase(), token);
    clients.push(lower, upper);
    await Promise.all(clients.map(synced));

    paragraphText(upper.doc).insert(0, 'typed under the capital id');
    await eventually(
      () => articleString(lower.doc).includes('typed under the capital id'),
      'the edit to reach the socket on the lower-case id',
    );
    // Several sweeps pass (every 200 ms): both sockets stay open and still sync.
    await new Promise((resolve) => setTimeout(resolve, 700));
    paragraphText(lower.doc).insert(0, 'and back ');
    await eventually(
      () => articleString(upper.doc).includes('and back'),
      'the edit to reach the socket on the capital id',
    );
    expect(lower.provider.wsconnected && upper.provider.wsconnected).toBe(true);
  });
});
