// Verdict reuse (docs/verdict-reuse.md): approved claims of the workspace that say the same
// thing as a highlight or statement being written, or as an existing claim ("Same claim
// elsewhere"), for any member; and the write that copies one's verdict into a claim.
import {
  ReuseVerdictBody,
  SIMILAR_DEFAULT_LIMIT,
  SimilarClaimLimitQuery,
  SimilarClaims,
  SimilarClaimsQuery,
} from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readClaimAccess } from '../../access/claimAccess.ts';
import { workspaceAccess } from '../../access/workspaceAccess.ts';
import { reuseVerdict } from '../../commands/claims/reuseVerdict.ts';
import { BadRequestError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { requireActor } from '../../plugins/auth.ts';
import { findClaimDetail } from '../../queries/claims.ts';
import { comparableTexts, similarClaims } from '../../views/similarClaims.ts';
import { claimDeps, claimWriteOptions, written } from './claimWriteRoute.ts';
import { ClaimParams, errors, WorkspaceParams } from './schemas.ts';

export const verdictReuseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/workspaces/:workspaceId/claims/similar',
    {
      schema: {
        tags: ['claims'],
        summary:
          'Approved claims of the workspace that say what this quote or statement says (before a claim exists)',
        params: WorkspaceParams,
        querystring: SimilarClaimsQuery,
        response: { 200: SimilarClaims, ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const { workspaceId } = request.params;
      const { quote, statement, limit } = request.query;
      await workspaceAccess(app.db, userId, workspaceId, 'document.read');
      if (comparableTexts(quote, statement).length === 0) {
        throw new BadRequestError(msg('errors.quoteOrStatement'), 'quote');
      }
      return similarClaims(app.db, {
        workspaceId,
        quote,
        statement,
        limit: limit ?? SIMILAR_DEFAULT_LIMIT,
      });
    },
  );

  app.get(
    '/api/claims/:claimId/similar',
    {
      schema: {
        tags: ['claims'],
        summary:
          'Same claim elsewhere: approved claims of the workspace that say what this one says',
        params: ClaimParams,
        querystring: SimilarClaimLimitQuery,
        response: { 200: SimilarClaims, ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const { claimId } = request.params;
      const { workspaceId } = await readClaimAccess(app.db, claimId, userId);
      const claim = await findClaimDetail(app.db, claimId);
      if (!claim) throw new Error(`claim ${claimId} vanished`);
      return similarClaims(app.db, {
        workspaceId,
        quote: claim.quote_exact,
        statement: claim.statement,
        limit: request.query.limit ?? SIMILAR_DEFAULT_LIMIT,
        excludeClaimId: claimId,
      });
    },
  );

  app.post(
    '/api/claims/:claimId/reuse',
    claimWriteOptions(
      'Copy the verdict, rationale and evidence of an approved claim of the workspace (proposed, for approval)',
      ReuseVerdictBody,
    ),
    (request) =>
      written(request, (userId) =>
        reuseVerdict(claimDeps(app), userId, request.params.claimId, request.body),
      ),
  );
};
