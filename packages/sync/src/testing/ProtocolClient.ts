// A y-websocket client in memory, for the sync core's own tests: a Y.Doc and its awareness
// speaking the stock y-protocols messages (sync step 1 and 2, updates, awareness) the way the
// y-websocket provider does, to a Connection through a FakeSocket. Frames travel one microtask
// later in each direction, in order, as over a real socket. It also records Factdesk's own
// messages (saved signal, live events) when it asks for them. Tests only.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Connection } from '../Connection.ts';
import { MESSAGE_AWARENESS, MESSAGE_EVENT, MESSAGE_SAVED, MESSAGE_SYNC } from '../protocol.ts';
import type { Registry } from '../Registry.ts';
import { FakeSocket } from './FakeSocket.ts';

export interface ProtocolClientOptions<Auth> {
  userId?: string;
  readOnly?: boolean;
  /** Asks for the saved signal and live events (`?factdesk=1`); default true. */
  extensions?: boolean;
  auth?: Auth;
  /** The client's copy before it connects (offline edits, or a copy from an earlier session). */
  doc?: Y.Doc;
}

export class ProtocolClient<Auth = unknown> {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly socket: FakeSocket;
  readonly connection: Connection<Auth>;
  /** The latest saved signal: a state vector of what is committed. */
  saved: Map<number, number> | undefined;
  /** Live events received (JSON parsed), the identity event first. */
  readonly events: { type?: string; [key: string]: unknown }[] = [];
  /** Whether the server's sync step 2 arrived (the provider's `synced`). */
  synced = false;

  constructor(
    registry: Registry<Auth>,
    documentId: string,
    options: ProtocolClientOptions<Auth> = {},
  ) {
    this.doc = options.doc ?? new Y.Doc();
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.socket = new FakeSocket((data) => queueMicrotask(() => this.receive(data)));
    const userId = options.userId ?? `user-${this.doc.clientID}`;
    this.connection = registry.connect(documentId, this.socket, {
      identity: { userId, name: userId, color: '#000000' },
      readOnly: options.readOnly ?? false,
      extensions: options.extensions ?? true,
      auth: options.auth as Auth,
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.sendUpdate(update);
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>) => {
        const changed = [...added, ...updated, ...removed];
        const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
        this.send(MESSAGE_AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, update));
      },
    );
    // As the provider does on open: its state vector, then its presence if it has one.
    this.send(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, this.doc));
    if (this.awareness.getLocalState() !== null) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
      this.send(MESSAGE_AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, update));
    }
  }

  /** The whole frame is sent as it is (a test's own bytes). */
  sendRaw(data: Uint8Array): void {
    queueMicrotask(() => this.connection.receive(data));
  }

  /** A Yjs update, as the provider sends a local change. */
  sendUpdate(update: Uint8Array): void {
    this.send(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update));
  }

  /** The socket closed from the client's side; the client stops (its copy stays readable). */
  disconnect(): void {
    queueMicrotask(() => this.connection.closed());
    this.awareness.destroy();
  }

  /** Whether the latest saved signal covers this client's own edits (as the web app judges it). */
  get ownEditsSaved(): boolean {
    const own = Y.decodeStateVector(Y.encodeStateVector(this.doc)).get(this.doc.clientID) ?? 0;
    return (this.saved?.get(this.doc.clientID) ?? 0) >= own;
  }

  private send(type: number, write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, type);
    write(encoder);
    this.sendRaw(encoding.toUint8Array(encoder));
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
        if (step === syncProtocol.messageYjsSyncStep2) this.synced = true;
        // A sync step 1 is answered with step 2.
        if (encoding.length(encoder) > 1) this.sendRaw(encoding.toUint8Array(encoder));
        break;
      }
      case MESSAGE_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(
          this.awareness,
          decoding.readVarUint8Array(decoder),
          this,
        );
        break;
      case MESSAGE_SAVED:
        this.saved = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
        break;
      case MESSAGE_EVENT:
        this.events.push(JSON.parse(decoding.readVarString(decoder)));
        break;
    }
  }
}
