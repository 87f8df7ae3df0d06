// A Relay in memory, for the sync core's own tests: instances on one MemoryRelayNetwork hear
// each other's frames for the documents they subscribed to, in order and asynchronously (as
// over Redis), every frame also reaching its sender. An instance's transport can go down and
// come back. Tests only.
import type { Relay, RelaySubscriber } from '../Relay.ts';

export class MemoryRelayNetwork {
  readonly relays = new Set<MemoryRelay>();

  /** One more instance's connection to the network. */
  relay(): MemoryRelay {
    const relay = new MemoryRelay(this);
    this.relays.add(relay);
    return relay;
  }
}

export class MemoryRelay implements Relay {
  readonly subscribers = new Map<string, RelaySubscriber>();
  /** Frames this instance published, in order (whether or not the transport was up). */
  readonly published: { documentId: string; data: Uint8Array }[] = [];
  private live = true;

  constructor(private readonly network: MemoryRelayNetwork) {}

  subscribe(documentId: string, subscriber: RelaySubscriber): void {
    this.subscribers.set(documentId, subscriber);
    if (this.live) queueMicrotask(() => this.subscribers.get(documentId)?.live());
  }

  unsubscribe(documentId: string): void {
    this.subscribers.delete(documentId);
  }

  publish(documentId: string, data: Uint8Array): void {
    this.published.push({ documentId, data });
    if (!this.live) return;
    for (const relay of this.network.relays) relay.deliver(documentId, data);
  }

  async publishCounted(documentId: string, data: Uint8Array): Promise<number> {
    this.publish(documentId, data);
    if (!this.live) return 0;
    return [...this.network.relays].filter(
      (relay) => relay !== this && relay.live && relay.subscribers.has(documentId),
    ).length;
  }

  isLive(): boolean {
    return this.live;
  }

  /** The transport is lost: nothing goes out or comes in. */
  goDown(): void {
    this.live = false;
  }

  /** The transport is back: every subscribed room hears `live` and catches up. */
  comeBack(): void {
    this.live = true;
    for (const subscriber of this.subscribers.values()) queueMicrotask(() => subscriber.live());
  }

  /** Leaves the network for good (the instance died). */
  remove(): void {
    this.live = false;
    this.network.relays.delete(this);
  }

  private deliver(documentId: string, data: Uint8Array): void {
    if (!this.live) return;
    queueMicrotask(() => {
      if (this.live) this.subscribers.get(documentId)?.message(data);
    });
  }
}
