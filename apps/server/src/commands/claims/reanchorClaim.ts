// reanchorClaim: a reviewer or moderator points a claim (typically an orphan) at a new
// selection, checked against the server's text like a new claim's.
import type { ReanchorClaimBody } from '@factdesk/model';
import { readClaimAccess } from '../../access/claimAccess.ts';
import { authorizeClaim } from '../../access/policies.ts';
import { NotFoundError } from '../../errors.ts';
import { findClaimDetail, updateClaimRow } from '../../queries/claims.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { checkAnchor } from './checkAnchor.ts';
import { NOT_APPROVED, pick, writeClaim } from './writeClaim.ts';

export const ANCHOR_FIELDS = [
  'anchor_start',
  'anchor_end',
  'quote_exact',
  'quote_prefix',
  'quote_suffix',
  'current_quote',
  'orphaned',
] as const;

export async function reanchorClaim(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  body: ReanchorClaimBody,
) {
  // The text is read before the transaction: loading a closed document needs a database
  // connection, and the embedded database has only one. Permission is checked first so a
  // viewer learns nothing about the text; writeClaim checks everything again under the lock.
  const access = await readClaimAccess(deps.sql, claimId, actorId);
  const detail = await findClaimDetail(deps.sql, claimId);
  if (!detail) throw new NotFoundError('Claim');
  authorizeClaim(
    access.role,
    actorId,
    {
      createdBy: detail.created_by,
      assigneeIds: detail.assignees.map((a) => a.id),
      status: detail.status,
    },
    'reanchor',
  );
  await checkAnchor(deps.liveDocuments, access.documentId, body.anchor);
  return writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'reanchor', verb: 're-anchor', version: body.version, from: NOT_APPROVED },
    async ({ tx, claim }) => {
      const row = await updateClaimRow(tx, claimId, {
        anchor_start: body.anchor.start,
        anchor_end: body.anchor.end,
        quote_exact: body.anchor.quote.exact,
        quote_prefix: body.anchor.quote.prefix,
        quote_suffix: body.anchor.quote.suffix,
        current_quote: body.anchor.quote.exact,
        orphaned: false,
      });
      return [
        {
          type: 'claim.reanchored',
          before: pick(claim, ANCHOR_FIELDS),
          after: pick(row, ANCHOR_FIELDS),
        },
      ];
    },
  );
}
