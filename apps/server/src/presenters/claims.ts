// Claim, evidence, comment and event rows → API shapes (schemas in @factdesk/model).
import {
  type Claim,
  type ClaimEvent,
  type ClaimState,
  type Comment,
  displayHost,
  type Evidence,
  type FrozenVerdict,
  type PersonRef,
  type QueueClaim,
  type Role,
} from '@factdesk/model';
import { claimAbilitiesOf } from '../access/policies.ts';
import type { CommentRow } from '../queries/claimComments.ts';
import type { ClaimEventRow } from '../queries/claimEvents.ts';
import type { ClaimDetailRow, ClaimRow } from '../queries/claims.ts';
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

export function presentClaimState(row: ClaimDetailRow): ClaimState {
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
    evidenceCount: row.evidence_count,
    deadLinkCount: row.dead_link_count,
    movedLinkCount: row.moved_link_count,
    commentCount: row.comment_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentClaim(row: ClaimDetailRow, viewer: Viewer): Claim {
  return {
    ...presentClaimState(row),
    abilities: claimAbilitiesOf(viewer.role, viewer.userId, {
      createdBy: row.created_by,
      assigneeIds: row.assignees.map((assignee) => assignee.id),
      status: row.status,
      proposedBy: row.proposed_by,
      fourEyes: row.four_eyes,
    }),
  };
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
