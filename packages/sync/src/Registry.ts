// The documents open on this server instance: one Room per document, shared by its
// connections, loaded on first connection and unloaded (after a final flush) a grace period
// after the last one leaves. Framework-free: the server hands it sockets it has authorised,
// and optionally a Relay through which it shares open documents with other instances.
import * as Y from 'yjs';
import type { UpdateValidator } from './ArticleUpdateValidator.ts';
import { CloseCodes } from './CloseCodes.ts';
import { Connection, type ConnectionOptions, type SyncSocket } from './Connection.ts';
import { SharedCommitter } from './GroupCommit.ts';
import type { HistoryStore } from './HistoryStore.ts';
import type { Persistence } from './Persistence.ts';
import type { Relay } from './Relay.ts';
import type { RoomRelay } from './RelayBridge.ts';
import { encodeRelayMessage } from './RelayMessage.ts';
import { type LargeUpdateOptions, Room, type RoomHooks } from './Room.ts';
import { DEFAULT_LIMITS, type SyncLimits } from './SyncLimits.ts';

export interface RegistryOptions {
  persistence: Persistence;
  /** Where refusals and lineage are kept, so they hold across restarts and instances. */
  history?: HistoryStore;
  validateUpdate: UpdateValidator;
  /** Large updates checked and merged in a worker, applied in slices (absent: all in one piece). */
  largeUpdates?: LargeUpdateOptions;
  limits?: Partial<SyncLimits>;
  /** Group-commit window: updates are stored at most this long after they arrive. */
  batchWindowMs?: number;
  /**
   * A save across documents (one per window) holds at most this many bytes of updates; larger
   * windows are stored in several, so other queries never wait behind one long save.
   */
  maxBytesPerSave?: number;
  /** How long an unused document stays in memory in case someone comes back. */
  unloadGraceMs?: number;
  /** Scale-out: shares open documents with the other instances (absent: a single instance). */
  relay?: Relay;
  /** Names this instance in relay frames; random by default. */
  instanceId?: string;
  /** How long another instance's unsaved edits are held before this one stores them. */
  relayHoldMs?: number;
  /** How long a loading document waits for the instances holding it before its first sync. */
  relayCatchUpMs?: number;
  hooks: RoomHooks & {
    /** Loading a document failed; its waiting connections are closed. */
    onLoadError(documentId: string, error: unknown): void;
  };
}

const NO_CONNECTIONS: ReadonlySet<never> = new Set();

export class Registry<Auth = unknown> {
  readonly limits: SyncLimits;
  private readonly rooms = new Map<string, Room<Auth>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly connectionsPerUser = new Map<string, number>();
  private closing = false;
  private readonly roomRelay: RoomRelay | undefined;
  /** Every document's batch of a window goes in one save. */
  private readonly committer: SharedCommitter;

  constructor(private readonly options: RegistryOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.committer = new SharedCommitter({
      persistence: options.persistence,
      batchWindowMs: options.batchWindowMs ?? 100,
      ...(options.maxBytesPerSave ? { maxBytesPerSave: options.maxBytesPerSave } : {}),
    });
    let seq = 0;
    this.roomRelay = options.relay && {
      relay: options.relay,
      instanceId: options.instanceId ?? crypto.randomUUID(),
      nextSeq: () => ++seq,
      holdMs: options.relayHoldMs ?? 10_000,
      catchUpMs: options.relayCatchUpMs ?? 1_000,
    };
  }

  /**
   * Attaches an authorised socket to its document. Returns synchronously so the caller can
   * wire the socket's message and close events before any frame is lost.
   */
  connect(documentId: string, socket: SyncSocket, options: ConnectionOptions<Auth>) {
    const room = this.roomFor(documentId);
    const connection = new Connection<Auth>(documentId, socket, room, this.limits, options);
    const userId = options.identity.userId;
    if (this.closing) {
      socket.close(CloseCodes.goingAway.code, CloseCodes.goingAway.reason);
      connection.isClosed = true;
      this.scheduleUnload(room);
      return connection;
    }
    const perUser = this.connectionsPerUser.get(userId) ?? 0;
    if (
      room.connections.size >= this.limits.maxConnectionsPerDocument ||
      perUser >= this.limits.maxConnectionsPerUser
    ) {
      socket.close(CloseCodes.tooManyConnections.code, CloseCodes.tooManyConnections.reason);
      connection.isClosed = true;
      this.scheduleUnload(room);
      return connection;
    }
    this.connectionsPerUser.set(userId, perUser + 1);
    room.join(connection);
    room.ready.then(
      () => connection.start(room.greeting(connection)),
      () => connection.close(CloseCodes.storageUnavailable),
    );
    return connection;
  }

  /** The document's open connections on this instance (none when it is not open here). */
  connectionsOf(documentId: string): ReadonlySet<Connection<Auth>> {
    return this.rooms.get(documentId)?.connections ?? NO_CONNECTIONS;
  }

