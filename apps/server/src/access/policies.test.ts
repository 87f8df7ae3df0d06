import { ACTIONS, type Action, ROLES, type Role } from '@factdesk/model';
import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../errors.ts';
import {
  abilitiesOf,
  authorize,
  authorizeApproval,
  authorizeClaim,
  can,
  claimAbilitiesOf,
  claimPermissions,
  seesBlindRound,
} from './policies.ts';

// The whole role × action matrix, written out by hand so a change to the policy table
// has to be made twice on purpose.
const EXPECTED: Record<Action, Role[]> = {
  'workspace.read': ['owner', 'moderator', 'reviewer', 'commenter', 'viewer'],
  'workspace.update': ['owner'],
  'member.list': ['owner', 'moderator', 'reviewer', 'commenter', 'viewer'],
  'member.changeRole': ['owner'],
  'member.remove': ['owner'],
  'member.resetPassword': ['owner'],
  'invite.list': ['owner'],
  'invite.create': ['owner'],
  'invite.revoke': ['owner'],
  'document.read': ['owner', 'moderator', 'reviewer', 'commenter', 'viewer'],
  'document.import': ['owner', 'moderator'],
  'document.edit': ['owner', 'moderator', 'reviewer'],
  'document.lock': ['owner', 'moderator'],
  'document.archive': ['owner', 'moderator'],
  'document.delete': ['owner', 'moderator'],
  'claim.create': ['owner', 'moderator', 'reviewer'],
  'claim.work': ['owner', 'moderator', 'reviewer'],
  'claim.assign': ['owner', 'moderator'],
  'verdict.approve': ['owner', 'moderator'],
  'verdict.overrideFourEyes': ['owner'],
  'claim.comment': ['owner', 'moderator', 'reviewer', 'commenter'],
  'review.configureBlind': ['owner', 'moderator'],
  'verdictScale.update': ['owner'],
  'report.export': ['owner', 'moderator', 'reviewer', 'commenter', 'viewer'],
  'dashboard.read': ['owner', 'moderator'],
};

describe('policy', () => {
  for (const action of ACTIONS) {
    for (const role of ROLES) {
      const allowed = EXPECTED[action].includes(role);
      it(`${allowed ? 'allows' : 'denies'} a ${role} to ${action}`, () => {
        expect(can(role, action)).toBe(allowed);
        expect(abilitiesOf(role)[action]).toBe(allowed);
        if (allowed) expect(() => authorize(role, action)).not.toThrow();
        else expect(() => authorize(role, action)).toThrow(ForbiddenError);
      });
    }
  }
});

