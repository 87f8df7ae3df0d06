// One open document: its Y.Doc and the y-websocket connection that syncs it, with Factdesk's
// own messages (the saved signal and live events, asked for with ?factdesk=1) and a
// connection state a person can read. Edits made while offline stay in the Y.Doc and are
// sent when the connection returns (the sync handshake exchanges what each side lacks).
import { caretColorOf } from '@factdesk/model';
import { CloseCodes } from '@factdesk/sync/closeCodes';
import {
  EXTENSIONS_PARAM,
  IDENTITY_EVENT,
  MESSAGE_EVENT,
  MESSAGE_SAVED,
} from '@factdesk/sync/protocol';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'closed';

export interface ConnectionState {
  status: ConnectionStatus;
  /** The first sync since (re)connecting is done: the text shown is the server's. */
  synced: boolean;
  /** Every local edit is durably stored on the server. */
  saved: boolean;
  /** Why the server ended the connection for good (status "closed"). */
  closedReason: string | null;
}

/** What to tell a person when the server closes the socket for good. */
const CLOSED_REASONS: Record<number, string> = {
  [CloseCodes.unauthenticated.code]: 'Your session has ended. Log in again to keep working.',
  [CloseCodes.forbidden.code]: 'You no longer have access to this document.',
  [CloseCodes.notFound.code]: 'This document was deleted or you are no longer a member.',
  [CloseCodes.malformed.code]: 'The connection was refused by the server. Reload the page.',
  [CloseCodes.tooLarge.code]:
    'The last change was larger than the server accepts, or the document has reached its size limit; that change was not saved.',
};

/** Close codes after which reconnecting cannot help; any other close is retried with back-off. */
const TERMINAL = new Set(Object.keys(CLOSED_REASONS).map(Number));

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
  };
  private savedClock = 0;
  /** The largest frame the server accepts: one change (a paste) must fit in it. */
  maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly eventListeners = new Set<(event: unknown) => void>();
  private readonly syncedListeners = new Set<() => void>();

  /** `me`: shown to the others until the server stamps the same identity on our awareness. */
  constructor(documentId: string, me: { userId: string; name: string }) {
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
      const covered = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      this.savedClock = covered.get(this.doc.clientID) ?? 0;
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
      this.update({
        status: 'closed',
        synced: false,
        closedReason: CLOSED_REASONS[code] ?? 'The connection was closed by the server.',
      });
    });
    this.doc.on('update', (_update, origin) => {
      // Our own edit (not one applied from the socket) is unsaved until the server says so.
      if (origin !== this.provider) this.update({ saved: this.isSaved() });
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

  destroy(): void {
    window.removeEventListener('offline', this.goOffline);
    window.removeEventListener('online', this.goOnline);
    this.stateListeners.clear();
    this.eventListeners.clear();
    this.syncedListeners.clear();
    this.provider.destroy();
    this.doc.destroy();
  }

  private isSaved(): boolean {
    return this.savedClock >= Y.getState(this.doc.store, this.doc.clientID);
  }

  private update(change: Partial<ConnectionState>): void {
    const next = { ...this.state, ...change };
    if (
      next.status === this.state.status &&
      next.synced === this.state.synced &&
      next.saved === this.state.saved &&
      next.closedReason === this.state.closedReason
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
    this.provider.connect();
  };
}
