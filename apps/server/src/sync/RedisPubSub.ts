// The two Redis connections pub/sub needs (one in subscriber mode cannot publish), with what
// every relay of ours wants from them: retry for ever, at most 5 s apart; nothing queued
// while Redis is away (the relays catch up when it is back); one log line when it is lost
// and one when both connections are back.
import type { FastifyBaseLogger } from 'fastify';
import { Redis, type RedisOptions } from 'ioredis';

export interface RedisPubSubOptions {
  /** Connection names, e.g. "factdesk-relay" → factdesk-relay-publisher / -subscriber. */
  name: string;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  /** What losing Redis means for this relay, and what coming back does. */
  lostMessage: string;
  backMessage: string;
  /** The subscriber (re)connected: subscribe again (subscriptions do not survive). */
  onSubscriberReady(): void;
  /** The publisher (re)connected. */
  onPublisherReady?(): void;
  /** The subscriber's connection closed: its subscriptions are gone. */
  onSubscriberClosed?(): void;
}

export class RedisPubSub {
  readonly publisher: Redis;
  readonly subscriber: Redis;
  private down = false;
  private closing = false;

  constructor(
    url: string,
    private readonly options: RedisPubSubOptions,
  ) {
    const common: RedisOptions = {
      retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
      enableOfflineQueue: false,
      // Subscriptions are redone by the relay, so it knows when they are confirmed.
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
    };
    this.publisher = new Redis(url, { ...common, connectionName: `${options.name}-publisher` });
    this.subscriber = new Redis(url, { ...common, connectionName: `${options.name}-subscriber` });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.lost(error));
      client.on('close', () => {
        if (client === this.subscriber) this.options.onSubscriberClosed?.();
        this.lost(undefined);
      });
      client.on('ready', () => {
        if (client === this.subscriber) this.options.onSubscriberReady();
        else this.options.onPublisherReady?.();
        if (this.down && this.bothReady) {
          this.down = false;
          this.options.log.info(this.options.backMessage);
        }
      });
    }
  }

  get bothReady(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      [this.publisher, this.subscriber].map(async (client) => {
        if (client.status !== 'ready') {
          client.disconnect();
          return;
        }
        await client.quit().catch(() => client.disconnect());
      }),
    );
  }

  private lost(error: Error | undefined): void {
    if (this.down || this.closing) return;
    this.down = true;
    this.options.log.warn({ err: error }, this.options.lostMessage);
  }
}
