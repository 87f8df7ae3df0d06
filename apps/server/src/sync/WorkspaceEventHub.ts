// "Something changed in this workspace" signals for its live lists (the board, the documents
// list; GET /api/workspaces/:id/events), on every instance: a KeyedBroadcast keyed by
// workspace on the channel `<prefix>workspace-events`. LiveDocumentsService sends one for
// every live event a document publishes, so a change that reaches open editors reaches the
// lists too. Signals name a document at most, never what changed in it.
import { UUID_PATTERN, type WorkspaceEvent } from '@factdesk/model';
import type { FastifyBaseLogger } from 'fastify';
import { KeyedBroadcast, type KeyedListener } from './KeyedBroadcast.ts';

/** A relayed signal, checked: its kind, and a document id that is one. */
function parseWorkspaceEvent(raw: unknown): WorkspaceEvent | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { kind, documentId } = raw as { kind?: unknown; documentId?: unknown };
  const id =
    typeof documentId === 'string' && UUID_PATTERN.test(documentId) ? documentId : undefined;
  if ((kind === 'claims' || kind === 'presence') && id) return { kind, documentId: id };
  if (kind === 'documents') return id ? { kind, documentId: id } : { kind };
  return undefined;
}

/**
 * Presence changes come in bursts (a newsroom opening a document at once, every socket of a
 * restarted instance reconnecting): one signal per document per window, not one per socket.
 */
const PRESENCE_WINDOW_MS = 250;

export class WorkspaceEventHub {
  private readonly broadcast: KeyedBroadcast<WorkspaceEvent>;
  /** Documents whose presence changed in this window, with their workspace. */
  private readonly presenceChanged = new Map<string, string>();
  private presenceTimer: NodeJS.Timeout | undefined;

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
    if (event.kind !== 'presence') {
      this.broadcast.send(workspaceId, event);
      return;
    }
    this.presenceChanged.set(event.documentId, workspaceId);
    this.presenceTimer ??= setTimeout(() => this.sendPresence(), PRESENCE_WINDOW_MS);
  }

  close(): Promise<void> {
    clearTimeout(this.presenceTimer);
    this.presenceChanged.clear();
    return this.broadcast.close();
  }

  private sendPresence(): void {
    this.presenceTimer = undefined;
    for (const [documentId, workspaceId] of this.presenceChanged) {
      this.broadcast.send(workspaceId, { kind: 'presence', documentId });
    }
    this.presenceChanged.clear();
  }
}
