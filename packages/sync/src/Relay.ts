// How server instances share live documents (scale-out): a transport that carries a
// document's relay messages to the other instances that have it open. The sync core says what
// is sent (RelayMessage) and when; apps/server implements the transport on Redis.

/** Receives one document's relay messages while its room is loaded on this instance. */
export interface RelaySubscriber {
  /** A message some instance published for the document (possibly this one: check `from`). */
  message(data: Uint8Array): void;
  /**
   * The subscription is live, for the first time or again after the transport was lost:
   * messages may have been missed meanwhile, so the room catches up with the others.
   */
  live(): void;
}

export interface Relay {
  /** Starts delivering the document's messages; calls `live` once they flow. */
  subscribe(documentId: string, subscriber: RelaySubscriber): void;
  /** Stops delivering them (the room unloaded). */
  unsubscribe(documentId: string): void;
  /**
   * Sends a message to every instance subscribed to the document. Never throws: while the
   * transport is down messages are dropped, and rooms catch up when it is `live` again.
   */
  publish(documentId: string, data: Uint8Array): void;
  /**
   * Publishes like `publish` and resolves with how many other instances received it (0 while
   * the transport is down). A loading room uses it to know how many answers to wait for.
   */
  publishCounted?(documentId: string, data: Uint8Array): Promise<number>;
  /** Whether messages flow right now (absent: assumed). */
  isLive?(): boolean;
}
