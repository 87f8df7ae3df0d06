// "Something changed in this workspace" signals for its live lists (the board, the documents
// list; GET /api/workspaces/:id/events), on every instance: a KeyedBroadcast keyed by
// workspace on the channel `<prefix>workspace-events`. LiveDocumentsService sends one for
// every live event a document publishes, so a change that reaches open editors reaches the
// lists too. Signals name a document at most, never what changed in it.
import type { WorkspaceEvent } from '@factdesk/model';
import type { FastifyBaseLogger } from 'fastify';
import { KeyedBroadcast, type KeyedListener } from './KeyedBroadcast.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A relayed signal, checked: its kind, and a document id that is one. */
function parseWorkspaceEvent(raw: unknown): WorkspaceEvent | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { kind, documentId } = raw as { kind?: unknown; documentId?: unknown };
  const id = typeof documentId === 'string' && UUID.test(documentId) ? documentId : undefined;
  if ((kind === 'claims' || kind === 'presence') && id) return { kind, documentId: id };
  if (kind === 'documents') return id ? { kind, documentId: id } : { kind };
  return undefined;
}

export class WorkspaceEventHub {
  private readonly broadcast: KeyedBroadcast<WorkspaceEvent>;

  constructor(options: {
    redisUrl: string | undefined;
    prefix: string;
    log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  }) {
    this.broadcast = new KeyedBroadcast({
      redisUrl: options.redisUrl,
      channel: `${options.prefix}workspace-events`,
      name: 'factdesk-workspace-events',
      log: options.log,
      lostMessage:
        'Redis lost: open boards and document lists hear of changes made on this instance only until it is back (a reload shows the rest)',
      backMessage: 'Redis is back: open boards and document lists hear of every instance again',
      parse: parseWorkspaceEvent,
    });
  }

  listen(workspaceId: string, listener: KeyedListener<WorkspaceEvent>): () => void {
    return this.broadcast.listen(workspaceId, listener);
  }

  publish(workspaceId: string, event: WorkspaceEvent): void {
    this.broadcast.send(workspaceId, event);
  }

  close(): Promise<void> {
    return this.broadcast.close();
  }
}