  /** Every open connection, for re-checking access. */
  *connections(): Iterable<Connection<Auth>> {
    for (const room of this.rooms.values()) yield* room.connections;
  }

  /** Sends a live event to the document's Factdesk clients, on every instance with a relay. */
  publishEvent(documentId: string, event: object): void {
    const room = this.rooms.get(documentId);
    if (room) {
      room.publishEvent(event);
      return;
    }
    // Not open here, but its editors may be connected to other instances.
    const roomRelay = this.roomRelay;
    roomRelay?.relay.publish(
      documentId,
      encodeRelayMessage({
        from: roomRelay.instanceId,
        to: null,
        message: { kind: 'event', json: JSON.stringify(event) },
      }),
    );
  }

  /** Runs `read` on the live document, or on a copy loaded for the call. */
  async readDocument<T>(documentId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = this.rooms.get(documentId);
    if (room) {
      await room.ready;
      return read(room.doc);
    }
    const doc = new Y.Doc();
    try {
      const state = await this.options.persistence.load(documentId);
      if (state) Y.applyUpdate(doc, state);
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  /** Changes the document as the server; resolves once the change is committed. */
  async changeDocument(documentId: string, change: (doc: Y.Doc) => void): Promise<void> {
    const room = this.roomFor(documentId);
    try {
      await room.ready;
      room.change(change, await room.history.newLineageClient());
      await room.flushed();
    } finally {
      this.scheduleUnload(room);
    }
  }

  stats() {
    let connections = 0;
    let unsavedBytes = 0;
    let failingSaves = 0;
    for (const room of this.rooms.values()) {
      connections += room.connections.size;
      unsavedBytes += room.unsaved;
      if (room.failingSaves) failingSaves++;
    }
    return { documents: this.rooms.size, connections, unsavedBytes, failingSaves };
  }

  /** Storage answers again: every document whose save failed retries now (at most once a second). */
  retryFailedSaves(): void {
    for (const room of this.rooms.values()) room.retryFailedSave();
  }

  /** Stops accepting, stores every accepted edit, then closes every socket with 1001. */
  async shutdown(): Promise<void> {
    this.closing = true;
    const rooms = [...this.rooms.values()];
    await Promise.all(rooms.map((room) => room.ready.then(() => room.settle()).catch(() => {})));
    for (const room of rooms) {
      for (const connection of [...room.connections]) connection.close(CloseCodes.goingAway);
    }
    // Edits that arrived while the sockets were closing.
    await Promise.all(rooms.map((room) => room.flushed().catch(() => {})));
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    for (const room of rooms) room.destroy();
    this.rooms.clear();
  }

  private roomFor(documentId: string): Room<Auth> {
    const timer = this.unloadTimers.get(documentId);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(documentId);
    }
    let room = this.rooms.get(documentId);
    if (!room) {
      room = new Room<Auth>(
        documentId,
        {
          persistence: this.options.persistence,
          ...(this.options.history ? { history: this.options.history } : {}),
          validateUpdate: this.options.validateUpdate,
          ...(this.options.largeUpdates ? { largeUpdates: this.options.largeUpdates } : {}),
          limits: this.limits,
          batchWindowMs: this.options.batchWindowMs ?? 100,
          committer: this.committer,
          hooks: this.options.hooks,
          ...(this.roomRelay ? { relay: this.roomRelay } : {}),
        },
        (left, connection) => this.onLeave(left, connection),
      );
      const created = room;
      this.rooms.set(documentId, created);
      created.ready.catch((error: unknown) => {
        this.options.hooks.onLoadError(documentId, error);
        // Forget the failed room so the next connection tries again.
        if (this.rooms.get(documentId) === created) this.rooms.delete(documentId);
        created.destroy();
      });
    }
    return room;
  }

  private onLeave(room: Room<Auth>, connection: Connection<Auth>): void {
    const userId = connection.identity.userId;
    const count = (this.connectionsPerUser.get(userId) ?? 1) - 1;
    if (count <= 0) this.connectionsPerUser.delete(userId);
    else this.connectionsPerUser.set(userId, count);
    this.scheduleUnload(room);
  }

  private scheduleUnload(room: Room<Auth>): void {
    if (room.connections.size > 0 || this.closing) return;
    if (this.unloadTimers.has(room.documentId)) return;
    const timer = setTimeout(async () => {
      this.unloadTimers.delete(room.documentId);
      try {
        await room.ready;
        await room.settle();
      } catch {
        return; // a failed load already removed it
      }
      // Someone may have come back while the last edits were being stored.
      if (room.connections.size > 0 || this.rooms.get(room.documentId) !== room) return;
      this.rooms.delete(room.documentId);
      room.destroy();
      this.options.persistence.unloaded?.(room.documentId);
    }, this.options.unloadGraceMs ?? 2_000);
    timer.unref();
    this.unloadTimers.set(room.documentId, timer);
  }
}
