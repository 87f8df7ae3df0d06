// buildApp(config, db): a ready Fastify instance with every plugin and route, not listening.

import { UUID_PATTERN } from '@factdesk/model';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { LoginThrottle } from './auth/LoginThrottle.ts';
import { SESSION_COOKIE } from './auth/sessionCookie.ts';
import type { Config } from './config.ts';
import type { Sql } from './db/database.ts';
import { HeavyWorkPool } from './heavyWork/HeavyWorkPool.ts';
import { limitConnectionsPerAddress } from './limitConnectionsPerAddress.ts';
import { authPlugin } from './plugins/auth.ts';
import { canonicalIdsPlugin } from './plugins/canonicalIds.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { evidenceLinksPlugin } from './plugins/evidenceLinks.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { notificationsPlugin } from './plugins/notifications.ts';
import { syncPlugin } from './plugins/sync.ts';
import { webPlugin } from './plugins/web.ts';
import { authRoutes } from './routes/auth/routes.ts';
import { claimRoutes } from './routes/claims/routes.ts';
import { dashboardRoutes } from './routes/dashboard/routes.ts';
import { documentRoutes } from './routes/documents/routes.ts';
import { healthRoutes } from './routes/health/routes.ts';
import { inviteRoutes } from './routes/invites/routes.ts';
import { meRoutes } from './routes/me/routes.ts';
import { notificationRoutes } from './routes/notifications/routes.ts';
import { passwordResetEmailRoutes } from './routes/passwordResets/byEmail.ts';
import { passwordResetRoutes } from './routes/passwordResets/routes.ts';
import { reportRoutes } from './routes/reports/routes.ts';
import { searchRoutes } from './routes/search/routes.ts';
import { workspaceEventRoutes } from './routes/workspaceEvents/routes.ts';
import { workspaceRoutes } from './routes/workspaces/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Sql;
    loginThrottle: LoginThrottle;
    /** Imports and reports run here, off the event loop. */
    heavyWork: HeavyWorkPool;
  }
}

export interface AppDependencies {
  config: Config;
  db: Sql;
  loginThrottle?: LoginThrottle;
  /** Fastify's logger option; tests pass false. */
  logger?: boolean | object;
}

/** Request body limit for the JSON API (imports of large articles set their own). */
const BODY_LIMIT = 1024 * 1024;

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: deps.logger ?? {
      level: config.logLevel,
      // Secrets never reach the logs.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.currentPassword',
          '*.newPassword',
          '*.token',
        ],
        censor: '[redacted]',
      },
    },
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    // Node checks these timeouts on an interval (30 s by default): check often enough that a
    // slow handshake is dropped close to its deadline.
    http: {
      headersTimeout: config.http.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, config.http.headersTimeoutMs / 2),
    },
    requestTimeout: config.http.requestTimeoutMs,
    // Unknown fields are an error (400), not silently dropped. `uuid` is narrowed to the form
    // PostgreSQL reads: ajv-formats also accepts "urn:uuid:…", which then failed as a 500.
    ajv: {
      customOptions: { removeAdditional: false },
      onCreate: (ajv) => ajv.addFormat('uuid', UUID_PATTERN),
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  limitConnectionsPerAddress(app.server, config.http.maxConnectionsPerAddress);
  // The API speaks JSON only. Fastify parses text/plain by default, which turned a text body
  // into a confusing 400 from the schema; without the parser every non-JSON body is a 415.
  app.removeContentTypeParser('text/plain');

  app.decorate('config', config);
  app.decorate('db', deps.db);
  app.decorate('loginThrottle', deps.loginThrottle ?? new LoginThrottle());
  const heavyWork = new HeavyWorkPool(config.heavyWork);
  app.decorate('heavyWork', heavyWork);
  app.addHook('onClose', () => heavyWork.close());

  await app.register(errorsPlugin);
  await app.register(canonicalIdsPlugin);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", config.publicUrl.origin.replace(/^http/, 'ws')],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.publicUrl.protocol === 'https:' ? [] : null,
      },
    },
    hsts: config.publicUrl.protocol === 'https:',
  });
  await app.register(fastifyCookie);
  await app.register(metricsPlugin);
  await app.register(authPlugin, { config });
  await app.register(syncPlugin, { config });
  await app.register(evidenceLinksPlugin, { config });
  await app.register(notificationsPlugin, { config });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Factdesk API',
        version: '0.1.0',
        description:
          'Collaborative fact-checking. Authenticate with the session cookie (web app) or `Authorization: Bearer <API token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Its policy always upgrades to https; on an http deployment that blanks the page.
    transformStaticCSP: (csp) =>
      config.publicUrl.protocol === 'https:'
        ? csp
        : csp.replace(/\s*upgrade-insecure-requests;?/, ''),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(meRoutes, { prefix: '/api/me' });
  await app.register(workspaceRoutes, { prefix: '/api/workspaces' });
  await app.register(inviteRoutes, { prefix: '/api/invites' });
  await app.register(passwordResetEmailRoutes, { prefix: '/api/password-resets/by-email' });
  await app.register(passwordResetRoutes, { prefix: '/api/password-resets' });
  await app.register(notificationRoutes);
  await app.register(workspaceEventRoutes);
  await app.register(documentRoutes, { prefix: '/api' });
  await app.register(claimRoutes);
  await app.register(reportRoutes);
  await app.register(searchRoutes);
  await app.register(dashboardRoutes);
  await app.register(webPlugin, { webDist: config.webDist });
  return app;
}
