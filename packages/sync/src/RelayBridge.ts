// A room's part in scale-out: shares its local edits, awareness, events and refusals with the
// other instances that have the document open, and applies theirs. Local edits are numbered;
// another instance's edits are held in memory until that instance reports them saved (past
// `holdMs` this room stores them itself), so a crash there cannot lose an edit this room has.
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { GroupCommit } from './GroupCommit.ts';
import type { Relay } from './Relay.ts';
import { RelayCatchUp } from './RelayCatchUp.ts';
import { decodeRelayMessage, encodeRelayMessage, type RelayMessage } from './RelayMessage.ts';
import type { RoomHistory } from './RoomHistory.ts';

/**
 * Origin of edits and awareness another instance relayed: shown to this instance's clients,
 * never relayed back, and not stored here (the instance whose client made the edit stores it).
 */
export const RELAY_ORIGIN = Symbol('relay');

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

/** What of its room the bridge reads and changes. */
export interface RelayBridgeRoom {
  documentId: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  history: RoomHistory;
  /** Stores the held edits this room adopts; says whether everything local is stored. */
  commit: Pick<GroupCommit, 'add' | 'idle'>;
  /** A live event another instance published: to this room's clients. */
  sendEvent(json: string): void;
  /** Held edits were reported saved: the saved vector may have moved. */
  heldReleased(): void;
  /** A relayed frame could not be decoded or applied; it is dropped. */
  onRelayError?(documentId: string, error: unknown): void;
}

export class RelayBridge {
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
  /** While loading: the wait for the other instances' state. */
  private catchUp: RelayCatchUp | undefined;
  private everLive = false;
  private destroyed = false;

  constructor(
    private readonly room: RelayBridgeRoom,
    private readonly roomRelay: RoomRelay,
  ) {}

  /** The room is loaded: subscribes, and waits (a while) for what the other instances hold. */
  async start(): Promise<void> {
    const { relay } = this.roomRelay;
    this.subscribed = true;
    // Without a live transport there is nobody to wait for; the room catches up once it is.
    const catchUp =
      relay.isLive?.() === false ? undefined : new RelayCatchUp(this.roomRelay.catchUpMs);
    this.catchUp = catchUp;
    relay.subscribe(this.room.documentId, {
      message: (data) => this.receive(data),
      live: () => this.sayHello(),
    });
    await catchUp?.done;
    this.catchUp = undefined;
  }

  /** Sequence number of the latest local update. */
  get localSeq(): number {
    return this.lastLocalSeq;
  }

  /** Other instances' edits this room holds until they report them saved. */
  get heldEdits(): readonly HeldEdit[] {
    return this.held;
  }

  /** A local edit was applied: numbered, so a "saved" notice can cover it. */
  localUpdate(): void {
    this.lastLocalSeq = this.roomRelay.nextSeq();
  }

  /** An update with RELAY_ORIGIN changed the document. */
  relayedUpdateApplied(): void {
    this.relayedChange = true;
  }

  /** One event-loop turn's local updates, merged. */
  publishUpdate(update: Uint8Array): void {
    this.publish({ kind: 'update', update, seq: this.lastLocalSeq });
  }

  /** A batch holding local updates up to `localSeq` was committed: tells the others. */
  announceSaved(localSeq: number): void {
    if (localSeq <= this.lastAnnouncedSeq) return;
    this.lastAnnouncedSeq = localSeq;
    this.publish({ kind: 'saved', seq: localSeq });
  }

  /** The room's awareness changed: this instance's changes go to the others. */
  awarenessChanged(
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
    update: Uint8Array,
  ): void {
    if (origin === RELAY_ORIGIN) {
      for (const clientId of [...changes.added, ...changes.updated]) {
        this.remoteAwareness.add(clientId);
      }
    }
    for (const clientId of changes.removed) this.remoteAwareness.delete(clientId);
    // Every instance times out silent clients on its own.
    if (origin !== RELAY_ORIGIN && origin !== 'timeout')
      this.publish({ kind: 'awareness', update });
  }

