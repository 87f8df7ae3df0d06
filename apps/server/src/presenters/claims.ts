// Claim, evidence, comment and event rows → API shapes (schemas in @factdesk/model).
import {
  type Claim,
  type ClaimEvent,
  type ClaimState,
  type Comment,
  displayHost,
  type Evidence,
  type FrozenVerdict,
  type IndependentVerdict,
  type PersonRef,
  type QueueClaim,
  type Role,
} from '@factdesk/model';
import {
  blindReviewerIds,
  hiddenFromReader,
  isBlindRound,
  requiredReviews,
} from '../access/blindRound.ts';
import { claimAbilitiesOf } from '../access/policies.ts';
import type { Queryable } from '../db/database.ts';
import type { CommentRow } from '../queries/claimComments.ts';
import type { ClaimEventRow } from '../queries/claimEvents.ts';
import {
  type BlindItemRow,
  type ClaimDetailRow,
  type ClaimRow,
  findClaimDetail,
} from '../queries/claims.ts';
import type { EvidenceRow } from '../queries/evidence.ts';

/** The member a claim is presented to: their abilities come with it. */
export interface Viewer {
  userId: string;
  role: Role;
}

function person(id: string | null, name: string | null): PersonRef | null {
  return id && name !== null ? { id, name } : null;
}

/** What approval froze on the claim; null unless approved. */
export function frozenVerdict(row: ClaimRow): FrozenVerdict | null {
  if (
    row.status !== 'approved' ||
    row.verdict === null ||
    row.approved_label === null ||
    row.approved_best_rating === null ||
    row.approved_worst_rating === null
  ) {
    return null;
  }
  return {
    key: row.verdict,
    label: row.approved_label,
    ratingValue: row.approved_rating,
    bestRating: row.approved_best_rating,
    worstRating: row.approved_worst_rating,
  };
}

/** The round's blind reviewers: assigned, or already proposed. */
function reviewersOf(row: ClaimDetailRow): string[] {
  return blindReviewerIds(
    row.assignees.map((assignee) => assignee.id),
    row.round_reviews.map((review) => review.reviewer_id),
  );
}

/** Counts of the claim's evidence and comments, without the items the blind round hides. */
function countsWithout(row: ClaimDetailRow, hidden: BlindItemRow[]) {
  const of = (kind: BlindItemRow['kind'], flag?: 'dead' | 'moved') =>
    hidden.filter((item) => item.kind === kind && (flag === undefined || item[flag])).length;
  return {
    evidenceCount: row.evidence_count - of('evidence'),
    deadLinkCount: row.dead_link_count - of('evidence', 'dead'),
    movedLinkCount: row.moved_link_count - of('evidence', 'moved'),
    commentCount: row.comment_count - of('comment'),
  };
}

/**
 * The claim as every reader may see it: while its blind round runs, nothing a blind reviewer
 * added is counted and no independent verdict is named (live events carry this).
 */
