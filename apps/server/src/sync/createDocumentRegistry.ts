// This instance's document registry (packages/sync) on the server's adapters: documents and
// their refusals in PostgreSQL, updates checked against the article schema, large updates
// and merges in the worker pool, and with REDIS_URL the Redis relay to the other instances.
// Failures are logged with the document id.
import { createArticleUpdateValidator, Registry } from '@factdesk/sync';
import type { FastifyBaseLogger } from 'fastify';
import type { SocketAuth } from '../access/socketAccess.ts';
import type { SyncConfig } from '../config.ts';
import type { Sql } from '../db/database.ts';
import type { HeavyWorkPool } from '../heavyWork/HeavyWorkPool.ts';
import { articleSchemaNames } from './articleSchemaNames.ts';
import { PostgresHistoryStore } from './PostgresHistoryStore.ts';
import { PostgresPersistence } from './PostgresPersistence.ts';
import type { RedisRelay } from './RedisRelay.ts';

export interface DocumentRegistryOptions {
  sql: Sql;
  heavyWork: HeavyWorkPool;
  limits: SyncConfig;
  /** Scale-out (absent: a single instance). */
  relay: RedisRelay | undefined;
  log: FastifyBaseLogger;
  /** A batch of a document's edits was committed. */
  onSaved(documentId: string): void;
  /** Saving a document's edits failed; it is retried. */
  onSaveFailed(documentId: string, error: unknown): void;
}

export function createDocumentRegistry(options: DocumentRegistryOptions): Registry<SocketAuth> {
  const { sql, heavyWork, limits, relay, log } = options;
  const persistence = new PostgresPersistence(sql, {
    mergeUpdates: (parts) => heavyWork.mergeUpdates(parts),
    mergeOffLoopBytes: limits.largeUpdateBytes,
    onCompactError: (documentId, error) =>
      log.error({ err: error, documentId }, 'compacting a document failed'),
  });
  return new Registry<SocketAuth>({
    persistence,
    history: new PostgresHistoryStore(sql),
    ...(relay
      ? { relay, relayHoldMs: limits.relayHoldMs, relayCatchUpMs: limits.relayCatchUpMs }
      : {}),
    validateUpdate: createArticleUpdateValidator(articleSchemaNames),
    // Large updates: checked and merged in the worker pool, applied in slices (docs/sync.md).
    largeUpdates: {
      worker: heavyWork,
      minBytes: limits.largeUpdateBytes,
      sliceStructs: limits.sliceStructs,
    },
    limits,
    batchWindowMs: limits.batchWindowMs,
    unloadGraceMs: limits.unloadGraceMs,
    hooks: {
      onSaved: (documentId) => options.onSaved(documentId),
      onSaveError: (documentId, error, attempt) => {
        options.onSaveFailed(documentId, error);
        log.error({ err: error, documentId, attempt }, 'saving document updates failed; retrying');
      },
      onLoadError: (documentId, error) =>
        log.error({ err: error, documentId }, 'loading a document failed'),
      onRelayError: (documentId, error) =>
        log.warn({ err: error, documentId }, 'dropped a relayed frame that could not be applied'),
    },
  });
}
