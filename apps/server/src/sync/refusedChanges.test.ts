// What a connection sent while it could not write (locked text, viewer, removed) is never
// merged later: not when the text is unlocked, not when the role comes back, not when the same
// copy reconnects, not after a restart. Such a copy is told to reload with 4409.
// Root cause of the regression this guards: unlocking asked every socket for its state again
// (d34c397), and the edits the server had dropped came back through that answer.
import { CloseCodes } from '@factdesk/sync';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Sql } from '../db/database.ts';
import { buildDocument } from '../testing/documentFactories.ts';
import { buildMember, buildWorkspace } from '../testing/factories.ts';
import {
  articleString,
  eventually,
  openClient,
  paragraphText,
  savedAll,
  startSyncAppOn,
  synced,
  type TestClient,
  tokenFor,
  useSyncApp,
} from '../testing/syncClients.ts';
import { createTestDatabase } from '../testing/testDatabase.ts';
import { PostgresPersistence } from './PostgresPersistence.ts';

async function storedText(sql: Sql, documentId: string): Promise<string> {
  const state = await new PostgresPersistence(sql).load(documentId);
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return articleString(doc);
}

/** Whether the server recorded a refusal for this copy's client id (it is stored at once). */
async function refusalRecorded(sql: Sql, documentId: string, doc: Y.Doc): Promise<boolean> {
  const rows = await sql`
    SELECT 1 FROM doc_refused_clients
    WHERE document_id = ${documentId} AND client_id = ${String(doc.clientID)}`;
  return rows.length > 0;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A later edit by a writer that reached the watcher and PostgreSQL: everything sent before it
 * has been dealt with, so what is missing now was refused, not late.
 */
async function barrier(writer: TestClient, watcher: TestClient, mark: string) {
  paragraphText(writer.doc).insert(0, mark);
  await eventually(() => articleString(watcher.doc).includes(mark), `${mark} to arrive`);
  await eventually(() => savedAll(writer), `${mark} to be saved`);
}

describe('refused changes stay refused', () => {
  const sync = useSyncApp();
  const { clients } = sync;

  it('text typed while the text was locked is never merged: unlocking tells that copy to reload', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const reviewer = await buildMember(sync.t, owner, workspaceId, 'reviewer');
    const document = await buildDocument(sync.t.db.sql, {
      workspaceId,
      createdBy: owner.id,
      textLocked: true,
    });
    const typist = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, reviewer));
    const clean = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, owner));
    const watcher = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, owner));
    clients.push(typist, clean, watcher);
    await Promise.all([synced(typist), synced(clean), synced(watcher)]);
    paragraphText(typist.doc).insert(0, 'TYPED WHILE LOCKED ');
    await until(
      () => refusalRecorded(sync.t.db.sql, document.id, typist.doc),
      'the refusal to be recorded',
    );

    const unlock = await sync.t.request({
      method: 'POST',
      url: `/api/documents/${document.id}/unlock`,
      cookie: owner.cookie,
    });
    expect(unlock.statusCode).toBe(200);
    expect(await typist.closed).toEqual(CloseCodes.RefusedChangesHeld);
    // A copy that holds nothing refused writes on after the unlock.
    await barrier(clean, watcher, 'after unlock ');
    expect(clean.provider.wsconnected).toBe(true);
    expect(articleString(watcher.doc)).not.toContain('LOCKED');
    expect(await storedText(sync.t.db.sql, document.id)).not.toContain('LOCKED');

    // The same copy coming back later is turned away again, and still nothing is merged.
    typist.provider.destroy();
    const again = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, reviewer), {
      doc: typist.doc,
    });
    clients.push(again);
    expect(await again.closed).toEqual(CloseCodes.RefusedChangesHeld);
    await barrier(clean, watcher, 'after reconnect ');
    expect(await storedText(sync.t.db.sql, document.id)).not.toContain('LOCKED');
  });

  it('what a viewer typed is not merged when the role comes back: that copy is told to reload', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const member = await buildMember(sync.t, owner, workspaceId, 'viewer');
    const document = await buildDocument(sync.t.db.sql, {
      workspaceId,
      createdBy: owner.id,
    });
    const viewer = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, member));
    const writer = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, owner));
    clients.push(viewer, writer);
    await Promise.all([synced(viewer), synced(writer)]);
    await barrier(writer, viewer, 'first ');
    paragraphText(viewer.doc).insert(0, 'TYPED AS VIEWER ');
    await until(
      () => refusalRecorded(sync.t.db.sql, document.id, viewer.doc),
      'the refusal to be recorded',
    );

    const promoted = await sync.t.request({
      method: 'PATCH',
      url: `/api/workspaces/${workspaceId}/members/${member.id}`,
      cookie: owner.cookie,
      payload: { role: 'reviewer' },
    });
    expect(promoted.statusCode).toBe(200);
    expect(await viewer.closed).toEqual(CloseCodes.RefusedChangesHeld);
    await barrier(writer, writer, 'after promotion ');
    expect(await storedText(sync.t.db.sql, document.id)).not.toContain('VIEWER');

    // A fresh copy (a reload) writes as the reviewer the member now is.
    const reloaded = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, member));
    clients.push(reloaded);
    await synced(reloaded);
    await barrier(reloaded, writer, 'reloaded ');
    expect(articleString(reloaded.doc)).not.toContain('VIEWER');
  });

  it('a removed member’s copy brings nothing typed after removal when it reconnects after a new invite', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const member = await buildMember(sync.t, owner, workspaceId, 'reviewer');
    const document = await buildDocument(sync.t.db.sql, {
      workspaceId,
      createdBy: owner.id,
    });
    const memberToken = await tokenFor(sync.t, member);
    const copy = openClient(sync.t.wsUrl, document.id, memberToken);
    const writer = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, owner));
    clients.push(copy, writer);
    await Promise.all([synced(copy), synced(writer)]);
    await barrier(copy, writer, 'while a member ');

    const removed = await sync.t.request({
      method: 'DELETE',
      url: `/api/workspaces/${workspaceId}/members/${member.id}`,
      cookie: owner.cookie,
    });
    expect(removed.statusCode).toBe(204);
    expect((await copy.closed).code).toBe(CloseCodes.notFound.code);
    paragraphText(copy.doc).insert(0, 'TYPED AFTER REMOVAL ');

    const invite = await sync.t.request({
      method: 'POST',
      url: `/api/workspaces/${workspaceId}/invites`,
      cookie: owner.cookie,
      payload: { role: 'reviewer' },
    });
    const accepted = await sync.t.request({
      method: 'POST',
      url: `/api/invites/${(invite.json() as { token: string }).token}/accept`,
      cookie: member.cookie,
    });
    expect(accepted.statusCode).toBe(200);
    copy.provider.destroy();
    const back = openClient(sync.t.wsUrl, document.id, memberToken, { doc: copy.doc });
    clients.push(back);
    expect(await back.closed).toEqual(CloseCodes.RefusedChangesHeld);
    await barrier(writer, writer, 'after re-invite ');
    expect(await storedText(sync.t.db.sql, document.id)).not.toContain('REMOVAL');
    expect(await storedText(sync.t.db.sql, document.id)).toContain('while a member');
  });
});

