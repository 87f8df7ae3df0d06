// One document's history never merges into another's: a copy synced from another document
// (the same article imported twice) and pointed at this one is told to reload (4409), and the
// article does not appear twice. Server-written history of the document itself (its import, a
// restored version) is recognised by the lineage client ids recorded with it.
import { CloseCodes } from '@factdesk/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildWorkspace } from '../testing/factories.ts';
import {
  articleString,
  eventually,
  openClient,
  paragraphText,
  savedAll,
  synced,
  tokenFor,
  useSyncApp,
} from '../testing/syncClients.ts';
import { PostgresPersistence } from './PostgresPersistence.ts';

const ARTICLE = '# The mayor said\n\nCrime fell by 40 percent last year.\n';

describe('foreign histories', () => {
  const sync = useSyncApp();
  const { clients } = sync;

  async function importUnlocked(owner: { cookie: string }, workspaceId: string) {
    const created = await sync.t.request({
      method: 'POST',
      url: `/api/workspaces/${workspaceId}/documents`,
      cookie: owner.cookie,
      payload: { format: 'md', content: ARTICLE },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const unlocked = await sync.t.request({
      method: 'POST',
      url: `/api/documents/${id}/unlock`,
      cookie: owner.cookie,
    });
    expect(unlocked.statusCode).toBe(200);
    return id;
  }

  async function storedText(documentId: string) {
    const state = await new PostgresPersistence(sync.t.db.sql).load(documentId);
    const doc = new Y.Doc();
    if (state) Y.applyUpdate(doc, state);
    return articleString(doc);
  }

  const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

  it('a copy of the same article imported as another document is refused with 4409', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const first = await importUnlocked(owner, workspaceId);
    const second = await importUnlocked(owner, workspaceId);
    const token = await tokenFor(sync.t, owner);
    const copy = openClient(sync.t.wsUrl, first, token);
    clients.push(copy);
    await synced(copy);
    expect(articleString(copy.doc)).toContain('Crime fell');
    copy.provider.destroy();

    const pointedElsewhere = openClient(sync.t.wsUrl, second, token, { doc: copy.doc });
    const watcher = openClient(sync.t.wsUrl, second, token);
    clients.push(pointedElsewhere, watcher);
    expect(await pointedElsewhere.closed).toEqual(CloseCodes.RefusedChangesHeld);
    await synced(watcher);
    paragraphText(watcher.doc).insert(0, 'barrier ');
    await eventually(() => savedAll(watcher), 'the barrier edit to be saved');
    expect(occurrences(articleString(watcher.doc), 'Crime fell')).toBe(1);
    expect(occurrences(await storedText(second), 'Crime fell')).toBe(1);
  });

  it('a copy that holds the document’s own import and a restored version reconnects and writes', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const documentId = await importUnlocked(owner, workspaceId);
    const versions = await sync.t.request({
      method: 'GET',
      url: `/api/documents/${documentId}/versions`,
      cookie: owner.cookie,
    });
    const importVersion = (versions.json() as { id: string }[])[0]!;
    const token = await tokenFor(sync.t, owner);
    const copy = openClient(sync.t.wsUrl, documentId, token);
    clients.push(copy);
    await synced(copy);
    paragraphText(copy.doc).insert(0, 'to be undone ');
    await eventually(() => savedAll(copy), 'the edit to be saved');
    const restored = await sync.t.request({
      method: 'POST',
      url: `/api/documents/${documentId}/versions/${importVersion.id}/restore`,
      cookie: owner.cookie,
    });
    expect(restored.statusCode).toBe(200);
    await eventually(() => !articleString(copy.doc).includes('to be undone'), 'the restore');
    copy.provider.destroy();

    const back = openClient(sync.t.wsUrl, documentId, token, { doc: copy.doc });
    const watcher = openClient(sync.t.wsUrl, documentId, token);
    clients.push(back, watcher);
    await Promise.all([synced(back), synced(watcher)]);
    paragraphText(back.doc).insert(0, 'after restore ');
    await eventually(() => articleString(watcher.doc).includes('after restore'), 'the edit');
    await eventually(() => savedAll(back), 'the edit to be saved');
    expect(back.provider.wsconnected).toBe(true);
  });
});
