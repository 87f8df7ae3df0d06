// removeEvidence: take a link off a claim not yet approved; the event keeps what it was.
import { NotFoundError } from '../../errors.ts';
import { presentEvidence } from '../../presenters/claims.ts';
import { updateClaimRow } from '../../queries/claims.ts';
import { deleteEvidence, findEvidence } from '../../queries/evidence.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { NOT_APPROVED, writeClaim } from './writeClaim.ts';

export async function removeEvidence(
  deps: ClaimDeps,
  actorId: string,
  evidenceId: string,
  version: number,
) {
  const existing = await findEvidence(deps.sql, evidenceId);
  if (!existing) throw new NotFoundError('Evidence');
  return writeClaim(
    deps,
    actorId,
    existing.claim_id,
    { ability: 'work', verb: 'remove evidence', version, from: NOT_APPROVED, notFound: 'Evidence' },
    async ({ tx }) => {
      const current = await findEvidence(tx, evidenceId);
      if (!current) throw new NotFoundError('Evidence');
      await deleteEvidence(tx, evidenceId);
      await updateClaimRow(tx, existing.claim_id, {});
      return [
        {
          type: 'evidence.removed',
          before: { ...presentEvidence(current) },
          after: null,
          live: { evidenceId },
        },
      ];
    },
  );
}
