// Live signals fanned out by key (a person, a workspace) to the listeners of every instance:
// delivered here at once and, with REDIS_URL, published on one channel for the other instances
// to deliver to theirs. Without Redis, or while it is away: this instance only (what the
// signals announce is stored; a reload or the client's catch-up shows it). The notification
// inboxes and the workspace event streams both go through it.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { RedisPubSub } from './RedisPubSub.ts';

export type KeyedListener<T> = (signal: T) => void;

export interface KeyedBroadcastOptions<T> {
  redisUrl: string | undefined;
  /** The whole Redis channel name, prefix included. */
  channel: string;
  /** Redis connection names, and what the log lines say is lost and back. */
  name: string;
  lostMessage: string;
  backMessage: string;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  /** A relayed signal as this instance accepts it; undefined drops it (logged). */
  parse(signal: unknown): T | undefined;
}

/** Frames carry a version: an instance drops (and logs) a frame it does not understand. */
const FRAME_VERSION = 2;

export class KeyedBroadcast<T> {
  private readonly listeners = new Map<string, Set<KeyedListener<T>>>();
  private readonly instanceId = randomUUID();
  private readonly redis: RedisPubSub | undefined;

  constructor(private readonly options: KeyedBroadcastOptions<T>) {
    if (!options.redisUrl) return;
    const redis = new RedisPubSub(options.redisUrl, {
      name: options.name,
      log: options.log,
      lostMessage: options.lostMessage,
      backMessage: options.backMessage,
      onSubscriberReady: () => {
        redis.subscriber.subscribe(options.channel).catch((error: unknown) => {
          options.log.warn({ err: error, channel: options.channel }, 'subscribing on Redis failed');
        });
      },
    });
    redis.subscriber.on('message', (channel: string, message: string) => {
      if (channel === options.channel) this.receive(message);
    });
    this.redis = redis;
  }

  /** Listens to one key's signals; returns the function that stops listening. */
  listen(key: string, listener: KeyedListener<T>): () => void {
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  send(key: string, signal: T): void {
    this.emit(key, signal);
    if (this.redis?.publisher.status !== 'ready') return;
    const frame = JSON.stringify({ v: FRAME_VERSION, from: this.instanceId, key, signal });
    this.redis.publisher.publish(this.options.channel, frame).catch(() => {
      // lost with the connection; logged by RedisPubSub
    });
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.redis?.close();
  }

  private emit(key: string, signal: T): void {
    for (const listener of this.listeners.get(key) ?? []) listener(signal);
  }

  private receive(message: string): void {
    let frame: { v?: unknown; from?: unknown; key?: unknown; signal?: unknown };
    try {
      frame = JSON.parse(message);
    } catch {
      frame = {};
    }
    const signal =
      frame.v === FRAME_VERSION && typeof frame.key === 'string'
        ? this.options.parse(frame.signal)
        : undefined;
    if (signal === undefined || typeof frame.key !== 'string') {
      this.options.log.warn(
        { bytes: message.length, channel: this.options.channel },
        'dropped a relayed signal that is not one',
      );
      return;
    }
    if (frame.from === this.instanceId) return;
    this.emit(frame.key, signal);
  }
}
