// proposeVerdict: the reviewer proposes a label of the workspace's scale, with a rationale.
// A verdict proposed by hand is the proposer's own: it ends a reused verdict's provenance.
// On a claim that needs several independent verdicts, it is one of them (blind review).
import { DEFAULT_VERDICT_SCALE, type ProposeVerdictBody } from '@factdesk/model';
import { requiredReviews } from '../../access/blindRound.ts';
import { BadRequestError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { updateClaimRow } from '../../queries/claims.ts';
import { findVerdictScale } from '../../queries/verdictScales.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { submitIndependentVerdict } from './submitIndependentVerdict.ts';
import { pick, writeClaim } from './writeClaim.ts';

/** What a proposal changes, by hand or by reuse (the history shows these before and after). */
export const PROPOSAL_FIELDS = [
  'status',
  'verdict',
  'rationale',
  'proposed_by',
  'proposed_at',
  'reused_from_claim_id',
  'reused_from_document_id',
  'reused_from_document_title',
  'reused_at',
] as const;

export function proposeVerdict(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  body: ProposeVerdictBody,
) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'work', verb: 'propose a verdict', version: body.version, from: ['in_review'] },
    async ({ tx, claim }) => {
      const scale = (await findVerdictScale(tx, claim.workspace_id)) ?? DEFAULT_VERDICT_SCALE;
      const label = scale.labels.find((candidate) => candidate.key === body.verdict);
      if (!label) {
        throw new BadRequestError(
          msg('errors.verdictNotOnScale', { labels: scale.labels.map((l) => l.key).join(', ') }),
          'verdict',
        );
      }
      if (requiredReviews(claim) > 1) {
        return submitIndependentVerdict(tx, claim, actorId, body, label);
      }
      const row = await updateClaimRow(tx, claimId, {
        status: 'verdict_proposed',
        verdict: body.verdict,
        ...(body.rationale !== undefined ? { rationale: body.rationale } : {}),
        proposed_by: actorId,
        proposed_at: new Date(),
        reused_from_claim_id: null,
        reused_from_document_id: null,
        reused_from_document_title: null,
        reused_at: null,
      });
      return [
        {
          type: 'claim.verdict_proposed',
          before: pick(claim, PROPOSAL_FIELDS),
          after: pick(row, PROPOSAL_FIELDS),
          // The verdict proposed, even when it is the one proposed before (then not in after).
          subject: { verdict: row.verdict },
        },
      ];
    },
  );
}
