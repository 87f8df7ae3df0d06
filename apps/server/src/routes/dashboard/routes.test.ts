// GET /api/workspaces/:id/dashboard: time to verdict, median and 90th percentile, for the
// workspace, each reviewer and each document, over a period. Claims go through the real
// workflow; only their clocks are set afterwards (created, assigned, approved), so every
// figure below is worked out by hand. percentile_cont interpolates: over 1, 2, 3 and 4 hours
// the median is 2.5 h and the 90th percentile 3.7 h (0.9 × 3 = 2.7 → 3 h + 0.7 h).
import type { DashboardRow } from '@factdesk/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

const HOUR = 3600;
const MINUTE = 60;

let t: TestApp;
let workspaceId: string;
let owner: TestUser;
let moderator: TestUser;
let rita: TestUser;
let sam: TestUser;
let commenter: TestUser;
const documents: Record<'budget' | 'health', string> = { budget: '', health: '' };

async function as(user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) {
  const response = await t.request({
    method,
    url,
    cookie: user.cookie,
    ...(payload ? { payload } : {}),
  });
  if (method === 'POST' && response.statusCode >= 300) {
    throw new Error(`${method} ${url}: ${response.body}`);
  }
  return response;
}

/**
 * A claim taken through assign → start → propose (by `reviewer`) → approve, then its clocks
 * set: created `daysAgo` days ago, approved `approvedAfter` seconds later, the reviewer
 * assigned `proposedAfter` seconds before their proposal.
 */
async function reviewedClaim(
  document: keyof typeof documents,
  exact: string,
  reviewer: TestUser,
  times: { daysAgo: number; approvedAfter: number; proposedAfter: number },
) {
  const update = updates[document];
  let claim = (
    await as(moderator, 'POST', `/api/documents/${documents[document]}/claims`, {
      anchor: anchorFor(docFrom(update), exact),
    })
  ).json();
  const url = `/api/claims/${claim.id}`;
  claim = (
    await as(moderator, 'POST', `${url}/assign`, {
      version: claim.version,
      reviewerIds: [reviewer.id],
    })
  ).json();
  claim = (await as(reviewer, 'POST', `${url}/start`, { version: claim.version })).json();
  claim = (
    await as(reviewer, 'POST', `${url}/propose`, { version: claim.version, verdict: 'false' })
  ).json();
  await as(moderator, 'POST', `${url}/approve`, { version: claim.version });
  const created = new Date(Date.now() - times.daysAgo * 24 * HOUR * 1000);
  const approved = new Date(created.getTime() + times.approvedAfter * 1000);
  await t.db
    .sql`UPDATE claims SET created_at = ${created}, approved_at = ${approved} WHERE id = ${claim.id}`;
  // History is append-only, so the assignment moves to before the proposal instead.
  await t.db.sql`
    UPDATE claim_assignees ca
       SET created_at = e.created_at - make_interval(secs => ${times.proposedAfter})
      FROM claim_events e
     WHERE ca.claim_id = ${claim.id} AND e.claim_id = ca.claim_id
       AND e.type = 'claim.verdict_proposed'`;
  return claim.id as string;
}

const updates: Record<keyof typeof documents, Uint8Array> = {
  budget: new Uint8Array(),
  health: new Uint8Array(),
};

beforeAll(async () => {
  t = await buildTestApp();
  ({ owner, workspaceId } = await buildWorkspace(t));
  moderator = await buildMember(t, owner, workspaceId, 'moderator');
  rita = await buildMember(t, owner, workspaceId, 'reviewer');
  sam = await buildMember(t, owner, workspaceId, 'reviewer');
  commenter = await buildMember(t, owner, workspaceId, 'commenter');
  for (const [key, markdown] of [
    ['budget', 'Taxes fell. Spending rose. Debt doubled.'],
    ['health', 'Waiting lists halved. Nurses got a raise. Old claim here.'],
  ] as const) {
    const built = await buildDocumentWithText(t.db.sql, {
      workspaceId,
      createdBy: owner.id,
      markdown,
    });
    documents[key] = built.documentId;
    updates[key] = built.update;
    await t.db
      .sql`UPDATE documents SET title = ${key === 'budget' ? 'Budget' : 'Health'} WHERE id = ${built.documentId}`;
  }
  await reviewedClaim('budget', 'Taxes fell', rita, {
    daysAgo: 3,
    approvedAfter: 1 * HOUR,
    proposedAfter: 10 * MINUTE,
  });
  await reviewedClaim('budget', 'Spending rose', rita, {
    daysAgo: 3,
    approvedAfter: 2 * HOUR,
    proposedAfter: 20 * MINUTE,
  });
  await reviewedClaim('health', 'Waiting lists halved', rita, {
    daysAgo: 3,
    approvedAfter: 3 * HOUR,
    proposedAfter: 30 * MINUTE,
  });
  await reviewedClaim('health', 'Nurses got a raise', sam, {
    daysAgo: 3,
    approvedAfter: 4 * HOUR,
    proposedAfter: 60 * MINUTE,
  });
  // Approved 90 days ago: outside the default period (the last 30 days).
  const old = await reviewedClaim('health', 'Old claim here', sam, {
    daysAgo: 90,
    approvedAfter: 100 * HOUR,
    proposedAfter: 1 * MINUTE,
  });
  await t.db.sql`
    UPDATE claim_assignees SET created_at = now() - interval '91 days' WHERE claim_id = ${old}`;
  // The old claim's proposal was made today; its assignment is 91 days old: counted today.
});
afterAll(() => t.close());

