// approveVerdict: a moderator approves a proposed verdict; the claim is frozen until reopened.
// Approval freezes the verdict's label and rating and the scale's bounds on the claim, so a
// later change of the scale never alters a published verdict. Under the workspace's
// four-eyes rule the proposer cannot approve, unless an owner explicitly overrides it.
import { type ApproveVerdictBody, DEFAULT_VERDICT_SCALE } from '@factdesk/model';
import { updateClaimRow } from '../../queries/claims.ts';
import { findVerdictScale } from '../../queries/verdictScales.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { authorizeDecision, pick, writeClaim } from './writeClaim.ts';

export const APPROVAL_FIELDS = [
  'status',
  'approved_by',
  'approved_at',
  'approved_label',
  'approved_rating',
  'approved_best_rating',
  'approved_worst_rating',
  'approval_override',
] as const;

export function approveVerdict(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  body: ApproveVerdictBody,
) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'approve', verb: 'approve', version: body.version, from: ['verdict_proposed'] },
    async (context) => {
      const { tx, claim } = context;
      const { override } = authorizeDecision(context, body.override === true);
      const scale = (await findVerdictScale(tx, claim.workspace_id)) ?? DEFAULT_VERDICT_SCALE;
      const label = scale.labels.find((l) => l.key === claim.verdict);
      const row = await updateClaimRow(tx, claimId, {
        status: 'approved',
        approved_by: actorId,
        approved_at: new Date(),
        // A key no longer on the scale (it cannot be removed while in use) would freeze as is.
        approved_label: label?.label ?? claim.verdict,
        approved_rating: label?.ratingValue ?? null,
        approved_best_rating: scale.bestRating,
        approved_worst_rating: scale.worstRating,
        approval_override: override,
      });
      return [
        {
          type: 'claim.approved',
          before: pick(claim, APPROVAL_FIELDS),
          after: pick(row, APPROVAL_FIELDS),
          subject: { verdict: row.verdict, proposed_by: row.proposed_by },
        },
      ];
    },
  );
}
