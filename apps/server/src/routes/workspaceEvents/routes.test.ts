// A workspace's live stream through the real app on real PostgreSQL: members only; a claim or
// document change made in another session reaches every open stream of its workspace as a
// signal without content (the lists fetch again through the API, which filters per reader);
// nobody outside hears it, and a member who leaves stops hearing.
import type { WorkspaceEvent } from '@factdesk/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { openEventStream } from '../../testing/eventStream.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { openClient, synced } from '../../testing/syncClients.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

const ARTICLE = '# Rail fares\n\nThe minister said fares fell by 12% last year.';
/** Long enough for a signal to arrive (they leave within 100 ms), short enough for a test. */
const QUIET_MS = 600;

let t: TestApp;
let workspaceId: string;
let otherWorkspaceId: string;
let owner: TestUser;
let moderator: TestUser;
let reviewer: TestUser;
let outsider: TestUser;
let documentId: string;
let update: Uint8Array;

beforeAll(async () => {
  t = await buildTestApp({ env: { NOTIFICATION_SCAN_MS: '3600000' } });
  const built = await buildWorkspace(t);
  workspaceId = built.workspaceId;
  owner = built.owner;
  moderator = await buildMember(t, owner, workspaceId, 'moderator');
  reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
  const elsewhere = await t.request({
    method: 'POST',
    url: '/api/workspaces',
    cookie: owner.cookie,
    payload: { name: 'Elsewhere' },
  });
  otherWorkspaceId = elsewhere.json().id;
  outsider = await buildMember(t, owner, otherWorkspaceId, 'moderator');
  ({ documentId, update } = await buildDocumentWithText(t.db.sql, {
    workspaceId,
    createdBy: owner.id,
    markdown: ARTICLE,
  }));
});
afterAll(() => t.close());

async function as(user: TestUser, method: string, url: string, payload?: object) {
  const response = await t.request({
    method: method as 'GET',
    url,
    cookie: user.cookie,
    ...(payload ? { payload } : {}),
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return (response.body ? response.json() : undefined) as { id: string; version: number };
}

/** The app listening on a port (once), for the live streams. */
async function baseUrl(): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

async function openStream(user: TestUser, workspace = workspaceId) {
  return openEventStream<WorkspaceEvent>(
    `${await baseUrl()}/api/workspaces/${workspace}/events`,
    user.cookie,
  );
}

describe('who may listen', () => {
  it('refuses no session (401), a non-member and an unknown workspace alike (404)', async () => {
    const url = `/api/workspaces/${workspaceId}/events`;
    const anonymous = await t.request({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(401);
    const stranger = await t.request({ method: 'GET', url, cookie: outsider.cookie });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json()).toMatchObject({ code: 'not_found' });
    const unknown = await t.request({
      method: 'GET',
      url: '/api/workspaces/00000000-0000-4000-8000-000000000000/events',
      cookie: owner.cookie,
    });
    expect(unknown.statusCode).toBe(404);
    expect(
      (await t.request({ method: 'GET', url: '/api/workspaces/nope/events' })).statusCode,
    ).toBe(400);
  });
});

describe('what members hear', () => {
  it('a claim created and assigned in another session reaches the stream as a signal only', async () => {
    const stream = await openStream(reviewer);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const elsewhere = await openStream(outsider, otherWorkspaceId);
    try {
      const claim = await as(moderator, 'POST', `/api/documents/${documentId}/claims`, {
        anchor: anchorFor(docFrom(update), 'fares fell by 12%'),
        statement: 'Rail fares fell 12% in a year',
      });
      // Exactly the signal: no statement, status, verdict or assignee rides on it.
      expect(await stream.next()).toEqual({ kind: 'claims', documentId });
      await as(moderator, 'POST', `/api/claims/${claim.id}/assign`, {
        version: claim.version,
        reviewerIds: [reviewer.id],
      });
      expect(await stream.next()).toEqual({ kind: 'claims', documentId });
      // Another workspace's stream heard none of it.
      expect(await elsewhere.nextWithin(QUIET_MS)).toBeUndefined();
    } finally {
      stream.close();
      elsewhere.close();
    }
  });

  it('a stream opened with the workspace id in capitals hears the same signals', async () => {
    const stream = await openStream(reviewer, workspaceId.toUpperCase());
    try {
      await as(moderator, 'PATCH', `/api/documents/${documentId}`, {
        title: 'Rail fares, checked',
      });
      expect(await stream.next()).toEqual({ kind: 'documents', documentId });
    } finally {
      stream.close();
    }
  });

  it('an import, a rename and a deletion reach the stream as document signals', async () => {
    const stream = await openStream(reviewer);
    try {
      const imported = await as(moderator, 'POST', `/api/workspaces/${workspaceId}/documents`, {
        format: 'md',
        content: '# Bus lanes\n\nThe mayor said bus lanes doubled.',
      });
      expect(await stream.next()).toEqual({ kind: 'documents', documentId: imported.id });
      await as(moderator, 'PATCH', `/api/documents/${imported.id}`, { title: 'Bus lanes, again' });
      expect(await stream.next()).toEqual({ kind: 'documents', documentId: imported.id });
      await as(owner, 'DELETE', `/api/documents/${imported.id}`);
      expect(await stream.next()).toEqual({ kind: 'documents', documentId: imported.id });
    } finally {
      stream.close();
    }
  });

  it('someone opening and leaving a document is a presence signal (who is in it: the documents list)', async () => {
    const stream = await openStream(moderator);
    const { token } = await as(reviewer, 'POST', '/api/me/tokens', { name: 'editor' }).then(
      (created) => created as unknown as { token: string },
    );
    const editor = openClient(
      `${(await baseUrl()).replace('http', 'ws')}/collab`,
      documentId,
      token,
    );
    try {
      await synced(editor);
      expect(await stream.next()).toEqual({ kind: 'presence', documentId });
      editor.destroy();
      expect(await stream.next()).toEqual({ kind: 'presence', documentId });
    } finally {
      editor.destroy();
      stream.close();
    }
  });

  it('a member who is removed stops hearing: the stream ends at the next change', async () => {
    const leaving = await buildMember(t, owner, workspaceId, 'viewer');
    const stream = await openStream(leaving);
    await as(owner, 'DELETE', `/api/workspaces/${workspaceId}/members/${leaving.id}`);
    await as(moderator, 'POST', `/api/documents/${documentId}/claims`, {
      anchor: anchorFor(docFrom(update), 'The minister said'),
      statement: 'The minister spoke',
    });
    await expect(stream.next()).rejects.toThrow('the stream ended');
  });
});