  publish(message: RelayMessage, to: string | null = null): void {
    if (this.destroyed) return;
    this.roomRelay.relay.publish(
      this.room.documentId,
      encodeRelayMessage({ from: this.roomRelay.instanceId, to, message }),
    );
  }

  /** Stores held edits (those held since `heldSince` or earlier) as if they were local. */
  adoptHeld(heldSince: number): void {
    const adopted = this.held.filter((edit) => edit.heldAt <= heldSince);
    if (adopted.length === 0) return;
    this.held = this.held.filter((edit) => edit.heldAt > heldSince);
    for (const edit of adopted) this.room.commit.add(edit.update);
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.holdTimer);
    this.catchUp?.cancel();
    if (this.subscribed) this.roomRelay.relay.unsubscribe(this.room.documentId);
  }

  /** Loaded, or back after losing the transport: asks the others for what is missing. */
  private sayHello(): void {
    if (this.destroyed) return;
    const { relay, instanceId } = this.roomRelay;
    const hello = encodeRelayMessage({
      from: instanceId,
      to: null,
      message: { kind: 'hello', stateVector: Y.encodeStateVector(this.room.doc) },
    });
    if (relay.publishCounted) {
      void relay
        .publishCounted(this.room.documentId, hello)
        .then((peers) => this.catchUp?.asked(peers));
    } else {
      relay.publish(this.room.documentId, hello);
      this.catchUp?.asked(0);
    }
    // Refusals announced while the transport was away never arrived: read them again.
    if (this.everLive) void this.room.history.reload().catch(() => {});
    this.everLive = true;
  }

  /** A frame from the relay: another instance's edit, awareness, event or handshake. */
  private receive(data: Uint8Array): void {
    if (this.destroyed) return;
    const { instanceId } = this.roomRelay;
    try {
      const envelope = decodeRelayMessage(data);
      if (!envelope || envelope.from === instanceId) return;
      if (envelope.to !== null && envelope.to !== instanceId) return;
      this.apply(envelope.from, envelope.message);
      if (envelope.message.kind === 'syncStep2' && envelope.to === instanceId) {
        this.catchUp?.answeredBy(envelope.from);
      }
    } catch (error) {
      this.room.onRelayError?.(this.room.documentId, error);
    }
  }

  private apply(from: string, message: RelayMessage): void {
    const { doc, awareness } = this.room;
    switch (message.kind) {
      case 'update':
      case 'syncStep2':
        this.applyForeignUpdate(from, message.seq, message.update);
        break;
      case 'saved':
        this.releaseHeld(from, message.seq);
        break;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(awareness, message.update, RELAY_ORIGIN);
        break;
      case 'event':
        this.room.sendEvent(message.json);
        break;
      case 'history':
        this.room.history.merge(message);
        break;
      case 'hello': {
        // A room became live elsewhere: what it lacks, then our vector so it sends what we
        // lack, then our own clients' presence.
        const update = Y.encodeStateAsUpdate(doc, message.stateVector);
        this.publish({ kind: 'syncStep2', update, seq: this.unsavedSeq() }, from);
        this.publish({ kind: 'syncStep1', stateVector: Y.encodeStateVector(doc) }, from);
        const local = [...awareness.getStates().keys()].filter(
          (clientId) => !this.remoteAwareness.has(clientId),
        );
        if (local.length > 0) {
          const update = awarenessProtocol.encodeAwarenessUpdate(awareness, local);
          this.publish({ kind: 'awareness', update }, from);
        }
        break;
      }
      case 'syncStep1': {
        const update = Y.encodeStateAsUpdate(doc, message.stateVector);
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
      this.room.commit.idle &&
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
    Y.applyUpdate(this.room.doc, update, RELAY_ORIGIN);
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
    this.room.heldReleased();
  }

  private scheduleHoldCheck(): void {
    if (this.holdTimer || this.held.length === 0 || this.destroyed) return;
    const { holdMs } = this.roomRelay;
    this.holdTimer = setTimeout(() => {
      this.holdTimer = undefined;
      this.adoptHeld(Date.now() - holdMs);
      this.scheduleHoldCheck();
    }, holdMs);
  }
}
