// createClaim: a reviewer or moderator highlights a passage; the anchor is checked against
// the server's copy of the text before the claim and its 'claim.created' event are written.
import type { CreateClaimBody, Role } from '@factdesk/model';
import { documentAccess } from '../../access/documentAccess.ts';
import { insertClaimEvent } from '../../queries/claimEvents.ts';
import { type ClaimDetailRow, findClaimDetail, insertClaim } from '../../queries/claims.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { checkAnchor } from './checkAnchor.ts';
import { pick, publishClaimEvents } from './writeClaim.ts';

export const CLAIM_SNAPSHOT_FIELDS = [
  'status',
  'statement',
  'claimant_name',
  'claimant_type',
  'tags',
  'quote_exact',
  'quote_prefix',
  'quote_suffix',
] as const;

export async function createClaim(
  deps: ClaimDeps,
  actorId: string,
  documentId: string,
  body: CreateClaimBody,
): Promise<{ claim: ClaimDetailRow; role: Role }> {
  const access = await documentAccess(deps.sql, actorId, documentId, 'claim.create');
  await checkAnchor(deps.liveDocuments, documentId, body.anchor);
  const { claim, eventId } = await deps.sql.begin(async (tx) => {
    const row = await insertClaim(tx, {
      documentId,
      workspaceId: access.workspace_id,
      statement: body.statement?.trim() ?? '',
      claimantName: body.claimant?.name.trim() ?? null,
      claimantType: body.claimant?.type ?? null,
      tags: normalizeTags(body.tags ?? []),
      anchorStart: body.anchor.start,
      anchorEnd: body.anchor.end,
      quoteExact: body.anchor.quote.exact,
      quotePrefix: body.anchor.quote.prefix,
      quoteSuffix: body.anchor.quote.suffix,
      currentQuote: body.anchor.quote.exact,
      createdBy: actorId,
    });
    const eventId = await insertClaimEvent(tx, {
      claimId: row.id,
      documentId,
      actorId,
      type: 'claim.created',
      before: null,
      after: pick(row, CLAIM_SNAPSHOT_FIELDS),
    });
    const claim = await findClaimDetail(tx, row.id);
    if (!claim) throw new Error('a claim just inserted was not found');
    return { claim, eventId };
  });
  publishClaimEvents(
    deps,
    claim,
    [{ type: 'claim.created', before: null, after: null }],
    [eventId],
  );
  return { claim, role: access.role };
}

/** Trimmed, without duplicates, in the order given. */
export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag.length > 0))];
}
