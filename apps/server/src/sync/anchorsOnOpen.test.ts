// A document's claims are re-resolved when it opens: edits a server stored but crashed before
// re-anchoring (the refresh runs after the save) are caught by the next server that opens the
// document, even if nobody edits it again.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendDocUpdates } from '../queries/docState.ts';
import { anchorFor, buildDocumentWithText, docFrom } from '../testing/claimFactories.ts';
import { buildWorkspace } from '../testing/factories.ts';
import { openClient, synced, tokenFor, useSyncApp } from '../testing/syncClients.ts';

describe('claims when a document opens', () => {
  const sync = useSyncApp();

  it('a claim whose passage a stored edit deleted is orphaned once the document opens', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const { documentId, update: start } = await buildDocumentWithText(sync.t.db.sql, {
      workspaceId,
      createdBy: owner.id,
      markdown: 'Alpha says the sky is green.\n\nGamma ends it.',
    });
    const created = await sync.t.request({
      method: 'POST',
      url: `/api/documents/${documentId}/claims`,
      cookie: owner.cookie,
      payload: { anchor: anchorFor(docFrom(start), 'Gamma ends it') },
    });
    expect(created.statusCode).toBe(201);
    const claimId = (created.json() as { id: string }).id;

    // Stored, but never re-anchored: what a crash right after a save leaves behind.
    const editor = docFrom(start);
    const fragment = editor.getXmlFragment('article');
    const last = fragment.get(fragment.length - 1) as Y.XmlElement;
    (last.get(0) as Y.XmlText).delete(0, 'Gamma ends it.'.length);
    await appendDocUpdates(sync.t.db.sql, documentId, [
      Y.encodeStateAsUpdate(editor, Y.encodeStateVector(docFrom(start))),
    ]);
    const orphaned = async () => {
      const claims = await sync.t.request({
        method: 'GET',
        url: `/api/documents/${documentId}/claims`,
        cookie: owner.cookie,
      });
      return (claims.json() as { id: string; orphaned: boolean }[]).find((c) => c.id === claimId)
        ?.orphaned;
    };
    expect(await orphaned()).toBe(false);

    const client = openClient(sync.t.wsUrl, documentId, await tokenFor(sync.t, owner));
    sync.clients.push(client);
    await synced(client);
    const until = Date.now() + 5_000;
    while (!(await orphaned()) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await orphaned()).toBe(true);
  });
});
