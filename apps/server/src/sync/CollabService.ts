// What the rest of the server may ask of live documents: run code on the server's copy of a
// document, change it as the server (relayed and persisted like any edit), push live events
// to its open editors, and re-check sockets when someone's access changes.
import type { PersonRef } from '@factdesk/model';
import type * as Y from 'yjs';
import type { StorageStatus } from './StorageHealth.ts';

/** Whose access changed; every open socket it matches is re-authorised within 2 seconds. */
export type AccessChange =
  | { userId: string }
  | { workspaceId: string }
  | { documentId: string }
  | { sessionId: string }
  | { tokenId: string };

export interface CollabService {
  /**
   * Runs `read` on the document's current Yjs state: the live copy when it is open on this
   * instance, otherwise one loaded from PostgreSQL for the call. Do not keep the doc.
   */
  readDocument<T>(documentId: string, read: (doc: Y.Doc) => T): Promise<T>;
  /**
   * Changes the document as the server (imports into an open document, history restores):
   * the change reaches every open editor and is persisted like a client's edit.
   */
  changeDocument(documentId: string, change: (doc: Y.Doc) => void): Promise<void>;
  /**
   * The document's text was written outside a room (an import): its search text is copied
   * within SEARCH_TEXT_DELAY_MS. Edits through rooms and changeDocument need no call.
   */
  textWritten(documentId: string): void;
  /** Whether this instance's saves go through right now, and if not, why. */
  storageStatus(): StorageStatus;
  /** Sends a live event (JSON) to every Factdesk editor connected to the document. */
  publishEvent(documentId: string, event: object): void;
  /**
   * The distinct users with an open socket to the document on this server instance, by name.
   * (With several instances, each knows only its own sockets.)
   */
  presentUsers(documentId: string): PersonRef[];
  /**
   * Re-authorises matching sockets: closes them or makes them read-only as the rows now say.
   * Resolves once this instance's sockets are re-checked, so an event published afterwards
   * (e.g. "unlocked") never reaches a socket that would still refuse the edit it invites.
   */
  accessChanged(change: AccessChange): Promise<void>;
}