export function presentClaimState(row: ClaimDetailRow): ClaimState {
  const blind = isBlindRound(row);
  return {
    id: row.id,
    documentId: row.document_id,
    workspaceId: row.workspace_id,
    status: row.status,
    verdict: row.verdict,
    rationale: row.rationale,
    statement: row.statement,
    claimant:
      row.claimant_name !== null && row.claimant_type !== null
        ? { name: row.claimant_name, type: row.claimant_type }
        : null,
    tags: row.tags,
    anchor: {
      start: row.anchor_start,
      end: row.anchor_end,
      quote: { exact: row.quote_exact, prefix: row.quote_prefix, suffix: row.quote_suffix },
    },
    currentQuote: row.current_quote,
    orphaned: row.orphaned,
    version: row.version,
    createdBy: person(row.created_by, row.created_by_name),
    assignees: row.assignees,
    proposedBy: person(row.proposed_by, row.proposed_by_name),
    proposedAt: row.proposed_at?.toISOString() ?? null,
    approvedBy: person(row.approved_by, row.approved_by_name),
    approvedAt: row.approved_at?.toISOString() ?? null,
    approvedVerdict: frozenVerdict(row),
    approvalOverride: row.approval_override,
    reusedFrom:
      row.reused_at !== null && row.reused_from_document_title !== null
        ? {
            claimId: row.reused_from_claim_id,
            documentId: row.reused_from_document_id,
            documentTitle: row.reused_from_document_title,
            reusedAt: row.reused_at.toISOString(),
          }
        : null,
    dueAt: row.due_at?.toISOString() ?? null,
    ...countsWithout(row, blind ? row.blind_items : []),
    blindReview: {
      required: requiredReviews(row),
      override: row.blind_reviews,
      round: row.review_round,
      proposedBy: row.round_reviews.map((review) => ({
        id: review.reviewer_id,
        name: review.reviewer_name ?? '',
      })),
      blind,
    },
    adjudicatedBy: person(row.adjudicated_by, row.adjudicated_by_name),
    adjudicatedAt: row.adjudicated_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The claim as one reader sees it: their abilities, and what the blind round lets them see. */
export function presentClaim(row: ClaimDetailRow, viewer: Viewer): Claim {
  const reviewers = reviewersOf(row);
  const hidden = (blindRound: number | null, authorId: string | null) =>
    hiddenFromReader(row, reviewers, viewer, { blindRound, authorId });
  const independentVerdicts: IndependentVerdict[] = row.round_reviews
    .filter((review) => !hidden(row.review_round, review.reviewer_id))
    .map((review) => ({
      reviewer: person(review.reviewer_id, review.reviewer_name),
      round: row.review_round,
      verdict: review.verdict,
      rating: review.rating,
      rationale: review.rationale,
      proposedAt: new Date(review.proposed_at).toISOString(),
    }));
  return {
    ...presentClaimState(row),
    ...countsWithout(
      row,
      row.blind_items.filter((item) => hidden(row.review_round, item.by)),
    ),
    independentVerdicts,
    abilities: claimAbilitiesOf(viewer.role, viewer.userId, {
      createdBy: row.created_by,
      assigneeIds: row.assignees.map((assignee) => assignee.id),
      status: row.status,
      proposedBy: row.proposed_by,
      fourEyes: row.four_eyes,
      blindProposerIds: row.round_reviews.map((review) => review.reviewer_id),
    }),
  };
}

/**
 * A reader's filter over a claim's evidence, comments and history: false for what its blind
 * round keeps from them. `blindRound` is the item's mark (null: never hidden).
 */
export function blindSightOf(row: ClaimDetailRow, viewer: Viewer) {
  const reviewers = reviewersOf(row);
  return (item: { blindRound: number | null; authorId: string | null }) =>
    !hiddenFromReader(row, reviewers, viewer, item);
}

/** blindSightOf for a claim read by id (the evidence, comment and history routes). */
export async function readBlindSight(sql: Queryable, claimId: string, viewer: Viewer) {
  const row = await findClaimDetail(sql, claimId);
  if (!row) throw new Error(`claim ${claimId} vanished`);
  return blindSightOf(row, viewer);
}

/**
 * A claim event as this reader may see it: an independent verdict still hidden keeps only its
 * round; evidence and comments still hidden are left out (undefined).
 */
export function presentClaimEventFor(
  row: ClaimEventRow,
  sees: ReturnType<typeof blindSightOf>,
): ClaimEvent | undefined {
  const event = presentClaimEvent(row);
  if (sees({ blindRound: row.blind_round, authorId: row.actor_id })) return event;
  if (row.type !== 'claim.review_submitted') return undefined;
  const round = { round: row.blind_round };
  return { ...event, before: null, after: round, subject: round };
}

/** A claim listed outside its document (queue, moderator board): with the document's title. */
export function presentQueueClaim(
  row: ClaimDetailRow & { document_title: string },
  viewer: Viewer,
): QueueClaim {
  return { ...presentClaim(row, viewer), documentTitle: row.document_title };
}

export function presentEvidence(row: EvidenceRow): Evidence {
  return {
    id: row.id,
    claimId: row.claim_id,
    url: row.url,
    displayHost: displayHost(row.url),
    title: row.title,
    publisher: row.publisher,
    excerpt: row.excerpt,
    archiveUrl: row.archive_url,
    kind: row.kind,
    stance: row.stance,
    addedBy: person(row.added_by, row.added_by_name),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentComment(row: CommentRow): Comment {
  return {
    id: row.id,
    claimId: row.claim_id,
    author: person(row.author_id, row.author_name),
    body: row.body,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentClaimEvent(row: ClaimEventRow): ClaimEvent {
  return {
    id: Number(row.id),
    claimId: row.claim_id,
    documentId: row.document_id,
    type: row.type,
    actor: person(row.actor_id, row.actor_name),
    before: row.before,
    after: row.after,
    subject: row.subject,
    createdAt: row.created_at.toISOString(),
  };
}
