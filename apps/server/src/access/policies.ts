// Who may do what: the single table every permission decision goes through.
import {
  type Abilities,
  ACTIONS,
  type Action,
  type ClaimAbilities,
  type ClaimStatus,
  type Role,
} from '@factdesk/model';
import { ForbiddenError } from '../errors.ts';
import { type Message, msg } from '../i18n/translate.ts';

const RANK: Record<Role, number> = { viewer: 0, commenter: 1, reviewer: 2, moderator: 3, owner: 4 };

/** The least role that may perform each action; roles are ordered owner > moderator > reviewer > commenter > viewer. */
const MINIMUM_ROLE: Record<Action, Role> = {
  'workspace.read': 'viewer',
  'workspace.update': 'owner',
  'member.list': 'viewer',
  'member.changeRole': 'owner',
  'member.remove': 'owner',
  'member.resetPassword': 'owner',
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
  'verdict.overrideFourEyes': 'owner',
  'claim.comment': 'commenter',
  'review.configureBlind': 'moderator',
  'verdictScale.update': 'owner',
  'report.export': 'viewer',
  'dashboard.read': 'moderator',
};

export function can(role: Role, action: Action): boolean {
  return RANK[role] >= RANK[MINIMUM_ROLE[action]];
}

export function authorize(role: Role, action: Action): void {
  if (!can(role, action)) {
    throw new ForbiddenError(msg('errors.roleCannot', { role, action }));
  }
}

/** Sent with each workspace so the web app never re-derives permissions. */
export function abilitiesOf(role: Role): Abilities {
  return Object.fromEntries(ACTIONS.map((action) => [action, can(role, action)])) as Abilities;
}

/** What the claim-level rules look at: who made the claim, who works on it, where it is. */
export interface ClaimSubject {
  createdBy: string | null;
  assigneeIds: readonly string[];
  status: ClaimStatus;
}

/** …and, for approval, who proposed the verdict and whether the workspace asks for four eyes. */
export interface ApprovalSubject extends ClaimSubject {
  proposedBy: string | null;
  fourEyes: boolean;
  /** Who gave an independent verdict in the claim's blind round (none: a single review). */
  blindProposerIds?: readonly string[];
}

/** What a role may do to a claim whatever its state (abilities add the state's rules). */
export type ClaimPermissions = Omit<
  ClaimAbilities,
  'approveOverride' | 'fourEyesBlocked' | 'adjudicate'
>;

/**
 * What the role allows on this claim, whatever its status: moderators and owners act on
 * every claim; reviewers work on claims assigned to them or created by them; everyone from
 * commenter up comments on any claim (a commenter may do no more, and a role above may not do
 * less); viewers read.
 */
export function claimPermissions(role: Role, userId: string, claim: ClaimSubject) {
  const moderates = can(role, 'claim.assign');
  const involved =
    claim.createdBy === userId || claim.assigneeIds.some((assignee) => assignee === userId);
  const works = moderates || (can(role, 'claim.work') && involved);
  return {
    update: works,
    work: works,
    comment: can(role, 'claim.comment'),
    assign: moderates,
    approve: can(role, 'verdict.approve'),
    reopen: can(role, 'verdict.approve'),
    reanchor: works,
  } satisfies ClaimPermissions;
}

/** The four-eyes rule holds this person back: they proposed the verdict and the workspace asks for another. */
function ownVerdict(userId: string, claim: ApprovalSubject): boolean {
  // In adjudication no single verdict is proposed (a proposer left from an earlier round is
  // not deciding anything): the round's reviewers are whose verdicts are being decided.
  const proposer = claim.status === 'adjudication' ? null : claim.proposedBy;
  return claim.fourEyes && (proposer === userId || (claim.blindProposerIds ?? []).includes(userId));
}

/**
 * Blind review: moderators and owners who are not among the round's blind reviewers see every
 * independent verdict (they assign and adjudicate); a blind reviewer is blind whatever their
 * role, and readers below moderator see none until all are in.
 */
export function seesBlindRound(
  role: Role,
  userId: string,
  blindReviewerIds: readonly string[],
): boolean {
  return can(role, 'claim.assign') && !blindReviewerIds.includes(userId);
}

