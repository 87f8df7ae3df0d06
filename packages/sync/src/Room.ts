// One open document on this server instance: the shared Y.Doc and awareness, its
// connections, and the broadcast of every change to them. Client updates are checked here
// before they touch the document. Storing is the GroupCommit's job (updates stored in batches,
// each committed batch moving the saved signal forward); with a Relay, the RelayBridge shares
// the room's edits, awareness and events with the other instances that have the document open.
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { UpdateValidator } from './ArticleUpdateValidator.ts';
import {
  type AwarenessEntry,
  applyAwarenessEntries,
  concatAwarenessUpdates,
} from './awarenessUpdate.ts';
import { type CloseCode, CloseCodes } from './CloseCodes.ts';
import type { Connection } from './Connection.ts';
import { checkUpdate } from './checkUpdate.ts';
import { encodeMessage, messageOf } from './encodeMessage.ts';
import { GroupCommit, type SharedCommitter } from './GroupCommit.ts';
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
import { RELAY_ORIGIN, RelayBridge, type RoomRelay } from './RelayBridge.ts';
import { RoomHistory } from './RoomHistory.ts';
import type { SyncLimits } from './SyncLimits.ts';

/**
 * How long a renewal (a client re-announcing an unchanged awareness state, which y-protocols
 * does every 15 s so that others do not drop it after 30) waits to go out with the others.
 */
export const AWARENESS_RENEWAL_WINDOW_MS = 1_000;

/** Origin of the stored state applied at load: not an edit, so neither relayed nor stored. */
const LOAD_ORIGIN = Symbol('load');
/** Origin of the server's own changes (imports, restores). */
export const SERVER_ORIGIN = Symbol('server');

export interface RoomHooks {
  /** A save failed; it is retried. */
  onSaveError(documentId: string, error: unknown, attempt: number): void;
  /** A batch was committed. */
  onSaved?(documentId: string, updates: number, bytes: number): void;
  /** A relayed frame could not be decoded or applied; it is dropped. */
  onRelayError?(documentId: string, error: unknown): void;
}

export interface RoomOptions {
  persistence: Persistence;
  validateUpdate: UpdateValidator;
  limits: SyncLimits;
  batchWindowMs: number;
  /** Saves the room's batches together with other rooms' (absent: saves of its own). */
  committer?: SharedCommitter;
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

export class Room<Auth = unknown> {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection<Auth>>();
  readonly ready: Promise<void>;
  /** Bytes accepted into the document: its stored size at load plus every update since. */
  private bytes = 0;
  /** Stores the room's edits in batches and says what is saved. */
  private readonly commit: GroupCommit;
  /** With scale-out: the room's link to the other instances that have the document open. */
  private readonly relay: RelayBridge | undefined;
  /** Updates of this event-loop turn, waiting to be broadcast together. */
  private broadcastQueue: { update: Uint8Array; origin: unknown }[] = [];
  private destroyed = false;
  /** Counts accepted client updates, so each writer is told when its latest one is saved. */
  private editSeq = 0;
  /** What this document refused and which server ids wrote it (see HistoryGuard). */
  readonly history: RoomHistory;
  /** Large updates being checked or applied: unloading waits for them (created with the first). */
  private applying: Set<Promise<unknown>> | undefined;
  /**
   * The whole document as a sync step 2 for a client that has nothing, built once and kept
   * until the next change: encoding a large document costs more than sending it. Until the
   * first such client, the stored state as loaded (the same content) stands in for it.
   */
  private fullState: { loaded: Uint8Array } | { message: Uint8Array } | null = null;
  /** The client awareness update being applied (see applyAwareness). */
  private checkedAwareness: { update: Uint8Array; message?: Uint8Array } | null = null;
  /** awarenessMessage() until the awareness next changes. */
  private awarenessState: Uint8Array | null = null;
  /** Awareness changes of this event-loop turn, waiting to be sent together. */
  private awarenessQueue: { update: Uint8Array; message: Uint8Array | undefined }[] = [];
  /** Renewals of this window, waiting to be sent together (see AWARENESS_RENEWAL_WINDOW_MS). */
  private renewals: Uint8Array[] = [];
  private renewalTimer: NodeJS.Timeout | undefined;
  /** The awareness update being handled changed a state (its 'change' came first). */
  private awarenessStateChanged = false;

