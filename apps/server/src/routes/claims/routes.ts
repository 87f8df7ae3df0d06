// The claims API: claims on a document, their workflow, evidence, comments, history, the
// catch-up on live events, a reviewer's queue and the workspace's verdict scale.
import {
  AddCommentBody,
  AddEvidenceBody,
  ApproveVerdictBody,
  AssignClaimBody,
  Claim,
  ClaimConflictBody,
  ClaimEvent,
  ClaimEventCatchUp,
  ClaimVersionQuery,
  Comment,
  CreateClaimBody,
  DEFAULT_VERDICT_SCALE,
  ErrorBody,
  EventsQuery,
  Evidence,
  ProposeVerdictBody,
  QueueClaim,
  ReanchorClaimBody,
  ReturnClaimBody,
  UnassignClaimBody,
  UpdateClaimBody,
  UpdateEvidenceBody,
  Uuid,
  VerdictScaleSchema,
  VersionBody,
  WorkspaceVerdictScale,
} from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import { Type } from 'typebox';
import { readClaimAccess } from '../../access/claimAccess.ts';
import { documentAccess } from '../../access/documentAccess.ts';
import { workspaceAccess } from '../../access/workspaceAccess.ts';
import { addComment } from '../../commands/claims/addComment.ts';
import { addEvidence } from '../../commands/claims/addEvidence.ts';
import { approveVerdict } from '../../commands/claims/approveVerdict.ts';
import { assignClaim } from '../../commands/claims/assignClaim.ts';
import { ClaimConflictError } from '../../commands/claims/ClaimConflictError.ts';
import type { ClaimDeps } from '../../commands/claims/ClaimDeps.ts';
import { createClaim } from '../../commands/claims/createClaim.ts';
import { proposeVerdict } from '../../commands/claims/proposeVerdict.ts';
import { reanchorClaim } from '../../commands/claims/reanchorClaim.ts';
import { removeEvidence } from '../../commands/claims/removeEvidence.ts';
import { reopenClaim } from '../../commands/claims/reopenClaim.ts';
import { returnClaim } from '../../commands/claims/returnClaim.ts';
import { startReview } from '../../commands/claims/startReview.ts';
import { unassignClaim } from '../../commands/claims/unassignClaim.ts';
import { updateClaim } from '../../commands/claims/updateClaim.ts';
import { updateEvidence } from '../../commands/claims/updateEvidence.ts';
import { updateVerdictScale } from '../../commands/claims/updateVerdictScale.ts';
import type { ClaimWriteResult } from '../../commands/claims/writeClaim.ts';
import { requireActor } from '../../plugins/auth.ts';
import {
  presentClaim,
  presentClaimEvent,
  presentComment,
  presentEvidence,
  presentQueueClaim,
} from '../../presenters/claims.ts';
import { listComments } from '../../queries/claimComments.ts';
import { listClaimEvents, listDocumentEventsAfter } from '../../queries/claimEvents.ts';
import {
  countVerdictUsage,
  findClaimDetail,
  listClaimDetails,
  listClaimDetailsByIds,
  listQueue,
  listWorkspaceClaims,
  type WorkspaceClaimRow,
} from '../../queries/claims.ts';
import { listEvidence } from '../../queries/evidence.ts';
import { findVerdictScale } from '../../queries/verdictScales.ts';
import { readClaimsInText } from '../../views/readClaimsInText.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ClaimConflictBody };
const DocumentParams = Type.Object({ documentId: Uuid });
const ClaimParams = Type.Object({ claimId: Uuid });
const EvidenceParams = Type.Object({ evidenceId: Uuid });
const WorkspaceParams = Type.Object({ workspaceId: Uuid });
/** Events per catch-up page; a client with more to read asks again after lastEventId. */
const CATCH_UP_LIMIT = 500;

