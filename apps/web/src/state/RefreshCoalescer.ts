// Turns a burst of "something changed" signals into few refetches: a trailing delay gathers a
// burst (a bulk assignment is dozens of signals), at most one refetch is in flight, and a
// signal that comes during one asks for exactly one more after it. A long burst still
// refetches every `maxWaitMs`, so a busy workspace never starves the page.

export interface RefreshCoalescerOptions {
  refresh(): Promise<unknown>;
  /** Quiet time after the last signal before refetching. */
  delayMs: number;
  /** The longest a signal waits while more keep coming. */
  maxWaitMs: number;
}

export class RefreshCoalescer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstWaitingAt: number | undefined;
  private inFlight = false;
  private again = false;
  private stopped = false;

  constructor(private readonly options: RefreshCoalescerOptions) {}

  /** Something changed: refetch soon. */
  request(): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const now = Date.now();
    this.firstWaitingAt ??= now;
    clearTimeout(this.timer);
    const waited = now - this.firstWaitingAt;
    const delay = Math.max(0, Math.min(this.options.delayMs, this.options.maxWaitMs - waited));
    this.timer = setTimeout(() => this.run(), delay);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private run(): void {
    this.timer = undefined;
    this.firstWaitingAt = undefined;
    this.inFlight = true;
    this.again = false;
    this.options
      .refresh()
      .catch(() => {
        // the page shows its own load errors; the next signal tries again
      })
      .finally(() => {
        this.inFlight = false;
        if (this.again) this.request();
      });
  }
}
