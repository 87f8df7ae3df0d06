// One open document on this server instance: the shared Y.Doc and awareness, its
// connections, and the group commit of its updates to persistence. Updates are relayed at
// once and stored in batches; each committed batch moves the saved signal forward. With a
// Relay, the room also shares its edits, awareness and events with the other instances that
// have the document open, and shows theirs to its own clients.
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { UpdateValidator } from './ArticleUpdateValidator.ts';
import { type CloseCode, CloseCodes } from './CloseCodes.ts';
import type { Connection } from './Connection.ts';
import { checkUpdate } from './checkUpdate.ts';
import { encodeMessage } from './encodeMessage.ts';
import type { HistoryStore } from './HistoryStore.ts';
import type { Persistence } from './Persistence.ts';
import type { PrepareUpdateResult, UpdateWorker } from './prepareUpdate.ts';
import {
  IDENTITY_EVENT,
  MESSAGE_AWARENESS,
  MESSAGE_EVENT,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
} from './protocol.ts';
import type { Relay } from './Relay.ts';
import { RelayCatchUp } from './RelayCatchUp.ts';
import { decodeRelayMessage, encodeRelayMessage, type RelayMessage } from './RelayMessage.ts';
import { RoomHistory } from './RoomHistory.ts';
import type { SyncLimits } from './SyncLimits.ts';

/** Origin of the stored state applied at load: not an edit, so neither relayed nor stored. */
const LOAD_ORIGIN = Symbol('load');
/** Origin of the server's own changes (imports, restores). */
export const SERVER_ORIGIN = Symbol('server');
/**
 * Origin of edits and awareness another instance relayed: shown to this instance's clients,
 * never relayed back, and not stored here (the instance whose client made the edit stores it).
 */
const RELAY_ORIGIN = Symbol('relay');

export interface RoomHooks {
  /** A save failed; it is retried. */
  onSaveError(documentId: string, error: unknown, attempt: number): void;
  /** A batch was committed. */
  onSaved?(documentId: string, updates: number, bytes: number): void;
  /** A relayed frame could not be decoded or applied; it is dropped. */
  onRelayError?(documentId: string, error: unknown): void;
}

/** How a room takes part in scale-out: the transport and this instance's identity. */
export interface RoomRelay {
  relay: Relay;
  /** Tells this instance's frames apart from the others'. */
  instanceId: string;
  /** Numbers local updates, increasing for the instance's lifetime (rooms reload; it never restarts). */
  nextSeq(): number;
  /**
   * How long another instance's edits are kept in memory waiting for its "saved" notice;
   * past it this room stores them itself (that instance may have died with them unsaved).
   */
  holdMs: number;
  /** How long a loading room waits for the instances holding the document (RelayCatchUp). */
  catchUpMs: number;
}

/** Edits another instance relayed and has not yet reported saved. */
interface HeldEdit {
  from: string;
  seq: number;
  update: Uint8Array;
  /** Lowest clock per Yjs client in the update: the saved signal may not claim past it. */
  fromClocks: Map<number, number>;
  heldAt: number;
}

export interface RoomOptions {
  persistence: Persistence;
  validateUpdate: UpdateValidator;
  limits: SyncLimits;
  batchWindowMs: number;
  hooks: RoomHooks;
  relay?: RoomRelay;
  /** Where refusals and lineage are kept (absent: in memory only). */
  history?: HistoryStore;
  /** Large updates are checked and merged in a worker and applied in slices (prepareUpdate). */
  largeUpdates?: LargeUpdateOptions;
}

export interface LargeUpdateOptions {
  worker: UpdateWorker;
  /** Updates (and save batches) of at least this many bytes take the worker. */
  minBytes: number;
  /** Structs applied per event-loop turn. */
  sliceStructs: number;
}

/** Why a connection must be closed. */
export type Refusal = CloseCode | { code: number; reason: string };

/**
 * A failed save is retried once a second, never faster (storage that is down is not hammered);
 * recovery need not wait for it: `retryFailedSave` is called as soon as storage answers again.
 */
