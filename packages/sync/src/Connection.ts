// One client socket on one document: decodes its frames, enforces the per-connection rules
// (size, read-only, awareness identity and rate, server-only types) and hands valid content
// to its Room. A bad frame closes this connection only.
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  AwarenessError,
  decodeAwarenessUpdate,
  encodeAwarenessUpdate,
  showsUser,
} from './awarenessUpdate.ts';
import { type CloseCode, CloseCodes } from './CloseCodes.ts';
import { isEmptyUpdate } from './checkUpdate.ts';
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SERVER_ONLY_MESSAGES,
} from './protocol.ts';
import type { Refusal, Room } from './Room.ts';
import type { SyncLimits } from './SyncLimits.ts';

/** The least a socket must offer; `ws` WebSockets fit as they are. */
export interface SyncSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  readonly bufferedAmount: number;
}

/** Who is on the other end, as the server authenticated them: what others see in awareness. */
export interface ConnectionIdentity {
  userId: string;
  name: string;
  color: string;
}

export interface ConnectionOptions<Auth> {
  identity: ConnectionIdentity;
  /** Receives everything, changes nothing. */
  readOnly: boolean;
  /** The client asked for Factdesk's own messages (saved signal, live events). */
  extensions: boolean;
  /** What the server authorised the connection by; handed back when access is re-checked. */
  auth: Auth;
}

let nextId = 1;

export class Connection<Auth = unknown> {
  readonly id = nextId++;
  readonly identity: ConnectionIdentity;
  readonly extensions: boolean;
  readonly auth: Auth;
  private readOnlyNow: boolean;
  isClosed = false;
  /** The room's edit sequence number of this connection's latest accepted update. */
  lastEditSeq = 0;
  /** Up to which edit sequence number it has been told "saved". */
  lastSavedSeq = 0;
  /**
   * Greeted while edits were not yet committed: the document's state vector then. Its copy may
   * hold those edits (a local copy from an earlier tab counts them as its own to save), so each
   * commit tells it "saved", whether or not it writes, until the saved vector covers this.
   */
  savedOwed: Map<number, number> | null = null;
  /** The client's copy holds changes the server refused (sent while read-only). */
  private holdsRefused = false;
  /** The awareness client id this connection speaks for: the first one it sends. */
  private awarenessClientId: number | undefined;
  private awarenessTokens: number;
  private awarenessRefilledAt = Date.now();
  /**
   * Frames held back, in order: while the document is still loading, and while a large update
   * of this connection is being checked and applied (a later frame may depend on it).
   */
  private queue: Uint8Array[] | null = [];
  private queuedBytes = 0;
  private loading = true;

  constructor(
    readonly documentId: string,
    private readonly socket: SyncSocket,
    private readonly room: Room<Auth>,
    private readonly limits: SyncLimits,
    options: ConnectionOptions<Auth>,
  ) {
    this.identity = options.identity;
    this.readOnlyNow = options.readOnly;
    this.extensions = options.extensions;
    this.auth = options.auth;
    this.awarenessTokens = limits.awarenessPerSecond;
  }

  get readOnly(): boolean {
    return this.readOnlyNow;
  }

  /**
   * Changes whether the connection may write (text locked or unlocked, role changed). A copy
   * that holds refused changes is told to reload (4409): what it kept while read-only is never
   * merged. Any other copy is asked for its state, so offline edits arrive and later edits no
   * longer depend on unknown content (anything refused in it still closes with 4409).
   */
  setReadOnly(readOnly: boolean): void {
    const reopened = this.readOnlyNow && !readOnly;
    this.readOnlyNow = readOnly;
    if (!reopened || this.loading) return;
    const fenced =
      this.awarenessClientId !== undefined &&
      this.room.history.guard.isFenced(this.awarenessClientId);
    if (this.holdsRefused || fenced) this.close(CloseCodes.RefusedChangesHeld);
    else this.send(this.room.syncStep1());
  }

  /**
   * Closes a connection that lost access (removed, revoked, signed out): its copy's later
   * edits are refused for good, so the same copy coming back cannot bring them in.
   */
  revoke(close: CloseCode | { code: number; reason: string }): void {
    if (this.awarenessClientId !== undefined) {
      this.room.history.fence(this.awarenessClientId, this.room.doc);
    }
    this.close(close);
  }

  /** A frame from the client. Call synchronously from the socket's message event. */
  receive(data: Uint8Array): void {
    if (this.isClosed) return;
    if (data.byteLength > this.limits.maxMessageBytes) {
      this.close(CloseCodes.tooLarge);
      return;
    }
    if (this.queue) {
      this.queuedBytes += data.byteLength;
      if (this.queuedBytes > this.limits.maxMessageBytes * 4) this.close(CloseCodes.tooLarge);
      else this.queue.push(data);
      return;
    }
    this.handle(data);
  }

  /** The room is loaded: greet the client, then process what it sent meanwhile. */
  start(greeting: Uint8Array[]): void {
    if (this.isClosed) return;
    this.loading = false;
    for (const message of greeting) this.send(message);
    this.drain();
  }

  /** Handles the held frames in order, until one of them is a large update again. */
  private drain(): void {
    const queued = this.queue ?? [];
    this.queue = null;
    this.queuedBytes = 0;
    for (const [index, data] of queued.entries()) {
      if (this.isClosed) return;
      this.handle(data);
      if (this.queue) {
        const rest = queued.slice(index + 1);
        this.queue = [...rest, ...this.queue];
        this.queuedBytes = this.queue.reduce((sum, frame) => sum + frame.byteLength, 0);
        return;
      }
    }
  }

