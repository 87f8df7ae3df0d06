// A claim's comment thread: read and added to.
import { AddCommentBody, Comment } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readClaimAccess } from '../../access/claimAccess.ts';
import { addComment } from '../../commands/claims/addComment.ts';
import { requireActor } from '../../plugins/auth.ts';
import { presentComment, readBlindSight } from '../../presenters/claims.ts';
import { listComments } from '../../queries/claimComments.ts';
import { claimDeps } from './claimWriteRoute.ts';
import { ClaimParams, errors, writeErrors } from './schemas.ts';

export const commentRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
      const { role } = await readClaimAccess(app.db, request.params.claimId, userId);
      const sees = await readBlindSight(app.db, request.params.claimId, { userId, role });
      return (await listComments(app.db, request.params.claimId))
        .filter((row) => sees({ blindRound: row.blind_round, authorId: row.author_id }))
        .map(presentComment);
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
      const result = await addComment(
        claimDeps(app),
        userId,
        request.params.claimId,
        request.body.body,
      );
      return reply.status(201).send(result.comment);
    },
  );
};
