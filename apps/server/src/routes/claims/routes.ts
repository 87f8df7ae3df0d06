// The claims API, one plugin per resource: a document's claims, one claim and its workflow,
// evidence, comments, history and the catch-up on live events, a reviewer's queue, the
// workspace board, the verdict scale and verdict reuse. Errors go to the app's one handler (plugins/errors.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { claimByIdRoutes } from './claim.ts';
import { commentRoutes } from './comments.ts';
import { documentClaimRoutes } from './documentClaims.ts';
import { evidenceRoutes } from './evidence.ts';
import { historyRoutes } from './history.ts';
import { queueRoutes } from './queue.ts';
import { verdictReuseRoutes } from './verdictReuse.ts';
import { verdictScaleRoutes } from './verdictScale.ts';
import { workspaceClaimRoutes } from './workspaceClaims.ts';

export const claimRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(documentClaimRoutes);
  await app.register(claimByIdRoutes);
  await app.register(evidenceRoutes);
  await app.register(commentRoutes);
  await app.register(historyRoutes);
  await app.register(queueRoutes);
  await app.register(workspaceClaimRoutes);
  await app.register(verdictScaleRoutes);
  await app.register(verdictReuseRoutes);
};
