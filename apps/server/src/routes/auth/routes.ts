// Sign up, log in, log out.
import { ErrorBody, LoginBody, Me, SignupBody } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { clearSessionCookie, setSessionCookie } from '../../auth/sessionCookie.ts';
import { logIn, logOut, signUp } from '../../commands/accounts.ts';
import { presentMe } from '../../presenters/me.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 429: ErrorBody };

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config } = app;

  app.post(
    '/signup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account (first user, invite, or open sign-up) and log in',
        body: SignupBody,
        response: { 201: Me, ...errors },
      },
    },
    async (request, reply) => {
      const { user, sessionToken } = await signUp(app.db, request.body, config.sessionDays);
      setSessionCookie(reply, config, sessionToken);
      return reply.status(201).send(await presentMe(app.db, user));
    },
  );

  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password; starts a new session',
        body: LoginBody,
        response: { 200: Me, ...errors },
      },
    },
    async (request, reply) => {
      const { user, sessionToken } = await logIn(
        app.db,
        app.loginThrottle,
        { ...request.body, ip: request.ip },
        config.sessionDays,
      );
      setSessionCookie(reply, config, sessionToken);
      return presentMe(app.db, user);
    },
  );

  app.post(
    '/logout',
    { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: {} } } },
    async (request, reply) => {
      if (request.actor?.via === 'session') {
        await logOut(app.db, request.actor.sessionId);
        await app.liveDocuments.accessChanged({ sessionId: request.actor.sessionId });
      }
      clearSessionCookie(reply, config);
      return reply.status(204).send();
    },
  );
};
