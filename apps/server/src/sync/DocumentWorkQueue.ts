// Runs a piece of work for a document soon after it changes, throttled: at most one run per
// document per delay, however fast people type; a change during a run schedules one more, and a
// failing run is retried with backoff a few times, then left to the next change. The claim
// anchor refresher and the search text indexer are both one of these.

/** A run that keeps failing (database down) is retried this often, then left to the next change. */
const MAX_ATTEMPTS = 5;

export interface DocumentWorkQueueOptions {
  /** How long after the first change a run starts (changes meanwhile join it). */
  delayMs: number;
  work(documentId: string): Promise<void>;
  onError(documentId: string, error: unknown, attempt: number): void;
}

export class DocumentWorkQueue {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  /** Documents that changed while their run was going. */
  private readonly changedMeanwhile = new Set<string>();
  private readonly failures = new Map<string, number>();
  protected stopped = false;

  constructor(private readonly options: DocumentWorkQueueOptions) {}

  /** The document changed: the work runs for it within the delay. */
  textChanged(documentId: string): void {
    if (this.stopped) return;
    if (this.running.has(documentId)) this.changedMeanwhile.add(documentId);
    else this.schedule(documentId, this.options.delayMs);
  }

  /** Runs the work for the document now (or after the run under way) and waits for it. */
  async runNow(documentId: string): Promise<void> {
    const running = this.running.get(documentId);
    if (running) {
      this.changedMeanwhile.add(documentId);
      await running;
      return;
    }
    const timer = this.timers.get(documentId);
    if (timer) clearTimeout(timer);
    this.run(documentId);
    await this.running.get(documentId);
  }

  /** Runs every waiting piece of work now and resolves when none is left running. */
  async flush(): Promise<void> {
    for (;;) {
      for (const [documentId, timer] of this.timers) {
        clearTimeout(timer);
        this.run(documentId);
      }
      const running = [...this.running.values()];
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** Accepts no more changes, then finishes what is waiting (the database is still open). */
  async shutdown(): Promise<void> {
    this.stopped = true;
    await this.flush();
  }

  private schedule(documentId: string, delayMs: number): void {
    if (this.timers.has(documentId)) return;
    const timer = setTimeout(() => this.run(documentId), delayMs);
    timer.unref();
    this.timers.set(documentId, timer);
  }

  private run(documentId: string): void {
    this.timers.delete(documentId);
    const { work, onError, delayMs } = this.options;
    const run = (async () => {
      try {
        await work(documentId);
        this.failures.delete(documentId);
      } catch (error) {
        const attempt = (this.failures.get(documentId) ?? 0) + 1;
        onError(documentId, error, attempt);
        if (attempt < MAX_ATTEMPTS) {
          this.failures.set(documentId, attempt);
          this.changedMeanwhile.add(documentId);
        } else {
          this.failures.delete(documentId);
        }
      }
    })().finally(() => {
      this.running.delete(documentId);
      if (this.changedMeanwhile.delete(documentId) && !this.stopped) {
        const failures = this.failures.get(documentId) ?? 0;
        this.schedule(documentId, Math.max(delayMs, 100) * 2 ** failures);
      }
    });
    this.running.set(documentId, run);
  }
}
