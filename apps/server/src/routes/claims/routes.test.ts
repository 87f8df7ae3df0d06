import { articleText } from '@factdesk/editor';
import type { Role } from '@factdesk/model';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { requestsAs } from '../../testing/requests.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

const ARTICLE = [
  '# Budget row',
  '',
  'The minister said unemployment fell by 40% last year.',
  '',
  'Critics replied that unemployment fell by 4% only, and that wages stalled.',
].join('\n');

let t: TestApp;
let workspaceId: string;
const members = {} as Record<Role, TestUser>;
let reviewer2: TestUser;
let outsider: TestUser;
let documentId: string;
let update: Uint8Array;

beforeAll(async () => {
  t = await buildTestApp();
  const built = await buildWorkspace(t);
  workspaceId = built.workspaceId;
  members.owner = built.owner;
  members.moderator = await buildMember(t, built.owner, workspaceId, 'moderator');
  members.reviewer = await buildMember(t, built.owner, workspaceId, 'reviewer');
  members.viewer = await buildMember(t, built.owner, workspaceId, 'viewer');
  reviewer2 = await buildMember(t, built.owner, workspaceId, 'reviewer');
  const other = await t.request({
    method: 'POST',
    url: '/api/workspaces',
    cookie: members.viewer.cookie,
    payload: { name: 'Elsewhere' },
  });
  expect(other.statusCode).toBe(201);
  outsider = await buildMember(t, members.viewer, other.json().id, 'owner');
  ({ documentId, update } = await buildDocumentWithText(t.db.sql, {
    workspaceId,
    createdBy: built.owner.id,
    markdown: ARTICLE,
  }));
});
afterAll(() => t.close());

const as = requestsAs(() => t);

