// The workspace's verdict scale: read by members, replaced by owners.
import {
  DEFAULT_VERDICT_SCALE,
  ErrorBody,
  VerdictScaleSchema,
  WorkspaceVerdictScale,
} from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { workspaceAccess } from '../../access/workspaceAccess.ts';
import { updateVerdictScale } from '../../commands/claims/updateVerdictScale.ts';
import { requireActor } from '../../plugins/auth.ts';
import { countVerdictUsage } from '../../queries/claims.ts';
import { findVerdictScale } from '../../queries/verdictScales.ts';
import { errors, WorkspaceParams } from './schemas.ts';

export const verdictScaleRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
