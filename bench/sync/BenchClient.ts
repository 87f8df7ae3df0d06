// A lightweight sync client for the load generator: one Y.Doc and one Awareness over a bare
// `ws` socket, speaking y-protocols sync/awareness. The same code drives every server; only the
// framing differs (Hocuspocus prefixes each message with the document name and wants an auth
// message first). A stock WebsocketProvider per client would cost the generator more CPU than
// the servers at 200 clients on this machine, so receivers use this instead.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export type ServerKind = 'ours' | 'hocuspocus' | 'y-websocket-server';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_SYNC_REPLY = 4; // Hocuspocus: a sync message that asks for no step 1 back
const MESSAGE_SAVED = 100; // Factdesk: packages/sync/src/protocol.ts
const MESSAGE_EVENT = 101; // Factdesk: live events, the identity first
/** The editor's root fragment: our server refuses updates anywhere else. */
export const ARTICLE_FIELD = 'article';

export interface ClientTarget {
  kind: ServerKind;
  port: number;
  token?: string;
}

export class BenchClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Latest saved state vector from our server (empty until the first saved signal). */
  saved = new Map<number, number>();
  onSaved: (() => void) | undefined;
  /**
   * The `user` an editor puts in its awareness state: for ours the identity the server sends
   * first (the web client shows itself with it), for the peers a stand-in of the same shape.
   */
  user = { userId: '00000000-0000-4000-8000-000000000000', name: 'Bench', color: '#1f77b4' };
  /** performance.now() when the socket opened, the first sync step 2 arrived, and it was applied. */
  readonly timings = { openedAt: 0, step2ReceivedAt: 0, syncedAt: 0 };
  private readonly socket: WebSocket;
  private synced = false;
  private readonly syncedWaiters: Array<() => void> = [];

  /**
   * `presence: false`: no awareness state of its own, so it never renews one (an Awareness
   * re-announces its state every 15 s; 2,000 clients renewing on one document is 4 million
   * deliveries per 15 s, which would swamp the generator in the scale phase's "idle" sockets).
   */
  constructor(
    private readonly target: ClientTarget,
    private readonly documentName: string,
    { presence = true }: { presence?: boolean } = {},
  ) {
    if (!presence) this.awareness.setLocalState(null);
    const query =
      target.kind === 'ours' ? `?token=${encodeURIComponent(target.token ?? '')}&factdesk=1` : '';
    const path = target.kind === 'ours' ? `/collab/${documentName}` : `/${documentName}`;
    this.socket = new WebSocket(`ws://127.0.0.1:${target.port}${path}${query}`, {
      perMessageDeflate: false,
    });
    this.socket.binaryType = 'nodebuffer';
    this.socket.on('open', () => this.start());
    this.socket.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    this.socket.on('error', () => {});
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      this.send((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeUpdate(encoder, update);
      });
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
        if (origin === this) return;
        const changed = [...(added ?? []), ...(updated ?? []), ...(removed ?? [])];
        const payload = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
        this.send((encoder) => {
          encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
          encoding.writeVarUint8Array(encoder, payload);
        });
      },
    );
  }

  /** Resolves once the server's sync step 2 has been applied. */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncedWaiters.push(resolve));
  }

  /** The article's first paragraph text (created by whoever writes first). */
  paragraphText(): Y.XmlText | undefined {
    const first = this.doc.getXmlFragment(ARTICLE_FIELD).get(0);
    const text = first instanceof Y.XmlElement ? first.get(0) : undefined;
    return text instanceof Y.XmlText ? text : undefined;
  }

  /** Inserts text into the first paragraph, creating it if the document is empty. */
  insert(index: number, content: string): void {
    const existing = this.paragraphText();
    if (existing) {
      existing.insert(Math.min(index, existing.length), content);
      return;
    }
    this.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      this.doc.getXmlFragment(ARTICLE_FIELD).insert(0, [paragraph]);
      text.insert(0, content);
    });
  }

  textLength(): number {
    return this.paragraphText()?.length ?? 0;
  }

  /** The clock a saved signal must reach for all of this client's edits so far. */
  ownClock(): number {
    return Y.getState(this.doc.store, this.doc.clientID);
  }

  close(): void {
    this.awareness.destroy();
    this.socket.terminate();
    this.doc.destroy();
  }

  private start() {
    this.timings.openedAt = performance.now();
    if (this.target.kind === 'hocuspocus') {
      // Auth first (token type 0); the server answers "authenticated" then syncs.
      this.send((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_AUTH);
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarString(encoder, 'bench');
      });
    }
    this.send((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.doc);
    });
  }

  private send(write: (encoder: encoding.Encoder) => void) {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    if (this.target.kind === 'hocuspocus') encoding.writeVarString(encoder, this.documentName);
    write(encoder);
    this.socket.send(encoding.toUint8Array(encoder));
  }

  private receive(data: Uint8Array) {
    const receivedAt = performance.now();
    const decoder = decoding.createDecoder(data);
    if (this.target.kind === 'hocuspocus') decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC || type === MESSAGE_SYNC_REPLY) {
      const encoder = encoding.createEncoder();
      if (this.target.kind === 'hocuspocus') encoding.writeVarString(encoder, this.documentName);
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      const headerLength = encoding.length(encoder);
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (encoding.length(encoder) > headerLength) {
        this.socket.send(encoding.toUint8Array(encoder));
      }
      if (syncType === syncProtocol.messageYjsSyncStep2 && !this.synced) {
        this.timings.step2ReceivedAt = receivedAt;
        this.timings.syncedAt = performance.now();
        this.synced = true;
        for (const resolve of this.syncedWaiters.splice(0)) resolve();
      }
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        decoding.readVarUint8Array(decoder),
        this,
      );
    } else if (type === MESSAGE_EVENT) {
      const event = JSON.parse(decoding.readVarString(decoder)) as {
        type?: string;
        user?: BenchClient['user'];
      };
      if (event.type === 'connection.identity' && event.user) this.user = event.user;
    } else if (type === MESSAGE_SAVED) {
      const vector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      this.saved = vector;
      this.onSaved?.();
    }
    // Anything else (Hocuspocus auth/sync status, our live events) needs no answer here.
  }
}
