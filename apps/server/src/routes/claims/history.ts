// What happened to claims: one claim's history, and a document's claim events after an id for
// a client that reconnects.
import { ClaimEvent, ClaimEventCatchUp, EventsQuery } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readClaimAccess } from '../../access/claimAccess.ts';
import { documentAccess } from '../../access/documentAccess.ts';
import { requireActor } from '../../plugins/auth.ts';
import { presentClaim, presentClaimEvent } from '../../presenters/claims.ts';
import { listClaimEvents, listDocumentEventsAfter } from '../../queries/claimEvents.ts';
import { listClaimDetailsByIds } from '../../queries/claims.ts';
import { ClaimParams, DocumentParams, errors } from './schemas.ts';

/** Events per catch-up page; a client with more to read asks again after lastEventId. */
const CATCH_UP_LIMIT = 500;

export const historyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/claims/:claimId/history',
    {
      schema: {
        tags: ['claims'],
        summary: 'Every change of a claim, oldest first (read-only)',
        params: ClaimParams,
        response: { 200: Type.Array(ClaimEvent), ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      await readClaimAccess(app.db, request.params.claimId, userId);
      return (await listClaimEvents(app.db, request.params.claimId)).map(presentClaimEvent);
    },
  );

  app.get(
    '/api/documents/:documentId/events',
    {
      schema: {
        tags: ['claims'],
        summary: 'Claim events after an id, for a client that reconnects',
        params: DocumentParams,
        querystring: EventsQuery,
        response: { 200: ClaimEventCatchUp, ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const { documentId } = request.params;
      const { role } = await documentAccess(app.db, userId, documentId, 'document.read');
      const after = request.query.after ?? 0;
      const rows = await listDocumentEventsAfter(app.db, documentId, after, CATCH_UP_LIMIT);
      const claimIds = [...new Set(rows.map((row) => row.claim_id))];
      const claims = await listClaimDetailsByIds(app.db, claimIds);
      const last = rows.at(-1);
      return {
        events: rows.map(presentClaimEvent),
        claims: claims.map((row) => presentClaim(row, { userId, role })),
        lastEventId: last ? Number(last.id) : after,
      };
    },
  );
};
