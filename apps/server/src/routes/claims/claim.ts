// One claim: read it as the current text shows it, and every write of its workflow (edit,
// assign, unassign, start review, propose, approve, return, reopen, re-anchor).
import {
  AdjudicateBody,
  ApproveVerdictBody,
  AssignClaimBody,
  Claim,
  ProposeVerdictBody,
  ReanchorClaimBody,
  ReturnClaimBody,
  SetClaimBlindReviewsBody,
  UnassignClaimBody,
  UpdateClaimBody,
  VersionBody,
} from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readClaimAccess } from '../../access/claimAccess.ts';
import { adjudicateClaim } from '../../commands/claims/adjudicateClaim.ts';
import { approveVerdict } from '../../commands/claims/approveVerdict.ts';
import { assignClaim } from '../../commands/claims/assignClaim.ts';
import { proposeVerdict } from '../../commands/claims/proposeVerdict.ts';
import { reanchorClaim } from '../../commands/claims/reanchorClaim.ts';
import { reopenClaim } from '../../commands/claims/reopenClaim.ts';
import { returnClaim } from '../../commands/claims/returnClaim.ts';
import { setClaimBlindReviews } from '../../commands/claims/setClaimBlindReviews.ts';
import { startReview } from '../../commands/claims/startReview.ts';
import { unassignClaim } from '../../commands/claims/unassignClaim.ts';
import { updateClaim } from '../../commands/claims/updateClaim.ts';
import { requireActor } from '../../plugins/auth.ts';
import { presentClaim } from '../../presenters/claims.ts';
import { findClaimDetail } from '../../queries/claims.ts';
import { readClaimsInText } from '../../views/readClaimsInText.ts';
import { claimDeps, claimWriteOptions, written } from './claimWriteRoute.ts';
import { ClaimParams, errors } from './schemas.ts';

export const claimByIdRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/claims/:claimId',
    {
      schema: {
        tags: ['claims'],
        summary: 'A claim, resolved against the current text',
        params: ClaimParams,
        response: { 200: Claim, ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const { claimId } = request.params;
      const { documentId, role } = await readClaimAccess(app.db, claimId, userId);
      const row = await findClaimDetail(app.db, claimId);
      if (!row) throw new Error(`claim ${claimId} vanished`);
      const [current = row] = await readClaimsInText(app.liveDocuments, documentId, [row]);
      return presentClaim(current, { userId, role });
    },
  );

  app.patch(
    '/api/claims/:claimId',
    claimWriteOptions('Edit statement, claimant, tags, rationale', UpdateClaimBody),
    (request) =>
      written(request, (userId) =>
        updateClaim(claimDeps(app), userId, request.params.claimId, request.body),
      ),
  );
  app.post(
    '/api/claims/:claimId/assign',
    claimWriteOptions('Assign reviewers, optional due date (moderators)', AssignClaimBody),
    (request) =>
      written(request, (userId) =>
        assignClaim(claimDeps(app), userId, request.params.claimId, request.body),
      ),
  );
  app.post(
    '/api/claims/:claimId/unassign',
    claimWriteOptions('Unassign reviewers (moderators)', UnassignClaimBody),
    (request) =>
      written(request, (userId) =>
        unassignClaim(claimDeps(app), userId, request.params.claimId, request.body),
      ),
  );
  app.post(
    '/api/claims/:claimId/start',
    claimWriteOptions('Start review (open or assigned → in_review)', VersionBody),
    (request) =>
      written(request, (userId) =>
        startReview(claimDeps(app), userId, request.params.claimId, request.body),
      ),
  );
  app.post(
    '/api/claims/:claimId/propose',
    claimWriteOptions('Propose a verdict (in_review → verdict_proposed)', ProposeVerdictBody),
    (request) =>
      written(request, (userId) =>
        proposeVerdict(claimDeps(app), userId, request.params.claimId, request.body),
      ),
  );
  app.post(
    '/api/claims/:claimId/approve',
    claimWriteOptions(
      'Approve the proposed verdict (moderators; not its proposer unless an owner overrides the four-eyes rule)',
      ApproveVerdictBody,
    ),
    (request) =>
      written(request, (userId) =>
        approveVerdict(claimDeps(app), userId, request.params.claimId, request.body),
      ),
  );
  app.post(
    '/api/claims/:claimId/return',
    claimWriteOptions('Return the proposed verdict to review (moderators)', ReturnClaimBody),
    (request) =>
      written(request, (userId) =>
        returnClaim(claimDeps(app), userId, request.params.claimId, request.body),
      ),
  );
  app.post(
    '/api/claims/:claimId/reopen',
    claimWriteOptions('Reopen an approved claim (moderators)', VersionBody),
    (request) =>
      written(request, (userId) =>
        reopenClaim(claimDeps(app), userId, request.params.claimId, request.body),
      ),
  );
  app.post(
    '/api/claims/:claimId/adjudicate',
    claimWriteOptions(
      'Decide between disagreeing blind verdicts and approve (moderators who gave none of them; owners may override)',
      AdjudicateBody,
    ),
    (request) =>
      written(request, (userId) =>
        adjudicateClaim(claimDeps(app), userId, request.params.claimId, request.body),
      ),
  );
  app.post(
    '/api/claims/:claimId/blind-reviews',
    claimWriteOptions(
      "How many independent verdicts this claim needs (1–5; null: the workspace's setting; moderators)",
      SetClaimBlindReviewsBody,
    ),
    (request) =>
      written(request, (userId) =>
        setClaimBlindReviews(claimDeps(app), userId, request.params.claimId, request.body),
      ),
  );
  app.post(
    '/api/claims/:claimId/reanchor',
    claimWriteOptions('Point the claim at a new selection', ReanchorClaimBody),
    (request) =>
      written(request, (userId) =>
        reanchorClaim(claimDeps(app), userId, request.params.claimId, request.body),
      ),
  );
};
