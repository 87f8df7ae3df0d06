// The documents API on the real app and database: import, list, metadata, lock, archive,
// delete and text versions, each route tried by every role and with bad input.
import type { Role } from '@factdesk/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClaimRow } from '../../testing/documentFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

let t: TestApp;
let workspaceId: string;
let users: Record<Role | 'outsider', TestUser>;

const ARTICLE = '# The mayor said\n\nCrime fell by **40 percent**.\n\n> A quoted post\n';

beforeAll(async () => {
  t = await buildTestApp({ env: { IMPORT_MAX_BYTES: '4096' } });
  const { owner, workspaceId: id } = await buildWorkspace(t);
  workspaceId = id;
  // Sign-up is by invitation: the outsider owns another workspace, not this one.
  const other = await t.request({
    method: 'POST',
    url: '/api/workspaces',
    cookie: owner.cookie,
    payload: { name: 'Elsewhere' },
  });
  const outsider = await buildMember(t, owner, (other.json() as { id: string }).id, 'owner');
  users = {
    owner,
    moderator: await buildMember(t, owner, id, 'moderator'),
    reviewer: await buildMember(t, owner, id, 'reviewer'),
    commenter: await buildMember(t, owner, id, 'commenter'),
    viewer: await buildMember(t, owner, id, 'viewer'),
    outsider,
  };
});
afterAll(async () => {
  await t?.close();
});

async function importAs(user: TestUser, payload: Record<string, unknown>) {
  return t.request({
    method: 'POST',
    url: `/api/workspaces/${workspaceId}/documents`,
    cookie: user.cookie,
    payload,
  });
}