const RETRY_MS = 1_000;

export class Room<Auth = unknown> {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection<Auth>>();
  readonly ready: Promise<void>;
  loaded = false;
  /** Bytes accepted into the document: its stored size at load plus every update since. */
  private bytes = 0;
  /** Updates not yet handed to persistence, in order. */
  private pending: Uint8Array[] = [];
  /** Bytes of edits not yet committed (pending and in flight): capped by maxUnsavedBytes. */
  private unsavedBytes = 0;
  private flushing = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private failedAttempts = 0;
  private lastAttemptAt = 0;
  private idleWaiters: (() => void)[] = [];
  /** Updates of this event-loop turn, waiting to be broadcast together. */
  private broadcastQueue: { update: Uint8Array; origin: unknown }[] = [];
  private destroyed = false;
  /** Counts accepted client updates, so each writer is told when its latest one is saved. */
  private editSeq = 0;
  /** State vector of everything committed to persistence. */
  private savedVector: Uint8Array = Y.encodeStateVector(this.doc);
  /** The document's state vector when the latest batch was committed (or at load). */
  private committedVector = new Map<number, number>();
  /** Sequence number of this instance's latest local update (scale-out "saved" notices). */
  private lastLocalSeq = 0;
  private lastAnnouncedSeq = 0;
  /** Other instances' edits not yet reported saved by them. */
  private held: HeldEdit[] = [];
  /** The latest "saved" notice of each other instance. */
  private readonly savedSeqOf = new Map<string, number>();
  private holdTimer: NodeJS.Timeout | undefined;
  /** Set when a relayed update changed the document (Yjs skips what it already has). */
  private relayedChange = false;
  /** Awareness client ids that live on other instances. */
  private readonly remoteAwareness = new Set<number>();
  private subscribed = false;
  /** What this document refused and which server ids wrote it (see HistoryGuard). */
  readonly history: RoomHistory;
  /** While loading with a relay: the wait for the other instances' state. */
  private catchUp: RelayCatchUp | undefined;
  private everLive = false;
  /** Large updates being checked or applied: unloading waits for them. */
  private readonly applying = new Set<Promise<unknown>>();

  constructor(
    readonly documentId: string,
    private readonly options: RoomOptions,
    /** Called when a connection leaves; the registry decides about unloading. */
    private readonly onLeave: (room: Room<Auth>, connection: Connection<Auth>) => void,
  ) {
    this.history = new RoomHistory(documentId, {
      store: options.history,
      announce: (records) =>
        this.publish({ kind: 'history', refused: [], lineage: [], ...records }),
      onError: options.hooks.onSaveError,
    });
    this.awareness.setLocalState(null); // the server itself has no cursor
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on('update', this.onAwarenessUpdate);
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    const [state] = await Promise.all([
      this.options.persistence.load(this.documentId),
      this.history.load(),
    ]);
    if (state) {
      Y.applyUpdate(this.doc, state, LOAD_ORIGIN);
      this.bytes = state.byteLength;
    }
    this.savedVector = Y.encodeStateVector(this.doc);
    this.committedVector = Y.decodeStateVector(this.savedVector);
    this.loaded = true;
    const roomRelay = this.options.relay;
    if (roomRelay && !this.destroyed) {
      this.subscribed = true;
      // Without a live transport there is nobody to wait for; the room catches up once it is.
      const catchUp =
        roomRelay.relay.isLive?.() === false ? undefined : new RelayCatchUp(roomRelay.catchUpMs);
      this.catchUp = catchUp;
      roomRelay.relay.subscribe(this.documentId, {
        message: (data) => this.receiveRelayed(data),
        live: () => this.sayHello(),
      });
      await catchUp?.done;
      this.catchUp = undefined;
    }
  }