  constructor(
    readonly documentId: string,
    private readonly options: RoomOptions,
    /** Called when a connection leaves; the registry decides about unloading. */
    private readonly onLeave: (room: Room<Auth>, connection: Connection<Auth>) => void,
  ) {
    this.history = new RoomHistory(documentId, {
      store: options.history,
      announce: (records) =>
        this.relay?.publish({ kind: 'history', refused: [], lineage: [], ...records }),
      onError: options.hooks.onSaveError,
    });
    this.commit = new GroupCommit(documentId, this.doc, {
      persistence: options.persistence,
      batchWindowMs: options.batchWindowMs,
      ...(options.largeUpdates ? { mergeOffLoop: options.largeUpdates } : {}),
      heldEdits: () => this.relay?.heldEdits ?? [],
      startBatch: () => {
        const editSeq = this.editSeq;
        const localSeq = this.relay?.localSeq ?? 0;
        return (updates, bytes) => {
          this.relay?.announceSaved(localSeq);
          options.hooks.onSaved?.(documentId, updates, bytes);
          this.tellWritersSaved(editSeq);
        };
      },
      onSaveError: options.hooks.onSaveError,
      ...(options.committer ? { committer: options.committer } : {}),
    });
    this.relay =
      options.relay &&
      new RelayBridge(
        {
          documentId,
          doc: this.doc,
          awareness: this.awareness,
          history: this.history,
          commit: this.commit,
          sendEvent: (json) => this.sendEvent(json),
          heldReleased: () => {
            if (this.commit.heldChanged()) this.tellClientsSaved();
          },
          ...(options.hooks.onRelayError ? { onRelayError: options.hooks.onRelayError } : {}),
        },
        options.relay,
      );
    this.awareness.setLocalState(null); // the server itself has no cursor
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on('change', this.onAwarenessChange);
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
      this.fullState = { loaded: state };
    }
    this.commit.loaded();
    if (this.relay && !this.destroyed) await this.relay.start();
  }

  /** What a client receives once the document is loaded. */
  greeting(connection: Connection<Auth>): Uint8Array[] {
    const messages: Uint8Array[] = [this.syncStep1()];
    if (this.awareness.getStates().size > 0) messages.push(this.awarenessMessage());
    if (connection.extensions) {
      messages.push(this.savedMessage());
      // Edits in flight or waiting are in the text it receives but not in this saved vector:
      // it is told when they commit, even if it never sends an edit that makes it a writer.
      if (!this.commit.idle)
        connection.savedOwed = Y.decodeStateVector(Y.encodeStateVector(this.doc));
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
    // An empty state vector is one varuint 0: the client has nothing yet.
    if (stateVector.byteLength === 1 && stateVector[0] === 0) return this.fullStateMessage();
    return encodeMessage(MESSAGE_SYNC, (encoder) =>
      syncProtocol.writeSyncStep2(encoder, this.doc, stateVector),
    );
  }

  private fullStateMessage(): Uint8Array {
    if (this.fullState && 'message' in this.fullState) return this.fullState.message;
    const update = this.fullState?.loaded ?? Y.encodeStateAsUpdate(this.doc);
    // Sized exactly, copied once: 1.35 MB for a 1 MB document.
    const message = messageOf(MESSAGE_SYNC, [syncProtocol.messageYjsSyncStep2], update);
    this.fullState = { message };
    return message;
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
      this.applying ??= new Set();
      const applying = this.applying;
      applying.add(applied);
      void applied.finally(() => applying.delete(applied));
      return applied;
    }
    return this.applyNow(connection, update);
  }

  private overLimit(update: Uint8Array): Refusal | null {
    if (this.bytes + update.byteLength > this.options.limits.maxDocumentBytes) {
      return { code: CloseCodes.tooLarge.code, reason: 'document too large' };
    }
    if (this.commit.unsaved + update.byteLength > this.options.limits.maxUnsavedBytes) {
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

  /**
   * A connection's awareness update, already decoded, checked and stamped with its identity:
   * the entries are applied as parsed, and `update` (their encoding) is what every other
   * client receives (no second decoding or encoding).
   */
  applyAwareness(
    connection: Connection<Auth>,
    entries: AwarenessEntry[],
    update: Uint8Array,
    /** The whole awareness message, when the client's frame can go out as it came. */
    message?: Uint8Array,
  ): void {
    this.checkedAwareness = message ? { update, message } : { update };
    try {
      applyAwarenessEntries(this.awareness, entries, connection);
    } finally {
      this.checkedAwareness = null;
    }
  }

  /** Every awareness state, as one message: built once per change, whoever joins meanwhile. */
  awarenessMessage(): Uint8Array {
    if (this.awarenessState) return this.awarenessState;
    const clients = [...this.awareness.getStates().keys()];
    this.awarenessState = encodeMessage(MESSAGE_AWARENESS, (encoder) =>
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients),
      ),
    );
    return this.awarenessState;
  }

  savedMessage(): Uint8Array {
    return encodeMessage(MESSAGE_SAVED, (encoder) =>
      encoding.writeVarUint8Array(encoder, this.commit.saved),
    );
  }

  /**
   * A batch with edits up to `editSeq` was committed. Only writers wait for it, and those
   * greeted while edits were unsaved (their copy may hold them); a reader's own state is saved.
   */
  private tellWritersSaved(editSeq: number): void {
    const saved = this.savedMessage();
    const savedVector = Y.decodeStateVector(this.commit.saved);
    for (const connection of this.connections) {
      if (!connection.extensions) continue;
      const wrote = connection.lastEditSeq > connection.lastSavedSeq;
      const owed = connection.savedOwed;
      if (!wrote && !owed) continue;
      if (wrote) connection.lastSavedSeq = editSeq;
      if (owed && covers(savedVector, owed)) connection.savedOwed = null;
      connection.send(saved);
    }
  }

