// A reviewer's queue: the claims assigned to them and not approved, across workspaces.
import { QueueClaim } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../plugins/auth.ts';
import { presentQueueClaim } from '../../presenters/claims.ts';
import { listQueue } from '../../queries/claims.ts';
import { errors } from './schemas.ts';

export const queueRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
};
