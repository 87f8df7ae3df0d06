// Claims follow the text when it changes, not when they are read: reading never writes (no
// new version, no event), and an edit that deletes a claimed passage orphans the claim and
// pushes the live event to the other open editors without anyone asking for claims.
import { articleText } from '@factdesk/editor';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { appendDocUpdates } from '../../queries/docState.ts';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import {
  liveEventsOf,
  openClient,
  type SyncTestApp,
  startSyncApp,
  synced,
  tokenFor,
} from '../../testing/syncClients.ts';

let t: SyncTestApp;
let workspaceId: string;
let owner: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  t = await startSyncApp({ COLLAB_ANCHOR_REFRESH_MS: '100' });
  ({ owner, workspaceId } = await buildWorkspace(t));
  reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
});
afterAll(() => t.close());

const ARTICLE = 'Alpha says the sky is green.\n\nGamma ends it.';

async function claimOn(documentId: string, update: Uint8Array, exact: string) {
  const response = await t.request({
    method: 'POST',
    url: `/api/documents/${documentId}/claims`,
    cookie: reviewer.cookie,
    payload: { anchor: anchorFor(docFrom(update), exact) },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}

/** Types "very " inside the first claim's passage and deletes the last paragraph's text. */
function editBoth(doc: Y.Doc) {
  const fragment = doc.getXmlFragment('article');
  const first = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const last = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
  doc.transact(() => {
    first.insert(articleText(doc).text.indexOf('green'), 'very ');
    last.delete(0, last.length);
  });
}

describe('claims follow the text', () => {
  it('reading claims never changes their version', async () => {
    const { documentId, update } = await buildDocumentWithText(t.db.sql, {
      workspaceId,
      createdBy: owner.id,
      markdown: ARTICLE,
    });
    const sky = await claimOn(documentId, update, 'the sky is green');
    const gamma = await claimOn(documentId, update, 'Gamma ends it');
    // The stored text changes behind the server's back (no open room, so no refresh runs):
    // what a read finds is a passage that moved and one that is gone.
    const edited = docFrom(update);
    const before = Y.encodeStateVector(edited);
    editBoth(edited);
    await appendDocUpdates(t.db.sql, documentId, [Y.encodeStateAsUpdate(edited, before)]);

    for (let i = 0; i < 3; i++) {
      const list = await t.request({
        method: 'GET',
        url: `/api/documents/${documentId}/claims`,
        cookie: owner.cookie,
      });
      expect(list.statusCode, list.body).toBe(200);
      const claims = list.json() as { id: string; version: number; currentQuote: string }[];
      expect(claims.map((c) => c.version)).toEqual([1, 1]);
      // The text under the anchor is computed for the reader, in memory.
      expect(claims.find((c) => c.id === sky.id)?.currentQuote).toBe('the sky is very green');
      const one = await t.request({
        method: 'GET',
        url: `/api/claims/${gamma.id}`,
        cookie: owner.cookie,
      });
      expect(one.json()).toMatchObject({ version: 1, orphaned: false });
    }
    const rows = await t.db.sql<{ version: number; current_quote: string; orphaned: boolean }[]>`
      SELECT version, current_quote, orphaned FROM claims
      WHERE document_id = ${documentId} ORDER BY created_at`;
    expect(rows).toEqual([
      { version: 1, current_quote: 'the sky is green', orphaned: false },
      { version: 1, current_quote: 'Gamma ends it', orphaned: false },
    ]);
    const [events] = await t.db.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM claim_events
      WHERE document_id = ${documentId} AND type <> 'claim.created'`;
    expect(events?.n).toBe(0);
  });

  it('an edit deleting a claimed passage orphans it and tells the other editors, with no read', async () => {
    const { documentId, update } = await buildDocumentWithText(t.db.sql, {
      workspaceId,
      createdBy: owner.id,
      markdown: ARTICLE,
    });
    const sky = await claimOn(documentId, update, 'the sky is green');
    const gamma = await claimOn(documentId, update, 'Gamma ends it');
    // A stock client without Factdesk's messages types; the Factdesk client listens.
    const writer = openClient(t.wsUrl, documentId, await tokenFor(t, owner), {
      extensions: false,
    });
    const watcher = openClient(t.wsUrl, documentId, await tokenFor(t, reviewer));
    const heard = liveEventsOf(watcher);
    try {
      await Promise.all([synced(writer), synced(watcher)]);
      editBoth(writer.doc);

      await vi.waitFor(
        () => {
          const types = heard.map((e) => `${e.type} ${(e.claim as { id: string }).id}`);
          expect(types).toEqual(
            expect.arrayContaining([`claim.orphaned ${gamma.id}`, `claim.updated ${sky.id}`]),
          );
        },
        { timeout: 5_000, interval: 20 },
      );
      const orphaned = heard.find((e) => e.type === 'claim.orphaned')?.claim;
      expect(orphaned).toMatchObject({
        orphaned: true,
        version: 2,
        anchor: { quote: { exact: 'Gamma ends it' } },
      });
      // Typing inside a passage moves its quote without a new version: nobody's write goes stale.
      const moved = heard.find((e) => e.type === 'claim.updated')?.claim;
      expect(moved).toMatchObject({ currentQuote: 'the sky is very green', version: 1 });

      const history = await t.request({
        method: 'GET',
        url: `/api/claims/${gamma.id}/history`,
        cookie: reviewer.cookie,
      });
      expect(history.json()).toMatchObject([
        { type: 'claim.created' },
        { type: 'claim.orphaned', actor: null },
      ]);
    } finally {
      writer.destroy();
      watcher.destroy();
    }
  });
});