  /** Loaded, or back after losing the transport: asks the others for what is missing. */
  private sayHello(): void {
    const roomRelay = this.options.relay;
    if (!roomRelay || this.destroyed) return;
    const hello = encodeRelayMessage({
      from: roomRelay.instanceId,
      to: null,
      message: { kind: 'hello', stateVector: Y.encodeStateVector(this.doc) },
    });
    if (roomRelay.relay.publishCounted) {
      void roomRelay.relay
        .publishCounted(this.documentId, hello)
        .then((peers) => this.catchUp?.asked(peers));
    } else {
      roomRelay.relay.publish(this.documentId, hello);
      this.catchUp?.asked(0);
    }
    // Refusals announced while the transport was away never arrived: read them again.
    if (this.everLive) void this.history.reload().catch(() => {});
    this.everLive = true;
  }

  /** What a client receives once the document is loaded. */
  greeting(connection: Connection<Auth>): Uint8Array[] {
    const messages: Uint8Array[] = [this.syncStep1()];
    if (this.awareness.getStates().size > 0) messages.push(this.awarenessMessage());
    if (connection.extensions) {
      messages.push(this.savedMessage());
      // Who the server says you are here (the colour may differ from your usual one when
      // someone else in the document has it): a client shows itself as others see it.
      const { maxMessageBytes } = this.options.limits; // the editor refuses larger pastes up front
      const identity = { type: IDENTITY_EVENT, user: connection.identity, maxMessageBytes };
      messages.push(
        encodeMessage(MESSAGE_EVENT, (encoder) =>
          encoding.writeVarString(encoder, JSON.stringify(identity)),
        ),
      );
    }
    return messages;
  }

