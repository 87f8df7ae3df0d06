// Ids in a URL's path are UUIDs. PostgreSQL reads them in either case, but the server keys
// its live state by the database's lower-case spelling: a document's room, the signals of a
// workspace's stream, the sockets a lock or a revocation re-checks. An id typed in capitals
// would reach the right rows and miss all of that (a lock that leaves open sockets writable
// until the periodic re-check), so path ids are lowered here, before any route sees them.

import { UUID_PATTERN } from '@factdesk/model';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const canonicalIdsPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request) => {
    const params = request.params as Record<string, unknown> | undefined;
    if (!params) return;
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string' && UUID_PATTERN.test(value)) params[name] = value.toLowerCase();
    }
  });
});
