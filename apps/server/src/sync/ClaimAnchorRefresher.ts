// Re-resolves a document's claims soon after its text changes (a committed batch of edits),
// so re-anchoring and orphaning happen when the text changes and reach open editors as live
// events — never when someone reads. At most one run per document per delay, however fast
// people type; a change during a run schedules one more.
import type { ClaimDeps } from '../commands/claims/ClaimDeps.ts';
import { refreshClaimAnchors } from '../commands/claims/refreshClaimAnchors.ts';
import { listClaimDetails } from '../queries/claims.ts';

/** A refresh that keeps failing (database down) is retried this often, then left to the next edit. */
const MAX_ATTEMPTS = 5;

export interface ClaimAnchorRefresherOptions {
  deps: ClaimDeps;
  /** How long after the first change a refresh runs (changes meanwhile join it). */
  delayMs: number;
  onError(documentId: string, error: unknown, attempt: number): void;
}

export class ClaimAnchorRefresher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  /** Documents that changed while their refresh ran. */
  private readonly changedMeanwhile = new Set<string>();
  private readonly failures = new Map<string, number>();
  private stopped = false;

  constructor(private readonly options: ClaimAnchorRefresherOptions) {}

  /** The document's text changed: its claims are refreshed within the delay. */
  textChanged(documentId: string): void {
    if (this.stopped) return;
    if (this.running.has(documentId)) this.changedMeanwhile.add(documentId);
    else this.schedule(documentId, this.options.delayMs);
  }

  /** Runs every waiting refresh now and resolves when none is left running. */
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
    const { deps, onError, delayMs } = this.options;
    const run = (async () => {
      try {
        await refreshClaimAnchors(deps, documentId, await listClaimDetails(deps.sql, documentId));
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
