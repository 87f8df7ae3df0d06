// Liveness with a database check, for load balancers and orchestrators.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const Health = Type.Object({ status: Type.Enum(['ok', 'unavailable']), database: Type.Boolean() });

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Health: 200 when the database answers, 503 otherwise',
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
        return { status: 'ok' as const, database: true };
      } catch (error) {
        request.log.warn({ err: error }, 'health check: database unavailable');
        return reply.status(503).send({ status: 'unavailable' as const, database: false });
      } finally {
        clearTimeout(timer);
      }
    },
  );
};
