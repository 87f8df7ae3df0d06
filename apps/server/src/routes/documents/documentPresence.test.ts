// The document list's "who is in it now" (users with an open socket on this instance) and
// "last activity" (text, metadata or any claim event), against a listening server and stock
// y-websocket clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import {
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
  t = await startSyncApp();
  ({ owner, workspaceId } = await buildWorkspace(t));
  reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
});
afterAll(() => t.close());

interface ListItem {
  id: string;
  present: { id: string; name: string }[];
  updatedAt: string;
  lastActivityAt: string;
}

async function listed(documentId: string): Promise<ListItem> {
  const response = await t.request({
    method: 'GET',
    url: `/api/workspaces/${workspaceId}/documents`,
    cookie: owner.cookie,
  });
  expect(response.statusCode, response.body).toBe(200);
  const item = (response.json() as ListItem[]).find((d) => d.id === documentId);
  if (!item) throw new Error(`document ${documentId} is not listed`);
  return item;
}

describe('the document list', () => {
  it('shows each user with an open socket once, and no one after they leave', async () => {
    const { documentId } = await buildDocumentWithText(t.db.sql, {
      workspaceId,
      createdBy: owner.id,
      markdown: 'Who is reading this?',
    });
    expect((await listed(documentId)).present).toEqual([]);

    const reviewerToken = await tokenFor(t, reviewer);
    // Two tabs of one reviewer (one a stock client without Factdesk's messages), one owner.
    const tabs = [
      openClient(t.wsUrl, documentId, reviewerToken),
      openClient(t.wsUrl, documentId, reviewerToken, { extensions: false }),
      openClient(t.wsUrl, documentId, await tokenFor(t, owner)),
    ];
    try {
      await Promise.all(tabs.map(synced));
      const present = (await listed(documentId)).present;
      expect(present).toHaveLength(2);
      expect(present.map((p) => p.id).sort()).toEqual([owner.id, reviewer.id].sort());
      expect(present.find((p) => p.id === owner.id)?.name).toBe('Olivia Owner');
    } finally {
      for (const tab of tabs) tab.destroy();
    }
    let after: ListItem | undefined;
    const until = Date.now() + 5_000;
    while (Date.now() < until) {
      after = await listed(documentId);
      if (after.present.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(after?.present).toEqual([]);
  });

  it('moves lastActivityAt on a claim change, leaving updatedAt (text and metadata) alone', async () => {
    const { documentId, update } = await buildDocumentWithText(t.db.sql, {
      workspaceId,
      createdBy: owner.id,
      markdown: 'Prices doubled in a year.',
    });
    const before = await listed(documentId);
    expect(before.lastActivityAt).toBe(before.updatedAt);
    // Timestamps must be able to differ: what is checked is which one moved.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const created = await t.request({
      method: 'POST',
      url: `/api/documents/${documentId}/claims`,
      cookie: reviewer.cookie,
      payload: { anchor: anchorFor(docFrom(update), 'Prices doubled') },
    });
    expect(created.statusCode, created.body).toBe(201);
    const afterCreate = await listed(documentId);
    expect(afterCreate.updatedAt).toBe(before.updatedAt);
    expect(Date.parse(afterCreate.lastActivityAt)).toBeGreaterThan(Date.parse(before.updatedAt));

    await new Promise((resolve) => setTimeout(resolve, 20));
    const comment = await t.request({
      method: 'POST',
      url: `/api/claims/${created.json().id}/comments`,
      cookie: reviewer.cookie,
      payload: { body: 'Source?' },
    });
    expect(comment.statusCode, comment.body).toBe(201);
    const afterComment = await listed(documentId);
    expect(Date.parse(afterComment.lastActivityAt)).toBeGreaterThan(
      Date.parse(afterCreate.lastActivityAt),
    );
  });
});
