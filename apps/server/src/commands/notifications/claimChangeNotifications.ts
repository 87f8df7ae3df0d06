// Who hears of a claim write: derived in one place from the write's audit changes, inserted
// in the write's own transaction (so a notification exists exactly when its change does).
// Nobody is notified of their own act.
//   claim.assigned  → each newly assigned person        "assigned"
//   claim.returned  → the proposer and the assignees    "returned"
//   claim.approved  → the proposer (and a blind round's  "approved"
//                     reviewers, who all gave it)
//   claim.adjudicated → every reviewer of the blind     "adjudicated"
//                     round (never the decision)
//   comment.added   → each person mentioned in it       "mentioned"
// And who stops hearing of a claim: a person taken off it (claim.unassigned) loses their
// unread "assigned", "due_soon" and "overdue" notifications of it — they no longer ask
// anything of them; what they read stays as history.
// A comment a blind round hides is heard of only by those who may read it (moderators
// outside the round): a notice of a comment one cannot open would tell of the other's work.
import { MENTION_PATTERN } from '@factdesk/model';
import { blindReviewerIds } from '../../access/blindRound.ts';
import { seesBlindRound } from '../../access/policies.ts';
import type { Queryable } from '../../db/database.ts';
import {
  deleteUnreadWorkNotifications,
  insertNotifications,
  type NewNotification,
  type NotificationRow,
  type WithdrawnNotification,
} from '../../queries/notifications.ts';
import { findMembership } from '../../queries/workspaces.ts';
import type { ClaimChange, LockedClaim } from '../claims/writeClaim.ts';

export function notificationsOfChanges(
  claim: Pick<LockedClaim, 'id' | 'assigneeIds' | 'proposed_by' | 'round_reviewer_ids'>,
  actorId: string,
  changes: readonly ClaimChange[],
): NewNotification[] {
  const notifications: NewNotification[] = [];
  const add = (
    userIds: Iterable<string | null | undefined>,
    kind: NewNotification['kind'],
    commentId?: string,
  ) => {
    for (const userId of new Set(userIds)) {
      if (!userId || userId === actorId) continue;
      notifications.push({
        userId,
        kind,
        claimId: claim.id,
        actorId,
        commentId: commentId ?? null,
      });
    }
  };
  for (const change of changes) {
    switch (change.type) {
      case 'claim.assigned': {
        const before = new Set(idsOf(change.before?.assigneeIds));
        add(
          idsOf(change.after?.assigneeIds).filter((id) => !before.has(id)),
          'assigned',
        );
        break;
      }
      case 'claim.returned':
        add([claim.proposed_by, ...claim.assigneeIds], 'returned');
        break;
      case 'claim.approved':
        // After a blind round that agreed, the verdict is every one of its reviewers'.
        add(
          [stringOr(change.subject?.proposed_by) ?? claim.proposed_by, ...claim.round_reviewer_ids],
          'approved',
        );
        break;
      case 'claim.adjudicated':
        // The round's reviewers: whoever gave a verdict in it and whoever is still assigned.
        add(blindReviewerIds(claim.assigneeIds, claim.round_reviewer_ids), 'adjudicated');
        break;
      case 'comment.added': {
        const comment = change.live?.comment;
        if (comment) add(mentionedIds(comment.body), 'mentioned', comment.id);
        break;
      }
      default:
        break;
    }
  }
  return notifications;
}

/** The people a write's changes take off the claim. */
export function unassignedIds(changes: readonly ClaimChange[]): string[] {
  return changes.flatMap((change) => {
    if (change.type !== 'claim.unassigned') return [];
    const after = new Set(idsOf(change.after?.assigneeIds));
    return idsOf(change.before?.assigneeIds).filter((id) => !after.has(id));
  });
}

/**
 * Inserts the notifications a write's changes call for and deletes those it makes void;
 * returns both for delivery after commit.
 */
export async function recordClaimNotifications(
  tx: Queryable,
  claim: Pick<
    LockedClaim,
    'id' | 'workspace_id' | 'assigneeIds' | 'proposed_by' | 'round_reviewer_ids'
  >,
  actorId: string,
  changes: readonly ClaimChange[],
  /** Per change, the blind round that hides it from some readers (null: none). */
  blindRounds: readonly (number | null)[],
): Promise<{ created: NotificationRow[]; withdrawn: WithdrawnNotification[] }> {
  const withdrawn = await deleteUnreadWorkNotifications(tx, claim.id, unassignedIds(changes));
  const hiddenComments = new Set(
    changes.flatMap((change, index) =>
      (blindRounds[index] ?? null) !== null && change.live?.comment ? [change.live.comment.id] : [],
    ),
  );
  const reviewerIds = blindReviewerIds(claim.assigneeIds, claim.round_reviewer_ids);
  const notifications: NewNotification[] = [];
  for (const notification of notificationsOfChanges(claim, actorId, changes)) {
    if (notification.commentId && hiddenComments.has(notification.commentId)) {
      const member = await findMembership(tx, claim.workspace_id, notification.userId);
      if (!member || !seesBlindRound(member.role, notification.userId, reviewerIds)) continue;
    }
    notifications.push(notification);
  }
  return { created: await insertNotifications(tx, notifications), withdrawn };
}

/** The user ids a comment body mentions, each once, in order. */
export function mentionedIds(body: string): string[] {
  return [
    ...new Set([...body.matchAll(MENTION_PATTERN)].map((match) => (match[1] ?? '').toLowerCase())),
  ];
}

function idsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
