// The sync layer's Prometheus metrics at /metrics: failed saves, and gauges read at each
// scrape — open documents and sockets, unsaved bytes, documents whose save is being retried,
// whether storage takes writes (docs/sync.md lists them).
import type { Registry as DocumentRegistry } from '@factdesk/sync';
import { Counter, Gauge, type Registry } from 'prom-client';

export interface SyncMetricsSources {
  stats: DocumentRegistry['stats'];
  /** Whether saves succeed right now. */
  storageWritable(): boolean;
}

/** Registers the metrics; the returned counter is incremented at every failed save. */
export function registerSyncMetrics(metrics: Registry, sources: SyncMetricsSources): Counter {
  const failedSaves = new Counter({
    name: 'factdesk_collab_failed_saves_total',
    help: 'Document saves that failed (each is retried)',
    registers: [metrics],
  });
  for (const [name, help, read] of [
    [
      'factdesk_collab_documents',
      'Documents open on this instance',
      () => sources.stats().documents,
    ],
    ['factdesk_collab_connections', 'Open document sockets', () => sources.stats().connections],
    [
      'factdesk_collab_unsaved_bytes',
      'Accepted edits not yet committed',
      () => sources.stats().unsavedBytes,
    ],
    [
      'factdesk_collab_failing_save_documents',
      'Documents whose latest save failed and is being retried',
      () => sources.stats().failingSaves,
    ],
    [
      'factdesk_storage_writable',
      '1 while saves succeed, 0 while they fail (see /healthz for the reason)',
      () => (sources.storageWritable() ? 1 : 0),
    ],
  ] as const) {
    new Gauge({
      name,
      help,
      registers: [metrics],
      collect() {
        this.set(read());
      },
    });
  }
  return failedSaves;
}
