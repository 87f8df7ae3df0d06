// Scale-out of access re-checks: every AccessChange (logout, revoked token, removed member,
// lock…) is published on one Redis channel shared by all instances (`<prefix>access`), so each
// re-decides its own matching sockets at once instead of at its next periodic sweep.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AccessChange } from '../commands/liveDocuments.ts';
import { RedisPubSub } from './RedisPubSub.ts';

/** Frames of another version are dropped (logged): a rolling deploy falls back to the sweep. */
const FRAME_VERSION = 1;
const CHANGE_KEYS = ['userId', 'workspaceId', 'documentId', 'sessionId', 'tokenId'] as const;
/** Ids are uuids; anything far longer is not one of ours. */
const MAX_ID_LENGTH = 100;

export interface AccessChangeRelayOptions {
  /** Starts the channel name (REDIS_PREFIX). */
  prefix: string;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  /** Another instance announced a change: re-check this instance's matching sockets. */
  onChange: (change: AccessChange) => void;
  /**
   * The subscription came back after Redis was lost: changes announced meanwhile never
   * arrived, so every socket should be re-checked.
   */
  onMissed: () => void;
}

export class AccessChangeRelay {
  /** Our own frames come back to our subscriber; they were re-checked locally already. */
  private readonly instanceId = randomUUID();
  private readonly redis: RedisPubSub;
  private readonly channel: string;
  /** Whether Redis confirmed our SUBSCRIBE on the subscriber's current connection. */
  private subscribed = false;
  private everSubscribed = false;

  constructor(
    url: string,
    private readonly options: AccessChangeRelayOptions,
  ) {
    this.channel = `${options.prefix}access`;
    // A change that cannot be sent now is dropped: the receivers re-check everything when
    // they resubscribe, and their periodic sweep catches the rest.
    this.redis = new RedisPubSub(url, {
      name: 'factdesk-access',
      log: options.log,
      lostMessage:
        'Redis lost: access changes reach other instances only at their periodic re-check until it is back',
      backMessage: 'Redis is back: access changes reach the other instances again',
      onSubscriberReady: () => this.subscribe(),
      onSubscriberClosed: () => {
        this.subscribed = false;
      },
    });
    this.redis.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
  }

  /** Whether changes announced by other instances reach this one right now. */
  get listening(): boolean {
    return this.subscribed;
  }

  /** Tells the other instances; dropped while Redis is away (their sweep still catches it). */
  publish(change: AccessChange): void {
    if (this.redis.publisher.status !== 'ready') return;
    const frame = JSON.stringify({ v: FRAME_VERSION, from: this.instanceId, change });
    this.redis.publisher.publish(this.channel, frame).catch(() => {
      // lost with the connection; logged by the error handler
    });
  }

  close(): Promise<void> {
    return this.redis.close();
  }

  private receive(message: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(message);
    } catch {
      frame = undefined;
    }
    const change = accessChangeOf(frame);
    if (!change) {
      this.options.log.warn(
        { channel: this.channel, bytes: message.length },
        'dropped a relayed access change that is not one',
      );
      return;
    }
    if ((frame as { from: unknown }).from === this.instanceId) return;
    this.options.onChange(change);
  }

  private subscribe(): void {
    this.redis.subscriber.subscribe(this.channel).then(
      () => {
        this.subscribed = true;
        if (this.everSubscribed) this.options.onMissed();
        this.everSubscribed = true;
      },
      (error: unknown) =>
        this.options.log.warn({ err: error }, 'subscribing to access changes on Redis failed'),
    );
  }
}

/** The frame's change if the frame is well formed: our version, a sender, exactly one id. */
function accessChangeOf(frame: unknown): AccessChange | undefined {
  if (typeof frame !== 'object' || frame === null) return undefined;
  const { v, from, change } = frame as Record<string, unknown>;
  if (v !== FRAME_VERSION || typeof from !== 'string' || !from) return undefined;
  if (typeof change !== 'object' || change === null || Array.isArray(change)) return undefined;
  const entries = Object.entries(change);
  if (entries.length !== 1) return undefined;
  const [key, id] = entries[0] as [string, unknown];
  if (!(CHANGE_KEYS as readonly string[]).includes(key)) return undefined;
  if (typeof id !== 'string' || !id || id.length > MAX_ID_LENGTH) return undefined;
  return { [key]: id } as AccessChange;
}
