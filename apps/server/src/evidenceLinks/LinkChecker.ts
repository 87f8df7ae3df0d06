// Visits evidence links in the background (docs/evidence-links.md): a new or edited link within
// a scan interval, then every `recheckMs`. Each scan takes a batch of due links from the
// database (leased, so several instances share the work), fetches them a few at a time through
// the SSRF-safe client, records what it found and tells the document's open editors when a
// link's state changed.
import type { Sql } from '../db/database.ts';
import type { OutboundResponse } from '../outbound/fetchOutside.ts';
import {
  type DueLinkRow,
  type EvidenceLinkRow,
  findLinkToCheck,
  recordLinkCheck,
  takeDueLinks,
} from '../queries/evidenceLinks.ts';
import { classifyLink } from './classifyLink.ts';

/** Outlasts a batch of slow links; a crashed instance's links come back after it. */
const LEASE_SECONDS = 600;

export interface LinkCheckerOptions {
  sql: Sql;
  /** The SSRF-safe fetch with its limits; the body is not needed. */
  fetchLink(url: string): Promise<OutboundResponse>;
  /** How often to look for due links. */
  scanMs: number;
  /** How long until a checked link is checked again. */
  recheckMs: number;
  /** Links taken per scan, and checked at once. */
  batch: number;
  concurrency: number;
  /** A link's state changed (or it was checked for the first time). */
  onChanged(change: { documentId: string; claimId: string; link: EvidenceLinkRow }): void;
  /** A link was found alive (automatic archiving); awaited, so it shares the concurrency. */
  onAlive?(link: EvidenceLinkRow): Promise<void>;
  onError(error: unknown): void;
}

export class LinkChecker {
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<number> | undefined;
  private stopped = false;
  /** "Check again" requests running, by evidence id. */
  private readonly checking = new Map<string, Promise<EvidenceLinkRow | undefined>>();

  constructor(private readonly options: LinkCheckerOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.scanOnce(), this.options.scanMs);
    this.timer.unref();
    void this.scanOnce();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.scanning?.catch(() => {});
  }

  /** One scan (none if one is already running); how many links it checked. */
  scanOnce(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.scanning ??= this.scan()
      .catch((error: unknown) => {
        this.options.onError(error);
        return 0;
      })
      .finally(() => {
        this.scanning = undefined;
      });
    return this.scanning;
  }

  /**
   * "Check again": checks the link now and tells the document whatever it found (the person
   * who asked waits for the answer). A second request while one runs shares its answer.
   * Undefined when there is no such link.
   */
  checkNow(evidenceId: string): Promise<EvidenceLinkRow | undefined> {
    const running = this.checking.get(evidenceId);
    if (running) return running;
    const check = findLinkToCheck(this.options.sql, evidenceId)
      .then((link) => (link ? this.check(link, true) : undefined))
      .finally(() => this.checking.delete(evidenceId));
    this.checking.set(evidenceId, check);
    return check;
  }

  private async scan(): Promise<number> {
    const { sql, batch, concurrency } = this.options;
    const due = await takeDueLinks(sql, batch, LEASE_SECONDS);
    let next = 0;
    const worker = async () => {
      while (next < due.length && !this.stopped) {
        await this.check(due[next++]!, false);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    return due.length;
  }

  /** Fetches, records, tells the document when the state changed (or always), archives. */
  private async check(link: DueLinkRow, tellAlways: boolean): Promise<EvidenceLinkRow | undefined> {
    const outcome = await this.options.fetchLink(link.url).catch((error: unknown) => error);
    const result = classifyLink(link.url, outcome);
    const stored = await recordLinkCheck(
      this.options.sql,
      link.evidence_id,
      link.url,
      result,
      this.options.recheckMs / 1000,
    );
    if (!stored) return undefined;
    if (tellAlways || stored.state !== link.state || link.state === 'unchecked') {
      this.options.onChanged({
        documentId: link.document_id,
        claimId: link.claim_id,
        link: stored,
      });
    }
    if (stored.state === 'alive') await this.options.onAlive?.(stored);
    return stored;
  }
}