const dashboard = (user: TestUser, query = '') =>
  t.request({
    method: 'GET',
    url: `/api/workspaces/${workspaceId}/dashboard${query}`,
    cookie: user.cookie,
  });

describe('time to verdict', () => {
  it('gives median and 90th percentile for the workspace, each reviewer and each document', async () => {
    const response = await dashboard(moderator);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const today = new Date().toISOString().slice(0, 10);
    expect(body.to).toBe(today);
    expect(body.from).toBe(new Date(Date.now() - 29 * 24 * HOUR * 1000).toISOString().slice(0, 10));
    expect(body.workspace.createdToApproved).toEqual({
      count: 4,
      medianSeconds: 2.5 * HOUR,
      p90Seconds: 3.7 * HOUR,
    });
    const byId = (list: DashboardRow[]) => Object.fromEntries(list.map((row) => [row.id, row]));
    const reviewers = byId(body.reviewers);
    expect(reviewers[rita.id]?.createdToApproved).toEqual({
      count: 3,
      medianSeconds: 2 * HOUR,
      p90Seconds: 2.8 * HOUR,
    });
    expect(reviewers[sam.id]?.createdToApproved).toEqual({
      count: 1,
      medianSeconds: 4 * HOUR,
      p90Seconds: 4 * HOUR,
    });
    const documentRows = byId(body.documents);
    expect(documentRows[documents.budget]?.createdToApproved).toMatchObject({
      count: 2,
      medianSeconds: 1.5 * HOUR,
    });
    expect(documentRows[documents.health]?.createdToApproved).toMatchObject({
      count: 2,
      medianSeconds: 3.5 * HOUR,
    });
    // Rita: 10, 20, 30 min. Sam: 60 min, and 91 days on the old claim proposed today.
    expect(reviewers[rita.id]?.assignedToProposed).toEqual({
      count: 3,
      medianSeconds: 20 * MINUTE,
      p90Seconds: 28 * MINUTE,
    });
    expect(reviewers[sam.id]?.assignedToProposed.count).toBe(2);
    expect(body.workspace.assignedToProposed.count).toBe(5);
    expect(body.workspace.assignedToProposed.medianSeconds).toBeCloseTo(30 * MINUTE, 0);
  });

  it('counts only what falls in the period asked for', async () => {
    const day = (daysAgo: number) =>
      new Date(Date.now() - daysAgo * 24 * HOUR * 1000).toISOString().slice(0, 10);
    const old = (await dashboard(owner, `?from=${day(120)}&to=${day(60)}`)).json();
    expect(old.workspace.createdToApproved).toEqual({
      count: 1,
      medianSeconds: 100 * HOUR,
      p90Seconds: 100 * HOUR,
    });
    expect(old.workspace.assignedToProposed).toEqual({
      count: 0,
      medianSeconds: null,
      p90Seconds: null,
    });
    expect(old.reviewers.map((row: { id: string }) => row.id)).toEqual([sam.id]);
  });

  it('is for moderators and owners: others get 403, non-members 404', async () => {
    for (const user of [rita, commenter]) {
      const response = await dashboard(user);
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toMatch(/cannot do this \(dashboard.read\)/);
    }
    const outsider = await buildMember(
      t,
      rita,
      (await as(rita, 'POST', '/api/workspaces', { name: 'Other' })).json().id,
      'owner',
    );
    expect((await dashboard(outsider)).statusCode).toBe(404);
  });

  it.each([
    ['?from=2026-02-30', 'from', /not a calendar day/],
    ['?from=2026-03-02&to=2026-03-01', 'from', /after to/],
    ['?from=2024-01-01&to=2026-01-01', 'from', /longer than 366 days/],
    ['?from=yesterday', 'from', /must match/],
    ['?colour=red', 'colour', /not a known field/],
  ])('refuses %s with a sentence naming %s', async (query, field, message) => {
    const response = await dashboard(moderator, query);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ field });
    expect(response.json().message).toMatch(message);
  });
});