describe('claim policy', () => {
  const me = '00000000-0000-4000-8000-000000000001';
  const other = '00000000-0000-4000-8000-000000000002';
  const foreign = { createdBy: other, assigneeIds: [], status: 'in_review' } as const;
  const assigned = { createdBy: other, assigneeIds: [me], status: 'in_review' } as const;
  const created = { createdBy: me, assigneeIds: [], status: 'open' } as const;

  it('moderators and owners act on every claim', () => {
    for (const role of ['owner', 'moderator'] as const) {
      expect(Object.values(claimPermissions(role, me, foreign)).every(Boolean)).toBe(true);
    }
  });
  it('reviewers work only on claims assigned to them or created by them', () => {
    expect(claimPermissions('reviewer', me, foreign)).toMatchObject({
      update: false,
      work: false,
      comment: true,
    });
    for (const claim of [assigned, created]) {
      expect(claimPermissions('reviewer', me, claim)).toEqual({
        update: true,
        work: true,
        comment: true,
        assign: false,
        approve: false,
        reopen: false,
        reanchor: true,
      });
    }
    expect(() => authorizeClaim('reviewer', me, foreign, 'work')).toThrow(ForbiddenError);
  });
  it('commenters comment on any claim and change nothing, even on claims assigned to them', () => {
    for (const claim of [foreign, assigned, created]) {
      expect(claimPermissions('commenter', me, claim)).toEqual({
        update: false,
        work: false,
        comment: true,
        assign: false,
        approve: false,
        reopen: false,
        reanchor: false,
      });
    }
    expect(() => authorizeClaim('commenter', me, assigned, 'work')).toThrow(ForbiddenError);
  });
  it('viewers do nothing but read, even on claims assigned to them', () => {
    expect(Object.values(claimPermissions('viewer', me, assigned)).some(Boolean)).toBe(false);
  });
  it('approved claims are frozen until a moderator reopens them', () => {
    const approved = {
      ...assigned,
      status: 'approved',
      proposedBy: other,
      fourEyes: true,
    } as const;
    expect(claimAbilitiesOf('moderator', me, approved)).toEqual({
      update: false,
      work: false,
      comment: true,
      assign: false,
      approve: false,
      approveOverride: false,
      fourEyesBlocked: false,
      reopen: true,
      reanchor: false,
      adjudicate: false,
    });
    expect(
      claimAbilitiesOf('moderator', me, { ...approved, status: 'verdict_proposed' }).approve,
    ).toBe(true);
  });
  it('blind review: a moderator who gave one of the verdicts neither adjudicates nor sees through the round', () => {
    const split = {
      ...assigned,
      status: 'adjudication',
      proposedBy: null,
      fourEyes: true,
      blindProposerIds: [me, other],
    } as const;
    expect(claimAbilitiesOf('moderator', me, split)).toMatchObject({
      adjudicate: false,
      approve: false,
      fourEyesBlocked: true,
      approveOverride: false,
    });
    expect(claimAbilitiesOf('owner', me, split)).toMatchObject({
      adjudicate: false,
      approveOverride: true,
    });
    const outside = { ...split, blindProposerIds: [other] };
    expect(claimAbilitiesOf('moderator', me, outside).adjudicate).toBe(true);
    // A verdict I proposed in an earlier, single-review round is not one being decided now.
    expect(claimAbilitiesOf('moderator', me, { ...outside, proposedBy: me }).adjudicate).toBe(true);
    expect(authorizeApproval('moderator', me, { ...outside, proposedBy: me }, false)).toEqual({
      override: false,
    });
    expect(claimAbilitiesOf('reviewer', me, outside).adjudicate).toBe(false);
    expect(seesBlindRound('moderator', me, [other])).toBe(true);
    expect(seesBlindRound('moderator', me, [me, other])).toBe(false);
    expect(seesBlindRound('owner', me, [me])).toBe(false);
    expect(seesBlindRound('reviewer', me, [other])).toBe(false);
    expect(seesBlindRound('commenter', me, [])).toBe(false);
    expect(seesBlindRound('viewer', me, [])).toBe(false);
  });
  it('under the four-eyes rule the proposer cannot approve; only an owner may override', () => {
    const own = {
      ...assigned,
      status: 'verdict_proposed',
      proposedBy: me,
      fourEyes: true,
    } as const;
    expect(claimAbilitiesOf('moderator', me, own)).toMatchObject({
      approve: false,
      fourEyesBlocked: true,
      approveOverride: false,
    });
    expect(claimAbilitiesOf('owner', me, own)).toMatchObject({
      approve: false,
      fourEyesBlocked: true,
      approveOverride: true,
    });
    expect(() => authorizeApproval('moderator', me, own, true)).toThrow(ForbiddenError);
    expect(() => authorizeApproval('owner', me, own, false)).toThrow(ForbiddenError);
    expect(authorizeApproval('owner', me, own, true)).toEqual({ override: true });
    // Someone else's verdict, or the rule switched off: no override is needed or recorded.
    expect(authorizeApproval('owner', me, { ...own, proposedBy: other }, true)).toEqual({
      override: false,
    });
    expect(authorizeApproval('moderator', me, { ...own, fourEyes: false }, false)).toEqual({
      override: false,
    });
    expect(claimAbilitiesOf('moderator', me, { ...own, fourEyes: false }).approve).toBe(true);
  });
});