export const claimRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): ClaimDeps => ({ sql: app.db, collab: app.collab });
  const presentWrite = (result: ClaimWriteResult, userId: string) =>
    presentClaim(result.claim, { userId, role: result.role });

  // A conflict on a claim carries the claim as the caller sees it; everything else goes to
  // the app's error handler.
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof ClaimConflictError && request.actor) {
      const access = await readClaimAccess(app.db, error.claim.id, request.actor.userId);
      return reply.status(409).send({
        code: error.code,
        message: error.message,
        claim: presentClaim(error.claim, { userId: request.actor.userId, role: access.role }),
      });
    }
    throw error;
  });

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
        app.collab,
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
        deps(),
        userId,
        request.params.documentId,
        request.body,
      );
      return reply.status(201).send(presentClaim(claim, { userId, role }));
    },
  );

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
      const [current = row] = await readClaimsInText(app.collab, documentId, [row]);
      return presentClaim(current, { userId, role });
    },
  );

  const write = <B extends object>(
    method: 'PATCH' | 'POST',
    path: string,
    summary: string,
    body: B,
    run: (
      deps: ClaimDeps,
      userId: string,
      claimId: string,
      body: never,
    ) => Promise<ClaimWriteResult>,
  ) => {
    app.route({
      method,
      url: path,
      schema: {
        tags: ['claims'],
        summary,
        params: ClaimParams,
        body,
        response: { 200: Claim, ...writeErrors },
      },
      handler: async (request) => {
        const { userId } = requireActor(request);
        const { claimId } = request.params as { claimId: string };
        return presentWrite(await run(deps(), userId, claimId, request.body as never), userId);
      },
    });
  };
  write(
    'PATCH',
    '/api/claims/:claimId',
    'Edit statement, claimant, tags, rationale',
    UpdateClaimBody,
    updateClaim,
  );
  write(
    'POST',
    '/api/claims/:claimId/assign',
    'Assign reviewers, optional due date (moderators)',
    AssignClaimBody,
    assignClaim,
  );
  write(
    'POST',
    '/api/claims/:claimId/unassign',
    'Unassign reviewers (moderators)',
    UnassignClaimBody,
    unassignClaim,
  );
  write(
    'POST',
    '/api/claims/:claimId/start',
    'Start review (open or assigned → in_review)',
    VersionBody,
    startReview,
  );
  write(
    'POST',
    '/api/claims/:claimId/propose',
    'Propose a verdict (in_review → verdict_proposed)',
    ProposeVerdictBody,
    proposeVerdict,
  );
  write(
    'POST',
    '/api/claims/:claimId/approve',
    'Approve the proposed verdict (moderators; not its proposer unless an owner overrides the four-eyes rule)',
    ApproveVerdictBody,
    approveVerdict,
  );
  write(
    'POST',
    '/api/claims/:claimId/return',
    'Return the proposed verdict to review (moderators)',
    ReturnClaimBody,
    returnClaim,
  );
  write(
    'POST',
    '/api/claims/:claimId/reopen',
    'Reopen an approved claim (moderators)',
    VersionBody,
    reopenClaim,
  );
  write(
    'POST',
    '/api/claims/:claimId/reanchor',
    'Point the claim at a new selection',
    ReanchorClaimBody,
    reanchorClaim,
  );

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
      await readClaimAccess(app.db, request.params.claimId, userId);
      return (await listEvidence(app.db, request.params.claimId)).map(presentEvidence);
    },
  );

  app.post(
    '/api/claims/:claimId/evidence',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Add an evidence link (never fetched by the server)',
        params: ClaimParams,
        body: AddEvidenceBody,
        response: { 201: Type.Object({ evidence: Evidence, claim: Claim }), ...writeErrors },
      },
    },
    async (request, reply) => {
      const { userId } = requireActor(request);
      const result = await addEvidence(deps(), userId, request.params.claimId, request.body);
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
      const result = await updateEvidence(deps(), userId, request.params.evidenceId, request.body);
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
      const result = await removeEvidence(deps(), userId, evidenceId, request.query.version);
      return presentWrite(result, userId);
    },
  );

  app.get(
    '/api/claims/:claimId/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'The comment thread of a claim',
        params: ClaimParams,
        response: { 200: Type.Array(Comment), ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      await readClaimAccess(app.db, request.params.claimId, userId);
      return (await listComments(app.db, request.params.claimId)).map(presentComment);
    },
  );

  app.post(
    '/api/claims/:claimId/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Comment on a claim',
        params: ClaimParams,
        body: AddCommentBody,
        response: { 201: Comment, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { userId } = requireActor(request);
      const result = await addComment(deps(), userId, request.params.claimId, request.body.body);
      return reply.status(201).send(result.comment);
    },
  );

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

  app.get(
    '/api/me/queue',
    {
      schema: {
        tags: ['claims'],
        summary: 'Claims assigned to you and not approved, by due date',
        response: { 200: Type.Array(QueueClaim), ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      return (await listQueue(app.db, userId)).map((row) =>
        presentQueueClaim(row, { userId, role: row.role }),
      );
    },
  );

  app.get(
    '/api/workspaces/:workspaceId/claims',
    {
      schema: {
        tags: ['claims'],
        summary:
          'Every claim of the workspace’s active documents (moderator board): newest document first, each in text order',
        params: WorkspaceParams,
        response: { 200: Type.Array(QueueClaim), ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const { workspaceId } = request.params;
      const { role } = await workspaceAccess(app.db, userId, workspaceId, 'document.read');
      const byDocument = new Map<string, WorkspaceClaimRow[]>();
      for (const row of await listWorkspaceClaims(app.db, workspaceId)) {
        const rows = byDocument.get(row.document_id);
        if (rows) rows.push(row);
        else byDocument.set(row.document_id, [row]);
      }
      const claims: QueueClaim[] = [];
      for (const [documentId, rows] of byDocument) {
        const inText = await readClaimsInText(app.collab, documentId, rows, { textOrder: true });
        for (const row of inText) claims.push(presentQueueClaim(row, { userId, role }));
      }
      return claims;
    },
  );

  app.get(
    '/api/workspaces/:workspaceId/verdict-scale',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'The workspace’s verdict scale',
        params: WorkspaceParams,
        response: { 200: WorkspaceVerdictScale, ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const { workspaceId } = request.params;
      await workspaceAccess(app.db, userId, workspaceId, 'workspace.read');
      const scale = await findVerdictScale(app.db, workspaceId);
      const usage = await countVerdictUsage(app.db, workspaceId);
      return { scale: scale ?? DEFAULT_VERDICT_SCALE, isDefault: scale === null, usage };
    },
  );

  app.put(
    '/api/workspaces/:workspaceId/verdict-scale',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Replace the verdict scale (owners)',
        params: WorkspaceParams,
        body: VerdictScaleSchema,
        response: { 200: WorkspaceVerdictScale, ...errors, 409: ErrorBody },
        description:
          'Labels may be renamed, re-rated, re-ordered and re-coloured; a label claims use cannot be removed. Approved claims keep the label, rating and bounds they were approved with.',
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const { workspaceId } = request.params;
      await workspaceAccess(app.db, userId, workspaceId, 'verdictScale.update');
      const scale = await updateVerdictScale(app.db, workspaceId, request.body);
      return { scale, isDefault: false, usage: await countVerdictUsage(app.db, workspaceId) };
    },
  );
};
