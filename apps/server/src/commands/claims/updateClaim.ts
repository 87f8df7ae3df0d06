// updateClaim: edit the statement, claimant, tags or rationale of a claim not yet approved.
import type { UpdateClaimBody } from '@factdesk/model';
import { isBlindRound, requiredReviews } from '../../access/blindRound.ts';
import { ConflictError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import type { ClaimChanges } from '../../queries/claims.ts';
import { updateClaimRow } from '../../queries/claims.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { normalizeTags } from './createClaim.ts';
import { NOT_APPROVED, pick, writeClaim } from './writeClaim.ts';

export function updateClaim(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  body: UpdateClaimBody,
) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'update', verb: 'edit', version: body.version, from: NOT_APPROVED },
    async ({ tx, claim }) => {
      const changes: ClaimChanges = {};
      if (body.statement !== undefined) changes.statement = body.statement.trim();
      if (body.rationale !== undefined && body.rationale !== claim.rationale) {
        // The claim's rationale is read by everyone: in a blind round each reviewer's goes with
        // their verdict, hidden until all are in.
        if (isBlindRound(claim) || claim.status === 'adjudication') {
          throw new ConflictError(
            msg('errors.rationaleBlind', { count: requiredReviews(claim) }),
            'blind_review',
          );
        }
        changes.rationale = body.rationale;
      }
      if (body.tags !== undefined) changes.tags = normalizeTags(body.tags);
      if (body.claimant !== undefined) {
        changes.claimant_name = body.claimant?.name.trim() ?? null;
        changes.claimant_type = body.claimant?.type ?? null;
      }
      const keys = Object.keys(changes) as (keyof ClaimChanges & keyof typeof claim)[];
      const row = await updateClaimRow(tx, claimId, changes);
      return [{ type: 'claim.updated', before: pick(claim, keys), after: pick(row, keys) }];
    },
  );
}
