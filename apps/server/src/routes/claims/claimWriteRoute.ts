// The shape every write to one claim shares as a route: the claim id in the path, the body
// checked (and typed) by its schema, the command run for the caller, the claim presented with
// the abilities of the role the write was checked against. Each route names its own schema and
// command, so Fastify's type provider types the body from the schema itself.
import { Claim } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { ClaimDeps } from '../../commands/claims/ClaimDeps.ts';
import type { ClaimWriteResult } from '../../commands/claims/writeClaim.ts';
import { requireActor } from '../../plugins/auth.ts';
import { presentClaim } from '../../presenters/claims.ts';
import { ClaimParams, writeErrors } from './schemas.ts';

/** The Fastify instance a claims route plugin receives (TypeBox type provider). */
export type ClaimsApp = Parameters<FastifyPluginAsyncTypebox>[0];

/** What commands on claims need from the app: the database, live documents and notifications. */
export function claimDeps(app: ClaimsApp): ClaimDeps {
  return { sql: app.db, liveDocuments: app.liveDocuments, notifications: app.notifications };
}

/** The claim after a write, with the abilities of the role the write was checked against. */
export function presentWrite(result: ClaimWriteResult, userId: string): Claim {
  return presentClaim(result.claim, { userId, role: result.role });
}

/** Route options of a claim write: its summary and body schema, the claim or a 409 back. */
export function claimWriteOptions<B extends TSchema>(summary: string, body: B) {
  return {
    schema: {
      tags: ['claims'],
      summary,
      params: ClaimParams,
      body,
      response: { 200: Claim, ...writeErrors },
    },
  };
}

/** Runs a claim write for the caller and presents the claim it leaves. */
export async function written(
  request: FastifyRequest,
  run: (userId: string) => Promise<ClaimWriteResult>,
): Promise<Claim> {
  const { userId } = requireActor(request);
  return presentWrite(await run(userId), userId);
}