describe('refused changes after a restart', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('a copy refused before a restart is refused after it, once the text is unlocked', async () => {
    const db = await createTestDatabase();
    closers.push(() => db.close());
    let server = await startSyncAppOn(db);
    const { owner, workspaceId } = await buildWorkspace(server);
    const document = await buildDocument(db.sql, {
      workspaceId,
      createdBy: owner.id,
      textLocked: true,
    });
    const token = await tokenFor(server, owner);
    const typist = openClient(server.wsUrl, document.id, token);
    await synced(typist);
    paragraphText(typist.doc).insert(0, 'TYPED BEFORE RESTART ');
    await until(() => refusalRecorded(db.sql, document.id, typist.doc), 'the refusal');
    typist.provider.destroy();
    await server.close();

    server = await startSyncAppOn(db);
    closers.push(() => server.close());
    const unlock = await server.request({
      method: 'POST',
      url: `/api/documents/${document.id}/unlock`,
      cookie: owner.cookie,
    });
    expect(unlock.statusCode).toBe(200);
    const back = openClient(server.wsUrl, document.id, token, { doc: typist.doc });
    const writer = openClient(server.wsUrl, document.id, token);
    closers.push(async () => {
      back.destroy();
      writer.destroy();
    });
    expect(await back.closed).toEqual(CloseCodes.RefusedChangesHeld);
    await synced(writer);
    await barrier(writer, writer, 'after restart ');
    expect(await storedText(db.sql, document.id)).not.toContain('RESTART');
  });
});
