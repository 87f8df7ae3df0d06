// The shape of every write to an existing claim, in one transaction: lock the row, check
// membership (404), the policy (403), the version and the status (409 with the current
// claim), apply the change, write its claim_events rows; after commit, push live events.
// History tells the truth: an event lists only the fields whose value changed, and a write
// that changes nothing is undone (no event, no new version).
import type {
  ClaimEventType,
  ClaimLiveEvent,
  ClaimStatus,
  Comment,
  Evidence,
  Role,
} from '@factdesk/model';
import type { TransactionSql } from 'postgres';
import { blindReviewerIds, isBlindRound } from '../../access/blindRound.ts';
import { authorizeApproval, authorizeClaim, type ClaimPermissions } from '../../access/policies.ts';
import { NotFoundError } from '../../errors.ts';
import { type ClaimVerb, msg, type NotFoundThing } from '../../i18n/translate.ts';
import { presentClaim, presentClaimState } from '../../presenters/claims.ts';
import { insertClaimEvent } from '../../queries/claimEvents.ts';
import {
  type ClaimDetailRow,
  type ClaimRow,
  findBlindRounds,
  findClaimDetail,
  lockClaimForWrite,
  markBlindItem,
} from '../../queries/claims.ts';
import { recordClaimNotifications } from '../notifications/claimChangeNotifications.ts';
import { ClaimConflictError } from './ClaimConflictError.ts';
import type { ClaimDeps } from './ClaimDeps.ts';

export interface LockedClaim extends ClaimRow {
  assigneeIds: string[];
  /** The workspace's four-eyes rule. */
  four_eyes: boolean;
  /** The workspace's count of independent verdicts (the claim's own wins when set). */
  workspace_blind_reviews: number;
  /** Who gave an independent verdict in the current round. */
  round_reviewer_ids: string[];
}

/**
 * What a blind reviewer writes while their round is blind stays between them and the
 * moderators until every verdict is in: these events (and their evidence or comment) are
 * marked with the round.
 */
const BLIND_EVENT_TYPES: ReadonlySet<ClaimEventType> = new Set([
  'claim.review_submitted',
  'evidence.added',
  'evidence.updated',
  'evidence.removed',
  'comment.added',
]);

export interface ClaimWriteContext {
  tx: TransactionSql;
  claim: LockedClaim;
  role: Role;
  actorId: string;
}

