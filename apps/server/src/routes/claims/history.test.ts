// History tells the truth, over every claim command: an event lists exactly the fields whose
// value changed, and a write that changes nothing writes no event and no new version.
// Root cause of issue 15's report: updateClaim logged every field the form sent (saving an
// unchanged form logged "edited the statement, the claimant and the tags").
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { requestsAs } from '../../testing/requests.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

const ARTICLE = [
  'The minister said unemployment fell by 40% last year.',
  '',
  'Critics replied that wages stalled.',
].join('\n');

let t: TestApp;
let owner: TestUser;
let moderator: TestUser;
let reviewer: TestUser;
let reviewer2: TestUser;
let documentId: string;
let update: Uint8Array;

beforeAll(async () => {
  t = await buildTestApp();
  const built = await buildWorkspace(t);
  owner = built.owner;
  moderator = await buildMember(t, owner, built.workspaceId, 'moderator');
  reviewer = await buildMember(t, owner, built.workspaceId, 'reviewer');
  reviewer2 = await buildMember(t, owner, built.workspaceId, 'reviewer');
  ({ documentId, update } = await buildDocumentWithText(t.db.sql, {
    workspaceId: built.workspaceId,
    createdBy: owner.id,
    markdown: ARTICLE,
  }));
});
afterAll(() => t.close());

interface Event {
  type: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  subject: Record<string, unknown> | null;
}

const as = requestsAs(() => t);

