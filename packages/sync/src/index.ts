// Public surface of the sync core: the y-websocket protocol server without a framework.
export * from './ArticleUpdateValidator.ts';
export * from './CloseCodes.ts';
export type { ConnectionIdentity, ConnectionOptions, SyncSocket } from './Connection.ts';
export { Connection } from './Connection.ts';
export { checkUpdate } from './checkUpdate.ts';
export type { HistoryRecords, RefusedClient } from './HistoryGuard.ts';
export type { HistoryStore } from './HistoryStore.ts';
export type { DocumentBatch, Persistence } from './Persistence.ts';
export * from './prepareUpdate.ts';
export * from './protocol.ts';
export { Registry, type RegistryOptions } from './Registry.ts';
export type { Relay, RelaySubscriber } from './Relay.ts';
export * from './RelayMessage.ts';
export { type LargeUpdateOptions, SERVER_ORIGIN } from './Room.ts';
export { DEFAULT_LIMITS, type SyncLimits } from './SyncLimits.ts';
export { isServerClientId, newServerClientId, SERVER_CLIENT_ID_MIN } from './serverClientId.ts';
