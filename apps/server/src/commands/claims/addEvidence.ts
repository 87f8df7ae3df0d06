// addEvidence: a link that supports, refutes or gives context to a claim; the URL is
// normalised and checked here; only the link checker fetches it, through outbound/.
import type { AddEvidenceBody, Evidence } from '@factdesk/model';
import { presentEvidence } from '../../presenters/claims.ts';
import { updateClaimRow } from '../../queries/claims.ts';
import { insertEvidence } from '../../queries/evidence.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { normalizeEvidenceUrl } from './evidenceUrl.ts';
import { NOT_APPROVED, writeClaim } from './writeClaim.ts';

export async function addEvidence(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  body: AddEvidenceBody,
) {
  const values = {
    url: normalizeEvidenceUrl(body.url, 'url'),
    title: body.title?.trim() ?? '',
    publisher: body.publisher?.trim() ?? '',
    excerpt: body.excerpt ?? '',
    archive_url:
      body.archiveUrl === undefined || body.archiveUrl === null
        ? null
        : normalizeEvidenceUrl(body.archiveUrl, 'archiveUrl'),
    kind: body.kind,
    stance: body.stance,
  };
  let evidence: Evidence | undefined;
  const result = await writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'work', verb: 'add evidence', version: body.version, from: NOT_APPROVED },
    async ({ tx }) => {
      evidence = presentEvidence(await insertEvidence(tx, claimId, actorId, values));
      await updateClaimRow(tx, claimId, {});
      return [{ type: 'evidence.added', before: null, after: { ...evidence }, live: { evidence } }];
    },
  );
  if (!evidence) throw new Error('addEvidence wrote no evidence');
  return { ...result, evidence };
}