async function newDocument(payload: Record<string, unknown> = {}): Promise<string> {
  const response = await importAs(users.moderator, { format: 'md', content: ARTICLE, ...payload });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

const ROLES = ['owner', 'moderator', 'reviewer', 'commenter', 'viewer', 'outsider'] as const;
/** What each role gets from a moderator-only route and from a members' route. */
const MODERATORS = {
  owner: 2,
  moderator: 2,
  reviewer: 403,
  commenter: 403,
  viewer: 403,
  outsider: 404,
};
const MEMBERS = {
  owner: 200,
  moderator: 200,
  reviewer: 200,
  commenter: 200,
  viewer: 200,
  outsider: 404,
};

describe('import', () => {
  it('creates a locked document whose text is the article, titled by its first heading', async () => {
    const response = await importAs(users.moderator, {
      format: 'md',
      content: ARTICLE,
      sourceUrl: 'https://bücher.example/story',
      outlet: 'Daily Example',
      publishedAt: '2026-11-30',
      language: 'en',
    });
    expect(response.statusCode, response.body).toBe(201);
    const document = response.json();
    expect(document).toMatchObject({
      title: 'The mayor said',
      textLocked: true,
      archived: false,
      sourceFormat: 'md',
      sourceUrl: 'https://xn--bcher-kva.example/story',
      // Stored in ASCII, shown in Unicode: the label is one script and confuses with nothing.
      sourceHost: 'bücher.example',
      factCheckHost: null,
      outlet: 'Daily Example',
      publishedAt: '2026-11-30',
      language: 'en',
      workspaceId,
    });
    expect(document.abilities['document.edit']).toBe(false);
    const updates = await t.db
      .sql`SELECT count(*)::int AS n FROM doc_updates WHERE document_id = ${document.id}`;
    expect(updates[0]?.n).toBe(1);
    const text = await t.app.liveDocuments.readDocument(document.id, async (doc) => {
      const { articleText } = await import('@factdesk/editor');
      return articleText(doc).text;
    });
    expect(text).toBe('The mayor said\nCrime fell by 40 percent.\nA quoted post');
    const versions = await t.request({
      method: 'GET',
      url: `/api/documents/${document.id}/versions`,
      cookie: users.viewer.cookie,
    });
    expect(versions.json()).toMatchObject([{ kind: 'import', name: null }]);
  });

  it.each(ROLES)('answers a %s as the policy says', async (role) => {
    const response = await importAs(users[role], { format: 'txt', content: 'Hello.' });
    expect(response.statusCode).toBe(MODERATORS[role] === 2 ? 201 : MODERATORS[role]);
  });

  it.each([
    [{ format: 'md', content: '   \n\n ' }, 'content is empty'],
    [{ format: 'txt', content: 'PNG\u0000\u0001binary' }, 'content looks binary'],
    [{ format: 'txt', content: 'broken \uFFFD bytes' }, 'not valid UTF-8'],
    [{ format: 'txt', content: 'x'.repeat(5000) }, 'the limit is 4096 bytes'],
    [{ format: 'docx', content: 'Hello' }, 'format must be one of: md, html, txt'],
    [{ format: 'html', content: '<script>alert(1)</script><style>p{}</style>' }, 'no text left'],
    [{ format: 'md', content: 'Hi', sourceUrl: 'javascript:alert(1)' }, 'sourceUrl'],
    [{ format: 'md', content: 'Hi', title: '   ' }, 'title cannot be blank'],
    [{ content: 'Hi' }, 'format is required'],
  ])('refuses bad input with 400 and creates nothing (%#)', async (payload, message) => {
    const before = await t.db.sql`SELECT count(*)::int AS n FROM documents`;
    const response = await importAs(users.moderator, payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toContain(message);
    const after = await t.db.sql`SELECT count(*)::int AS n FROM documents`;
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});

describe('list, read and metadata', () => {
  it('lists documents with claim counts, searches and filters archived ones', async () => {
    const id = await newDocument({ title: 'Budget claims checked', outlet: 'Gazette Ünïcode' });
    await buildClaimRow(t.db.sql, { documentId: id, workspaceId, status: 'open' });
    await buildClaimRow(t.db.sql, {
      documentId: id,
      workspaceId,
      status: 'approved',
      verdict: 'false',
    });
    await buildClaimRow(t.db.sql, {
      documentId: id,
      workspaceId,
      status: 'approved',
      verdict: 'false',
    });
    const list = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspaceId}/documents?q=gazette%20ünïcode`,
      cookie: users.viewer.cookie,
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toHaveLength(1);
    expect(list.json()[0].claimCounts).toEqual({
      total: 3,
      byStatus: {
        open: 1,
        assigned: 0,
        in_review: 0,
        verdict_proposed: 0,
        adjudication: 0,
        approved: 2,
      },
      byVerdict: { false: 2 },
    });
    const archive = await t.request({
      method: 'POST',
      url: `/api/documents/${id}/archive`,
      cookie: users.moderator.cookie,
    });
    expect(archive.json().archived).toBe(true);
    const active = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspaceId}/documents?q=Budget`,
      cookie: users.viewer.cookie,
    });
    expect(active.json()).toHaveLength(0);
    const archived = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspaceId}/documents?archived=true`,
      cookie: users.viewer.cookie,
    });
    expect(archived.json().map((d: { id: string }) => d.id)).toContain(id);
    const back = await t.request({
      method: 'POST',
      url: `/api/documents/${id}/unarchive`,
      cookie: users.moderator.cookie,
    });
    expect(back.json().archived).toBe(false);
  });

  it.each(ROLES)('GET list and document: a %s', async (role) => {
    const id = await newDocument();
    for (const url of [
      `/api/workspaces/${workspaceId}/documents`,
      `/api/documents/${id}`,
      `/api/documents/${id}/versions`,
    ]) {
      const response = await t.request({ method: 'GET', url, cookie: users[role].cookie });
      expect(response.statusCode).toBe(MEMBERS[role]);
    }
  });

  it('edits metadata (moderators) and refuses a bad date or URL naming the field', async () => {
    const id = await newDocument();
    const ok = await t.request({
      method: 'PATCH',
      url: `/api/documents/${id}`,
      cookie: users.moderator.cookie,
      payload: { title: 'New title', author: 'Ana Núñez', outlet: null },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ title: 'New title', author: 'Ana Núñez', outlet: null });
    for (const [payload, field] of [
      [{ publishedAt: '30/11/2026' }, 'publishedAt'],
      [{ sourceUrl: 'ftp://example.org/x' }, 'sourceUrl'],
      [{}, 'at least one field'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const bad = await t.request({
        method: 'PATCH',
        url: `/api/documents/${id}`,
        cookie: users.owner.cookie,
        payload,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain(field);
    }
    for (const role of ROLES) {
      const response = await t.request({
        method: 'PATCH',
        url: `/api/documents/${id}`,
        cookie: users[role].cookie,
        payload: { title: `By ${role}` },
      });
      expect(response.statusCode).toBe(MODERATORS[role] === 2 ? 200 : MODERATORS[role]);
    }
  });
});

describe('lock, archive and delete', () => {
  it.each(ROLES)('lock/unlock/archive/unarchive by a %s', async (role) => {
    const id = await newDocument();
    for (const verb of ['unlock', 'lock', 'archive', 'unarchive']) {
      const response = await t.request({
        method: 'POST',
        url: `/api/documents/${id}/${verb}`,
        cookie: users[role].cookie,
      });
      expect(response.statusCode, `${verb}: ${response.body}`).toBe(
        MODERATORS[role] === 2 ? 200 : MODERATORS[role],
      );
    }
  });

  it('unlocking lets reviewers edit; the document says so', async () => {
    const id = await newDocument();
    const unlocked = await t.request({
      method: 'POST',
      url: `/api/documents/${id}/unlock`,
      cookie: users.moderator.cookie,
    });
    expect(unlocked.json().textLocked).toBe(false);
    const asReviewer = await t.request({
      method: 'GET',
      url: `/api/documents/${id}`,
      cookie: users.reviewer.cookie,
    });
    expect(asReviewer.json()).toMatchObject({
      textLocked: false,
      abilities: { 'document.edit': true },
    });
    const asViewer = await t.request({
      method: 'GET',
      url: `/api/documents/${id}`,
      cookie: users.viewer.cookie,
    });
    expect(asViewer.json().abilities['document.edit']).toBe(false);
  });

  it.each(ROLES)('delete by a %s', async (role) => {
    const id = await newDocument();
    const response = await t.request({
      method: 'DELETE',
      url: `/api/documents/${id}`,
      cookie: users[role].cookie,
    });
    expect(response.statusCode).toBe(MODERATORS[role] === 2 ? 204 : MODERATORS[role]);
  });

  it('delete keeps nothing behind and the id can never be used again', async () => {
    const id = await newDocument();
    await buildClaimRow(t.db.sql, { documentId: id, workspaceId, status: 'open' });
    const response = await t.request({
      method: 'DELETE',
      url: `/api/documents/${id}`,
      cookie: users.moderator.cookie,
    });
    expect(response.statusCode).toBe(204);
    for (const table of ['documents', 'doc_updates', 'doc_snapshots', 'doc_versions', 'claims']) {
      const column = table === 'documents' ? 'id' : 'document_id';
      const rows = await t.db
        .sql`SELECT count(*)::int AS n FROM ${t.db.sql(table)} WHERE ${t.db.sql(column)} = ${id}`;
      expect(rows[0]?.n, table).toBe(0);
    }
    const again = await t.request({
      method: 'GET',
      url: `/api/documents/${id}`,
      cookie: users.owner.cookie,
    });
    expect(again.statusCode).toBe(404);
    await expect(
      t.db
        .sql`INSERT INTO documents (id, workspace_id, title) VALUES (${id}, ${workspaceId}, 'reuse')`,
    ).rejects.toThrow(/deleted document/);
  });
});

describe('text versions', () => {
  it('saves a named version, shows it, and restores it as a forward change', async () => {
    const id = await newDocument();
    const named = await t.request({
      method: 'POST',
      url: `/api/documents/${id}/versions`,
      cookie: users.moderator.cookie,
      payload: { name: 'As published' },
    });
    expect(named.statusCode, named.body).toBe(201);
    const versionId = named.json().id as string;
    // The text changes on the server's copy, as an editor's edit would.
    const Y = await import('yjs');
    await t.app.liveDocuments.changeDocument(id, (doc) => {
      const fragment = doc.getXmlFragment('article');
      fragment.delete(0, fragment.length);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Rewritten entirely.')]);
      fragment.insert(0, [paragraph]);
    });
    const view = await t.request({
      method: 'GET',
      url: `/api/documents/${id}/versions/${versionId}`,
      cookie: users.viewer.cookie,
    });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().text).toBe('The mayor said\nCrime fell by 40 percent.\nA quoted post');
    expect(view.json().html).toContain('<strong>40 percent</strong>');
    const restore = await t.request({
      method: 'POST',
      url: `/api/documents/${id}/versions/${versionId}/restore`,
      cookie: users.moderator.cookie,
    });
    expect(restore.statusCode, restore.body).toBe(200);
    expect(restore.json().saved.kind).toBe('before_restore');
    const { articleText } = await import('@factdesk/editor');
    const text = await t.app.liveDocuments.readDocument(id, (doc) => articleText(doc).text);
    expect(text).toBe('The mayor said\nCrime fell by 40 percent.\nA quoted post');
    const list = await t.request({
      method: 'GET',
      url: `/api/documents/${id}/versions`,
      cookie: users.reviewer.cookie,
    });
    expect(
      list
        .json()
        .map((v: { kind: string }) => v.kind)
        .sort(),
    ).toEqual(['before_restore', 'import', 'named']);
    const beforeRestore = await t.request({
      method: 'GET',
      url: `/api/documents/${id}/versions/${restore.json().saved.id}`,
      cookie: users.viewer.cookie,
    });
    expect(beforeRestore.json().text).toBe('Rewritten entirely.');
  });

  it.each(ROLES)('named versions and restores by a %s', async (role) => {
    const id = await newDocument();
    const versions = await t.request({
      method: 'GET',
      url: `/api/documents/${id}/versions`,
      cookie: users.owner.cookie,
    });
    const importVersion = versions.json()[0].id as string;
    const save = await t.request({
      method: 'POST',
      url: `/api/documents/${id}/versions`,
      cookie: users[role].cookie,
      payload: { name: 'v' },
    });
    expect(save.statusCode).toBe(MODERATORS[role] === 2 ? 201 : MODERATORS[role]);
    const restore = await t.request({
      method: 'POST',
      url: `/api/documents/${id}/versions/${importVersion}/restore`,
      cookie: users[role].cookie,
    });
    expect(restore.statusCode).toBe(MODERATORS[role] === 2 ? 200 : MODERATORS[role]);
  });

  it('answers 404 for a version of another document and 400 for a blank name', async () => {
    const a = await newDocument();
    const b = await newDocument();
    const versions = await t.request({
      method: 'GET',
      url: `/api/documents/${a}/versions`,
      cookie: users.owner.cookie,
    });
    const versionOfA = versions.json()[0].id as string;
    const wrong = await t.request({
      method: 'GET',
      url: `/api/documents/${b}/versions/${versionOfA}`,
      cookie: users.owner.cookie,
    });
    expect(wrong.statusCode).toBe(404);
    const blank = await t.request({
      method: 'POST',
      url: `/api/documents/${a}/versions`,
      cookie: users.owner.cookie,
      payload: { name: '' },
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toBe('name cannot be empty.');
  });
});
