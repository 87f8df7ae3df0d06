// Read-only connections receive everything and change nothing: a viewer's or commenter's edits, or anyone's
// while the source text is locked, never reach another client or PostgreSQL.
import { CloseCodes } from '@factdesk/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildDocument } from '../testing/documentFactories.ts';
import { buildMember, buildWorkspace } from '../testing/factories.ts';
import {
  articleString,
  eventually,
  openClient,
  paragraphText,
  synced,
  tokenFor,
  useSyncApp,
} from '../testing/syncClients.ts';
import { PostgresPersistence } from './PostgresPersistence.ts';

describe('read-only connections', () => {
  const sync = useSyncApp();
  const { clients } = sync;

  async function storedText(documentId: string) {
    const state = await new PostgresPersistence(sync.t.db.sql).load(documentId);
    const doc = new Y.Doc();
    if (state) Y.applyUpdate(doc, state);
    return articleString(doc);
  }

  it.each(['viewer', 'commenter'] as const)(
    'a %s’s edit never reaches another client or the database, but they see edits',
    async (role) => {
      const { owner, workspaceId } = await buildWorkspace(sync.t);
      const viewer = await buildMember(sync.t, owner, workspaceId, role);
      const document = await buildDocument(sync.t.db.sql, {
        workspaceId,
        createdBy: owner.id,
      });
      const editor = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, owner));
      const reader = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, viewer));
      clients.push(editor, reader);
      await Promise.all([synced(editor), synced(reader)]);

      paragraphText(editor.doc).insert(0, 'checked facts');
      await eventually(
        () => articleString(reader.doc).includes('checked facts'),
        'the viewer to see it',
      );
      paragraphText(reader.doc).insert(0, 'VIEWER WAS HERE ');
      // What is checked is that nothing arrives: a fixed wait is the only way to give it time.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(articleString(editor.doc)).not.toContain('VIEWER');
      expect(await storedText(document.id)).not.toContain('VIEWER');
      expect(await storedText(document.id)).toContain('checked facts');
    },
  );

  it('while the text is locked even an owner’s socket changes nothing', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const document = await buildDocument(sync.t.db.sql, {
      workspaceId,
      createdBy: owner.id,
      textLocked: true,
    });
    const first = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, owner));
    const second = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, owner));
    clients.push(first, second);
    await Promise.all([synced(first), synced(second)]);
    paragraphText(first.doc).insert(0, 'locked edit');
    // What is checked is that nothing arrives: a fixed wait is the only way to give it time.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(articleString(second.doc)).not.toContain('locked edit');
    expect(await storedText(document.id)).not.toContain('locked edit');
  });
});

describe('locking the text of an open document', () => {
  const sync = useSyncApp();
  const { clients } = sync;

  it('turns open sockets read-only within 2 seconds; unlocking lets them write again, except a copy that typed while locked (4409)', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const document = await buildDocument(sync.t.db.sql, {
      workspaceId,
      createdBy: owner.id,
    });
    const token = await tokenFor(sync.t, owner);
    const writer = openClient(sync.t.wsUrl, document.id, token);
    const watcher = openClient(sync.t.wsUrl, document.id, token);
    const idle = openClient(sync.t.wsUrl, document.id, token);
    clients.push(writer, watcher, idle);
    await Promise.all([synced(writer), synced(watcher), synced(idle)]);
    const lockedAt = Date.now();
    const lock = await sync.t.request({
      method: 'POST',
      url: `/api/documents/${document.id}/lock`,
      cookie: owner.cookie,
    });
    expect(lock.statusCode).toBe(200);
    // The route answers after re-checking the document's sockets: read-only already.
    paragraphText(writer.doc).insert(0, 'while locked');
    // What is checked is that nothing arrives: a fixed wait is the only way to give it time.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(Date.now() - lockedAt).toBeLessThan(2_000);
    expect(articleString(watcher.doc)).not.toContain('while locked');

    const unlock = await sync.t.request({
      method: 'POST',
      url: `/api/documents/${document.id}/unlock`,
      cookie: owner.cookie,
    });
    expect(unlock.statusCode).toBe(200);
    // What the writer typed while locked is never merged: its copy must reload.
    expect(await writer.closed).toEqual(CloseCodes.RefusedChangesHeld);
    // A copy that typed nothing while locked writes again (the unlock re-checked it already).
    paragraphText(idle.doc).insert(0, 'after unlock ');
    await eventually(
      () => articleString(watcher.doc).includes('after unlock'),
      'the unlocked edit',
    );
    expect(articleString(watcher.doc)).not.toContain('while locked');
  });
  it('a lock asked for on the id in capitals (an id typed in a URL) turns the sockets read-only as well', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const document = await buildDocument(sync.t.db.sql, { workspaceId, createdBy: owner.id });
    const token = await tokenFor(sync.t, owner);
    const writer = openClient(sync.t.wsUrl, document.id, token);
    const watcher = openClient(sync.t.wsUrl, document.id, token);
    clients.push(writer, watcher);
    await Promise.all([synced(writer), synced(watcher)]);
    const lock = await sync.t.request({
      method: 'POST',
      url: `/api/documents/${document.id.toUpperCase()}/lock`,
      cookie: owner.cookie,
    });
    expect(lock.statusCode).toBe(200);
    paragraphText(writer.doc).insert(0, 'while locked');
    // What is checked is that nothing arrives: a fixed wait is the only way to give it time.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(articleString(watcher.doc)).not.toContain('while locked');
  });
});
