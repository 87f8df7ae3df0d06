// One open document on this server instance: the shared Y.Doc and awareness, its
// connections, and the group commit of its updates to persistence. Updates are relayed at
// once and stored in batches; each committed batch moves the saved signal forward.
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { UpdateValidator } from './ArticleUpdateValidator.ts';
import { type CloseCode, CloseCodes } from './CloseCodes.ts';
import { type Connection, encodeMessage } from './Connection.ts';
import type { Persistence } from './Persistence.ts';
import { MESSAGE_AWARENESS, MESSAGE_EVENT, MESSAGE_SAVED, MESSAGE_SYNC } from './protocol.ts';
import type { SyncLimits } from './SyncLimits.ts';

/** Origin of the stored state applied at load: not an edit, so neither relayed nor stored. */
const LOAD_ORIGIN = Symbol('load');
/** Origin of the server's own changes (imports, restores). */
export const SERVER_ORIGIN = Symbol('server');

export interface RoomHooks {
  /** A save failed; it is retried. */
  onSaveError(documentId: string, error: unknown, attempt: number): void;
  /** A batch was committed. */
  onSaved?(documentId: string, updates: number, bytes: number): void;
}

export interface RoomOptions {
  persistence: Persistence;
  validateUpdate: UpdateValidator;
  limits: SyncLimits;
  batchWindowMs: number;
  hooks: RoomHooks;
}

const MAX_RETRY_MS = 5_000;

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
  private idleWaiters: (() => void)[] = [];
  /** Updates of this event-loop turn, waiting to be relayed together. */
  private relayQueue: { update: Uint8Array; origin: unknown }[] = [];
  private destroyed = false;
  /** Counts accepted client updates, so each writer is told when its latest one is saved. */
  private editSeq = 0;
  /** State vector of everything committed to persistence. */
  private savedVector: Uint8Array = Y.encodeStateVector(this.doc);

  constructor(
    readonly documentId: string,
    private readonly options: RoomOptions,
    /** Called when a connection leaves; the registry decides about unloading. */
    private readonly onLeave: (room: Room<Auth>, connection: Connection<Auth>) => void,
  ) {
    this.awareness.setLocalState(null); // the server itself has no cursor
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on('update', this.onAwarenessUpdate);
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    const state = await this.options.persistence.load(this.documentId);
    if (state) {
      Y.applyUpdate(this.doc, state, LOAD_ORIGIN);
      this.bytes = state.byteLength;
    }
    this.savedVector = Y.encodeStateVector(this.doc);
    this.loaded = true;
  }

  /** What a client receives once the document is loaded. */
  greeting(connection: Connection<Auth>): Uint8Array[] {
    const messages: Uint8Array[] = [this.syncStep1()];
    if (this.awareness.getStates().size > 0) messages.push(this.awarenessMessage());
    if (connection.extensions) messages.push(this.savedMessage());
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

  /** Validates and applies a client's update; a close code when the connection must go. */
  applyClientUpdate(
    connection: Connection<Auth>,
    update: Uint8Array,
  ): CloseCode | { code: number; reason: string } | null {
    if (this.bytes + update.byteLength > this.options.limits.maxDocumentBytes) {
      return { code: CloseCodes.tooLarge.code, reason: 'document too large' };
    }
    if (this.unsavedBytes + update.byteLength > this.options.limits.maxUnsavedBytes) {
      return CloseCodes.storageUnavailable;
    }
    let refusal: string | null;
    try {
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

  /** Changes made by the server itself: relayed and stored like any edit. */
  change(change: (doc: Y.Doc) => void): void {
    this.doc.transact(() => change(this.doc), SERVER_ORIGIN);
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

  publishEvent(event: object): void {
    const message = encodeMessage(MESSAGE_EVENT, (encoder) =>
      encoding.writeVarString(encoder, JSON.stringify(event)),
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
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    this.bytes += update.byteLength;
    this.pending.push(update);
    this.unsavedBytes += update.byteLength;
    this.scheduleFlush();
    if (this.relayQueue.length === 0) setImmediate(this.relay);
    this.relayQueue.push({ update, origin });
  }

  /**
   * Relays the updates of one event-loop turn as one merged frame per receiver: under load
   * that is one send per client instead of one per update. A writer gets its own updates back
   * only when they are merged with someone else's (Yjs ignores what it already has).
   */
  private readonly relay = () => {
    const queue = this.relayQueue;
    this.relayQueue = [];
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
  };

  private readonly onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ) => {
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (changed.length === 0) return;
    const message = encodeMessage(MESSAGE_AWARENESS, (encoder) =>
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
      ),
    );
    for (const connection of this.connections) connection.send(message);
  };

  private scheduleFlush(): void {
    if (this.flushTimer || this.flushing) return;
    const delay =
      this.failedAttempts === 0
        ? this.options.batchWindowMs
        : Math.min(MAX_RETRY_MS, 100 * 2 ** (this.failedAttempts - 1));
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, delay);
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = true;
    const batch = this.pending;
    this.pending = [];
    // Everything applied so far is in this batch or already stored, so once it commits the
    // document's current state vector is saved.
    const vector = Y.encodeStateVector(this.doc);
    const flushSeq = this.editSeq;
    const merged = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
    try {
      await this.options.persistence.append(this.documentId, [merged]);
      this.failedAttempts = 0;
      // What arrived while the batch was in flight is all that is unsaved now.
      this.unsavedBytes = this.pending.reduce((sum, update) => sum + update.byteLength, 0);
      this.savedVector = vector;
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
      this.pending = [merged, ...this.pending];
      this.options.hooks.onSaveError(this.documentId, error, this.failedAttempts);
    } finally {
      this.flushing = false;
      if (this.pending.length > 0) this.scheduleFlush();
      else for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
