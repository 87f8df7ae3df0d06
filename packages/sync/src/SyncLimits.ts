// What one connection or one document may cost the server. Every limit closes only the
// connection that crosses it, never the document or another client.
export interface SyncLimits {
  /** Largest frame a client may send. */
  maxMessageBytes: number;
  /** Largest a document's state may grow (approximated by the bytes accepted into it). */
  maxDocumentBytes: number;
  /** Largest awareness state (the JSON of one client's cursor, name…). */
  maxAwarenessBytes: number;
  /** Awareness updates per second per connection; the excess is dropped. */
  awarenessPerSecond: number;
  /** Outbound bytes queued for one socket before it counts as a slow reader and is closed. */
  maxBufferedBytes: number;
  maxConnectionsPerDocument: number;
  maxConnectionsPerUser: number;
  /** Edits held in memory while the database is unreachable; past it writers are turned away. */
  maxUnsavedBytes: number;
}

export const DEFAULT_LIMITS: SyncLimits = {
  maxMessageBytes: 1024 * 1024,
  maxDocumentBytes: 16 * 1024 * 1024,
  maxAwarenessBytes: 8 * 1024,
  awarenessPerSecond: 30,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxConnectionsPerDocument: 250,
  maxConnectionsPerUser: 20,
  maxUnsavedBytes: 64 * 1024 * 1024,
};
