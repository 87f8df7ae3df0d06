// Live delivery of notifications to each person's open inboxes (the per-user event streams of
// routes/notifications). With REDIS_URL every instance publishes what its commands created on
// one channel (`<prefix>notifications`) and delivers what arrives to its own streams, so a
// person connected to another instance hears of it too. Without Redis: this instance only.
import { randomUUID } from 'node:crypto';
import type { Notification } from '@factdesk/model';
import type { FastifyBaseLogger } from 'fastify';
import type { NotificationDelivery } from '../commands/notifications/NotificationDelivery.ts';
import { presentNotification } from '../presenters/notifications.ts';
import type { NotificationRow, WithdrawnNotification } from '../queries/notifications.ts';
import { RedisPubSub } from '../sync/RedisPubSub.ts';

/**
 * What a stream hears: a new notification, notifications withdrawn (by id), or only that its
 * unread count may have changed.
 */
export type InboxSignal = { notification?: Notification; withdrawn?: string[] };
export type InboxListener = (signal: InboxSignal) => void;

const FRAME_VERSION = 1;

export class NotificationHub implements NotificationDelivery {
  private readonly listeners = new Map<string, Set<InboxListener>>();
  private readonly instanceId = randomUUID();
  private readonly redis: RedisPubSub | undefined;
  private readonly channel: string;

  constructor(options: {
    redisUrl: string | undefined;
    prefix: string;
    log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  }) {
    this.channel = `${options.prefix}notifications`;
    if (!options.redisUrl) return;
    const redis = new RedisPubSub(options.redisUrl, {
      name: 'factdesk-notifications',
      log: options.log,
      lostMessage:
        'Redis lost: notifications reach open inboxes on this instance only until it is back (they are stored; a reload shows them)',
      backMessage: 'Redis is back: notifications reach open inboxes on every instance again',
      onSubscriberReady: () => {
        redis.subscriber.subscribe(this.channel).catch((error: unknown) => {
          options.log.warn({ err: error }, 'subscribing to notifications on Redis failed');
        });
      },
    });
    redis.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message, options.log);
    });
    this.redis = redis;
  }

  /** Listens to one person's notifications; returns the function that stops listening. */
  listen(userId: string, listener: InboxListener): () => void {
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  deliver(rows: NotificationRow[]): void {
    for (const row of rows) this.send(row.user_id, { notification: presentNotification(row) });
  }

  withdraw(rows: WithdrawnNotification[]): void {
    const byUser = new Map<string, string[]>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.id]);
    for (const [userId, ids] of byUser) this.send(userId, { withdrawn: ids });
  }

  /** The person read something (maybe in another tab): their inboxes refresh the count. */
  readChanged(userId: string): void {
    this.send(userId, {});
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.redis?.close();
  }

  private send(userId: string, signal: InboxSignal): void {
    this.emit(userId, signal);
    if (this.redis?.publisher.status !== 'ready') return;
    const frame = JSON.stringify({ v: FRAME_VERSION, from: this.instanceId, userId, ...signal });
    this.redis.publisher.publish(this.channel, frame).catch(() => {
      // lost with the connection; logged by RedisPubSub
    });
  }

  private emit(userId: string, signal: InboxSignal): void {
    for (const listener of this.listeners.get(userId) ?? []) listener(signal);
  }

  private receive(message: string, log: Pick<FastifyBaseLogger, 'warn'>): void {
    let frame: {
      v?: unknown;
      from?: unknown;
      userId?: unknown;
      notification?: Notification;
      withdrawn?: unknown;
    };
    try {
      frame = JSON.parse(message);
    } catch {
      frame = {};
    }
    if (frame.v !== FRAME_VERSION || typeof frame.userId !== 'string') {
      log.warn({ bytes: message.length }, 'dropped a relayed notification that is not one');
      return;
    }
    if (frame.from === this.instanceId) return;
    const withdrawn = Array.isArray(frame.withdrawn)
      ? frame.withdrawn.filter((id): id is string => typeof id === 'string')
      : undefined;
    this.emit(
      frame.userId,
      frame.notification ? { notification: frame.notification } : withdrawn ? { withdrawn } : {},
    );
  }
}
