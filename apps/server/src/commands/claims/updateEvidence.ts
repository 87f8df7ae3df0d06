// updateEvidence: change a link's URL, description, kind or stance (claim not approved).
import type { Evidence, UpdateEvidenceBody } from '@factdesk/model';
import { NotFoundError } from '../../errors.ts';
import { presentEvidence } from '../../presenters/claims.ts';
import { updateClaimRow } from '../../queries/claims.ts';
import { findEvidence, updateEvidenceRow } from '../../queries/evidence.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { normalizeEvidenceUrl } from './evidenceUrl.ts';
import { NOT_APPROVED, writeClaim } from './writeClaim.ts';

export async function updateEvidence(
  deps: ClaimDeps,
  actorId: string,
  evidenceId: string,
  body: UpdateEvidenceBody,
) {
  const existing = await findEvidence(deps.sql, evidenceId);
  if (!existing) throw new NotFoundError('Evidence');
  let evidence: Evidence | undefined;
  const result = await writeClaim(
    deps,
    actorId,
    existing.claim_id,
    {
      ability: 'work',
      verb: 'change evidence',
      version: body.version,
      from: NOT_APPROVED,
      notFound: 'Evidence',
    },
    async ({ tx }) => {
      const current = await findEvidence(tx, evidenceId);
      if (!current) throw new NotFoundError('Evidence');
      const row = await updateEvidenceRow(tx, evidenceId, {
        url: body.url === undefined ? current.url : normalizeEvidenceUrl(body.url, 'url'),
        title: body.title?.trim() ?? current.title,
        publisher: body.publisher?.trim() ?? current.publisher,
        excerpt: body.excerpt ?? current.excerpt,
        archive_url:
          body.archiveUrl === undefined
            ? current.archive_url
            : body.archiveUrl === null
              ? null
              : normalizeEvidenceUrl(body.archiveUrl, 'archiveUrl'),
        kind: body.kind ?? current.kind,
        stance: body.stance ?? current.stance,
      });
      await updateClaimRow(tx, existing.claim_id, {});
      evidence = presentEvidence(row);
      return [
        {
          type: 'evidence.updated',
          // updatedAt is bookkeeping, not something anyone changed: it is left out, so an
          // edit that changes nothing compares equal and writes no event.
          before: withoutUpdatedAt(presentEvidence(current)),
          after: withoutUpdatedAt(evidence),
          // Which link, whatever changed on it (before/after keep only what changed).
          subject: { id: evidence.id, title: evidence.title, displayHost: evidence.displayHost },
          live: { evidence },
        },
      ];
    },
  );
  if (!evidence) throw new Error('updateEvidence changed no evidence');
  return { ...result, evidence };
}

function withoutUpdatedAt(evidence: Evidence): Record<string, unknown> {
  const { updatedAt: _ignored, ...fields } = evidence;
  return fields;
}
