// Serves the built web app at `/`, with the single-page-app fallback: any path that is not
// an API, sync or asset path gets index.html so client-side routes survive a reload.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { localeFromAcceptLanguage } from '../i18n/requestLocale.ts';
import { translate } from '../i18n/translate.ts';

const SERVER_PATHS = /^\/(api|collab|healthz|metrics)(\/|$|\?)/;

export const webPlugin = fp(async (app: FastifyInstance, { webDist }: { webDist?: string }) => {
  const hasWeb = webDist !== undefined && existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      // Hashed asset names never change content: cache them for a year.
      setHeaders(res, path) {
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !SERVER_PATHS.test(request.url);
    if (isPage && hasWeb) return reply.type('text/html').sendFile('index.html');
    if (isPage)
      return reply.status(404).type('text/plain').send('The web app is not built: run pnpm build.');
    return reply.status(404).send({
      code: 'not_found',
      message: translate(
        localeFromAcceptLanguage(request.headers['accept-language']),
        'errors.noRoute',
        {
          method: request.method,
          path: request.url.split('?')[0] ?? '',
        },
      ),
    });
  });
});
