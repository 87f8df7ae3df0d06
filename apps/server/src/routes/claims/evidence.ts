// A claim's evidence links: listed, added, changed and removed; checked again and archived on
// request (docs/evidence-links.md).
import {
  AddEvidenceBody,
  Claim,
  ClaimVersionQuery,
  ErrorBody,
  Evidence,
  EvidenceLink,
  UpdateEvidenceBody,
} from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readClaimAccess } from '../../access/claimAccess.ts';
import { addEvidence } from '../../commands/claims/addEvidence.ts';
import { archiveEvidence } from '../../commands/claims/archiveEvidence.ts';
import { checkEvidenceLink } from '../../commands/claims/checkEvidenceLink.ts';
import { removeEvidence } from '../../commands/claims/removeEvidence.ts';
import { updateEvidence } from '../../commands/claims/updateEvidence.ts';
import { requireActor } from '../../plugins/auth.ts';
import { presentEvidence, readBlindSight } from '../../presenters/claims.ts';
import { presentEvidenceLink } from '../../presenters/evidenceLinks.ts';
import { listEvidence } from '../../queries/evidence.ts';
import { findEvidenceLinks } from '../../queries/evidenceLinks.ts';
import { claimDeps, presentWrite } from './claimWriteRoute.ts';
import { ClaimParams, EvidenceParams, errors, writeErrors } from './schemas.ts';

export const evidenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/claims/:claimId/evidence',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Evidence links of a claim',
        params: ClaimParams,
        response: { 200: Type.Array(Evidence), ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const { role } = await readClaimAccess(app.db, request.params.claimId, userId);
      const sees = await readBlindSight(app.db, request.params.claimId, { userId, role });
      const rows = (await listEvidence(app.db, request.params.claimId)).filter((row) =>
        sees({ blindRound: row.blind_round, authorId: row.added_by }),
      );
      // What the link checker found, beside each link (events and history carry it apart).
      const links = await findEvidenceLinks(
        app.db,
        rows.map((row) => row.id),
      );
      const linkOf = new Map(links.map((link) => [link.evidence_id, presentEvidenceLink(link)]));
      return rows.map((row) => ({ ...presentEvidence(row), link: linkOf.get(row.id) }));
    },
  );

  app.post(
    '/api/claims/:claimId/evidence',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Add an evidence link (checked in the background through the SSRF-safe client)',
        params: ClaimParams,
        body: AddEvidenceBody,
        response: { 201: Type.Object({ evidence: Evidence, claim: Claim }), ...writeErrors },
      },
    },
    async (request, reply) => {
      const { userId } = requireActor(request);
      const result = await addEvidence(
        claimDeps(app),
        userId,
        request.params.claimId,
        request.body,
      );
      return reply
        .status(201)
        .send({ evidence: result.evidence, claim: presentWrite(result, userId) });
    },
  );

  app.patch(
    '/api/evidence/:evidenceId',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Change an evidence link',
        params: EvidenceParams,
        body: UpdateEvidenceBody,
        response: { 200: Type.Object({ evidence: Evidence, claim: Claim }), ...writeErrors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const result = await updateEvidence(
        claimDeps(app),
        userId,
        request.params.evidenceId,
        request.body,
      );
      return { evidence: result.evidence, claim: presentWrite(result, userId) };
    },
  );

  app.delete(
    '/api/evidence/:evidenceId',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Remove an evidence link (?version= of the claim)',
        params: EvidenceParams,
        querystring: ClaimVersionQuery,
        response: { 200: Claim, ...writeErrors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const { evidenceId } = request.params;
      const result = await removeEvidence(
        claimDeps(app),
        userId,
        evidenceId,
        request.query.version,
      );
      return presentWrite(result, userId);
    },
  );

  app.post(
    '/api/evidence/:evidenceId/archive',
    {
      schema: {
        tags: ['evidence'],
        summary:
          'Archive now: ask the archive service for a copy and store it as archiveUrl (502/504: the service failed; 409: already being archived)',
        params: EvidenceParams,
        response: {
          200: Type.Object({ evidence: Evidence, claim: Claim }),
          ...writeErrors,
          502: ErrorBody,
          504: ErrorBody,
        },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const result = await archiveEvidence(
        app.evidenceLinks.archiveDeps,
        userId,
        request.params.evidenceId,
      );
      return { evidence: result.evidence, claim: presentWrite(result, userId) };
    },
  );

  app.post(
    '/api/evidence/:evidenceId/check',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Check again: fetch the link now and answer with what the checker found',
        params: EvidenceParams,
        response: { 200: EvidenceLink, ...writeErrors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const link = await checkEvidenceLink(
        claimDeps(app),
        app.evidenceLinks.checker,
        userId,
        request.params.evidenceId,
      );
      return presentEvidenceLink(link);
    },
  );
};
