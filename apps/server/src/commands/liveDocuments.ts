// The live-documents port: what commands (and routes) may ask of the documents open in the
// real-time layer — read the current text, change it as the server, push live events to open
// editors, re-check sockets when access changes. The sync layer implements it
// (sync/LiveDocumentsService.ts); commands depend on this file only.
import type { ClaimLiveEvent, DocumentSchema, EvidenceLinkEvent, PersonRef } from '@factdesk/model';
import type * as Y from 'yjs';
import type { StorageStatus } from '../sync/StorageHealth.ts';

/** Whose access changed; every open socket it matches is re-authorised within 2 seconds. */
export type AccessChange =
  | { userId: string }
  | { workspaceId: string }
  | { documentId: string }
  | { sessionId: string }
  | { tokenId: string };

/** A document as live events carry it: the same for every editor, so without abilities. */
export type LiveDocumentState = Omit<DocumentSchema, 'abilities'>;

/** Every live event an open editor may receive (Factdesk's MESSAGE_EVENT, JSON). */
export type LiveEvent =
  /** A claim, its verdict, evidence or comments changed (after commit). */
  | ClaimLiveEvent
  /** The lock, the metadata or the archived flag changed: editors read the document again. */
  | { type: 'document.updated'; document: LiveDocumentState }
  /** The document is gone; its sockets are closed right after. */
  | { type: 'document.deleted'; documentId: string; workspaceId: string }
  /** The link checker found something new at an evidence link (docs/evidence-links.md). */
  | EvidenceLinkEvent;

export interface LiveDocuments {
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
  /**
   * Sends a live event to every Factdesk editor connected to the document, on every instance,
   * and tells the workspace's live lists (board, documents list) that the document or its
   * claims changed — a signal without content (WorkspaceEvent).
   */
  publishEvent(documentId: string, event: LiveEvent): void;
  /** A document was imported: the workspace's live lists hear of it. */
  documentAdded(workspaceId: string, documentId: string): void;
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
