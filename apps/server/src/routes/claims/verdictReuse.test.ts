// Verdict reuse through the API (docs/verdict-reuse.md): suggestions find an approved claim of
// another document that says the same thing in other words — never an unapproved claim,
// another workspace's or the claim itself — and reuse copies the verdict, rationale and
// evidence with provenance, in the history and live to open editors; refusals change nothing.
import type { Claim, ClaimEvent, Evidence, SimilarClaims } from '@factdesk/model';
import { IDENTITY_EVENT, MESSAGE_EVENT } from '@factdesk/sync';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { anchorFor, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

let t: TestApp;
let workspaceId: string;
let owner: TestUser;
let moderator: TestUser;
let reviewer: TestUser;
let otherReviewer: TestUser;
let viewer: TestUser;
let outsider: TestUser;
let outsideWs: string;
let docA: string;
let docB: string;
/** Approved in document A: "le chômage a baissé de 10 % en un an". */
let approvedA: Claim;
/** In review in document A: "les loyers ont doublé à Paris en vingt ans". */
let pendingA: Claim;
/** Approved in the outsider's workspace, with the same words as approvedA. */
let foreign: Claim;

const ARTICLE_A =
  'Selon le ministre, le chômage a baissé de 10 % en un an. Les loyers ont doublé à Paris en vingt ans.';
const ARTICLE_B =
  'Le député affirme que sur un an, le chômage a reculé de 10 %. Il ajoute que les loyers parisiens ont été multipliés par deux en vingt ans.';

async function importArticle(user: TestUser, ws: string, title: string, content: string) {
  const response = await t.request({
    method: 'POST',
    url: `/api/workspaces/${ws}/documents`,
    cookie: user.cookie,
    payload: { format: 'md', content, title, language: 'fr' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function call<T>(user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) {
  const response = await t.request({
    method,
    url,
    cookie: user.cookie,
    ...(payload ? { payload } : {}),
  });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
  return response.json() as T;
}

async function createClaim(user: TestUser, documentId: string, exact: string, statement = '') {
  const state = await t.app.liveDocuments.readDocument(documentId, (doc) =>
    Y.encodeStateAsUpdate(doc),
  );
  return call<Claim>(user, 'POST', `/api/documents/${documentId}/claims`, {
    anchor: anchorFor(docFrom(state), exact),
    ...(statement ? { statement } : {}),
  });
}

/** Through the workflow: start, propose (author), approve (approver). */
async function approve(claim: Claim, author: TestUser, approver: TestUser, verdict: string) {
  let current = await call<Claim>(author, 'POST', `/api/claims/${claim.id}/start`, {
    version: claim.version,
  });
  current = await call<Claim>(author, 'POST', `/api/claims/${claim.id}/propose`, {
    version: current.version,
    verdict,
    rationale: 'L’Insee mesure une baisse de 3 % seulement.',
  });
  return call<Claim>(approver, 'POST', `/api/claims/${claim.id}/approve`, {
    version: current.version,
  });
}

async function addEvidence(user: TestUser, claim: Claim, url: string) {
  const response = await t.request({
    method: 'POST',
    url: `/api/claims/${claim.id}/evidence`,
    cookie: user.cookie,
    payload: {
      version: claim.version,
      url,
      title: 'Chômage : les chiffres du trimestre',
      kind: 'official_data',
      stance: 'refutes',
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { claim: Claim; evidence: Evidence };
}

function similarToText(query: Record<string, string>, user: TestUser = viewer, ws = workspaceId) {
  return t.request({
    method: 'GET',
    url: `/api/workspaces/${ws}/claims/similar?${new URLSearchParams(query)}`,
    cookie: user.cookie,
  });
}

const idsOf = (found: SimilarClaims) => found.claims.map((claim) => claim.claimId);

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  ({ owner, workspaceId } = await buildWorkspace(t));
  moderator = await buildMember(t, owner, workspaceId, 'moderator');
  reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
  otherReviewer = await buildMember(t, owner, workspaceId, 'reviewer');
  viewer = await buildMember(t, owner, workspaceId, 'viewer');
  // Another desk: a workspace of its own, whose moderator belongs to it only.
  const created = await t.request({
    method: 'POST',
    url: '/api/workspaces',
    cookie: owner.cookie,
    payload: { name: 'Other desk' },
  });
  expect(created.statusCode, created.body).toBe(201);
  outsideWs = (created.json() as { id: string }).id;
  outsider = await buildMember(t, owner, outsideWs, 'moderator');

  docA = await importArticle(owner, workspaceId, 'Le bilan du ministre', ARTICLE_A);
  docB = await importArticle(owner, workspaceId, 'Le discours du député', ARTICLE_B);
  const first = await createClaim(
    reviewer,
    docA,
    'le chômage a baissé de 10 % en un an',
    'Le chômage a baissé de 10 % en un an',
  );
  const withEvidence = await addEvidence(reviewer, first, 'https://www.insee.fr/fr/statistiques/1');
  approvedA = await approve(withEvidence.claim, reviewer, moderator, 'false');
  pendingA = await createClaim(reviewer, docA, 'Les loyers ont doublé à Paris en vingt ans');

  const outsideDoc = await importArticle(outsider, outsideWs, 'Ailleurs', ARTICLE_A);
  const outsideClaim = await createClaim(
    outsider,
    outsideDoc,
    'le chômage a baissé de 10 % en un an',
  );
  const proposed = await call<Claim>(outsider, 'POST', `/api/claims/${outsideClaim.id}/start`, {
    version: outsideClaim.version,
  }).then((c) =>
    call<Claim>(outsider, 'POST', `/api/claims/${c.id}/propose`, {
      version: c.version,
      verdict: 'true',
    }),
  );
  foreign = await call<Claim>(owner, 'POST', `/api/claims/${proposed.id}/approve`, {
    version: proposed.version,
  });
  expect(foreign.status).toBe('approved');
});
afterAll(() => t.close());

describe('similar approved claims', () => {
  it('a highlight in another document finds the approved claim it rewords, with its verdict and a link', async () => {
    const response = await similarToText({ quote: 'sur un an, le chômage a reculé de 10 %' });
    expect(response.statusCode, response.body).toBe(200);
    const found = response.json() as SimilarClaims;
    expect(idsOf(found)).toEqual([approvedA.id]);
    const [match] = found.claims;
    expect(match).toMatchObject({
      documentId: docA,
      documentTitle: 'Le bilan du ministre',
      documentArchived: false,
      verdict: 'false',
      verdictLabel: 'False',
      statement: 'Le chômage a baissé de 10 % en un an',
      link: `/w/${workspaceId}/d/${docA}?claim=${approvedA.id}`,
    });
    expect(match?.approvedAt).toBe(approvedA.approvedAt);
    expect(match?.score).toBeGreaterThanOrEqual(found.threshold);
  });

  it('a statement being written is matched too, accents and case aside', async () => {
    const found = (
      await similarToText({ statement: 'LE CHOMAGE A BAISSE DE 10% EN UN AN !' })
    ).json() as SimilarClaims;
    expect(idsOf(found)).toEqual([approvedA.id]);
  });

  it('an unapproved claim saying the same thing is never suggested', async () => {
    const found = (
      await similarToText({ quote: 'À Paris, les loyers ont doublé en vingt ans' })
    ).json() as SimilarClaims;
    expect(idsOf(found)).not.toContain(pendingA.id);
    expect(found.claims).toEqual([]);
  });

  it('another figure is another claim: nothing is suggested', async () => {
    const found = (
      await similarToText({ quote: 'le chômage a baissé de 3 % en un an' })
    ).json() as SimilarClaims;
    expect(found.claims).toEqual([]);
  });

  it('another workspace’s approved claim is never suggested, and its members see only theirs', async () => {
    const found = (
      await similarToText({ quote: 'le chômage a baissé de 10 % en un an' })
    ).json() as SimilarClaims;
    expect(idsOf(found)).toEqual([approvedA.id]);
    const theirs = (
      await similarToText({ quote: 'le chômage a baissé de 10 % en un an' }, outsider, outsideWs)
    ).json() as SimilarClaims;
    expect(idsOf(theirs)).toEqual([foreign.id]);
  });

  it('“Same claim elsewhere” on a claim lists the others, never the claim itself', async () => {
    const inB = await createClaim(reviewer, docB, 'sur un an, le chômage a reculé de 10 %');
    const forB = await call<SimilarClaims>(viewer, 'GET', `/api/claims/${inB.id}/similar`);
    expect(idsOf(forB)).toEqual([approvedA.id]);
    const forA = await call<SimilarClaims>(viewer, 'GET', `/api/claims/${approvedA.id}/similar`);
    expect(idsOf(forA)).not.toContain(approvedA.id);
  });

  it('refuses non-members (404), and a missing, blank or unknown parameter (400)', async () => {
    expect((await similarToText({ quote: 'le chômage' }, outsider)).statusCode).toBe(404);
    const strangers = await t.request({
      method: 'GET',
      url: `/api/claims/${approvedA.id}/similar`,
      cookie: outsider.cookie,
    });
    expect(strangers.statusCode).toBe(404);
    const none = await similarToText({});
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toMatch(/quote or statement is needed/);
    expect((await similarToText({ quote: '  ', statement: '' })).statusCode).toBe(400);
    const unknown = await similarToText({ quote: 'chômage', text: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect((await similarToText({ quote: 'chômage', limit: '0' })).statusCode).toBe(400);
  });
});

describe('reusing a verdict', () => {
  function connect(documentId: string, token: string) {
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const events: { type: string; claim: Claim }[] = [];
    const provider = new WebsocketProvider(
      `ws://127.0.0.1:${port}/collab`,
      documentId,
      new Y.Doc(),
      {
        connect: false,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        params: { token, factdesk: '1' },
      },
    );
    provider.messageHandlers[MESSAGE_EVENT] = (_encoder, decoder) => {
      const event = JSON.parse(decoding.readVarString(decoder as decoding.Decoder));
      if (event.type !== IDENTITY_EVENT) events.push(event);
    };
    provider.connect();
    const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    return { provider, events, synced };
  }

  it('copies verdict, rationale and evidence as a proposal with provenance, in the history and live', async () => {
    const token = (
      await call<{ token: string }>(viewer, 'POST', '/api/me/tokens', { name: 'live' })
    ).token;
    const editor = connect(docB, token);
    await editor.synced;
    const target = await createClaim(reviewer, docB, 'sur un an, le chômage a reculé de 10 %');

    const reused = await call<Claim>(reviewer, 'POST', `/api/claims/${target.id}/reuse`, {
      version: target.version,
      fromClaimId: approvedA.id,
    });
    expect(reused).toMatchObject({
      status: 'verdict_proposed',
      verdict: 'false',
      rationale: 'L’Insee mesure une baisse de 3 % seulement.',
      proposedBy: { id: reviewer.id },
      approvedBy: null,
      evidenceCount: 1,
      reusedFrom: {
        claimId: approvedA.id,
        documentId: docA,
        documentTitle: 'Le bilan du ministre',
      },
    });
    const evidence = await call<Evidence[]>(viewer, 'GET', `/api/claims/${target.id}/evidence`);
    expect(evidence.map((e) => [e.url, e.stance, e.kind])).toEqual([
      ['https://www.insee.fr/fr/statistiques/1', 'refutes', 'official_data'],
    ]);

    const history = await call<ClaimEvent[]>(viewer, 'GET', `/api/claims/${target.id}/history`);
    const event = history.find((e) => e.type === 'claim.verdict_reused');
    expect(event?.actor?.id).toBe(reviewer.id);
    expect(event?.subject).toMatchObject({
      verdict: 'false',
      from_claim_id: approvedA.id,
      from_document_id: docA,
      from_document_title: 'Le bilan du ministre',
      from_statement: 'Le chômage a baissé de 10 % en un an',
      evidence_copied: 1,
    });
    expect(event?.after).toMatchObject({ status: 'verdict_proposed', verdict: 'false' });

    await vi.waitFor(() => {
      const live = editor.events.filter((e) => e.claim.id === target.id).map((e) => e.type);
      expect(live).toEqual(['claim.created', 'claim.verdict_reused', 'evidence.added']);
    });
    const liveReuse = editor.events.find((e) => e.type === 'claim.verdict_reused');
    expect(liveReuse?.claim.reusedFrom?.claimId).toBe(approvedA.id);
    editor.provider.destroy();

    // The reused verdict is approved by the usual rules: the reuser's own proposal goes to a
    // second person, who may approve it.
    const approved = await call<Claim>(moderator, 'POST', `/api/claims/${target.id}/approve`, {
      version: reused.version,
    });
    expect(approved.status).toBe('approved');
    expect(approved.reusedFrom?.claimId).toBe(approvedA.id);
  });

  it('every report format says where a reused verdict came from', async () => {
    const report = async (format: string) => {
      const response = await t.request({
        method: 'GET',
        url: `/api/documents/${docB}/report?format=${format}`,
        cookie: viewer.cookie,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response;
    };
    const json = JSON.parse((await report('json')).body) as {
      claims: { reusedFrom: { documentTitle: string; reusedAt: string } | null }[];
    };
    // The approved claim of the test above, and only it, is in this approved-only report.
    expect(json.claims.map((claim) => claim.reusedFrom?.documentTitle)).toEqual([
      'Le bilan du ministre',
    ]);
    const sentence =
      /a claim in “Le bilan du ministre”, [^,(]+ \(verdict, rationale and evidence copied\)/;
    expect((await report('md')).body).toMatch(
      new RegExp(`\\*\\*Reused from:\\*\\* ${sentence.source}`),
    );
    expect((await report('html')).body).toMatch(
      new RegExp(`<dt>Reused from</dt><dd><bdi dir="auto">${sentence.source}`),
    );
    const csv = (await report('csv')).body;
    expect(csv.split('\r\n')[0]).toContain(',reused_from,');
    expect(csv).toMatch(sentence);
    const pdf = await report('pdf');
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
  });

  it('a moderator’s reused verdict still needs a second person (four-eyes)', async () => {
    const target = await createClaim(moderator, docB, 'le chômage a reculé de 10 %');
    const reused = await call<Claim>(moderator, 'POST', `/api/claims/${target.id}/reuse`, {
      version: target.version,
      fromClaimId: approvedA.id,
    });
    expect(reused.status).toBe('verdict_proposed');
    expect(reused.abilities.fourEyesBlocked).toBe(true);
  });

  it('a verdict proposed by hand afterwards ends the provenance', async () => {
    const target = await createClaim(reviewer, docB, 'Il ajoute que les loyers');
    const reused = await call<Claim>(reviewer, 'POST', `/api/claims/${target.id}/reuse`, {
      version: target.version,
      fromClaimId: approvedA.id,
    });
    expect(reused.reusedFrom?.claimId).toBe(approvedA.id);
    const returned = await call<Claim>(moderator, 'POST', `/api/claims/${target.id}/return`, {
      version: reused.version,
    });
    expect(returned.reusedFrom?.claimId).toBe(approvedA.id);
    const own = await call<Claim>(reviewer, 'POST', `/api/claims/${target.id}/propose`, {
      version: returned.version,
      verdict: 'mixed',
    });
    expect(own).toMatchObject({ status: 'verdict_proposed', verdict: 'mixed', reusedFrom: null });
  });

  describe('refusals change nothing', () => {
    let target: Claim;
    beforeAll(async () => {
      target = await createClaim(
        reviewer,
        docB,
        'les loyers parisiens ont été multipliés par deux',
      );
    });

    async function refused(user: TestUser, fromClaimId: string, claim = target) {
      const response = await t.request({
        method: 'POST',
        url: `/api/claims/${claim.id}/reuse`,
        cookie: user.cookie,
        payload: { version: claim.version, fromClaimId },
      });
      const after = await call<Claim>(owner, 'GET', `/api/claims/${claim.id}`);
      expect(after.version).toBe(claim.version);
      expect(after.verdict).toBe(claim.verdict);
      expect(after.evidenceCount).toBe(claim.evidenceCount);
      expect(after.reusedFrom).toEqual(claim.reusedFrom);
      return { status: response.statusCode, message: response.json().message as string };
    }

    it('a source that is not approved: 409 with its state', async () => {
      const outcome = await refused(reviewer, pendingA.id);
      expect(outcome.status).toBe(409);
      expect(outcome.message).toBe(
        'cannot reuse a verdict: the claim in “Le bilan du ministre” is not approved (it is open); only approved verdicts can be reused.',
      );
    });

    it('a source in another workspace: 404, as if it did not exist', async () => {
      const outcome = await refused(reviewer, foreign.id);
      expect(outcome.status).toBe(404);
      expect(outcome.message).toMatch(/not found in this workspace/);
      expect((await refused(reviewer, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });

    it('people who may not work on the claim: 403', async () => {
      expect((await refused(viewer, approvedA.id)).status).toBe(403);
      const notTheirs = await refused(otherReviewer, approvedA.id);
      expect(notTheirs.status).toBe(403);
      expect(notTheirs.message).toBe(
        'Reviewers work only on claims assigned to them or created by them.',
      );
      expect((await refused(outsider, approvedA.id)).status).toBe(404);
    });

    it('an approved claim, the claim itself, a malformed id: refused', async () => {
      expect((await refused(moderator, pendingA.id, approvedA)).status).toBe(409);
      const itself = await refused(reviewer, target.id);
      expect(itself.status).toBe(400);
      expect(itself.message).toMatch(/fromClaimId is this claim/);
      expect((await refused(reviewer, 'not-a-uuid')).status).toBe(400);
    });
  });
});
