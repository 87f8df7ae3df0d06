// Who may do what: the single table every permission decision goes through.
import { type Abilities, ACTIONS, type Action, type Role } from '@factdesk/model';
import { ForbiddenError } from './errors.ts';

const RANK: Record<Role, number> = { viewer: 0, reviewer: 1, moderator: 2, owner: 3 };

/** The least role that may perform each action; roles are ordered owner > moderator > reviewer > viewer. */
const MINIMUM_ROLE: Record<Action, Role> = {
  'workspace.read': 'viewer',
  'workspace.update': 'owner',
  'member.list': 'viewer',
  'member.changeRole': 'owner',
  'member.remove': 'owner',
  'invite.list': 'owner',
  'invite.create': 'owner',
  'invite.revoke': 'owner',
  'document.read': 'viewer',
  'document.import': 'moderator',
  'document.edit': 'reviewer',
  'document.lock': 'moderator',
  'document.archive': 'moderator',
  'document.delete': 'moderator',
  'claim.create': 'reviewer',
  'claim.work': 'reviewer',
  'claim.assign': 'moderator',
  'verdict.approve': 'moderator',
  'claim.comment': 'reviewer',
  'verdictScale.update': 'owner',
  'report.export': 'viewer',
};

export function can(role: Role, action: Action): boolean {
  return RANK[role] >= RANK[MINIMUM_ROLE[action]];
}

export function authorize(role: Role, action: Action): void {
  if (!can(role, action)) {
    throw new ForbiddenError(`A ${role} cannot do this (${action}); ask a workspace owner.`);
  }
}

/** Sent with each workspace so the web app never re-derives permissions. */
export function abilitiesOf(role: Role): Abilities {
  return Object.fromEntries(ACTIONS.map((action) => [action, can(role, action)])) as Abilities;
}
