// Real-time sync: GET /collab/:documentId upgrades to a y-websocket socket. Access is decided
// on the upgrade, before a frame is read or the document loaded; refusals close the socket
// with a named code. Documents persist to PostgreSQL through PostgresPersistence, and
// `app.collab` lets the rest of the server read, change and notify live documents.
import { caretColorAmong, type PersonRef } from '@factdesk/model';
import {
  CloseCodes,
  createArticleUpdateValidator,
  EXTENSIONS_PARAM,
  Registry,
} from '@factdesk/sync';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge } from 'prom-client';
import type { WebSocket } from 'ws';
import {
  type CollabAuth,
  credentialHash,
  decideAccess,
  upgradeCredential,
} from '../access/collabAccess.ts';
import type { Config } from '../config.ts';
import { sessionRecyclerOf } from '../db/database.ts';
import { writeStorageProbe } from '../queries/storageProbe.ts';
import { AccessChangeRelay } from '../sync/AccessChangeRelay.ts';
import { articleSchemaNames } from '../sync/articleSchemaNames.ts';
import { ClaimAnchorRefresher } from '../sync/ClaimAnchorRefresher.ts';
import type { AccessChange, CollabService } from '../sync/CollabService.ts';
import { PostgresHistoryStore } from '../sync/PostgresHistoryStore.ts';
import { PostgresPersistence } from '../sync/PostgresPersistence.ts';
import { RedisRelay } from '../sync/RedisRelay.ts';
import { SearchTextIndexer } from '../sync/SearchTextIndexer.ts';
import { StorageHealth } from '../sync/StorageHealth.ts';

declare module 'fastify' {
  interface FastifyInstance {
    collab: CollabService;
  }
  interface FastifyContextConfig {
    /** The route authenticates in its own way (the auth plugin leaves it alone). */
    authenticatesItself?: boolean;
  }
}

