// The signed-in user: profile, password, personal API tokens.
import {
  ApiToken,
  ChangeLocaleBody,
  ChangePasswordBody,
  CreatedToken,
  CreateTokenBody,
  ErrorBody,
  Me,
  Uuid,
} from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { setSessionCookie } from '../../auth/sessionCookie.ts';
import { changePassword } from '../../commands/accounts.ts';
import { createApiToken, revokeApiToken } from '../../commands/apiTokens.ts';
import { UnauthenticatedError } from '../../errors.ts';
import { requireActor } from '../../plugins/auth.ts';
import { presentApiToken } from '../../presenters/accounts.ts';
import { presentMe } from '../../presenters/me.ts';
import { listApiTokens } from '../../queries/sessions.ts';
import { findUserById, updateUserLocale } from '../../queries/users.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['me'],
        summary: 'The signed-in user and their workspaces',
        response: { 200: Me, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const user = await findUserById(app.db, actor.userId);
      if (!user) throw new UnauthenticatedError();
      return presentMe(app.db, user);
    },
  );

  app.patch(
    '/',
    {
      schema: {
        tags: ['me'],
        summary: 'Change your interface language; it follows you to every device',
        body: ChangeLocaleBody,
        response: { 200: Me, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const user = await updateUserLocale(app.db, actor.userId, request.body.locale);
      if (!user) throw new UnauthenticatedError();
      return presentMe(app.db, user);
    },
  );

  app.put(
    '/password',
    {
      schema: {
        tags: ['me'],
        summary: 'Change password; ends every session and starts a new one',
        body: ChangePasswordBody,
        response: { 204: {}, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const token = await changePassword(
        app.db,
        actor.userId,
        request.body,
        app.config.sessionDays,
      );
      // Every other session ended: their sockets go too.
      await app.liveDocuments.accessChanged({ userId: actor.userId });
      setSessionCookie(reply, app.config, token);
      return reply.status(204).send();
    },
  );

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['me'],
        summary: 'Your live API tokens',
        response: { 200: Type.Array(ApiToken), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return (await listApiTokens(app.db, actor.userId)).map(presentApiToken);
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['me'],
        summary: 'Create an API token (the secret is shown once)',
        body: CreateTokenBody,
        response: { 201: CreatedToken, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { apiToken, token } = await createApiToken(app.db, actor.userId, request.body.name);
      return reply.status(201).send({ apiToken: presentApiToken(apiToken), token });
    },
  );

  app.delete(
    '/tokens/:tokenId',
    {
      schema: {
        tags: ['me'],
        summary: 'Revoke an API token',
        params: Type.Object({ tokenId: Uuid }),
        response: { 204: {}, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await revokeApiToken(app.db, actor.userId, request.params.tokenId);
      await app.liveDocuments.accessChanged({ tokenId: request.params.tokenId });
      return reply.status(204).send();
    },
  );
};
