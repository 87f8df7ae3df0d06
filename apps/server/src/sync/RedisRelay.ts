// Scale-out through Redis pub/sub: the Relay that carries a document's frames between the
// server instances that have it open. One channel per document (`<prefix>doc:<id>`), so an
// instance receives only the traffic of documents it holds — a single shared channel would
// hand every instance every keystroke of every document. While Redis is away the instance
// keeps serving its own clients; once it is back, every open room catches up (`live`).
import type { Relay, RelaySubscriber } from '@factdesk/sync';
import type { FastifyBaseLogger } from 'fastify';
import { Redis, type RedisOptions } from 'ioredis';

export interface RedisRelayOptions {
  /** Starts every channel name (REDIS_PREFIX). */
  prefix: string;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}

export class RedisRelay implements Relay {
  /** Pub/sub needs two connections: one in subscriber mode cannot publish. */
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly subscribers = new Map<string, RelaySubscriber>();
  /** Documents whose SUBSCRIBE Redis confirmed on the subscriber's current connection. */
  private readonly confirmed = new Set<string>();
  private down = false;
  private closing = false;

  constructor(
    url: string,
    private readonly options: RedisRelayOptions,
  ) {
    const common: RedisOptions = {
      // Keep trying for ever, at most 5 s apart.
      retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
      // Nothing piles up in memory while Redis is away: publishes are dropped and the
      // subscriptions are redone on reconnect (by us, so `live` follows their confirmation).
      enableOfflineQueue: false,
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
    };
    this.publisher = new Redis(url, { ...common, connectionName: 'factdesk-relay-publisher' });
    this.subscriber = new Redis(url, { ...common, connectionName: 'factdesk-relay-subscriber' });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.lost(error));
      client.on('close', () => {
        if (client === this.subscriber) this.confirmed.clear();
        this.lost(undefined);
      });
      client.on('ready', () => this.ready(client));
    }
    // Buffers, not strings: relay frames are binary.
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const documentId = channel.toString().slice(this.options.prefix.length + 'doc:'.length);
      this.subscribers
        .get(documentId)
        ?.message(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
    });
  }

  subscribe(documentId: string, subscriber: RelaySubscriber): void {
    this.subscribers.set(documentId, subscriber);
    if (this.subscriber.status === 'ready') this.sendSubscribe(documentId);
  }

  unsubscribe(documentId: string): void {
    this.subscribers.delete(documentId);
    this.confirmed.delete(documentId);
    if (this.subscriber.status === 'ready') {
      this.subscriber.unsubscribe(this.channel(documentId)).catch(() => {
        // the connection went: the subscription went with it
      });
    }
  }

  publish(documentId: string, data: Uint8Array): void {
    if (this.publisher.status !== 'ready') return;
    this.publisher
      .publish(this.channel(documentId), Buffer.from(data.buffer, data.byteOffset, data.byteLength))
      .catch(() => {
        // lost with the connection; logged by the error handler, made up for on `live`
      });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.subscribers.clear();
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

  private channel(documentId: string): string {
    return `${this.options.prefix}doc:${documentId}`;
  }

  private sendSubscribe(documentId: string): void {
    const subscriber = this.subscribers.get(documentId);
    this.subscriber.subscribe(this.channel(documentId)).then(
      () => {
        // Unsubscribed (or replaced by a reloaded room) meanwhile: that one gets its own reply.
        if (!subscriber || this.subscribers.get(documentId) !== subscriber) return;
        this.confirmed.add(documentId);
        // Catching up needs both directions; otherwise the publisher's `ready` does it.
        if (this.publisher.status === 'ready') subscriber.live();
      },
      (error: unknown) =>
        this.options.log.warn(
          { err: error, documentId },
          'subscribing to a document on Redis failed',
        ),
    );
  }

  private ready(client: Redis): void {
    if (client === this.subscriber) {
      for (const documentId of this.subscribers.keys()) this.sendSubscribe(documentId);
    } else {
      for (const documentId of this.confirmed) this.subscribers.get(documentId)?.live();
    }
    if (this.down && this.publisher.status === 'ready' && this.subscriber.status === 'ready') {
      this.down = false;
      this.options.log.info('Redis relay is back; open documents are catching up');
    }
  }

  private lost(error: Error | undefined): void {
    if (this.down || this.closing) return;
    this.down = true;
    this.options.log.warn(
      { err: error },
      'Redis relay lost: this instance serves only its own clients until Redis is back',
    );
  }
}