  syncStep1(): Uint8Array {
    return encodeMessage(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, this.doc));
  }

  syncStep2For(stateVector: Uint8Array): Uint8Array {
    return encodeMessage(MESSAGE_SYNC, (encoder) =>
      syncProtocol.writeSyncStep2(encoder, this.doc, stateVector),
    );
  }

  /**
   * Validates and applies a client's update; a close code when the connection must go. A large
   * update is checked in the worker and applied over several event-loop turns: the answer is
   * then a promise, and the connection holds its later frames until it settles.
   */
  applyClientUpdate(
    connection: Connection<Auth>,
    update: Uint8Array,
  ): Refusal | null | Promise<Refusal | null> {
    const overLimit = this.overLimit(update);
    if (overLimit) return overLimit;
    const large = this.options.largeUpdates;
    const structs = this.options.validateUpdate.structs;
    if (large && structs && update.byteLength >= large.minBytes) {
      const applied = this.applyLargeUpdate(connection, update, large);
      this.applying.add(applied);
      void applied.finally(() => this.applying.delete(applied));
      return applied;
    }
    return this.applyNow(connection, update);
  }

  private overLimit(update: Uint8Array): Refusal | null {
    if (this.bytes + update.byteLength > this.options.limits.maxDocumentBytes) {
      return { code: CloseCodes.tooLarge.code, reason: 'document too large' };
    }
    if (this.unsavedBytes + update.byteLength > this.options.limits.maxUnsavedBytes) {
      return CloseCodes.storageUnavailable;
    }
    return null;
  }

  /** Every check and the apply, in this event-loop turn. */
  private applyNow(connection: Connection<Auth>, update: Uint8Array): Refusal | null {
    let refusal: string | null;
    try {
      // Before the structural check: a copy that continues refused clocks leaves a gap the
      // structural check would call malformed, but what it needs to hear is "reload".
      if (this.history.check(update, this.doc)) return CloseCodes.RefusedChangesHeld;
      const malformed = checkUpdate(update, this.doc, this.options.limits.maxMessageBytes);
      if (malformed) return { code: CloseCodes.malformed.code, reason: malformed };
      refusal = this.options.validateUpdate(update, this.doc);
    } catch {
      return { code: CloseCodes.malformed.code, reason: 'update could not be decoded' };
    }
    if (refusal) return { code: CloseCodes.forbidden.code, reason: refusal };
    try {
      Y.applyUpdate(this.doc, update, connection);
      connection.lastEditSeq = ++this.editSeq;
    } catch {
      return { code: CloseCodes.malformed.code, reason: 'update could not be applied' };
    }
    return null;
  }

  /**
   * The same checks as applyNow, made in the worker against the document's state vector (what
   * needs the document itself comes back as deferred checks), then the slices applied one per
   * event-loop turn. Clocks only grow, so what passed against the state vector sent still
   * passes once other edits have been applied meanwhile; a refusal or lineage recorded while
   * the worker ran sends the update to the worker again.
   */
  private async applyLargeUpdate(
    connection: Connection<Auth>,
    update: Uint8Array,
    large: LargeUpdateOptions,
  ): Promise<Refusal | null> {
    let result: PrepareUpdateResult;
    for (;;) {
      const version = this.history.guard.version;
      try {
        result = await large.worker.prepareUpdate({
          update,
          stateVector: Y.encodeStateVector(this.doc),
          history: this.history.guard.records(),
          maxLength: this.options.limits.maxMessageBytes,
          sliceStructs: large.sliceStructs,
        });
      } catch {
        // The pool is gone or full: the update is still owed its checks, here and now.
        if (this.destroyed || connection.isClosed) return null;
        return this.applyNow(connection, update);
      }
      // A client that left (or lost access) meanwhile resends what it still has when it comes back.
      if (this.destroyed || connection.isClosed) return null;
      if (this.history.guard.version === version) break;
    }
    switch (result.kind) {
      case 'refused':
      case 'foreign':
        return CloseCodes.RefusedChangesHeld;
      case 'malformed':
        return { code: CloseCodes.malformed.code, reason: result.reason };
      case 'forbidden':
        return { code: CloseCodes.forbidden.code, reason: result.reason };
    }
    const structs = this.options.validateUpdate.structs;
    const refusal = structs?.checkDeferred(result.deferred, this.doc) ?? null;
    if (refusal) return { code: CloseCodes.forbidden.code, reason: refusal };
    const overLimit = this.overLimit(update); // the document may have grown meanwhile
    if (overLimit) return overLimit;
    for (const [index, slice] of result.slices.entries()) {
      if (index > 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.destroyed) return null;
      }
      try {
        Y.applyUpdate(this.doc, slice, connection);
      } catch {
        return { code: CloseCodes.malformed.code, reason: 'update could not be applied' };
      }
    }
    connection.lastEditSeq = ++this.editSeq;
    return null;
  }

  /**
   * Changes made by the server itself: relayed and stored like any edit, written with `client`
   * (a server client id of the document's lineage).
   */
  change(change: (doc: Y.Doc) => void, client: number): void {
    this.doc.clientID = client;
    this.doc.transact(() => change(this.doc), SERVER_ORIGIN);
  }

  /** A read-only connection's update: refused for good. Whether its copy now holds refused changes. */
  refuse(update: Uint8Array): boolean {
    return this.history.refuse(update, this.doc);
  }

  applyAwareness(connection: Connection<Auth>, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
  }

  awarenessMessage(): Uint8Array {
    const clients = [...this.awareness.getStates().keys()];
    return encodeMessage(MESSAGE_AWARENESS, (encoder) =>
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients),
      ),
    );
  }

  savedMessage(): Uint8Array {
    return encodeMessage(MESSAGE_SAVED, (encoder) =>
      encoding.writeVarUint8Array(encoder, this.savedVector),
    );
  }

  /** Sends a live event to this room's Factdesk clients and to the other instances'. */
  publishEvent(event: object): void {
    const json = JSON.stringify(event);
    this.sendEvent(json);
    this.publish({ kind: 'event', json });
  }

  private sendEvent(json: string): void {
    const message = encodeMessage(MESSAGE_EVENT, (encoder) =>
      encoding.writeVarString(encoder, json),
    );
    for (const connection of this.connections) {
      if (connection.extensions) connection.send(message);
    }
  }

  join(connection: Connection<Auth>): void {
    this.connections.add(connection);
  }

  leave(connection: Connection<Auth>, awarenessClientId: number | undefined): void {
    if (!this.connections.delete(connection)) return;
    if (awarenessClientId !== undefined && this.awareness.getStates().has(awarenessClientId)) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [awarenessClientId], null);
    }
    this.onLeave(this, connection);
  }

  get unsaved(): number {
    return this.unsavedBytes;
  }

  /** Whether the latest save failed (it is being retried). */
  get failingSaves(): boolean {
    return this.failedAttempts > 0;
  }

  /** Storage is back: retry a failed save now, or as soon as a second has passed since the last try. */
  retryFailedSave(): void {
    if (this.failedAttempts === 0 || this.flushing || this.destroyed) return;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.scheduleFlush();
  }

  /**
   * Before unloading: stores the edits other instances relayed and have not reported saved
   * (duplicates are harmless in Yjs), then waits until everything is committed.
   */
  async settle(): Promise<void> {
    while (this.applying.size > 0) await Promise.allSettled([...this.applying]);
    this.adoptHeld(Number.POSITIVE_INFINITY);
    await Promise.all([this.flushed(), this.history.settled()]);
  }

  /** Resolves once every accepted edit is committed (waits through retries). */
  async flushed(): Promise<void> {
    while (this.pending.length > 0 || this.flushing) {
      if (!this.flushing) {
        clearTimeout(this.flushTimer);
        this.flushTimer = undefined;
        void this.flush();
      }
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.holdTimer);
    this.history.destroy();
    this.catchUp?.cancel();
    if (this.subscribed) this.options.relay?.relay.unsubscribe(this.documentId);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    this.bytes += update.byteLength;
    if (origin === RELAY_ORIGIN) {
      this.relayedChange = true;
    } else {
      this.pending.push(update);
      this.unsavedBytes += update.byteLength;
      if (this.options.relay) this.lastLocalSeq = this.options.relay.nextSeq();
      this.scheduleFlush();
    }
    if (this.broadcastQueue.length === 0) setImmediate(this.broadcast);
    this.broadcastQueue.push({ update, origin });
  }

  /**
   * Sends the updates of one event-loop turn as one merged frame per receiver: under load
   * that is one send per client instead of one per update. A writer gets its own updates back
   * only when they are merged with someone else's (Yjs ignores what it already has). The
   * turn's local updates go to the other instances as one relay message too.
   */
  private readonly broadcast = () => {
    const queue = this.broadcastQueue;
    this.broadcastQueue = [];
    if (queue.length === 0 || this.destroyed) return;
    const update =
      queue.length === 1
        ? (queue[0] as { update: Uint8Array }).update
        : Y.mergeUpdates(queue.map((q) => q.update));
    const onlyOrigin = queue.every((q) => q.origin === queue[0]?.origin)
      ? queue[0]?.origin
      : undefined;
    const message = encodeMessage(MESSAGE_SYNC, (encoder) =>
      syncProtocol.writeUpdate(encoder, update),
    );
    for (const connection of this.connections) {
      if (connection !== onlyOrigin) connection.send(message);
    }
    if (!this.options.relay) return;
    const local = queue.filter((q) => q.origin !== RELAY_ORIGIN);
    if (local.length === 0) return;
    const localUpdate =
      local.length === queue.length ? update : Y.mergeUpdates(local.map((q) => q.update));
    this.publish({ kind: 'update', update: localUpdate, seq: this.lastLocalSeq });
  };

  private readonly onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (changed.length === 0) return;
    if (origin === RELAY_ORIGIN) {
      for (const clientId of [...changes.added, ...changes.updated]) {
        this.remoteAwareness.add(clientId);
      }
    }
    for (const clientId of changes.removed) this.remoteAwareness.delete(clientId);
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const message = encodeMessage(MESSAGE_AWARENESS, (encoder) =>
      encoding.writeVarUint8Array(encoder, update),
    );
    for (const connection of this.connections) connection.send(message);
    // Every instance times out silent clients on its own.
    if (origin !== RELAY_ORIGIN && origin !== 'timeout')
      this.publish({ kind: 'awareness', update });
  };

  private publish(message: RelayMessage, to: string | null = null): void {
    const roomRelay = this.options.relay;
    if (!roomRelay || this.destroyed) return;
    roomRelay.relay.publish(
      this.documentId,
      encodeRelayMessage({ from: roomRelay.instanceId, to, message }),
    );
  }

  /** A frame from the relay: another instance's edit, awareness, event or handshake. */
  private receiveRelayed(data: Uint8Array): void {
    const roomRelay = this.options.relay;
    if (!roomRelay || this.destroyed) return;
    try {
      const envelope = decodeRelayMessage(data);
      if (!envelope || envelope.from === roomRelay.instanceId) return;
      if (envelope.to !== null && envelope.to !== roomRelay.instanceId) return;
      this.applyRelayed(envelope.from, envelope.message);
      if (envelope.message.kind === 'syncStep2' && envelope.to === roomRelay.instanceId) {
        this.catchUp?.answeredBy(envelope.from);
      }
    } catch (error) {
      this.options.hooks.onRelayError?.(this.documentId, error);
    }
  }

  private applyRelayed(from: string, message: RelayMessage): void {
    switch (message.kind) {
      case 'update':
      case 'syncStep2':
        this.applyForeignUpdate(from, message.seq, message.update);
        break;
      case 'saved':
        this.releaseHeld(from, message.seq);
        break;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, RELAY_ORIGIN);
        break;
      case 'event':
        this.sendEvent(message.json);
        break;
      case 'history':
        this.history.merge(message);
        break;
      case 'hello': {
        // A room became live elsewhere: what it lacks, then our vector so it sends what we
        // lack, then our own clients' presence.
        const update = Y.encodeStateAsUpdate(this.doc, message.stateVector);
        this.publish({ kind: 'syncStep2', update, seq: this.unsavedSeq() }, from);
        this.publish({ kind: 'syncStep1', stateVector: Y.encodeStateVector(this.doc) }, from);
        const local = [...this.awareness.getStates().keys()].filter(
          (clientId) => !this.remoteAwareness.has(clientId),
        );
        if (local.length > 0) {
          const awareness = awarenessProtocol.encodeAwarenessUpdate(this.awareness, local);
          this.publish({ kind: 'awareness', update: awareness }, from);
        }
        break;
      }
      case 'syncStep1': {
        const update = Y.encodeStateAsUpdate(this.doc, message.stateVector);
        this.publish({ kind: 'syncStep2', update, seq: this.unsavedSeq() }, from);
        break;
      }
    }
  }

  /**
   * The `seq` of a sync step 2 this room sends: 0 when everything it has is stored (the
   * receiver need not hold it), else its latest local update's, which a "saved" notice covers.
   */
  private unsavedSeq(): number {
    const stored =
      this.pending.length === 0 &&
      !this.flushing &&
      this.held.length === 0 &&
      this.lastAnnouncedSeq === this.lastLocalSeq;
    return stored ? 0 : this.lastLocalSeq;
  }

  /**
   * Applies another instance's edit. It is that instance's to store; it is held here until
   * that instance reports it saved, so a crash there cannot lose an edit this room has.
   */
  private applyForeignUpdate(from: string, seq: number, update: Uint8Array): void {
    this.relayedChange = false;
    Y.applyUpdate(this.doc, update, RELAY_ORIGIN);
    if (!this.relayedChange || seq === 0 || seq <= (this.savedSeqOf.get(from) ?? 0)) return;
    this.held.push({
      from,
      seq,
      update,
      fromClocks: Y.parseUpdateMeta(update).from,
      heldAt: Date.now(),
    });
    this.scheduleHoldCheck();
  }

  private releaseHeld(from: string, seq: number): void {
    this.savedSeqOf.set(from, Math.max(seq, this.savedSeqOf.get(from) ?? 0));
    const before = this.held.length;
    this.held = this.held.filter((edit) => edit.from !== from || edit.seq > seq);
    if (this.held.length === before) return;
    // Edits this room reported unsaved may be saved now: tell the clients who wait for it.
    const previous = this.savedVector;
    this.savedVector = this.honestSavedVector();
    if (equalBytes(previous, this.savedVector)) return;
    const saved = this.savedMessage();
    for (const connection of this.connections) {
      if (connection.extensions) connection.send(saved);
    }
  }

  /** The committed vector, lowered below every held edit: those may not be stored yet. */
  private honestSavedVector(): Uint8Array {
    const vector = new Map(this.committedVector);
    for (const edit of this.held) {
      for (const [client, clock] of edit.fromClocks) {
        if ((vector.get(client) ?? 0) > clock) vector.set(client, clock);
      }
    }
    return Y.encodeStateVector(vector);
  }

  private scheduleHoldCheck(): void {
    const roomRelay = this.options.relay;
    if (!roomRelay || this.holdTimer || this.held.length === 0 || this.destroyed) return;
    this.holdTimer = setTimeout(() => {
      this.holdTimer = undefined;
      this.adoptHeld(Date.now() - roomRelay.holdMs);
      this.scheduleHoldCheck();
    }, roomRelay.holdMs);
  }

  /** Stores held edits (those held since `heldSince` or earlier) as if they were local. */
  private adoptHeld(heldSince: number): void {
    const adopted = this.held.filter((edit) => edit.heldAt <= heldSince);
    if (adopted.length === 0) return;
    this.held = this.held.filter((edit) => edit.heldAt > heldSince);
    for (const edit of adopted) {
      this.pending.push(edit.update);
      this.unsavedBytes += edit.update.byteLength;
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.flushing) return;
    const delay =
      this.failedAttempts === 0
        ? this.options.batchWindowMs
        : Math.max(0, this.lastAttemptAt + RETRY_MS - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, delay);
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = true;
    this.lastAttemptAt = Date.now();
    const batch = this.pending;
    this.pending = [];
    // Everything applied so far is in this batch or already stored, so once it commits the
    // document's current state vector is saved.
    const vector = Y.encodeStateVector(this.doc);
    const flushSeq = this.editSeq;
    const localSeq = this.lastLocalSeq;
    let merged: Uint8Array | undefined;
    try {
      merged = await this.mergeBatch(batch);
      await this.options.persistence.append(this.documentId, [merged]);
      this.failedAttempts = 0;
      // What arrived while the batch was in flight is all that is unsaved now.
      this.unsavedBytes = this.pending.reduce((sum, update) => sum + update.byteLength, 0);
      this.committedVector = Y.decodeStateVector(vector);
      this.savedVector = this.held.length === 0 ? vector : this.honestSavedVector();
      if (localSeq > this.lastAnnouncedSeq) {
        this.lastAnnouncedSeq = localSeq;
        this.publish({ kind: 'saved', seq: localSeq });
      }
      this.options.hooks.onSaved?.(this.documentId, batch.length, merged.byteLength);
      // Only writers wait for it; a reader's own state is always saved.
      const saved = this.savedMessage();
      for (const connection of this.connections) {
        if (connection.extensions && connection.lastEditSeq > connection.lastSavedSeq) {
          connection.lastSavedSeq = flushSeq;
          connection.send(saved);
        }
      }
    } catch (error) {
      // Nothing is reported saved; the batch goes back in front, merged, and is retried.
      this.failedAttempts++;
      this.pending = [...(merged ? [merged] : batch), ...this.pending];
      this.options.hooks.onSaveError(this.documentId, error, this.failedAttempts);
    } finally {
      this.flushing = false;
      if (this.pending.length > 0) this.scheduleFlush();
      else for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Fewer rows and bytes to store; a large batch is merged in the worker. */
  private async mergeBatch(batch: Uint8Array[]): Promise<Uint8Array> {
    if (batch.length === 1) return batch[0] as Uint8Array;
    const large = this.options.largeUpdates;
    const bytes = batch.reduce((sum, update) => sum + update.byteLength, 0);
    if (large && bytes >= large.minBytes) {
      try {
        return await large.worker.mergeUpdates(batch);
      } catch {
        // The pool is gone or full: merged here instead (the save must not wait for it).
      }
    }
    return Y.mergeUpdates(batch);
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
