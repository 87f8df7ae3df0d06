// The live-documents port (commands/liveDocuments.ts) over this instance's document registry:
// reads and server changes go to the live copy, live events to the open editors of every
// instance (and, as a content-free signal, to the workspace's live lists), access changes to
// the AccessRecheck.
import type { PersonRef, WorkspaceEvent } from '@factdesk/model';
import type { Registry } from '@factdesk/sync';
import type * as Y from 'yjs';
import type { SocketAuth } from '../access/socketAccess.ts';
import type { AccessChange, LiveDocuments, LiveEvent } from '../commands/liveDocuments.ts';
import type { AccessRecheck } from './AccessRecheck.ts';
import type { SearchTextIndexer } from './SearchTextIndexer.ts';
import type { StorageHealth, StorageStatus } from './StorageHealth.ts';
import type { WorkspaceEventHub } from './WorkspaceEventHub.ts';

export interface LiveDocumentsServiceDeps {
  registry: Registry<SocketAuth>;
  storage: Pick<StorageHealth, 'status'>;
  searchText: Pick<SearchTextIndexer, 'textChanged'>;
  access: Pick<AccessRecheck, 'accessChanged'>;
  workspaceEvents: Pick<WorkspaceEventHub, 'publish'>;
}

/** The workspace a live event is about, and what its lists should hear. */
function workspaceSignalOf(
  documentId: string,
  event: LiveEvent,
): [string, WorkspaceEvent] | undefined {
  switch (event.type) {
    case 'document.updated':
      return [event.document.workspaceId, { kind: 'documents', documentId }];
    case 'document.deleted':
      return [event.workspaceId, { kind: 'documents', documentId }];
    case 'evidence.link':
      return undefined;
    default:
      return [event.claim.workspaceId, { kind: 'claims', documentId }];
  }
}

export class LiveDocumentsService implements LiveDocuments {
  constructor(private readonly deps: LiveDocumentsServiceDeps) {}

  readDocument<T>(documentId: string, read: (doc: Y.Doc) => T): Promise<T> {
    return this.deps.registry.readDocument(documentId, read);
  }

  changeDocument(documentId: string, change: (doc: Y.Doc) => void): Promise<void> {
    return this.deps.registry.changeDocument(documentId, change);
  }

  publishEvent(documentId: string, event: LiveEvent): void {
    this.deps.registry.publishEvent(documentId, event);
    const signal = workspaceSignalOf(documentId, event);
    if (signal) this.deps.workspaceEvents.publish(...signal);
  }

  documentAdded(workspaceId: string, documentId: string): void {
    this.deps.workspaceEvents.publish(workspaceId, { kind: 'documents', documentId });
  }

  textWritten(documentId: string): void {
    this.deps.searchText.textChanged(documentId);
  }

  storageStatus(): StorageStatus {
    return this.deps.storage.status;
  }

  presentUsers(documentId: string): PersonRef[] {
    const people = new Map<string, PersonRef>();
    for (const connection of this.deps.registry.connections()) {
      if (connection.documentId !== documentId || connection.isClosed) continue;
      const { userId, name } = connection.identity;
      people.set(userId, { id: userId, name });
    }
    return [...people.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
  }

  accessChanged(change: AccessChange): Promise<void> {
    return this.deps.access.accessChanged(change);
  }
}
