// The conflict sentence is what stands between a stale save and a silent overwrite: it must
// name who changed the claim and what is different, and fall back to the server's sentence.
import { type Claim, DEFAULT_VERDICT_SCALE } from '@factdesk/model';
import { createIntl } from 'react-intl';
import { describe, expect, test } from 'vitest';
import { CATALOGS } from '../../../i18n/catalogs.ts';
import { claimDifferences, describeConflict, latestActor } from './describeConflict.ts';

const rita = { id: '00000000-0000-4000-8000-000000000002', name: 'Rita Reviewer' };
const me = '00000000-0000-4000-8000-000000000001';
const english = createIntl({ locale: 'en', messages: CATALOGS.en });

function claimAt(changes: Partial<Claim> = {}): Claim {
  return {
    id: '00000000-0000-4000-8000-0000000000c1',
    documentId: '00000000-0000-4000-8000-0000000000d1',
    workspaceId: '00000000-0000-4000-8000-0000000000e1',
    status: 'in_review',
    verdict: null,
    rationale: '',
    statement: 'Rents doubled.',
    claimant: null,
    tags: [],
    anchor: {
      start: 'AQ==',
      end: 'Ag==',
      quote: { exact: 'rents doubled', prefix: '', suffix: '' },
    },
    currentQuote: 'rents doubled',
    orphaned: false,
    version: 3,
    createdBy: null,
    assignees: [],
    proposedBy: null,
    proposedAt: null,
    approvedBy: null,
    approvedAt: null,
    approvedVerdict: null,
    approvalOverride: false,
    reusedFrom: null,
    dueAt: null,
    evidenceCount: 0,
    deadLinkCount: 0,
    movedLinkCount: 0,
    commentCount: 0,
    blindReview: { required: 1, override: null, round: 1, proposedBy: [], blind: false },
    adjudicatedBy: null,
    adjudicatedAt: null,
    independentVerdicts: [],
    createdAt: '2026-12-02T10:00:00.000Z',
    updatedAt: '2026-12-02T10:00:00.000Z',
    abilities: {
      adjudicate: false,
      update: true,
      work: true,
      comment: true,
      assign: false,
      approve: false,
      approveOverride: false,
      fourEyesBlocked: false,
      reopen: false,
      reanchor: true,
    },
    ...changes,
  };
}

describe('describeConflict', () => {
  test('names the other person and the new verdict and status', () => {
    const base = claimAt();
    const current = claimAt({ version: 4, verdict: 'false', status: 'verdict_proposed' });
    expect(
      describeConflict(english, {
        base,
        current,
        scale: DEFAULT_VERDICT_SCALE,
        actor: rita,
        myUserId: me,
        serverMessage: 'cannot propose a verdict: the claim changed',
      }),
    ).toBe(
      'Rita Reviewer changed this claim while you were editing: verdict is now False and status is now Verdict proposed. Your change was not saved.',
    );
  });

  test('says "Someone" without an actor and the server sentence when nothing differs', () => {
    const base = claimAt();
    const options = { base, scale: DEFAULT_VERDICT_SCALE, myUserId: me, actor: null };
    expect(
      describeConflict(english, {
        ...options,
        current: claimAt({ statement: 'Other' }),
        serverMessage: '',
      }),
    ).toMatch(/^Someone changed this claim while you were editing: the statement was edited\./);
    expect(
      describeConflict(english, {
        ...options,
        current: claimAt({ version: 4 }),
        serverMessage: 'cannot edit: claim is approved',
      }),
    ).toBe('cannot edit: claim is approved. Your change was not saved.');
  });

  test('lists assignment, due date and evidence changes', () => {
    const changes = claimDifferences(
      english,
      claimAt(),
      claimAt({ assignees: [rita], dueAt: null, evidenceCount: 2 }),
      DEFAULT_VERDICT_SCALE,
    );
    expect(changes).toEqual(['assigned to Rita Reviewer', 'it has 2 evidence links']);
  });

  test('the latest actor is taken from events since the base, skipping the server’s own', () => {
    const event = (id: number, createdAt: string, actor: typeof rita | null) => ({
      id,
      claimId: claimAt().id,
      documentId: claimAt().documentId,
      type: 'claim.updated' as const,
      actor,
      before: null,
      after: null,
      subject: null,
      createdAt,
    });
    const events = [
      event(1, '2026-12-02T09:00:00.000Z', { id: me, name: 'Olive Owner' }),
      event(2, '2026-12-02T10:05:00.000Z', rita),
      event(3, '2026-12-02T10:06:00.000Z', null),
    ];
    expect(latestActor(events, '2026-12-02T10:00:00.000Z')).toEqual(rita);
    expect(latestActor(events.slice(0, 1), '2026-12-02T10:00:00.000Z')).toBeNull();
  });
});
