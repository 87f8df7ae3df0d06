// Re-decides open sockets' access when it may have changed: for the sockets a named change
// matches (logout, revoked token, removed member, lock…), for every socket on a timer
// (sessions also end by expiry, which no command announces), and with scale-out for changes
// another instance announces (AccessChangeRelay). A socket that lost access is revoked — its
// copy's later edits are refused for good (docs/sync.md) — one whose rights changed is made
// read-only or writable.
import type { Connection, Registry } from '@factdesk/sync';
import type { FastifyBaseLogger } from 'fastify';
import { decideAccess, type SocketAuth } from '../access/socketAccess.ts';
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
 * Decisions in flight at once: the embedded database is one session, and a sweep of thousands
 * of sockets must not queue ahead of the access checks of sockets opening meanwhile.
 */
const CONCURRENT_DECISIONS = 2;

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
   * Re-decides the sockets' access, once per document and credential (a user's sockets on one
   * document share the answer), a few decisions at a time.
   */
  private async recheck(connections: Connection<SocketAuth>[]): Promise<void> {
    const groups = new Map<string, Connection<SocketAuth>[]>();
    for (const connection of connections) {
      const { documentId, credential } = connection.auth;
      const key = `${documentId} ${credential.via} ${credential.id}`;
      const group = groups.get(key);
      if (group) group.push(connection);
      else groups.set(key, [connection]);
    }
    const pending = [...groups.values()];
    const worker = async () => {
      for (let group = pending.pop(); group; group = pending.pop()) await this.decide(group);
    };
    await Promise.all(Array.from({ length: CONCURRENT_DECISIONS }, worker));
  }

  /** Closes the sockets, or flips them read-only, as the rows now say. */
  private async decide(connections: Connection<SocketAuth>[]): Promise<void> {
    const auth = connections[0]?.auth;
    if (!auth) return;
    try {
      const decision = await decideAccess(this.options.sql, auth.documentId, auth.credential);
      for (const connection of connections) {
        if (!decision.ok) connection.revoke(decision.close);
        else connection.setReadOnly(decision.readOnly);
      }
    } catch (error) {
      this.options.log.warn(
        { err: error, documentId: auth.documentId },
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
