// Whether this instance can store edits right now, said honestly: a failed save marks storage
// down with a reason (unreachable, read-only, disk full), /healthz and /metrics say so, and a
// write probe runs every quarter second until PostgreSQL takes writes again — then every
// document retries its save at once instead of waiting out its own retry timer. Connections
// left read-only by a failover or `default_transaction_read_only` are recycled, so writes
// resume without anyone terminating them.
import type { FastifyBaseLogger } from 'fastify';

export type StorageProblem = 'unreachable' | 'read-only' | 'disk full' | 'save failed';

export type StorageStatus =
  | { ok: true }
  | { ok: false; problem: StorageProblem; reason: string; since: Date };

export interface StorageHealthOptions {
  /** A small real write; rejects while storage cannot take writes. */
  probe(): Promise<void>;
  /** Replaces pooled connections that may be stuck read-only (absent: nothing to recycle). */
  recycle?(): Promise<void>;
  /** Storage takes writes again: retry every failed save now. */
  onRecovered(): void;
  /** How many documents still have a failed save pending. */
  failingDocuments(): number;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  probeIntervalMs?: number;
}

const PROBE_TIMEOUT_MS = 2_000;
/** Recycling reconnects the pool; while the database stays read-only, not more often than this. */
const RECYCLE_EVERY_MS = 500;

/** SQLSTATEs and driver codes, by what they mean for storing edits. */
const READ_ONLY = new Set(['25006']); // read_only_sql_transaction (also hot standby)
const DISK_FULL = new Set(['53100']); // disk_full
const UNREACHABLE_SQLSTATE = /^(08|57P0)/; // connection exceptions, admin/crash shutdown
const UNREACHABLE_DRIVER = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'ENOENT', // the embedded database's socket is gone: its thread died (db/PgliteThread.ts)
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'PROBE_TIMEOUT',
]);

export function storageProblemOf(error: unknown): StorageProblem {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return 'save failed';
  if (READ_ONLY.has(code)) return 'read-only';
  if (DISK_FULL.has(code)) return 'disk full';
  if (UNREACHABLE_DRIVER.has(code) || UNREACHABLE_SQLSTATE.test(code)) return 'unreachable';
  return 'save failed';
}

const REASONS: Record<StorageProblem, string> = {
  unreachable: 'saves are failing: the database is unreachable',
  'read-only': 'saves are failing: the database is read-only',
  'disk full': 'saves are failing: the database disk is full',
  'save failed': 'saves are failing',
};

export class StorageHealth {
  private current: StorageStatus = { ok: true };
  private probeTimer: NodeJS.Timeout | undefined;
  private lastRecycleAt = 0;
  private closed = false;
  /** Saves that failed since start (a counter for /metrics). */
  failedSaves = 0;

  constructor(private readonly options: StorageHealthOptions) {}

  get status(): StorageStatus {
    return this.current;
  }

  /** A document's save failed: storage is down (with the reason) until a probe write succeeds. */
  saveFailed(error: unknown): void {
    this.failedSaves++;
    this.markDown(error);
  }

  /** A save went through: if no document still waits on a failed one, storage is fine. */
  saveSucceeded(): void {
    if (!this.current.ok && this.options.failingDocuments() === 0) this.markUp();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.probeTimer);
  }

  private markDown(error: unknown): void {
    const problem = storageProblemOf(error);
    if (problem === 'read-only') void this.recycle();
    if (this.current.ok || this.current.problem !== problem) {
      const since = this.current.ok ? new Date() : this.current.since;
      if (this.current.ok) this.options.log.warn({ problem }, REASONS[problem]);
      this.current = { ok: false, problem, reason: REASONS[problem], since };
    }
    this.scheduleProbe();
  }

  private markUp(): void {
    if (this.current.ok) return;
    const downMs = Date.now() - this.current.since.getTime();
    this.current = { ok: true };
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    this.options.log.info({ downMs }, 'storage takes writes again; retrying failed saves');
  }

  private scheduleProbe(): void {
    if (this.probeTimer || this.closed) return;
    this.probeTimer = setTimeout(() => void this.runProbe(), this.options.probeIntervalMs ?? 250);
    this.probeTimer.unref();
  }

  private async runProbe(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.options.probe(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(Object.assign(new Error('probe timed out'), { code: 'PROBE_TIMEOUT' })),
            PROBE_TIMEOUT_MS,
          );
        }),
      ]);
      this.probeTimer = undefined;
      if (this.closed) return;
      this.markUp();
      this.options.onRecovered();
    } catch (error) {
      this.probeTimer = undefined;
      if (!this.closed) this.markDown(error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async recycle(): Promise<void> {
    const recycle = this.options.recycle;
    if (!recycle || Date.now() - this.lastRecycleAt < RECYCLE_EVERY_MS) return;
    this.lastRecycleAt = Date.now();
    try {
      await recycle();
    } catch (error) {
      this.options.log.warn({ err: error }, 'recycling database connections failed');
    }
  }
}