export const collabPlugin = fp(async (app: FastifyInstance, { config }: { config: Config }) => {
  const limits = config.collab;
  const allowedOrigins = new Set([config.publicUrl.origin, ...config.extraOrigins]);
  const persistence = new PostgresPersistence(app.db, {
    mergeUpdates: (parts) => app.heavyWork.mergeUpdates(parts),
    mergeOffLoopBytes: limits.largeUpdateBytes,
    onCompactError: (documentId, error) =>
      app.log.error({ err: error, documentId }, 'compacting a document failed'),
  });
  // Scale-out: with REDIS_URL, open documents are shared with the other instances.
  const relay = config.redisUrl
    ? new RedisRelay(config.redisUrl, { prefix: config.redisPrefix, log: app.log })
    : undefined;
  // After preClose's registry.shutdown(), which still relays the last "saved" notices.
  if (relay) app.addHook('onClose', () => relay.close());
  const registry = new Registry<CollabAuth>({
    persistence,
    history: new PostgresHistoryStore(app.db),
    ...(relay
      ? { relay, relayHoldMs: limits.relayHoldMs, relayCatchUpMs: limits.relayCatchUpMs }
      : {}),
    validateUpdate: createArticleUpdateValidator(articleSchemaNames),
    // Large updates: checked and merged in the worker pool, applied in slices (docs/sync.md).
    largeUpdates: {
      worker: app.heavyWork,
      minBytes: limits.largeUpdateBytes,
      sliceStructs: limits.sliceStructs,
    },
    limits,
    batchWindowMs: limits.batchWindowMs,
    unloadGraceMs: limits.unloadGraceMs,
    hooks: {
      // The text changed: re-anchoring and orphaning happen now, not when claims are read.
      onSaved: (documentId) => {
        storage.saveSucceeded();
        anchors.textChanged(documentId);
        searchText.textChanged(documentId);
      },
      onSaveError: (documentId, error, attempt) => {
        failedSaves.inc();
        storage.saveFailed(error);
        app.log.error(
          { err: error, documentId, attempt },
          'saving document updates failed; retrying',
        );
      },
      onLoadError: (documentId, error) =>
        app.log.error({ err: error, documentId }, 'loading a document failed'),
      onRelayError: (documentId, error) =>
        app.log.warn(
          { err: error, documentId },
          'dropped a relayed frame that could not be applied',
        ),
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
  const failedSaves = new Counter({
    name: 'factdesk_collab_failed_saves_total',
    help: 'Document saves that failed (each is retried)',
    registers: [app.metrics],
  });

  for (const [name, help, read] of [
    [
      'factdesk_collab_documents',
      'Documents open on this instance',
      () => registry.stats().documents,
    ],
    ['factdesk_collab_connections', 'Open document sockets', () => registry.stats().connections],
    [
      'factdesk_collab_unsaved_bytes',
      'Accepted edits not yet committed',
      () => registry.stats().unsavedBytes,
    ],
    [
      'factdesk_collab_failing_save_documents',
      'Documents whose latest save failed and is being retried',
      () => registry.stats().failingSaves,
    ],
    [
      'factdesk_storage_writable',
      '1 while saves succeed, 0 while they fail (see /healthz for the reason)',
      () => (storage.status.ok ? 1 : 0),
    ],
  ] as const) {
    new Gauge({
      name,
      help,
      registers: [app.metrics],
      collect() {
        this.set(read());
      },
    });
  }

  /** Re-decides a socket's access: closes it, or flips it read-only, as the rows now say. */
  const recheck = async (connection: ReturnType<typeof registry.connect>) => {
    const { auth } = connection;
    try {
      const decision = await decideAccess(app.db, auth.documentId, auth.credential);
      // Lost access: the copy's later edits are refused for good (docs/sync.md).
      if (!decision.ok) connection.revoke(decision.close);
      else connection.setReadOnly(decision.readOnly);
    } catch (error) {
      app.log.warn({ err: error, documentId: auth.documentId }, 're-checking socket access failed');
    }
  };
  const matches = (auth: CollabAuth, change: AccessChange) =>
    ('userId' in change && auth.userId === change.userId) ||
    ('workspaceId' in change && auth.workspaceId === change.workspaceId) ||
    ('documentId' in change && auth.documentId === change.documentId) ||
    ('sessionId' in change &&
      auth.credential.via === 'session' &&
      auth.credential.id === change.sessionId) ||
    ('tokenId' in change &&
      auth.credential.via === 'token' &&
      auth.credential.id === change.tokenId);

  const recheckMatching = async (change: AccessChange) => {
    const matching = [...registry.connections()].filter((c) => matches(c.auth, change));
    await Promise.all(matching.map(recheck));
  };
  const recheckAll = () => {
    for (const connection of registry.connections()) void recheck(connection);
  };

  // Sessions also end by expiry, which no command announces.
  const sweep = setInterval(recheckAll, limits.recheckIntervalMs);
  sweep.unref();

  // Scale-out: a change handled here reaches the sockets of the other instances at once too.
  // Our own announcements are ignored when they come back: they were re-checked here already.
  const accessRelay = config.redisUrl
    ? new AccessChangeRelay(config.redisUrl, {
        prefix: config.redisPrefix,
        log: app.log,
        onChange: (change) => void recheckMatching(change),
        onMissed: recheckAll,
      })
    : undefined;

  const service: CollabService = {
    readDocument: (documentId, read) => registry.readDocument(documentId, read),
    changeDocument: (documentId, change) => registry.changeDocument(documentId, change),
    publishEvent: (documentId, event) => registry.publishEvent(documentId, event),
    textWritten: (documentId) => searchText.textChanged(documentId),
    storageStatus: () => storage.status,
    presentUsers(documentId) {
      const people = new Map<string, PersonRef>();
      for (const connection of registry.connections()) {
        if (connection.documentId !== documentId || connection.isClosed) continue;
        const { userId, name } = connection.identity;
        people.set(userId, { id: userId, name });
      }
      return [...people.values()].sort(
        (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
      );
    },
    async accessChanged(change) {
      accessRelay?.publish(change);
      await recheckMatching(change);
    },
  };
  app.decorate('collab', service);

  /** A caret colour nobody else in the document (on this instance) has, while any is left. */
  function colorInDocument(documentId: string, userId: string): string {
    const others = new Map<string, string>();
    for (const connection of registry.connections()) {
      if (connection.documentId !== documentId || connection.isClosed) continue;
      others.set(connection.identity.userId, connection.identity.color);
    }
    return caretColorAmong(userId, others);
  }
  const anchors = new ClaimAnchorRefresher({
    deps: { sql: app.db, collab: service },
    delayMs: limits.anchorRefreshMs,
    onError: (documentId, error, attempt) =>
      app.log.error({ err: error, documentId, attempt }, 'refreshing claim anchors failed'),
  });
  const searchText = new SearchTextIndexer({
    sql: app.db,
    collab: service,
    delayMs: limits.searchTextDelayMs,
    onError: (documentId, error, attempt) =>
      app.log.error(
        { err: error, documentId, attempt },
        'copying a document’s text for search failed',
      ),
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

  await app.register(fastifyWebsocket, {
    // ws closes anything far past our own limit itself (1009); up to 4× we answer with 4413.
    options: { maxPayload: limits.maxMessageBytes * 4 },
    // Store every accepted edit before the sockets go, then close them with 1001.
    preClose: async function closeSockets(this: FastifyInstance) {
      // No more re-checks: the sockets are going anyway.
      clearInterval(sweep);
      await accessRelay?.close();
      await registry.shutdown();
      // The last edits' claims are resolved while the database is still open.
      await anchors.shutdown();
      await searchText.shutdown();
      for (const client of this.websocketServer.clients) {
        client.close(CloseCodes.goingAway.code, CloseCodes.goingAway.reason);
      }
    },
  });

  app.get<{ Params: { documentId: string } }>(
    '/collab/:documentId',
    { websocket: true, config: { authenticatesItself: true }, schema: { hide: true } },
    (socket: WebSocket, request) => {
      socket.binaryType = 'nodebuffer';
      const decision = request.collabDecision;
      if (!decision?.ok) {
        const close = decision?.close ?? CloseCodes.internalError;
        socket.close(close.code, close.reason);
        return;
      }
      const query = request.query as Record<string, unknown>;
      const connection = registry.connect(request.params.documentId, socket, {
        identity: {
          ...decision.identity,
          color: colorInDocument(request.params.documentId, decision.identity.userId),
        },
        readOnly: decision.readOnly,
        extensions: query[EXTENSIONS_PARAM] === '1',
        auth: decision.auth,
      });
      // Catches a refresh a crash lost between storing edits and resolving their claims.
      anchors.textChanged(request.params.documentId);
      // Wired synchronously, so no frame sent right after the handshake is lost.
      socket.on('message', (data: Buffer, isBinary: boolean) => {
        if (!isBinary)
          connection.close({
            ...CloseCodes.malformed,
            reason: 'text frames are not part of the protocol',
          });
        else connection.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      });
      socket.on('close', () => connection.closed());
      socket.on('error', () => connection.closed());
    },
  );

  // Decided on the upgrade request, before the socket opens; the handler only carries it out.
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.url !== '/collab/:documentId') return;
    const credential = upgradeCredential(request, allowedOrigins);
    if ('refuse' in credential) {
      request.collabDecision = { ok: false, close: credential.refuse };
      return;
    }
    const { documentId } = request.params as { documentId: string };
    try {
      request.collabDecision = await decideAccess(app.db, documentId, {
        via: credential.via,
        hash: credentialHash(credential.secret),
      });
    } catch (error) {
      request.log.error({ err: error, documentId }, 'deciding socket access failed');
      request.collabDecision = { ok: false, close: CloseCodes.storageUnavailable };
    }
  });
});

declare module 'fastify' {
  interface FastifyRequest {
    collabDecision?: Awaited<ReturnType<typeof decideAccess>>;
  }
}
