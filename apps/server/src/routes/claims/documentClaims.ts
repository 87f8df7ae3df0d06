// The claims of a document: listed as the current text shows them, and created from a
// selection.
import { Claim, CreateClaimBody } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { documentAccess } from '../../access/documentAccess.ts';
import { createClaim } from '../../commands/claims/createClaim.ts';
import { requireActor } from '../../plugins/auth.ts';
import { presentClaim } from '../../presenters/claims.ts';
import { listClaimDetails } from '../../queries/claims.ts';
import { readClaimsInText } from '../../views/readClaimsInText.ts';
import { claimDeps } from './claimWriteRoute.ts';
import { DocumentParams, errors, writeErrors } from './schemas.ts';

export const documentClaimRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/documents/:documentId/claims',
    {
      schema: {
        tags: ['claims'],
        summary: 'Claims of a document, with the text under each anchor now (read-only)',
        params: DocumentParams,
        response: { 200: Type.Array(Claim), ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const { documentId } = request.params;
      const { role } = await documentAccess(app.db, userId, documentId, 'document.read');
      // Only reads: the text under each anchor is computed, nothing is written.
      const rows = await readClaimsInText(
        app.liveDocuments,
        documentId,
        await listClaimDetails(app.db, documentId),
      );
      return rows.map((row) => presentClaim(row, { userId, role }));
    },
  );

  app.post(
    '/api/documents/:documentId/claims',
    {
      schema: {
        tags: ['claims'],
        summary: 'Create a claim from a selection (reviewers, moderators)',
        params: DocumentParams,
        body: CreateClaimBody,
        response: { 201: Claim, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { userId } = requireActor(request);
      const { claim, role } = await createClaim(
        claimDeps(app),
        userId,
        request.params.documentId,
        request.body,
      );
      return reply.status(201).send(presentClaim(claim, { userId, role }));
    },
  );
};
