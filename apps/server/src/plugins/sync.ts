// Real-time sync, wired: the document registry on PostgreSQL (and Redis with REDIS_URL), the
// storage health, the access re-checks, the metrics, the upgrade route GET /collab/:documentId,
// and `app.liveDocuments`, the live-documents port the rest of the server reads, changes and
// notifies live documents through. Behaviour lives in the modules of ../sync/.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { LiveDocuments } from '../commands/liveDocuments.ts';
import type { Config } from '../config.ts';
import { sessionRecyclerOf } from '../db/database.ts';
import { writeStorageProbe } from '../queries/storageProbe.ts';
import { AccessRecheck } from '../sync/AccessRecheck.ts';
import { ClaimAnchorRefresher } from '../sync/ClaimAnchorRefresher.ts';
import { createDocumentRegistry } from '../sync/createDocumentRegistry.ts';
import { LiveDocumentsService } from '../sync/LiveDocumentsService.ts';
import { RedisRelay } from '../sync/RedisRelay.ts';
import { SearchTextIndexer } from '../sync/SearchTextIndexer.ts';
import { StorageHealth } from '../sync/StorageHealth.ts';
import { registerSyncMetrics } from '../sync/syncMetrics.ts';
import { registerSyncUpgradeRoute } from '../sync/syncUpgradeRoute.ts';
import { WorkspaceEventHub } from '../sync/WorkspaceEventHub.ts';

declare module 'fastify' {
  interface FastifyInstance {
    liveDocuments: LiveDocuments;
    /** Content-free "changed" signals for each workspace's live lists, on every instance. */
    workspaceEvents: WorkspaceEventHub;
  }
}

export const syncPlugin = fp(async (app: FastifyInstance, { config }: { config: Config }) => {
  const limits = config.sync;
  const logError = (message: string) => (documentId: string, error: unknown, attempt: number) =>
    app.log.error({ err: error, documentId, attempt }, message);
  const relay = config.redisUrl
    ? new RedisRelay(config.redisUrl, { prefix: config.redisPrefix, log: app.log })
    : undefined;
  // After preClose's registry.shutdown(), which still relays the last "saved" notices.
  if (relay) app.addHook('onClose', () => relay.close());
  const registry = createDocumentRegistry({
    sql: app.db,
    heavyWork: app.heavyWork,
    limits,
    relay,
    log: app.log,
    // The text changed: re-anchoring and orphaning happen now, not when claims are read.
    onSaved: (documentId) => {
      storage.saveSucceeded();
      anchors.textChanged(documentId);
      searchText.textChanged(documentId);
    },
    onSaveFailed: (_documentId, error) => {
      failedSaves.inc();
      storage.saveFailed(error);
    },
  });
  // Saves fail: /healthz says why, a write probe watches for the database to take writes again.
  const recycleSessions = sessionRecyclerOf(app.db);
  const storage = new StorageHealth({
    probe: () => writeStorageProbe(app.db),
    ...(recycleSessions ? { recycle: recycleSessions } : {}),
    onRecovered: () => registry.retryFailedSaves(),
    failingDocuments: () => registry.stats().failingSaves,
    log: app.log,
  });
  app.addHook('onClose', async () => storage.close());
  const failedSaves = registerSyncMetrics(app.metrics, {
    stats: () => registry.stats(),
    storageWritable: () => storage.status.ok,
  });
  const access = new AccessRecheck({
    sql: app.db,
    registry,
    intervalMs: limits.recheckIntervalMs,
    log: app.log,
    ...(config.redisUrl ? { redis: { url: config.redisUrl, prefix: config.redisPrefix } } : {}),
  });
  const searchText = new SearchTextIndexer({
    sql: app.db,
    liveDocuments: registry,
    delayMs: limits.searchTextDelayMs,
    onError: logError('copying a document’s text for search failed'),
  });
  const workspaceEvents = new WorkspaceEventHub({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    log: app.log,
  });
  app.addHook('onClose', () => workspaceEvents.close());
  app.decorate('workspaceEvents', workspaceEvents);
  const live = new LiveDocumentsService({ registry, storage, searchText, access, workspaceEvents });
  app.decorate('liveDocuments', live);
  const anchors = new ClaimAnchorRefresher({
    deps: { sql: app.db, liveDocuments: live },
    delayMs: limits.anchorRefreshMs,
    onError: logError('refreshing claim anchors failed'),
  });
  // Documents with no search text yet (imported by the command line while no server ran, or
  // made before search existed) are indexed in the background, one at a time.
  app.addHook('onReady', async () => {
    searchText
      .catchUp()
      .catch((error) =>
        app.log.error({ err: error }, 'finding documents to index for search failed'),
      );
  });
  await registerSyncUpgradeRoute(app, {
    registry,
    allowedOrigins: new Set([config.publicUrl.origin, ...config.extraOrigins]),
    maxMessageBytes: limits.maxMessageBytes,
    // Catches a refresh a crash lost between storing edits and resolving their claims.
    onOpened: (documentId) => anchors.textChanged(documentId),
    onPresenceChanged: ({ workspaceId, documentId }) =>
      workspaceEvents.publish(workspaceId, { kind: 'presence', documentId }),
    beforeClose: async () => {
      await access.close();
      await registry.shutdown();
      // The last edits' claims are resolved while the database is still open.
      await anchors.shutdown();
      await searchText.shutdown();
    },
  });
});
