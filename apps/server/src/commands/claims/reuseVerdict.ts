// reuseVerdict: copies the verdict, rationale and evidence of an approved claim of the same
// workspace into this claim, recording where they came from (docs/verdict-reuse.md). The
// copy is a proposal like any other — status verdict_proposed, proposed by the person reusing
// it — so it is approved by the normal rules, four-eyes included: the source's approval
// covered another article's wording and context, not this one.
import { DEFAULT_VERDICT_SCALE, type Evidence, type ReuseVerdictBody } from '@factdesk/model';
import { requiredReviews } from '../../access/blindRound.ts';
import { AppError, BadRequestError, ConflictError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { presentEvidence } from '../../presenters/claims.ts';
import { updateClaimRow } from '../../queries/claims.ts';
import { insertEvidence, listEvidence } from '../../queries/evidence.ts';
import { lockReuseSource } from '../../queries/similarClaims.ts';
import { findVerdictScale } from '../../queries/verdictScales.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { PROPOSAL_FIELDS } from './proposeVerdict.ts';
import { type ClaimChange, NOT_APPROVED, pick, writeClaim } from './writeClaim.ts';

export function reuseVerdict(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  body: ReuseVerdictBody,
) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'work', verb: 'reuse a verdict', version: body.version, from: NOT_APPROVED },
    async ({ tx, claim }) => {
      if (requiredReviews(claim) > 1) {
        throw new ConflictError(
          msg('errors.reuseBlind', { count: requiredReviews(claim) }),
          'blind_review',
        );
      }
      if (body.fromClaimId === claimId) {
        throw new BadRequestError(msg('errors.reuseSelf'), 'fromClaimId');
      }
      const source = await lockReuseSource(tx, body.fromClaimId);
      // Another workspace's claim is answered exactly like a missing one: nothing leaks.
      if (!source || source.workspace_id !== claim.workspace_id) {
        throw new AppError(
          404,
          'reuse_source_not_found',
          msg('errors.reuseSourceNotFound'),
          'fromClaimId',
        );
      }
      if (source.status !== 'approved' || source.verdict === null) {
        throw new ConflictError(
          msg('errors.reuseNotApproved', { title: source.document_title, status: source.status }),
          'reuse_source_not_approved',
        );
      }
      const scale = (await findVerdictScale(tx, claim.workspace_id)) ?? DEFAULT_VERDICT_SCALE;
      if (!scale.labels.some((label) => label.key === source.verdict)) {
        throw new ConflictError(
          msg('errors.reuseOffScale', { verdict: source.verdict }),
          'reuse_verdict_off_scale',
        );
      }

      // Evidence first, each link once: a URL the claim already cites is not copied again.
      const cited = new Set((await listEvidence(tx, claimId)).map((row) => row.url));
      const copied: Evidence[] = [];
      for (const row of await listEvidence(tx, source.id)) {
        if (cited.has(row.url)) continue;
        cited.add(row.url);
        const { url, title, publisher, excerpt, archive_url, kind, stance } = row;
        const values = { url, title, publisher, excerpt, archive_url, kind, stance };
        copied.push(presentEvidence(await insertEvidence(tx, claimId, actorId, values)));
      }

      const now = new Date();
      const row = await updateClaimRow(tx, claimId, {
        status: 'verdict_proposed',
        verdict: source.verdict,
        rationale: source.rationale,
        proposed_by: actorId,
        proposed_at: now,
        reused_from_claim_id: source.id,
        reused_from_document_id: source.document_id,
        reused_from_document_title: source.document_title,
        reused_at: now,
      });
      const reused: ClaimChange = {
        type: 'claim.verdict_reused',
        before: pick(claim, PROPOSAL_FIELDS),
        after: pick(row, PROPOSAL_FIELDS),
        subject: {
          verdict: source.verdict,
          from_claim_id: source.id,
          from_document_id: source.document_id,
          from_document_title: source.document_title,
          from_statement: source.statement || source.quote_exact,
          evidence_copied: copied.length,
        },
      };
      const added: ClaimChange[] = copied.map((evidence) => ({
        type: 'evidence.added',
        before: null,
        after: { ...evidence },
        subject: { reused_from_claim_id: source.id },
        live: { evidence },
      }));
      return [reused, ...added];
    },
  );
}
