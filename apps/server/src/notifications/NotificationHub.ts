// Live delivery of notifications to each person's open inboxes (the per-user event streams of
// routes/notifications), on every instance: a KeyedBroadcast keyed by user on the channel
// `<prefix>notifications` (Redis with REDIS_URL; without it, this instance only).
import type { Notification } from '@factdesk/model';
import type { FastifyBaseLogger } from 'fastify';
import type { NotificationDelivery } from '../commands/notifications/NotificationDelivery.ts';
import { presentNotification } from '../presenters/notifications.ts';
import type { NotificationRow, WithdrawnNotification } from '../queries/notifications.ts';
import { KeyedBroadcast, type KeyedListener } from '../sync/KeyedBroadcast.ts';

/**
 * What a stream hears: a new notification, notifications withdrawn (by id), or only that its
 * unread count may have changed.
 */
export type InboxSignal = { notification?: Notification; withdrawn?: string[] };
export type InboxListener = KeyedListener<InboxSignal>;

/** A relayed signal, as far as this instance relies on it. */
function parseInboxSignal(raw: unknown): InboxSignal | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { notification, withdrawn } = raw as { notification?: unknown; withdrawn?: unknown };
  if (typeof notification === 'object' && notification !== null) {
    return { notification: notification as Notification };
  }
  if (Array.isArray(withdrawn)) {
    return { withdrawn: withdrawn.filter((id): id is string => typeof id === 'string') };
  }
  return {};
}

export class NotificationHub implements NotificationDelivery {
  private readonly broadcast: KeyedBroadcast<InboxSignal>;

  constructor(options: {
    redisUrl: string | undefined;
    prefix: string;
    log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  }) {
    this.broadcast = new KeyedBroadcast({
      redisUrl: options.redisUrl,
      channel: `${options.prefix}notifications`,
      name: 'factdesk-notifications',
      log: options.log,
      lostMessage:
        'Redis lost: notifications reach open inboxes on this instance only until it is back (they are stored; a reload shows them)',
      backMessage: 'Redis is back: notifications reach open inboxes on every instance again',
      parse: parseInboxSignal,
    });
  }

  /** Listens to one person's notifications; returns the function that stops listening. */
  listen(userId: string, listener: InboxListener): () => void {
    return this.broadcast.listen(userId, listener);
  }

  deliver(rows: NotificationRow[]): void {
    for (const row of rows) {
      this.broadcast.send(row.user_id, { notification: presentNotification(row) });
    }
  }

  withdraw(rows: WithdrawnNotification[]): void {
    const byUser = new Map<string, string[]>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.id]);
    for (const [userId, ids] of byUser) this.broadcast.send(userId, { withdrawn: ids });
  }

  /** The person read something (maybe in another tab): their inboxes refresh the count. */
  readChanged(userId: string): void {
    this.broadcast.send(userId, {});
  }

  close(): Promise<void> {
    return this.broadcast.close();
  }
}
