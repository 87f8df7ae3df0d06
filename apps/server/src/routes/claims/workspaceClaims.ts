// The moderator board: every claim of a workspace's active documents, each document's claims
// in text order.
import { QueueClaim } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { workspaceAccess } from '../../access/workspaceAccess.ts';
import { requireActor } from '../../plugins/auth.ts';
import { presentQueueClaim } from '../../presenters/claims.ts';
import { listWorkspaceClaims, type WorkspaceClaimRow } from '../../queries/claims.ts';
import { readClaimsInText } from '../../views/readClaimsInText.ts';
import { errors, WorkspaceParams } from './schemas.ts';

export const workspaceClaimRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
        const inText = await readClaimsInText(app.liveDocuments, documentId, rows, {
          textOrder: true,
        });
        for (const row of inText) claims.push(presentQueueClaim(row, { userId, role }));
      }
      return claims;
    },
  );
};