/** In a blind review only the claim's assigned reviewers give verdicts (403 otherwise). */
export function authorizeBlindProposal(userId: string, assigneeIds: readonly string[]): void {
  if (!assigneeIds.includes(userId)) {
    throw new ForbiddenError(msg('errors.notBlindReviewer'), 'not_blind_reviewer');
  }
}

/** Sent with each claim: what this member can do to it now (approved claims are frozen). */
export function claimAbilitiesOf(
  role: Role,
  userId: string,
  claim: ApprovalSubject,
): ClaimAbilities {
  const allowed = claimPermissions(role, userId, claim);
  const open = claim.status !== 'approved';
  const decides = claim.status === 'verdict_proposed' || claim.status === 'adjudication';
  const blocked = allowed.approve && decides && ownVerdict(userId, claim);
  const approvable = allowed.approve && claim.status === 'verdict_proposed';
  return {
    update: allowed.update && open,
    work: allowed.work && open,
    comment: allowed.comment,
    assign: allowed.assign && open,
    approve: approvable && !blocked,
    adjudicate: allowed.approve && claim.status === 'adjudication' && !blocked,
    approveOverride: blocked && can(role, 'verdict.overrideFourEyes'),
    fourEyesBlocked: blocked,
    reopen: allowed.reopen && claim.status === 'approved',
    reanchor: allowed.reanchor && open,
  };
}

/**
 * The four-eyes rule at approval: refuses (403) a verdict's own proposer unless they are an
 * owner who explicitly overrides it. Returns whether the approval is such an override.
 */
export function authorizeApproval(
  role: Role,
  userId: string,
  claim: ApprovalSubject,
  override: boolean,
): { override: boolean } {
  if (!ownVerdict(userId, claim)) return { override: false };
  if (!can(role, 'verdict.overrideFourEyes')) {
    throw new ForbiddenError(msg('errors.fourEyes'), 'four_eyes');
  }
  if (!override) {
    throw new ForbiddenError(msg('errors.fourEyesOwner'), 'four_eyes');
  }
  return { override: true };
}

/** Throws 403 unless the role allows `ability` on this claim. */
export function authorizeClaim(
  role: Role,
  userId: string,
  claim: ClaimSubject,
  ability: keyof ClaimPermissions,
): void {
  if (!claimPermissions(role, userId, claim)[ability]) {
    throw new ForbiddenError(
      role === 'reviewer' && ability !== 'assign' && ability !== 'approve' && ability !== 'reopen'
        ? msg('errors.reviewerNotAssigned')
        : msg('errors.roleCannotOnClaim', { role, ability }),
    );
  }
}

/** Who a password reset link would be for, as the reset-link rule sees them. */
export interface ResetLinkSubject {
  userId: string;
  /** They own a workspace (this one or another). */
  ownerSomewhere: boolean;
  /** They belong to a workspace the issuer does not own. */
  beyondIssuer: boolean;
}

/**
 * Whoever holds a reset link can sign in as its person, so a link may give its issuer no
 * access they do not already have: an owner issues links only for people who own no
 * workspace and belong only to workspaces the issuer owns. Everyone else (other owners,
 * people in other teams' workspaces, the owner themselves) is reset by the instance
 * administrator on the command line. Reasons in docs/accounts.md.
 */
export function resetLinkRefusal(
  role: Role,
  issuerId: string,
  subject: ResetLinkSubject,
): Message | undefined {
  if (!can(role, 'member.resetPassword')) {
    return msg('errors.roleCannot', { role, action: 'member.resetPassword' });
  }
  if (subject.userId === issuerId) {
    return msg('errors.resetLinkSelf');
  }
  if (subject.ownerSomewhere) {
    return msg('errors.resetLinkOwner');
  }
  if (subject.beyondIssuer) {
    return msg('errors.resetLinkBeyondIssuer');
  }
  return undefined;
}

/** Throws 403 with the reason unless the issuer may hand out a reset link for the subject. */
export function authorizeResetLink(role: Role, issuerId: string, subject: ResetLinkSubject): void {
  const refusal = resetLinkRefusal(role, issuerId, subject);
  if (refusal) throw new ForbiddenError(refusal, 'reset_link_refused');
}
