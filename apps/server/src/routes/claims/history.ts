// What happened to claims: one claim's history, and a document's claim events after an id for
// a client that reconnects.
import { ClaimEvent, ClaimEventCatchUp, EventsQuery } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readClaimAccess } from '../../access/claimAccess.ts';
import { documentAccess } from '../../access/documentAccess.ts';
import { requireActor } from '../../plugins/auth.ts';
import {
  blindSightOf,
  presentClaim,
  presentClaimEventFor,
  readBlindSight,
} from '../../presenters/claims.ts';
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
      const { role } = await readClaimAccess(app.db, request.params.claimId, userId);
      const sees = await readBlindSight(app.db, request.params.claimId, { userId, role });
      return (await listClaimEvents(app.db, request.params.claimId))
        .map((row) => presentClaimEventFor(row, sees))
        .filter((event) => event !== undefined);
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
      const sightOf = new Map(
        claims.map((claim) => [claim.id, blindSightOf(claim, { userId, role })]),
      );
      const last = rows.at(-1);
      return {
        events: rows
          .map((row) => presentClaimEventFor(row, sightOf.get(row.claim_id) ?? (() => true)))
          .filter((event) => event !== undefined),
        claims: claims.map((row) => presentClaim(row, { userId, role })),
        lastEventId: last ? Number(last.id) : after,
      };
    },
  );
};
