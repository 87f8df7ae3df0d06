// GET /api/workspaces/:id/claims, the moderator board: every claim of the workspace's active
// documents, with the caller's abilities and the document's title, in text order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

let t: TestApp;
let workspaceId: string;
let owner: TestUser;
let moderator: TestUser;
let reviewer: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  ({ owner, workspaceId } = await buildWorkspace(t));
  moderator = await buildMember(t, owner, workspaceId, 'moderator');
  reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
  viewer = await buildMember(t, owner, workspaceId, 'viewer');
});
afterAll(() => t.close());

async function documentWithClaims(title: string, markdown: string, quotes: string[]) {
  const { documentId, update } = await buildDocumentWithText(t.db.sql, {
    workspaceId,
    createdBy: owner.id,
    markdown,
  });
  await t.request({
    method: 'PATCH',
    url: `/api/documents/${documentId}`,
    cookie: moderator.cookie,
    payload: { title },
  });
  const ids: string[] = [];
  for (const exact of quotes) {
    const response = await t.request({
      method: 'POST',
      url: `/api/documents/${documentId}/claims`,
      cookie: reviewer.cookie,
      payload: { anchor: anchorFor(docFrom(update), exact) },
    });
    expect(response.statusCode, response.body).toBe(201);
    ids.push(response.json().id);
  }
  return { documentId, ids };
}

describe('the workspace’s claims', () => {
  it('lists every claim of active documents, newest document first, each in text order, with abilities', async () => {
    // Created out of text order: the board shows them as the text reads.
    const older = await documentWithClaims('Older story', 'One two three. Four five six.', [
      'Four five',
      'One two',
    ]);
    const newer = await documentWithClaims('Newer story', 'Alpha beta. Gamma delta.', [
      'Gamma delta',
      'Alpha',
    ]);
    const archived = await documentWithClaims('Archived story', 'Old news here.', ['Old news']);
    const archive = await t.request({
      method: 'POST',
      url: `/api/documents/${archived.documentId}/archive`,
      cookie: moderator.cookie,
    });
    expect(archive.statusCode, archive.body).toBe(200);

    const response = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspaceId}/claims`,
      cookie: viewer.cookie,
    });
    expect(response.statusCode, response.body).toBe(200);
    const claims = response.json() as {
      id: string;
      documentTitle: string;
      currentQuote: string;
      abilities: Record<string, boolean>;
    }[];
    expect(claims.map((c) => [c.documentTitle, c.currentQuote])).toEqual([
      ['Newer story', 'Alpha'],
      ['Newer story', 'Gamma delta'],
      ['Older story', 'One two'],
      ['Older story', 'Four five'],
    ]);
    expect(claims.map((c) => c.id)).not.toContain(archived.ids[0]);
    expect(claims[0]?.abilities).toMatchObject({ update: false, comment: false, assign: false });

    const asModerator = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspaceId}/claims`,
      cookie: moderator.cookie,
    });
    const mine = asModerator.json() as { id: string; abilities: Record<string, boolean> }[];
    expect(mine.find((c) => c.id === older.ids[0])?.abilities).toMatchObject({
      update: true,
      assign: true,
    });
    const asCreator = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspaceId}/claims`,
      cookie: reviewer.cookie,
    });
    const created = asCreator.json() as { id: string; abilities: Record<string, boolean> }[];
    expect(created.find((c) => c.id === newer.ids[0])?.abilities).toMatchObject({
      update: true,
      assign: false,
    });
  });

  it('is 404 to someone outside the workspace', async () => {
    const elsewhere = await t.request({
      method: 'POST',
      url: '/api/workspaces',
      cookie: viewer.cookie,
      payload: { name: 'Elsewhere' },
    });
    const outsider = await buildMember(t, viewer, elsewhere.json().id, 'owner');
    const response = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspaceId}/claims`,
      cookie: outsider.cookie,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toMatch(/Workspace/);
  });
});