  send(data: Uint8Array): void {
    if (this.isClosed) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CloseCodes.slowReader);
      return;
    }
    this.socket.send(data);
  }

  close(close: CloseCode | { code: number; reason: string }): void {
    if (this.isClosed) return;
    this.isClosed = true;
    // A close frame's reason has at most 123 bytes.
    const reason = Buffer.from(close.reason).subarray(0, 123).toString();
    try {
      this.socket.close(close.code, reason);
    } catch {
      // already closing: nothing left to tell the client
    }
    this.room.leave(this, this.awarenessClientId);
  }

  /** The socket closed from the other side. */
  closed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.room.leave(this, this.awarenessClientId);
  }

  private handle(data: Uint8Array): void {
    let refusal: Refusal | null | Promise<Refusal | null>;
    try {
      refusal = this.dispatch(data);
    } catch (error) {
      refusal =
        error instanceof AwarenessError && error.kind === 'tooLarge'
          ? CloseCodes.tooLarge
          : CloseCodes.malformed;
    }
    if (refusal instanceof Promise) {
      // A large update is being checked and applied: later frames wait behind it.
      this.queue ??= [];
      void refusal
        .catch((): Refusal => CloseCodes.internalError)
        .then((outcome) => {
          if (outcome) this.close(outcome);
          if (!this.isClosed) this.drain();
        });
      return;
    }
    if (refusal) this.close(refusal);
  }

  private dispatch(data: Uint8Array): Refusal | null | Promise<Refusal | null> {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (SERVER_ONLY_MESSAGES.has(type)) {
      return { code: CloseCodes.malformed.code, reason: 'message type only the server may send' };
    }
    let refusal: Refusal | null | Promise<Refusal | null> = null;
    switch (type) {
      case MESSAGE_SYNC:
        refusal = this.handleSync(decoder);
        break;
      case MESSAGE_AWARENESS:
        refusal = this.handleAwareness(decoding.readVarUint8Array(decoder), data);
        break;
      case MESSAGE_QUERY_AWARENESS:
        this.send(this.room.awarenessMessage());
        break;
      default:
        return { code: CloseCodes.malformed.code, reason: `unknown message type ${type}` };
    }
    if (!refusal && decoding.hasContent(decoder)) {
      return { code: CloseCodes.malformed.code, reason: 'trailing bytes after message' };
    }
    return refusal;
  }

  private handleSync(decoder: decoding.Decoder): Refusal | null | Promise<Refusal | null> {
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      this.send(this.room.syncStep2For(stateVector));
      return null;
    }
    if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
      const update = decoding.readVarUint8Array(decoder);
      // Checked before the update is handed on: a large one is applied asynchronously.
      if (decoding.hasContent(decoder)) {
        return { code: CloseCodes.malformed.code, reason: 'trailing bytes after message' };
      }
      // Every newcomer with nothing new sends one: nothing to check, apply or refuse, and the
      // connection does not become a writer (owed a saved signal) for it.
      if (isEmptyUpdate(update)) return null;
      // Read-only: received, never applied, relayed or stored — and never merged later.
      if (this.readOnly) {
        if (this.room.refuse(update)) this.holdsRefused = true;
        return null;
      }
      return this.room.applyClientUpdate(this, update);
    }
    return { code: CloseCodes.malformed.code, reason: `unknown sync step ${step}` };
  }

  private handleAwareness(
    update: Uint8Array,
    /** The whole frame: what receivers get when the update goes out as it came. */
    frame: Uint8Array,
  ): CloseCode | { code: number; reason: string } | null {
    const entries = decodeAwarenessUpdate(update, this.limits.maxAwarenessBytes);
    this.awarenessClientId ??= entries[0]?.clientId;
    // A connection speaks only for its own client id. Stock y-websocket clients echo every
    // awareness change they receive, so other clients' entries are dropped, not punished.
    const own = entries.filter((entry) => entry.clientId === this.awarenessClientId);
    if (own.length === 0) return null;
    // Over the rate, updates are dropped (the next one carries the latest state); removals never.
    const removalOnly = own.every((entry) => entry.state === null);
    if (!removalOnly && !this.takeAwarenessToken()) return null;
    // The name, colour and id others see are the authenticated user's, whatever was sent. A
    // Factdesk client already sends exactly those (the identity event): its bytes go out as
    // they came; anything else is stamped and encoded once, for every receiver.
    let asReceived = own.length === entries.length;
    for (const entry of own) {
      if (!entry.state || showsUser(entry, this.identity)) continue;
      entry.state = { ...entry.state, user: { ...this.identity } };
      entry.json = undefined;
      asReceived = false;
    }
    if (!asReceived) {
      this.room.applyAwareness(this, own, encodeAwarenessUpdate(own));
      return null;
    }
    // The frame itself is the message to broadcast, unless bytes follow the update (the
    // connection is then closed for them, as before, but they are never passed on).
    const endsFrame = update.byteOffset + update.byteLength === frame.byteOffset + frame.byteLength;
    this.room.applyAwareness(this, own, update, endsFrame ? frame : undefined);
    return null;
  }

  private takeAwarenessToken(): boolean {
    const now = Date.now();
    const rate = this.limits.awarenessPerSecond;
    this.awarenessTokens = Math.min(
      rate,
      this.awarenessTokens + ((now - this.awarenessRefilledAt) / 1000) * rate,
    );
    this.awarenessRefilledAt = now;
    if (this.awarenessTokens < 1) return false;
    this.awarenessTokens -= 1;
    return true;
  }
}
