// A loading room's wait for the other instances that hold its document: it asks them (a
// counted "hello") and resolves once each has answered with what it has, or when the time is
// up. Until then the room answers no client's first sync, so a stock provider's `synced`
// covers every edit acknowledged on any instance before it connected.
export class RelayCatchUp {
  readonly done: Promise<void>;
  private readonly answered = new Set<string>();
  private expected: number | undefined;
  private finish: () => void = () => {};
  private readonly timer: NodeJS.Timeout;

  constructor(timeoutMs: number) {
    this.done = new Promise<void>((resolve) => {
      this.finish = resolve;
    });
    this.timer = setTimeout(() => this.finish(), timeoutMs);
  }

  /** The hello went out and reached `peers` other instances. */
  asked(peers: number): void {
    this.expected = peers;
    this.check();
  }

  /** An instance sent its answer (a sync step 2 addressed to this one). */
  answeredBy(instanceId: string): void {
    this.answered.add(instanceId);
    this.check();
  }

  /** Stops waiting (the room is going away). */
  cancel(): void {
    clearTimeout(this.timer);
    this.finish();
  }

  private check(): void {
    if (this.expected === undefined || this.answered.size < this.expected) return;
    clearTimeout(this.timer);
    this.finish();
  }
}