/** One audit event of a write, and what its live event carries beside the claim. */
export interface ClaimChange {
  type: ClaimEventType;
  /**
   * The fields the command touched, as they were and as they became. Fields whose value did
   * not change are dropped before the event is written; when none is left (and neither side
   * is null, as for an addition or a removal) there is no event.
   */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** What the event is about, unchanged by it (an evidence link's id and title, the verdict). */
  subject?: Record<string, unknown>;
  live?: { evidence?: Evidence; evidenceId?: string; comment?: Comment };
}

export interface ClaimWriteRule {
  /** What the verb needs the caller to be allowed (policies.ts claimPermissions). */
  ability: keyof ClaimPermissions;
  /** Names the verb in 409 messages: "cannot approve: claim is in_review" (claimVerb.* ids). */
  verb: ClaimVerb;
  /** The version the client based the write on; omitted only by appends (comments). */
  version?: number;
  /** Statuses the verb may start from; omitted: any. */
  from?: readonly ClaimStatus[];
  /** What a missing or hidden claim is called in the 404 (e.g. "Evidence"). */
  notFound?: NotFoundThing;
}

export interface ClaimWriteResult {
  claim: ClaimDetailRow;
  role: Role;
  eventIds: number[];
}

/**
 * The four-eyes rule for a decision on the locked claim (approval or adjudication): whoever
 * proposed the verdict, or gave one in its blind round, needs another moderator or an owner's
 * explicit override. Returns whether the decision is such an override.
 */
export function authorizeDecision(
  { claim, role, actorId }: ClaimWriteContext,
  override: boolean,
): { override: boolean } {
  return authorizeApproval(
    role,
    actorId,
    {
      createdBy: claim.created_by,
      assigneeIds: claim.assigneeIds,
      status: claim.status,
      proposedBy: claim.proposed_by,
      fourEyes: claim.four_eyes,
      blindProposerIds: claim.round_reviewer_ids,
    },
    override,
  );
}

export const NOT_APPROVED: readonly ClaimStatus[] = [
  'open',
  'assigned',
  'in_review',
  'verdict_proposed',
  'adjudication',
];

export async function writeClaim(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  rule: ClaimWriteRule,
  mutate: (context: ClaimWriteContext) => Promise<ClaimChange[]>,
): Promise<ClaimWriteResult> {
  const { result, changes, blindRounds, notifications } = await deps.sql.begin(async (tx) => {
    // One round trip: the row locked, the caller's role and the assignees.
    const locked = await lockClaimForWrite(tx, claimId, actorId);
    if (!locked?.role) throw new NotFoundError(rule.notFound ?? 'Claim');
    const { role, assignee_ids, ...row } = locked;
    const claim: LockedClaim = { ...row, assigneeIds: assignee_ids };
    authorizeClaim(
      role,
      actorId,
      { createdBy: claim.created_by, assigneeIds: claim.assigneeIds, status: claim.status },
      rule.ability,
    );
    if (rule.version !== undefined && rule.version !== claim.version) {
      throw new ClaimConflictError(
        msg('errors.claimStale', {
          verb: msg(`claimVerb.${rule.verb}`),
          version: rule.version,
          current: claim.version,
        }),
        'stale_version',
        presentClaim(await currentDetail(tx, claimId), { userId: actorId, role }),
      );
    }
    if (rule.from && !rule.from.includes(claim.status)) {
      throw new ClaimConflictError(
        msg('errors.claimStatus', { verb: msg(`claimVerb.${rule.verb}`), status: claim.status }),
        'invalid_transition',
        presentClaim(await currentDetail(tx, claimId), { userId: actorId, role }),
      );
    }
    // A blind reviewer's evidence stays hidden whoever changes it: its rounds, read before the
    // change (a removal deletes the row).
    const itemRounds = isBlindRound(claim)
      ? await findBlindRounds(tx, claimId)
      : new Map<string, number | null>();
    // Inside a savepoint, so a write that turns out to change nothing is undone whole (the
    // version bump included) while the transaction stays usable to read the claim back.
    let changes: ClaimChange[] = [];
    try {
      await tx.savepoint(async (sp) => {
        changes = (await mutate({ tx: sp, claim, role, actorId }))
          .map(onlyChangedFields)
          .filter((change): change is ClaimChange => change !== null);
        if (changes.length === 0) throw NOTHING_CHANGED;
      });
    } catch (error) {
      if (error !== NOTHING_CHANGED) throw error;
    }
    const blindActor =
      isBlindRound(claim) &&
      blindReviewerIds(claim.assigneeIds, claim.round_reviewer_ids).includes(actorId);
    const blindRounds = changes.map((change) => {
      if (!BLIND_EVENT_TYPES.has(change.type)) return null;
      if (blindActor) return claim.review_round;
      const evidenceId = change.live?.evidence?.id ?? change.live?.evidenceId;
      const itemRound = evidenceId === undefined ? undefined : itemRounds.get(evidenceId);
      return itemRound === claim.review_round ? claim.review_round : null;
    });
    const eventIds: number[] = [];
    for (const [index, change] of changes.entries()) {
      const blindRound = blindRounds[index] ?? null;
      if (blindRound !== null && change.type === 'evidence.added' && change.live?.evidence) {
        await markBlindItem(tx, 'evidence', change.live.evidence.id, blindRound);
      }
      if (blindRound !== null && change.live?.comment) {
        await markBlindItem(tx, 'comment', change.live.comment.id, blindRound);
      }
      eventIds.push(
        await insertClaimEvent(tx, {
          claimId,
          documentId: claim.document_id,
          actorId,
          type: change.type,
          before: change.before,
          after: change.after,
          subject: change.subject ?? null,
          blindRound,
        }),
      );
    }
    // Who hears of it, and whose notifications it voids (docs/notifications.md): derived from
    // the changes, in this transaction.
    const notifications = await recordClaimNotifications(tx, claim, actorId, changes, blindRounds);
    const result = { claim: await currentDetail(tx, claimId), role, eventIds };
    return { result, changes, blindRounds, notifications };
  });
  publishClaimEvents(deps, result.claim, changes, result.eventIds, blindRounds);
  deps.notifications?.deliver(notifications.created);
  deps.notifications?.withdraw(notifications.withdrawn);
  return result;
}

/**
 * The checks of a write (404, 403, the version and the status) and nothing else, for a command
 * that must know it may write before slow work outside any transaction (archiving a link).
 */
export async function checkClaimWrite(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  rule: ClaimWriteRule,
): Promise<void> {
  await writeClaim(deps, actorId, claimId, rule, async () => []);
}

/** Thrown inside the savepoint to roll back a write that changed nothing. */
const NOTHING_CHANGED = Symbol('nothing changed');

/**
 * The change with only the fields whose value differs between before and after; null when
 * nothing differs. Additions and removals (a null side) are kept whole: they always change.
 */
export function onlyChangedFields(change: ClaimChange): ClaimChange | null {
  const { before, after } = change;
  if (before === null || after === null) return change;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => !sameValue(before[key], after[key]),
  );
  if (keys.length === 0) return null;
  const keep = (side: Record<string, unknown>) =>
    Object.fromEntries(keys.filter((key) => key in side).map((key) => [key, side[key]]));
  return { ...change, before: keep(before), after: keep(after) };
}

/** Values as events store them (JSON): dates as ISO strings, arrays and objects by content. */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

async function currentDetail(tx: TransactionSql, claimId: string): Promise<ClaimDetailRow> {
  const detail = await findClaimDetail(tx, claimId);
  if (!detail) throw new Error(`claim ${claimId} vanished inside its transaction`);
  return detail;
}

/**
 * After commit: every open editor of the document hears of each change. One message goes to
 * every socket of the document, so it carries only what every reader may see: the claim as
 * presentClaimState shows it, and — for a change its blind round hides (`blindRounds`) — no
 * evidence or comment, only `hidden: true`; each client then reads what it may see with its
 * own session (GET claim, evidence, comments), where the filter is per reader.
 */
export function publishClaimEvents(
  deps: ClaimDeps,
  claim: ClaimDetailRow,
  changes: ClaimChange[],
  eventIds: number[],
  blindRounds: readonly (number | null)[] = [],
): void {
  const state = presentClaimState(claim);
  changes.forEach((change, index) => {
    const eventId = eventIds[index];
    if (eventId === undefined) return;
    const hidden = (blindRounds[index] ?? null) !== null && isBlindRound(claim);
    const event: ClaimLiveEvent = hidden
      ? { type: change.type, eventId, claim: state, hidden: true }
      : { type: change.type, eventId, claim: state, ...change.live };
    deps.liveDocuments.publishEvent(claim.document_id, event);
  });
}

/** The named fields of a row, for an event's before/after. */
export function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]) {
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const value = row[key];
    picked[String(key)] = value instanceof Date ? value.toISOString() : value;
  }
  return picked;
}
