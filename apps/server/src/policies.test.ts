import { ACTIONS, type Action, ROLES, type Role } from '@factdesk/model';
import { describe, expect, it } from 'vitest';
import { ForbiddenError } from './errors.ts';
import { abilitiesOf, authorize, can } from './policies.ts';

// The whole role × action matrix, written out by hand so a change to the policy table
// has to be made twice on purpose.
const EXPECTED: Record<Action, Role[]> = {
  'workspace.read': ['owner', 'moderator', 'reviewer', 'viewer'],
  'workspace.update': ['owner'],
  'member.list': ['owner', 'moderator', 'reviewer', 'viewer'],
  'member.changeRole': ['owner'],
  'member.remove': ['owner'],
  'invite.list': ['owner'],
  'invite.create': ['owner'],
  'invite.revoke': ['owner'],
  'document.read': ['owner', 'moderator', 'reviewer', 'viewer'],
  'document.import': ['owner', 'moderator'],
  'document.edit': ['owner', 'moderator', 'reviewer'],
  'document.lock': ['owner', 'moderator'],
  'document.archive': ['owner', 'moderator'],
  'document.delete': ['owner', 'moderator'],
  'claim.create': ['owner', 'moderator', 'reviewer'],
  'claim.work': ['owner', 'moderator', 'reviewer'],
  'claim.assign': ['owner', 'moderator'],
  'verdict.approve': ['owner', 'moderator'],
  'claim.comment': ['owner', 'moderator', 'reviewer'],
  'verdictScale.update': ['owner'],
  'report.export': ['owner', 'moderator', 'reviewer', 'viewer'],
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
