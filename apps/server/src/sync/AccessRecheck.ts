// Re-decides open sockets' access when it may have changed: for the sockets a named change
// matches (logout, revoked token, removed member, lock…), for every socket on a timer
// (sessions also end by expiry, which no command announces), and with scale-out for changes
// another instance announces (AccessChangeRelay). A socket that lost access is revoked — its
// copy's later edits are refused for good (docs/sync.md) — one whose rights changed is made
// read-only or writable.
import type { Connection, Registry } from '@factdesk/sync';
import type { FastifyBaseLogger } from 'fastify';
import { decideAccessForDocuments, type SocketAuth } from '../access/socketAccess.ts';
import type { AccessChange } from '../commands/liveDocuments.ts';
import type { Sql } from '../db/database.ts';
import { AccessChangeRelay } from './AccessChangeRelay.ts';

export interface AccessRecheckOptions {
  sql: Sql;
  registry: Registry<SocketAuth>;
  /** How often every open socket is re-checked. */
  intervalMs: number;
  /** Scale-out: changes are announced to and heard from the other instances through Redis. */
  redis?: { url: string; prefix: string };
  log: FastifyBaseLogger;
}

/**
 * Credentials re-decided at once: the embedded database is one session, and a sweep must not
 * queue ahead of the access checks of sockets opening meanwhile.
 */
const CONCURRENT_CREDENTIALS = 2;

export class AccessRecheck {
  private readonly sweep: NodeJS.Timeout;
  private readonly relay: AccessChangeRelay | undefined;
  /** A sweep is under way: the timer does not start another on top of it. */
  private sweeping = false;

  constructor(private readonly options: AccessRecheckOptions) {
    this.sweep = setInterval(() => this.recheckAll(), options.intervalMs);
    this.sweep.unref();
    // A change handled here reaches the sockets of the other instances at once too. Our own
    // announcements are ignored when they come back: they were re-checked here already.
    this.relay =
      options.redis &&
      new AccessChangeRelay(options.redis.url, {
        prefix: options.redis.prefix,
        log: options.log,
        onChange: (change) => void this.recheckMatching(change),
        onMissed: () => this.recheckAll(),
      });
  }

  /** Announces the change to the other instances and re-checks this one's matching sockets. */
  async accessChanged(change: AccessChange): Promise<void> {
    this.relay?.publish(change);
    await this.recheckMatching(change);
  }

  /** No more re-checks: the sockets are going anyway. */
  async close(): Promise<void> {
    clearInterval(this.sweep);
    await this.relay?.close();
  }

  private async recheckMatching(change: AccessChange): Promise<void> {
    const matching = [...this.options.registry.connections()].filter((c) =>
      matches(c.auth, change),
    );
    await this.recheck(matching);
  }

  private recheckAll(): void {
    if (this.sweeping) return;
    this.sweeping = true;
    void this.recheck([...this.options.registry.connections()]).finally(() => {
      this.sweeping = false;
    });
  }

  /**
   * Re-decides the sockets' access: per credential, one statement for all the documents it
   * has open (a user's sockets on one document share the answer), a few credentials at a time.
   * A sweep of 10,000 open documents is then a handful of statements, not 10,000 queued on the
   * embedded database's one session ahead of the sockets opening meanwhile.
   */
  private async recheck(connections: Connection<SocketAuth>[]): Promise<void> {
    const byCredential = new Map<string, Map<string, Connection<SocketAuth>[]>>();
    for (const connection of connections) {
      const { documentId, credential } = connection.auth;
      const key = `${credential.via} ${credential.id}`;
      const documents = byCredential.get(key) ?? new Map<string, Connection<SocketAuth>[]>();
      byCredential.set(key, documents);
      const sockets = documents.get(documentId);
      if (sockets) sockets.push(connection);
      else documents.set(documentId, [connection]);
    }
    const pending = [...byCredential.values()];
    const worker = async () => {
      for (let group = pending.pop(); group; group = pending.pop()) await this.decide(group);
    };
    await Promise.all(Array.from({ length: CONCURRENT_CREDENTIALS }, worker));
  }

  /** Closes one credential's sockets, or flips them read-only, as the rows now say. */
  private async decide(byDocument: Map<string, Connection<SocketAuth>[]>): Promise<void> {
    const credential = byDocument.values().next().value?.[0]?.auth.credential;
    if (!credential) return;
    try {
      const decisions = await decideAccessForDocuments(
        this.options.sql,
        [...byDocument.keys()],
        credential,
      );
      for (const [documentId, connections] of byDocument) {
        const decision = decisions.get(documentId);
        if (!decision) continue;
        for (const connection of connections) {
          if (!decision.ok) connection.revoke(decision.close);
          else connection.setReadOnly(decision.readOnly);
        }
      }
    } catch (error) {
      this.options.log.warn(
        { err: error, documents: byDocument.size },
        're-checking socket access failed',
      );
    }
  }
}

function matches(auth: SocketAuth, change: AccessChange): boolean {
  return (
    ('userId' in change && auth.userId === change.userId) ||
    ('workspaceId' in change && auth.workspaceId === change.workspaceId) ||
    ('documentId' in change && auth.documentId === change.documentId) ||
    ('sessionId' in change &&
      auth.credential.via === 'session' &&
      auth.credential.id === change.sessionId) ||
    ('tokenId' in change &&
      auth.credential.via === 'token' &&
      auth.credential.id === change.tokenId)
  );
}
