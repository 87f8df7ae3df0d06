// Scale-out through Redis pub/sub: the Relay that carries a document's frames between the
// server instances that have it open. One channel per document (`<prefix>doc:<id>`), so an
// instance receives only the traffic of documents it holds — a single shared channel would
// hand every instance every keystroke of every document. While Redis is away the instance
// keeps serving its own clients; once it is back, every open room catches up (`live`).
import type { Relay, RelaySubscriber } from '@factdesk/sync';
import type { FastifyBaseLogger } from 'fastify';
import { RedisPubSub } from './RedisPubSub.ts';

export interface RedisRelayOptions {
  /** Starts every channel name (REDIS_PREFIX). */
  prefix: string;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}

export class RedisRelay implements Relay {
  private readonly redis: RedisPubSub;
  private readonly subscribers = new Map<string, RelaySubscriber>();
  /** Documents whose SUBSCRIBE Redis confirmed on the subscriber's current connection. */
  private readonly confirmed = new Set<string>();

  constructor(
    url: string,
    private readonly options: RedisRelayOptions,
  ) {
    this.redis = new RedisPubSub(url, {
      name: 'factdesk-relay',
      log: options.log,
      lostMessage:
        'Redis relay lost: this instance serves only its own clients until Redis is back',
      backMessage: 'Redis relay is back; open documents are catching up',
      onSubscriberReady: () => {
        for (const documentId of this.subscribers.keys()) this.sendSubscribe(documentId);
      },
      onPublisherReady: () => {
        for (const documentId of this.confirmed) this.subscribers.get(documentId)?.live();
      },
      onSubscriberClosed: () => this.confirmed.clear(),
    });
    // Buffers, not strings: relay frames are binary.
    this.redis.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const documentId = channel.toString().slice(this.options.prefix.length + 'doc:'.length);
      this.subscribers
        .get(documentId)
        ?.message(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
    });
  }

  subscribe(documentId: string, subscriber: RelaySubscriber): void {
    this.subscribers.set(documentId, subscriber);
    if (this.redis.subscriber.status === 'ready') this.sendSubscribe(documentId);
  }

  unsubscribe(documentId: string): void {
    this.subscribers.delete(documentId);
    this.confirmed.delete(documentId);
    if (this.redis.subscriber.status === 'ready') {
      this.redis.subscriber.unsubscribe(this.channel(documentId)).catch(() => {
        // the connection went: the subscription went with it
      });
    }
  }

  publish(documentId: string, data: Uint8Array): void {
    if (this.redis.publisher.status !== 'ready') return;
    this.redis.publisher
      .publish(this.channel(documentId), Buffer.from(data.buffer, data.byteOffset, data.byteLength))
      .catch(() => {
        // lost with the connection; logged by the error handler, made up for on `live`
      });
  }

  async publishCounted(documentId: string, data: Uint8Array): Promise<number> {
    if (this.redis.publisher.status !== 'ready') return 0;
    try {
      const receivers = await this.redis.publisher.publish(
        this.channel(documentId),
        Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      );
      // Every subscriber of the channel counts, this instance's own among them.
      return Math.max(0, receivers - (this.confirmed.has(documentId) ? 1 : 0));
    } catch {
      return 0;
    }
  }

  isLive(): boolean {
    return this.redis.publisher.status === 'ready' && this.redis.subscriber.status === 'ready';
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    await this.redis.close();
  }

  private channel(documentId: string): string {
    return `${this.options.prefix}doc:${documentId}`;
  }

  private sendSubscribe(documentId: string): void {
    const subscriber = this.subscribers.get(documentId);
    this.redis.subscriber.subscribe(this.channel(documentId)).then(
      () => {
        // Unsubscribed (or replaced by a reloaded room) meanwhile: that one gets its own reply.
        if (!subscriber || this.subscribers.get(documentId) !== subscriber) return;
        this.confirmed.add(documentId);
        // Catching up needs both directions; otherwise the publisher's `ready` does it.
        if (this.redis.publisher.status === 'ready') subscriber.live();
      },
      (error: unknown) =>
        this.options.log.warn(
          { err: error, documentId },
          'subscribing to a document on Redis failed',
        ),
    );
  }
}
