// Health for load balancers and orchestrators: the database answers, and this instance's saves
// go through (503 with the reason while they fail: unreachable, read-only, disk full).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const Health = Type.Object({
  status: Type.Enum(['ok', 'unavailable']),
  database: Type.Boolean(),
  reason: Type.Optional(Type.String()),
});

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary:
          'Health: 200 when the database answers and saves go through, 503 with a reason otherwise',
        response: { 200: Health, 503: Health },
      },
    },
    async (request, reply) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          app.db`SELECT 1`,
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('database did not answer in 2 s')), 2000);
          }),
        ]);
      } catch (error) {
        request.log.warn({ err: error }, 'health check: database unavailable');
        return reply.status(503).send({
          status: 'unavailable' as const,
          database: false,
          reason: 'the database does not answer',
        });
      } finally {
        clearTimeout(timer);
      }
      const storage = app.liveDocuments.storageStatus();
      if (!storage.ok) {
        return reply
          .status(503)
          .send({ status: 'unavailable' as const, database: true, reason: storage.reason });
      }
      return { status: 'ok' as const, database: true };
    },
  );
};
