// Which claims the list shows: one quick filter (mine, unassigned, orphaned) combined with a
// status and a verdict, and how many claims each choice would match on its own.
import type { Claim, ClaimStatus } from '@factdesk/model';

export type QuickFilter = 'all' | 'mine' | 'unassigned' | 'orphaned';

export interface ClaimFilter {
  quick: QuickFilter;
  /** '' for any status. */
  status: ClaimStatus | '';
  /** '' for any verdict, 'none' for claims without one, else a verdict key. */
  verdict: string;
}

export const NO_FILTER: ClaimFilter = { quick: 'all', status: '', verdict: '' };

/** The verdict filter's value for "No verdict" (verdict keys are lower-case words, never this). */
export const NO_VERDICT = 'none';

export function matchesQuick(claim: Claim, quick: QuickFilter, myUserId: string): boolean {
  switch (quick) {
    case 'all':
      return true;
    case 'mine':
      return (
        claim.createdBy?.id === myUserId ||
        claim.assignees.some((assignee) => assignee.id === myUserId)
      );
    case 'unassigned':
      return claim.assignees.length === 0;
    case 'orphaned':
      return claim.orphaned;
  }
}

export function matchesVerdict(claim: Claim, verdict: string): boolean {
  if (verdict === '') return true;
  if (verdict === NO_VERDICT) return claim.verdict === null;
  return claim.verdict === verdict;
}

export function applyClaimFilter(claims: Claim[], filter: ClaimFilter, myUserId: string): Claim[] {
  return claims.filter(
    (claim) =>
      matchesQuick(claim, filter.quick, myUserId) &&
      (filter.status === '' || claim.status === filter.status) &&
      matchesVerdict(claim, filter.verdict),
  );
}

export function isFiltered(filter: ClaimFilter): boolean {
  return filter.quick !== 'all' || filter.status !== '' || filter.verdict !== '';
}
