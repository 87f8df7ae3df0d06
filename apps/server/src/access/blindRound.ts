// Blind review (docs/claims.md, "Blind review"): while a claim collects independent verdicts,
// what each reviewer gave — verdict, rationale, the evidence and comments they added — is
// hidden from the other reviewers and from readers below moderator. Who may see through it
// is decided in policies.ts (seesBlindRound); this module says when a round is blind and
// which items it hides. queries/claims.ts blindRoundSql is the same rule in SQL.
import type { ClaimStatus, Role } from '@factdesk/model';
import { seesBlindRound } from './policies.ts';

/** Statuses of a round still collecting verdicts; a reveal always moves the claim on. */
const COLLECTING: readonly ClaimStatus[] = ['open', 'assigned', 'in_review'];

export interface BlindRoundFacts {
  status: ClaimStatus;
  blind_reviews: number | null;
  workspace_blind_reviews: number;
  review_round: number;
}

/** How many independent verdicts the claim needs: its own setting, else the workspace's. */
export function requiredReviews(claim: BlindRoundFacts): number {
  return claim.blind_reviews ?? claim.workspace_blind_reviews;
}

/** The claim is collecting independent verdicts, each hidden from the other reviewers. */
export function isBlindRound(claim: BlindRoundFacts): boolean {
  return requiredReviews(claim) > 1 && COLLECTING.includes(claim.status);
}

/** The round's blind reviewers: those assigned and those who already gave their verdict. */
export function blindReviewerIds(assigneeIds: readonly string[], proposerIds: readonly string[]) {
  return [...new Set([...assigneeIds, ...proposerIds])];
}

export interface Reader {
  userId: string;
  role: Role;
}

/**
 * Whether an item (evidence, comment, event, independent verdict) must be kept from this
 * reader: it belongs to the blind round still running, someone else made it, and the reader
 * is not a moderator standing outside the round.
 */
export function hiddenFromReader(
  claim: BlindRoundFacts,
  reviewerIds: readonly string[],
  reader: Reader,
  item: { blindRound: number | null; authorId: string | null },
): boolean {
  if (item.blindRound === null || item.blindRound !== claim.review_round) return false;
  if (!isBlindRound(claim)) return false;
  if (item.authorId !== null && item.authorId === reader.userId) return false;
  return !seesBlindRound(reader.role, reader.userId, reviewerIds);
}