  /** The saved vector moved without a commit here (held edits were stored elsewhere). */
  private tellClientsSaved(): void {
    const saved = this.savedMessage();
    for (const connection of this.connections) {
      if (connection.extensions) connection.send(saved);
    }
  }

  /** Sends a live event to this room's Factdesk clients and to the other instances'. */
  publishEvent(event: object): void {
    const json = JSON.stringify(event);
    this.sendEvent(json);
    this.relay?.publish({ kind: 'event', json });
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

  /** Bytes of edits not yet committed. */
  get unsaved(): number {
    return this.commit.unsaved;
  }

  /** Whether the latest save failed (it is being retried). */
  get failingSaves(): boolean {
    return this.commit.failing;
  }

  /** Storage is back: retry a failed save now, or as soon as a second has passed since the last try. */
  retryFailedSave(): void {
    this.commit.retryFailed();
  }

  /**
   * Before unloading: stores the edits other instances relayed and have not reported saved
   * (duplicates are harmless in Yjs), then waits until everything is committed.
   */
  async settle(): Promise<void> {
    while (this.applying?.size) await Promise.allSettled([...this.applying]);
    this.relay?.adoptHeld(Number.POSITIVE_INFINITY);
    await Promise.all([this.flushed(), this.history.settled()]);
  }

  /** Resolves once every accepted edit is committed (waits through retries). */
  flushed(): Promise<void> {
    return this.commit.flushed();
  }

  destroy(): void {
    this.destroyed = true;
    this.commit.destroy();
    this.relay?.destroy();
    this.history.destroy();
    clearTimeout(this.renewalTimer);
    this.awareness.off('change', this.onAwarenessChange);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    this.fullState = null;
    this.bytes += update.byteLength;
    if (origin === RELAY_ORIGIN) {
      this.relay?.relayedUpdateApplied();
    } else {
      this.relay?.localUpdate();
      this.commit.add(update);
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
    const message = messageOf(MESSAGE_SYNC, [syncProtocol.messageYjsUpdate], update);
    for (const connection of this.connections) {
      if (connection !== onlyOrigin) connection.send(message);
    }
    if (!this.relay) return;
    const local = queue.filter((q) => q.origin !== RELAY_ORIGIN);
    if (local.length === 0) return;
    const localUpdate =
      local.length === queue.length ? update : Y.mergeUpdates(local.map((q) => q.update));
    this.relay.publishUpdate(localUpdate);
  };

  private readonly onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const stateChanged = this.awarenessStateChanged;
    this.awarenessStateChanged = false;
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (changed.length === 0) return;
    this.awarenessState = null;
    // Entries of the client's update that the awareness ignored (older clocks) are ignored by
    // every receiver too, so its bytes can stand for what changed.
    const update =
      this.checkedAwareness?.update ??
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    // A client's renewal changes nothing anyone sees: it only has to arrive within 30 s.
    // 2,000 people on a document renew ~130 times a second; each receiver gets them as one
    // frame a second instead of one frame each.
    if (this.checkedAwareness !== null && !stateChanged) {
      this.renewalTimer ??= setTimeout(this.sendRenewals, AWARENESS_RENEWAL_WINDOW_MS);
      this.renewals.push(update);
    } else {
      if (this.awarenessQueue.length === 0) setImmediate(this.broadcastAwareness);
      this.awarenessQueue.push({ update, message: this.checkedAwareness?.message });
    }
    this.relay?.awarenessChanged(changes, origin, update);
  };

  private readonly onAwarenessChange = () => {
    this.awarenessStateChanged = true;
  };

  private readonly sendRenewals = () => {
    this.renewalTimer = undefined;
    const renewals = this.renewals;
    this.renewals = [];
    if (renewals.length === 0 || this.destroyed) return;
    this.sendAwareness(renewals);
  };

  /**
   * Sends the awareness changes of one event-loop turn as one frame per receiver: when many
   * people join or move at once (each change goes to everyone), that is one send per client
   * per turn instead of one per change. A lone change goes out as its client sent it.
   */
  private readonly broadcastAwareness = () => {
    const queue = this.awarenessQueue;
    this.awarenessQueue = [];
    if (queue.length === 0 || this.destroyed) return;
    this.sendAwareness(
      queue.map((q) => q.update),
      queue.length === 1 ? queue[0]?.message : undefined,
    );
  };

  /** Awareness updates to every client as one message (`asSent`: a lone client frame, as is). */
  private sendAwareness(updates: Uint8Array[], asSent?: Uint8Array): void {
    const update = updates.length === 1 ? updates[0]! : concatAwarenessUpdates(updates);
    const message = asSent ?? messageOf(MESSAGE_AWARENESS, [], update);
    for (const connection of this.connections) connection.send(message);
  }
}

/** Whether state vector `a` holds every clock of `b`. */
function covers(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of b) if ((a.get(client) ?? 0) < clock) return false;
  return true;
}
