// The least socket a Connection accepts (SyncSocket), in memory, for the sync core's own tests:
// it keeps what the server sent and how it closed, hands each frame on to a listener, and lets
// a test set how much is buffered (a slow reader). Tests only.
import type { SyncSocket } from '../Connection.ts';

export class FakeSocket implements SyncSocket {
  /** Frames the server sent, in order. */
  readonly sent: Uint8Array[] = [];
  /** How the server closed the socket (the first close; later ones are ignored, as by `ws`). */
  closed: { code: number; reason: string } | undefined;
  bufferedAmount = 0;

  constructor(private readonly onFrame: (data: Uint8Array) => void = () => {}) {}

  send(data: Uint8Array): void {
    if (this.closed) return;
    this.sent.push(data);
    this.onFrame(data);
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }
}
