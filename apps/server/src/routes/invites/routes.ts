// Invite links seen from the outside: what an invite offers, and accepting it.
import { ErrorBody, InvitePreview } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { acceptInvite, previewInvite } from '../../commands/invites.ts';
import { requireActor } from '../../plugins/auth.ts';

const Params = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export const inviteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:token',
    {
      schema: {
        tags: ['invites'],
        summary: 'What an invite link offers (no login needed)',
        params: Params,
        response: { 200: InvitePreview, 404: ErrorBody },
      },
    },
    async (request) => {
      const invite = await previewInvite(app.db, request.params.token);
      return {
        workspaceName: invite.workspace_name,
        role: invite.role,
        expiresAt: invite.expires_at.toISOString(),
      };
    },
  );

  app.post(
    '/:token/accept',
    {
      schema: {
        tags: ['invites'],
        summary: 'Join the invite’s workspace as the signed-in user',
        params: Params,
        response: {
          200: Type.Object({ workspaceId: Type.String() }),
          400: ErrorBody,
          401: ErrorBody,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { workspaceId: await acceptInvite(app.db, actor.userId, request.params.token) };
    },
  );
};