function ok(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

async function events(claimId: string): Promise<Event[]> {
  return ok(await as(owner, 'GET', `/api/claims/${claimId}/history`));
}

async function version(claimId: string): Promise<number> {
  return ok(await as(owner, 'GET', `/api/claims/${claimId}`)).version;
}

/**
 * Runs the write and returns the one event it wrote; checks that the event's before/after
 * name exactly `changed`, and that the version moved by one.
 */
async function expectEvent(
  claimId: string,
  write: (version: number) => Promise<LightMyRequestResponse>,
  type: string,
  changed: string[],
): Promise<Event> {
  const count = (await events(claimId)).length;
  const v = await version(claimId);
  ok(await write(v));
  const after = await events(claimId);
  expect(after).toHaveLength(count + 1);
  const event = after.at(-1) as Event;
  expect(event.type).toBe(type);
  for (const side of [event.before, event.after]) {
    if (side !== null) expect(Object.keys(side).sort(), type).toEqual([...changed].sort());
  }
  return event;
}

/** Runs a write that changes nothing: 2xx, no event, the same version. */
async function expectNoEvent(
  claimId: string,
  write: (version: number) => Promise<LightMyRequestResponse>,
) {
  const count = (await events(claimId)).length;
  const v = await version(claimId);
  const answer = ok(await write(v));
  const claim = 'claim' in answer ? answer.claim : answer;
  expect(claim.version).toBe(v);
  expect(await events(claimId)).toHaveLength(count);
  expect(await version(claimId)).toBe(v);
}

describe('claim history', () => {
  it('every command logs exactly the fields it changed, and a change of nothing logs nothing', async () => {
    const doc = docFrom(update);
    const created = ok(
      await as(reviewer, 'POST', `/api/documents/${documentId}/claims`, {
        anchor: anchorFor(doc, 'unemployment fell by 40%'),
        statement: 'Unemployment fell 40%',
        claimant: { name: 'The minister', type: 'person' },
        tags: ['economy'],
      }),
    );
    const id: string = created.id;
    const url = `/api/claims/${id}`;
    expect((await events(id)).map((e) => e.type)).toEqual(['claim.created']);

    // update: the whole form saved unchanged is no event; each change names only itself.
    const form = {
      statement: 'Unemployment fell 40%',
      claimant: { name: 'The minister', type: 'person' },
      tags: ['economy'],
      rationale: '',
    };
    await expectNoEvent(id, (v) => as(reviewer, 'PATCH', url, { version: v, ...form }));
    const tagged = await expectEvent(
      id,
      (v) => as(reviewer, 'PATCH', url, { version: v, ...form, tags: ['economy', 'jobs'] }),
      'claim.updated',
      ['tags'],
    );
    expect(tagged.before).toEqual({ tags: ['economy'] });
    expect(tagged.after).toEqual({ tags: ['economy', 'jobs'] });
    await expectEvent(
      id,
      (v) =>
        as(reviewer, 'PATCH', url, {
          version: v,
          ...form,
          tags: ['economy', 'jobs'],
          claimant: { name: 'The minister', type: 'organization' },
        }),
      'claim.updated',
      ['claimant_type'],
    );
    await expectEvent(
      id,
      (v) => as(reviewer, 'PATCH', url, { version: v, statement: '  Unemployment fell by 40% ' }),
      'claim.updated',
      ['statement'],
    );
    // Whitespace the server trims away is no change either.
    await expectNoEvent(id, (v) =>
      as(reviewer, 'PATCH', url, { version: v, statement: 'Unemployment fell by 40%  ' }),
    );

    // assign: the same reviewer again is nothing; a new one, or a due date, is named.
    await expectEvent(
      id,
      (v) => as(moderator, 'POST', `${url}/assign`, { version: v, reviewerIds: [reviewer.id] }),
      'claim.assigned',
      ['assigneeIds', 'status'],
    );
    await expectNoEvent(id, (v) =>
      as(moderator, 'POST', `${url}/assign`, { version: v, reviewerIds: [reviewer.id] }),
    );
    await expectEvent(
      id,
      (v) =>
        as(moderator, 'POST', `${url}/assign`, {
          version: v,
          reviewerIds: [reviewer.id],
          dueAt: '2026-12-24T12:00:00.000Z',
        }),
      'claim.assigned',
      ['dueAt'],
    );
    await expectEvent(
      id,
      (v) => as(moderator, 'POST', `${url}/assign`, { version: v, reviewerIds: [reviewer2.id] }),
      'claim.assigned',
      ['assigneeIds'],
    );
    // unassign: one of two leaves the status as it was.
    await expectEvent(
      id,
      (v) => as(moderator, 'POST', `${url}/unassign`, { version: v, reviewerIds: [reviewer2.id] }),
      'claim.unassigned',
      ['assigneeIds'],
    );

    // evidence: added whole; an edit names only what changed, the link itself as subject.
    const added = ok(
      await as(reviewer, 'POST', `${url}/evidence`, {
        version: await version(id),
        url: 'https://stats.example.org/labour',
        title: 'Labour survey',
        kind: 'official_data',
        stance: 'refutes',
      }),
    );
    const evidenceId: string = added.evidence.id;
    const addedEvent = (await events(id)).at(-1) as Event;
    expect(addedEvent).toMatchObject({ type: 'evidence.added', before: null });
    await expectNoEvent(id, (v) =>
      as(reviewer, 'PATCH', `/api/evidence/${evidenceId}`, { version: v, stance: 'refutes' }),
    );
    const restanced = await expectEvent(
      id,
      (v) =>
        as(reviewer, 'PATCH', `/api/evidence/${evidenceId}`, { version: v, stance: 'context' }),
      'evidence.updated',
      ['stance'],
    );
    expect(restanced.subject).toMatchObject({ id: evidenceId, title: 'Labour survey' });
    // A removal keeps the whole link in `before`, so the history can say what went.
    ok(await as(reviewer, 'DELETE', `/api/evidence/${evidenceId}?version=${await version(id)}`));
    expect((await events(id)).at(-1)).toMatchObject({
      type: 'evidence.removed',
      before: { id: evidenceId, title: 'Labour survey' },
      after: null,
    });

    // re-anchor: onto the same passage is nothing; onto another names the anchor fields.
    const sameAnchor = anchorFor(doc, 'unemployment fell by 40%');
    const stored = ok(await as(owner, 'GET', url));
    await expectNoEvent(id, (v) =>
      as(reviewer, 'POST', `${url}/reanchor`, { version: v, anchor: stored.anchor }),
    );
    const moved = await expectEvent(
      id,
      (v) =>
        as(reviewer, 'POST', `${url}/reanchor`, {
          version: v,
          anchor: anchorFor(doc, 'unemployment fell by 40% last year'),
        }),
      'claim.reanchored',
      // Same start, longer passage: the start is not named.
      ['anchor_end', 'quote_exact', 'quote_suffix', 'current_quote'],
    );
    expect(moved.after).toMatchObject({ quote_exact: 'unemployment fell by 40% last year' });
    expect(sameAnchor.quote.exact).toBe('unemployment fell by 40%');

    // The workflow: each step names what it moved.
    await expectEvent(
      id,
      (v) => as(reviewer, 'POST', `${url}/start`, { version: v }),
      'claim.review_started',
      ['status'],
    );
    await expectEvent(
      id,
      (v) =>
        as(reviewer, 'POST', `${url}/propose`, { version: v, verdict: 'false', rationale: '' }),
      'claim.verdict_proposed',
      ['status', 'verdict', 'proposed_by', 'proposed_at'],
    );
    const returned = await expectEvent(
      id,
      (v) => as(moderator, 'POST', `${url}/return`, { version: v, reason: 'Cite the source.' }),
      'claim.returned',
      ['status'],
    );
    expect(returned.subject).toEqual({ verdict: 'false', reason: 'Cite the source.' });
    await expectEvent(
      id,
      (v) =>
        as(reviewer, 'POST', `${url}/propose`, {
          version: v,
          verdict: 'false',
          rationale: 'Official data say 4%.',
        }),
      'claim.verdict_proposed',
      ['status', 'rationale', 'proposed_at'],
    );
    const approved = await expectEvent(
      id,
      (v) => as(moderator, 'POST', `${url}/approve`, { version: v }),
      'claim.approved',
      [
        'status',
        'approved_by',
        'approved_at',
        'approved_label',
        'approved_rating',
        'approved_best_rating',
        'approved_worst_rating',
      ],
    );
    expect(approved.subject).toMatchObject({ verdict: 'false' });
    expect(approved.after).toMatchObject({ approved_label: 'False', approved_rating: 1 });
    await expectEvent(
      id,
      (v) => as(moderator, 'POST', `${url}/reopen`, { version: v }),
      'claim.reopened',
      [
        'status',
        'approved_by',
        'approved_at',
        'approved_label',
        'approved_rating',
        'approved_best_rating',
        'approved_worst_rating',
      ],
    );

    // A comment is always an event of its own, and leaves the version alone.
    const v = await version(id);
    ok(await as(reviewer, 'POST', `${url}/comments`, { body: 'Done.' }));
    expect(((await events(id)).at(-1) as Event).type).toBe('comment.added');
    expect(await version(id)).toBe(v);
  });
});
