// Who is calling: a session cookie (browsers) or an API token (`Authorization: Bearer`).
// Resolved once per request; routes ask for it with requireActor(). Also guards
// cookie-authenticated writes against cross-site requests (CSRF) by their Origin.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashSecret, isSecretOf } from '../auth/secrets.ts';
import { SESSION_COOKIE } from '../auth/sessionCookie.ts';
import type { Config } from '../config.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import { msg } from '../i18n/translate.ts';
import { findApiTokenUser, findSessionUser } from '../queries/sessions.ts';

export type Actor =
  | { userId: string; via: 'session'; sessionId: string }
  | { userId: string; via: 'token'; tokenId: string };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError();
  return request.actor;
}

/** The bearer secret of a request: `Authorization: Bearer …` header. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

export const authPlugin = fp(async (app: FastifyInstance, { config }: { config: Config }) => {
  const allowedOrigins = new Set([config.publicUrl.origin, ...config.extraOrigins]);
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.authenticatesItself) return;
    const bearer = bearerToken(request);
    if (request.headers.authorization !== undefined) {
      // A bad or revoked token is an error, never a silent fall back to the cookie.
      if (!bearer || !isSecretOf('token', bearer)) {
        throw new UnauthenticatedError(msg('errors.tokenMalformed'), 'invalid_token');
      }
      const row = await findApiTokenUser(app.db, hashSecret(bearer));
      if (!row) throw new UnauthenticatedError(msg('errors.tokenUnknown'), 'invalid_token');
      request.actor = { userId: row.user_id, via: 'token', tokenId: row.token_id };
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!SAFE_METHODS.has(request.method)) {
      // Browsers send Origin on every cross-origin write; a cookie-carrying write from
      // another origin (or with no Origin at all) is refused before it can change anything.
      // Every path: the router decodes %-escapes, so "/%61pi/…" reaches the /api routes.
      const origin = request.headers.origin;
      if (origin ? !allowedOrigins.has(origin) : cookie !== undefined) {
        throw new ForbiddenError(msg('errors.badOrigin'), 'bad_origin');
      }
    }
    if (cookie && isSecretOf('session', cookie)) {
      const row = await findSessionUser(app.db, hashSecret(cookie));
      if (row) request.actor = { userId: row.user_id, via: 'session', sessionId: row.session_id };
    }
  });
});
