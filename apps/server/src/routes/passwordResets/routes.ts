// Password reset links seen from the outside: whose password a link sets, and using it.
// No login needed: the link's secret is the credential.
import { ErrorBody, Me, ResetLinkPreview, UseResetLinkBody } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { setSessionCookie } from '../../auth/sessionCookie.ts';
import { previewResetLink, useResetLink } from '../../commands/passwordResets.ts';
import { presentMe } from '../../presenters/me.ts';
import { presentResetLinkPreview } from '../../presenters/passwordResets.ts';

const Params = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
const errors = { 400: ErrorBody, 404: ErrorBody, 410: ErrorBody };

export const passwordResetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:token',
    {
      schema: {
        tags: ['password resets'],
        summary: 'Whose password a reset link sets (no login needed); 410 once used or expired',
        params: Params,
        response: { 200: ResetLinkPreview, ...errors },
      },
    },
    async (request) =>
      presentResetLinkPreview(await previewResetLink(app.db, request.params.token)),
  );

  app.post(
    '/:token',
    {
      schema: {
        tags: ['password resets'],
        summary:
          'Set a new password with a reset link: ends every session of the person and signs them in',
        params: Params,
        body: UseResetLinkBody,
        response: { 200: Me, ...errors },
      },
    },
    async (request, reply) => {
      const { user, sessionToken } = await useResetLink(
        app.db,
        app.loginThrottle,
        { token: request.params.token, newPassword: request.body.newPassword },
        app.config.sessionDays,
      );
      // Every other session ended: their sockets (and any that re-check) go too.
      await app.liveDocuments.accessChanged({ userId: user.id });
      setSessionCookie(reply, app.config, sessionToken);
      return presentMe(app.db, user);
    },
  );
};
