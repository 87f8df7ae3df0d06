// One open document: its Y.Doc and the y-websocket connection that syncs it, with Factdesk's
// own messages (the saved signal and live events, asked for with ?factdesk=1) and a
// connection state a person can read. Edits made while offline stay in the Y.Doc (and, for a
// writable document, in this browser's IndexedDB copy, so a reload keeps them) and are sent
// when the connection returns (the sync handshake exchanges what each side lacks). A copy
// the server refuses (close 4409) is never offered again: see `discard`. The socket opens only
// once the local copy is loaded (or known to be absent): see `keepLocalCopy`.
import { caretColorOf } from '@factdesk/model';
import { CloseCodes } from '@factdesk/sync/closeCodes';
import {
  EXTENSIONS_PARAM,
  IDENTITY_EVENT,
  MESSAGE_EVENT,
  MESSAGE_SAVED,
} from '@factdesk/sync/protocol';
import * as decoding from 'lib0/decoding';
import type { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { MessageId } from '../i18n/catalogs.ts';
import { dropLocalCopy, keepLocalCopy } from './localCopies.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'closed';

export interface ConnectionState {
  status: ConnectionStatus;
  /** The first sync since (re)connecting is done: the text shown is the server's. */
  synced: boolean;
  /** Every local edit is durably stored on the server. */
  saved: boolean;
  /** Why the server ended the connection for good (status "closed"). */
  /** Why it closed, as a message of the catalogs. */
  closedReason: MessageId | null;
  /**
   * Closed because this copy holds changes the server refused (typed while read-only, or
   * from another document's history): it must be discarded and the text loaded again.
   */
  refused: boolean;
}

/** What to tell a person when the server closes the socket for good. */
const CLOSED_REASONS: Record<number, MessageId> = {
  [CloseCodes.unauthenticated.code]: 'connection.closed.unauthenticated',
  [CloseCodes.forbidden.code]: 'connection.closed.forbidden',
  [CloseCodes.notFound.code]: 'connection.closed.notFound',
  [CloseCodes.malformed.code]: 'connection.closed.malformed',
  [CloseCodes.tooLarge.code]: 'connection.closed.tooLarge',
};

const REFUSED_REASON: MessageId = 'connection.closed.refused';

/** Close codes after which reconnecting cannot help; any other close is retried with back-off. */
const TERMINAL = new Set([
  ...Object.keys(CLOSED_REASONS).map(Number),
  // Reconnecting with the same Y.Doc would offer the refused changes again.
  CloseCodes.RefusedChangesHeld.code,
]);

/** After these the person may not read the document any more: no copy stays in this browser. */
const ACCESS_ENDED = new Set<number>([CloseCodes.forbidden.code, CloseCodes.notFound.code]);

interface IdentityEvent {
  type: typeof IDENTITY_EVENT;
  user: { userId: string; name: string; color: string };
  /** The largest frame the server accepts (absent from older servers). */
  maxMessageBytes?: number;
}

/** The server's default frame limit, assumed until its greeting says otherwise. */
const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

function isIdentity(event: unknown): event is IdentityEvent {
  const candidate = event as Partial<IdentityEvent> | null;
  return (
    candidate?.type === IDENTITY_EVENT &&
    typeof candidate.user?.userId === 'string' &&
    typeof candidate.user.name === 'string' &&
    typeof candidate.user.color === 'string'
  );
}

export class DocumentConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private state: ConnectionState = {
    status: 'connecting',
    synced: false,
    saved: true,
    closedReason: null,
    refused: false,
  };
  /** The largest frame the server accepts: one change (a paste) must fit in it. */
  maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
  /** What the server has committed, by Yjs client. */
  private savedState = new Map<number, number>();
  /**
   * The clients whose edits are this browser's to save: this tab's, and those an earlier tab
   * left in the local copy (after a reload they are not this Y.Doc's clientID any more).
   */
  private readonly ownClients = new Set<number>();
  private localCopy: IndexeddbPersistence | null = null;
  /** The first `keepLocalCopy` has settled: the socket may open (see there). */
  private copySettled = false;
  /** Settles once `localCopy` is loaded (or could not be opened). */
  private localCopyLoaded: Promise<unknown> = Promise.resolve();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly eventListeners = new Set<(event: unknown) => void>();
  private readonly syncedListeners = new Set<() => void>();

  /** `me`: shown to the others until the server stamps the same identity on our awareness. */
  constructor(documentId: string, me: { userId: string; name: string }) {
    this.ownClients.add(this.doc.clientID);
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    this.provider = new WebsocketProvider(
      `${scheme}://${window.location.host}/collab`,
      documentId,
      this.doc,
      {
        params: { [EXTENSIONS_PARAM]: '1' },
        // The server is the only authority on what reaches the document; no tab-to-tab relay.
        disableBc: true,
        maxBackoffTime: 5000,
        // Not before the local copy is loaded: see keepLocalCopy.
        connect: false,
      },
    );
    this.provider.shouldReconnect = (event) => !TERMINAL.has(event.code);
    // Announcing ourselves is what puts us in everyone's presence list.
    this.provider.awareness.setLocalStateField('user', {
      userId: me.userId,
      name: me.name,
      color: caretColorOf(me.userId),
    });
    this.provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      this.savedState = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      this.update({ saved: this.isSaved() });
    };
    this.provider.messageHandlers[MESSAGE_EVENT] = (_encoder, decoder) => {
      let event: unknown;
      try {
        event = JSON.parse(decoding.readVarString(decoder));
      } catch {
        return;
      }
      if (isIdentity(event)) {
        // Show ourselves as the others see us (the server may give another colour).
        this.provider.awareness.setLocalStateField('user', event.user);
        if (typeof event.maxMessageBytes === 'number') this.maxMessageBytes = event.maxMessageBytes;
        return;
      }
      for (const listener of this.eventListeners) listener(event);
    };
    this.provider.on('status', ({ status }) => {
      if (this.state.status === 'closed') return;
      if (status === 'connected') this.update({ status: 'connected' });
      else this.update({ status: navigator.onLine ? 'connecting' : 'offline', synced: false });
    });
    this.provider.on('sync', (synced) => {
      this.update({ synced });
      if (synced) for (const listener of this.syncedListeners) listener();
    });
    this.provider.on('closed', ({ code }) => {
      const refused = code === CloseCodes.RefusedChangesHeld.code;
      if (ACCESS_ENDED.has(code)) void this.keepLocalCopy(null);
      this.update({
        status: 'closed',
        synced: false,
        refused,
        closedReason: refused
          ? REFUSED_REASON
          : (CLOSED_REASONS[code] ?? 'connection.closed.other'),
      });
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) return;
      if (origin !== null && origin === this.localCopy) {
        // Edits an earlier tab stored and may not have sent: ours to save too.
        for (const client of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)).keys()) {
          this.ownClients.add(client);
        }
      }
      // Our own edit (not one applied from the socket) is unsaved until the server says so.
      this.update({ saved: this.isSaved() });
    });
    window.addEventListener('offline', this.goOffline);
    window.addEventListener('online', this.goOnline);
  }

  getState(): ConnectionState {
    return this.state;
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Live events pushed by the server (claim changes, document lock…), as parsed JSON. */
  onEvent(listener: (event: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Called after every completed sync: the first, and each after a reconnect. */
  onSynced(listener: () => void): () => void {
    this.syncedListeners.add(listener);
    return () => this.syncedListeners.delete(listener);
  }

  /**
   * Keeps this document in IndexedDB under `name` (loading what is stored there first), or,
   * with null, stops and deletes the copy — for read-only access, which must never keep one.
   * Resolves once the copy is loaded or gone. The socket opens once the first call settles.
   *
   * Why it waits: y-websocket sends every change of a connected Y.Doc as one update frame, and
   * the copy arrives as one change — a copy of a long article (a megabyte pasted in parts) is
   * over the server's frame limit, and the server closed the socket as too large when the copy
   * finished loading after the socket opened (a page reopening a long document, now and then).
   * Loaded first, the copy is part of the handshake: only what the server lacks is sent.
   */
  async keepLocalCopy(name: string | null): Promise<void> {
    try {
      await this.loadLocalCopy(name);
    } finally {
      if (!this.copySettled) {
        this.copySettled = true;
        if (this.state.status === 'connecting' && !this.doc.isDestroyed) this.provider.connect();
      }
    }
  }

  private async loadLocalCopy(name: string | null): Promise<void> {
    if (this.localCopy?.name === name) {
      await this.localCopyLoaded; // a second call while the first is still loading
      return;
    }
    const previous = this.localCopy;
    this.localCopy = null;
    if (previous) await dropLocalCopy(previous);
    // A refused copy is never stored again, even if the page learns it may write before it
    // has replaced this connection: the next connection's copy would load the refused text.
    if (name === null || this.doc.isDestroyed || this.state.refused) return;
    const copy = keepLocalCopy(name, this.doc);
    this.localCopy = copy;
    // Without IndexedDB (refused by the browser) the copy never loads: connect without it.
    this.localCopyLoaded = Promise.all([copy.whenSynced, copy._db]).catch(() => {});
    await this.localCopyLoaded;
    // Another tab deleting this copy (its copy was refused, the text locked, logout) closes
    // our connection to the database: stop writing to it instead of failing on every edit.
    // Not reopened: after a logout that would bring the copy back.
    copy.db?.addEventListener('versionchange', () => {
      if (this.localCopy !== copy) return;
      this.localCopy = null;
      void copy.destroy();
    });
  }

  /**
   * Gives up this copy after the server refused it: no reconnecting, the IndexedDB copy
   * deleted. Resolves with a detached copy of what it held, to show what was not kept.
   */
  async discard(): Promise<Y.Doc> {
    this.provider.shouldConnect = false;
    this.provider.disconnect();
    const held = new Y.Doc();
    Y.applyUpdate(held, Y.encodeStateAsUpdate(this.doc));
    await this.keepLocalCopy(null);
    return held;
  }

  destroy(): void {
    window.removeEventListener('offline', this.goOffline);
    window.removeEventListener('online', this.goOnline);
    this.stateListeners.clear();
    this.eventListeners.clear();
    this.syncedListeners.clear();
    this.provider.destroy();
    // The IndexedDB copy stays (that is its point); only its handle closes with the doc.
    this.localCopy = null;
    this.doc.destroy();
  }

  private isSaved(): boolean {
    for (const client of this.ownClients) {
      if ((this.savedState.get(client) ?? 0) < Y.getState(this.doc.store, client)) return false;
    }
    return true;
  }

  private update(change: Partial<ConnectionState>): void {
    const next = { ...this.state, ...change };
    if (
      next.status === this.state.status &&
      next.synced === this.state.synced &&
      next.saved === this.state.saved &&
      next.closedReason === this.state.closedReason &&
      next.refused === this.state.refused
    ) {
      return;
    }
    this.state = next;
    for (const listener of this.stateListeners) listener(next);
  }

  // The browser knows before the socket does: stop retrying while offline, and reconnect
  // at once when the network is back.
  private readonly goOffline = () => {
    if (this.state.status === 'closed') return;
    this.provider.disconnect();
    this.update({ status: 'offline', synced: false });
  };

  private readonly goOnline = () => {
    if (this.state.status === 'closed') return;
    this.update({ status: 'connecting' });
    if (this.copySettled) this.provider.connect();
  };
}
