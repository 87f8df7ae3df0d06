// checkEvidenceLink: "Check again". The link is fetched now, in the request, rather than made
// due for the next scan: the person who asked sees the answer at once (within
// OUTBOUND_TIMEOUT_MS, an await on the network that holds no lock and not the event loop), it
// works with the background checker off, and the other open editors hear it as usual.
import { NotFoundError } from '../../errors.ts';
import type { LinkChecker } from '../../evidenceLinks/LinkChecker.ts';
import { findEvidence } from '../../queries/evidence.ts';
import { type EvidenceLinkRow, findEvidenceLinks } from '../../queries/evidenceLinks.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { checkClaimWrite, NOT_APPROVED } from './writeClaim.ts';

export async function checkEvidenceLink(
  deps: ClaimDeps,
  checker: LinkChecker,
  actorId: string,
  evidenceId: string,
): Promise<EvidenceLinkRow> {
  const evidence = await findEvidence(deps.sql, evidenceId);
  if (!evidence) throw new NotFoundError('Evidence');
  // Who may edit the link may have it checked (an outside fetch on their behalf).
  await checkClaimWrite(deps, actorId, evidence.claim_id, {
    ability: 'work',
    verb: 'check the link again',
    from: NOT_APPROVED,
    notFound: 'Evidence',
  });
  const checked = await checker.checkNow(evidenceId);
  if (checked) return checked;
  // Edited while it was checked: the edit made it due again; answer with the row as it is.
  const [current] = await findEvidenceLinks(deps.sql, [evidenceId]);
  if (!current) throw new NotFoundError('Evidence');
  return current;
}