async function newClaim(by: TestUser = members.moderator, exact = 'unemployment fell by 40%') {
  const doc = docFrom(update);
  const response = await as(by, 'POST', `/api/documents/${documentId}/claims`, {
    anchor: anchorFor(doc, exact),
    statement: 'Unemployment fell 40% in a year',
    claimant: { name: 'The minister', type: 'person' },
    tags: ['economy'],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number; status: string };
}

function expectStatus(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

interface ListedClaim {
  id: string;
  orphaned: boolean;
  currentQuote: string;
  version: number;
}

/** The document's claims once one of them satisfies `refreshed` (or after 5 s, as they are). */
async function claimsOnceRefreshed(docId: string, refreshed: (claim: ListedClaim) => boolean) {
  const until = Date.now() + 5_000;
  for (;;) {
    const claims: ListedClaim[] = expectStatus(
      await as(members.viewer, 'GET', `/api/documents/${docId}/claims`),
      200,
    );
    if (claims.some(refreshed) || Date.now() > until) return claims;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('creating claims', () => {
  it('a reviewer creates a claim whose anchor the server checked; abilities come with it', async () => {
    const claim = await newClaim(members.reviewer);
    const read = expectStatus(await as(members.reviewer, 'GET', `/api/claims/${claim.id}`), 200);
    expect(read).toMatchObject({
      status: 'open',
      currentQuote: 'unemployment fell by 40%',
      orphaned: false,
      version: 1,
      claimant: { name: 'The minister', type: 'person' },
      abilities: { update: true, work: true, assign: false, approve: false },
    });
    const asViewer = expectStatus(await as(members.viewer, 'GET', `/api/claims/${claim.id}`), 200);
    expect(asViewer.abilities).toMatchObject({ update: false, work: false, comment: false });
  });

  it('claims may overlap', async () => {
    await newClaim(members.moderator, 'fell by 40% last year');
    await newClaim(members.moderator, 'minister said unemployment');
  });

  it('a viewer gets 403 and an outsider 404', async () => {
    const anchor = anchorFor(docFrom(update), 'wages stalled');
    const url = `/api/documents/${documentId}/claims`;
    expectStatus(await as(members.viewer, 'POST', url, { anchor }), 403);
    expectStatus(await as(outsider, 'POST', url, { anchor }), 404);
    expectStatus(await as(outsider, 'GET', url), 404);
  });

  it('a forged anchor gets 400 naming the field; a quote that does not match gets 409', async () => {
    const anchor = anchorFor(docFrom(update), 'wages stalled');
    const url = `/api/documents/${documentId}/claims`;
    const bad = expectStatus(
      await as(members.reviewer, 'POST', url, { anchor: { ...anchor, start: '!!not base64' } }),
      400,
    );
    expect(bad.field).toBe('anchor.start');
    const mismatch = expectStatus(
      await as(members.reviewer, 'POST', url, {
        anchor: { ...anchor, quote: { ...anchor.quote, exact: 'wages rose' } },
      }),
      409,
    );
    expect(mismatch.message).toMatch(/the text under the selection changed/);
  });
});

describe('workflow', () => {
  it('goes open → assigned → in_review → verdict_proposed → approved, frozen, reopened', async () => {
    const claim = await newClaim();
    let c = expectStatus(
      await as(members.moderator, 'POST', `/api/claims/${claim.id}/assign`, {
        version: 1,
        reviewerIds: [members.reviewer.id],
        dueAt: '2030-01-01T00:00:00.000Z',
      }),
      200,
    );
    expect(c.status).toBe('assigned');
    c = expectStatus(
      await as(members.reviewer, 'POST', `/api/claims/${claim.id}/start`, { version: c.version }),
      200,
    );
    expect(c.status).toBe('in_review');
    const early = expectStatus(
      await as(members.moderator, 'POST', `/api/claims/${claim.id}/approve`, {
        version: c.version,
      }),
      409,
    );
    expect(early.message).toBe('cannot approve: claim is in_review');
    expect(early.claim.status).toBe('in_review');
    const badVerdict = expectStatus(
      await as(members.reviewer, 'POST', `/api/claims/${claim.id}/propose`, {
        version: c.version,
        verdict: 'pants_on_fire',
      }),
      400,
    );
    expect(badVerdict.field).toBe('verdict');
    c = expectStatus(
      await as(members.reviewer, 'POST', `/api/claims/${claim.id}/propose`, {
        version: c.version,
        verdict: 'false',
        rationale: 'Official data say **4%**.',
      }),
      200,
    );
    expect(c).toMatchObject({ status: 'verdict_proposed', verdict: 'false' });
    expectStatus(
      await as(members.reviewer, 'POST', `/api/claims/${claim.id}/approve`, { version: c.version }),
      403,
    );
    c = expectStatus(
      await as(members.moderator, 'POST', `/api/claims/${claim.id}/return`, {
        version: c.version,
        reason: 'cite it',
      }),
      200,
    );
    expect(c.status).toBe('in_review');
    c = expectStatus(
      await as(members.reviewer, 'POST', `/api/claims/${claim.id}/propose`, {
        version: c.version,
        verdict: 'false',
      }),
      200,
    );
    c = expectStatus(
      await as(members.moderator, 'POST', `/api/claims/${claim.id}/approve`, {
        version: c.version,
      }),
      200,
    );
    expect(c.status).toBe('approved');
    const frozen = expectStatus(
      await as(members.reviewer, 'PATCH', `/api/claims/${claim.id}`, {
        version: c.version,
        statement: 'x',
      }),
      409,
    );
    expect(frozen.message).toBe('cannot edit: claim is approved');
    c = expectStatus(
      await as(members.moderator, 'POST', `/api/claims/${claim.id}/reopen`, { version: c.version }),
      200,
    );
    expect(c.status).toBe('in_review');

    const queue = expectStatus(await as(members.reviewer, 'GET', '/api/me/queue'), 200);
    expect(queue.map((q: { id: string }) => q.id)).toContain(claim.id);
    const history = expectStatus(
      await as(members.viewer, 'GET', `/api/claims/${claim.id}/history`),
      200,
    );
    expect(history.map((e: { type: string }) => e.type)).toEqual([
      'claim.created',
      'claim.assigned',
      'claim.review_started',
      'claim.verdict_proposed',
      'claim.returned',
      'claim.verdict_proposed',
      'claim.approved',
      'claim.reopened',
    ]);
  });

  it('a reviewer cannot work on a claim neither assigned to them nor created by them', async () => {
    const claim = await newClaim(members.moderator);
    expectStatus(
      await as(reviewer2, 'PATCH', `/api/claims/${claim.id}`, { version: 1, statement: 'mine' }),
      403,
    );
    // Commenting is open to everyone from commenter up, on any claim.
    expectStatus(
      await as(reviewer2, 'POST', `/api/claims/${claim.id}/comments`, { body: 'hi' }),
      201,
    );
    expectStatus(
      await as(members.reviewer, 'POST', `/api/claims/${claim.id}/assign`, {
        version: 1,
        reviewerIds: [reviewer2.id],
      }),
      403,
    );
    const bad = expectStatus(
      await as(members.moderator, 'POST', `/api/claims/${claim.id}/assign`, {
        version: 1,
        reviewerIds: [members.viewer.id],
      }),
      400,
    );
    expect(bad.field).toBe('reviewerIds');
    expectStatus(
      await as(members.moderator, 'POST', `/api/claims/${claim.id}/assign`, {
        version: 1,
        reviewerIds: [reviewer2.id],
      }),
      200,
    );
    expectStatus(
      await as(reviewer2, 'PATCH', `/api/claims/${claim.id}`, { version: 2, statement: 'mine' }),
      200,
    );
    expectStatus(
      await as(reviewer2, 'POST', `/api/claims/${claim.id}/comments`, { body: 'on it' }),
      201,
    );
    expectStatus(await as(outsider, 'GET', `/api/claims/${claim.id}/comments`), 404);
  });
});

describe('concurrency', () => {
  it('two writers on one version: one 409 with the current claim, nothing lost, both in history', async () => {
    const claim = await newClaim(members.moderator);
    await as(members.moderator, 'POST', `/api/claims/${claim.id}/assign`, {
      version: 1,
      reviewerIds: [members.reviewer.id, reviewer2.id],
    });
    const [a, b] = await Promise.all([
      as(members.reviewer, 'PATCH', `/api/claims/${claim.id}`, { version: 2, statement: 'from A' }),
      as(reviewer2, 'PATCH', `/api/claims/${claim.id}`, { version: 2, statement: 'from B' }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winner = a.statusCode === 200 ? a : b;
    expect(loser.json()).toMatchObject({
      code: 'stale_version',
      claim: { version: 3, statement: winner.json().statement },
    });
    const retried = expectStatus(
      await as(a === loser ? members.reviewer : reviewer2, 'PATCH', `/api/claims/${claim.id}`, {
        version: 3,
        statement: 'merged',
      }),
      200,
    );
    expect(retried.version).toBe(4);
    const history = expectStatus(
      await as(members.viewer, 'GET', `/api/claims/${claim.id}/history`),
      200,
    );
    const edits = history.filter((e: { type: string }) => e.type === 'claim.updated');
    expect(edits.map((e: { after: { statement: string } }) => e.after.statement)).toEqual([
      winner.json().statement,
      'merged',
    ]);
  });
});

describe('evidence', () => {
  it('shows a mixed-script host in punycode and keeps the port', async () => {
    const claim = await newClaim(members.reviewer);
    const spoof = expectStatus(
      await as(members.reviewer, 'POST', `/api/claims/${claim.id}/evidence`, {
        version: 1,
        url: 'https://аpple.com:8443/login',
        kind: 'other',
        stance: 'supports',
      }),
      201,
    );
    expect(spoof.evidence.url).toBe('https://xn--pple-43d.com:8443/login');
    expect(spoof.evidence.displayHost).toBe('xn--pple-43d.com:8443');
  });

  it('normalises http(s) URLs, shows IDN hosts in Unicode, refuses other schemes and credentials', async () => {
    const claim = await newClaim(members.reviewer);
    const url = `/api/claims/${claim.id}/evidence`;
    const added = expectStatus(
      await as(members.reviewer, 'POST', url, {
        version: 1,
        url: 'HTTPS://Bücher.Example/a/../b?x=1',
        kind: 'news_report',
        stance: 'context',
      }),
      201,
    );
    expect(added.evidence).toMatchObject({
      url: 'https://xn--bcher-kva.example/b?x=1',
      displayHost: 'bücher.example',
    });
    expect(added.claim.version).toBe(2);
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'ftp://x.example/',
      'https://user:pw@x.example/',
      'not a url',
      // Refused, not repaired: what the URL parser would silently rewrite.
      'https:\\\\evil.example\\x',
      'https://exam\nple.com/',
      'https://example.com/\u0007',
      'https://exa mple.com/',
    ]) {
      const refused = expectStatus(
        await as(members.reviewer, 'POST', url, {
          version: 2,
          url: bad,
          kind: 'other',
          stance: 'supports',
        }),
        400,
      );
      expect(refused.field).toBe('url');
      expect(refused.message).toMatch(/^url /);
    }
    const changed = expectStatus(
      await as(members.reviewer, 'PATCH', `/api/evidence/${added.evidence.id}`, {
        version: 2,
        stance: 'refutes',
      }),
      200,
    );
    expect(changed.evidence.stance).toBe('refutes');
    expectStatus(
      await as(members.viewer, 'DELETE', `/api/evidence/${added.evidence.id}?version=3`),
      403,
    );
    expectStatus(
      await as(members.reviewer, 'DELETE', `/api/evidence/${added.evidence.id}?version=2`),
      409,
    );
    const removed = expectStatus(
      await as(members.reviewer, 'DELETE', `/api/evidence/${added.evidence.id}?version=3`),
      200,
    );
    expect(removed.evidenceCount).toBe(0);
  });
});

describe('anchors follow the live text', () => {
  it('edits inside a passage move the current quote; deletion re-anchors by quote or orphans', async () => {
    const { documentId: docId, update: start } = await buildDocumentWithText(t.db.sql, {
      workspaceId,
      createdBy: members.owner.id,
      markdown: 'Alpha says the sky is green. Beta repeats: the sky is green.\n\nGamma ends it.',
    });
    const browser = docFrom(start);
    const create = (exact: string, occurrence = 0) =>
      as(members.moderator, 'POST', `/api/documents/${docId}/claims`, {
        anchor: anchorFor(browser, exact, occurrence),
      });
    const first = expectStatus(await create('the sky is green'), 201);
    const gamma = expectStatus(await create('Gamma ends it'), 201);

    // A second client edits: inserts inside the first claim, deletes Gamma's sentence.
    const editor = docFrom(start);
    const fragment = editor.getXmlFragment('article');
    const text = articleText(editor).text;
    const paragraph = fragment.get(0) as Y.XmlElement;
    const xmlText = paragraph.get(0) as Y.XmlText;
    xmlText.insert(text.indexOf('green'), 'very ');
    const last = fragment.get(fragment.length - 1) as Y.XmlElement;
    (last.get(0) as Y.XmlText).delete(0, 'Gamma ends it.'.length);
    await t.app.liveDocuments.changeDocument(docId, (doc) => {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(editor, Y.encodeStateVector(doc)));
    });

    // Re-anchoring and orphaning follow the committed edit (not the read): poll for them.
    let claims = await claimsOnceRefreshed(docId, (c) => c.id === gamma.id && c.orphaned);
    const byId = (id: string) => claims.find((c: { id: string }) => c.id === id);
    expect(byId(first.id)).toMatchObject({
      currentQuote: 'the sky is very green',
      orphaned: false,
    });
    expect(byId(gamma.id)).toMatchObject({
      orphaned: true,
      anchor: { quote: { exact: 'Gamma ends it' } },
    });

    // Deleting the first passage: the same words later in the text take the claim.
    await t.app.liveDocuments.changeDocument(docId, (doc) => {
      const p = doc.getXmlFragment('article').get(0) as Y.XmlElement;
      const model = articleText(doc).text;
      (p.get(0) as Y.XmlText).delete(model.indexOf('the sky'), 'the sky is very green'.length);
    });
    claims = await claimsOnceRefreshed(
      docId,
      (c) => c.id === first.id && c.currentQuote === 'the sky is green',
    );
    expect(byId(first.id)).toMatchObject({ currentQuote: 'the sky is green', orphaned: false });
    const history = expectStatus(
      await as(members.viewer, 'GET', `/api/claims/${first.id}/history`),
      200,
    );
    expect(history.map((e: { type: string }) => e.type)).toContain('claim.reanchored');

    // A moderator re-anchors the orphan to a new selection.
    const current = new Y.Doc();
    await t.app.liveDocuments.readDocument(docId, (doc) =>
      Y.applyUpdate(current, Y.encodeStateAsUpdate(doc)),
    );
    const orphan = byId(gamma.id);
    const reanchored = expectStatus(
      await as(members.moderator, 'POST', `/api/claims/${gamma.id}/reanchor`, {
        version: orphan?.version,
        anchor: anchorFor(current, 'Alpha says'),
      }),
      200,
    );
    expect(reanchored).toMatchObject({ orphaned: false, currentQuote: 'Alpha says' });

    const events = expectStatus(
      await as(members.viewer, 'GET', `/api/documents/${docId}/events?after=0`),
      200,
    );
    expect(events.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['claim.created', 'claim.orphaned', 'claim.reanchored']),
    );
    const later = expectStatus(
      await as(members.viewer, 'GET', `/api/documents/${docId}/events?after=${events.lastEventId}`),
      200,
    );
    expect(later.events).toEqual([]);
  });
});
