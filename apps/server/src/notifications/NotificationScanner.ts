// The periodic work of notifications, every NOTIFICATION_SCAN_MS on every instance:
// deadline reminders (due within 24 h, overdue: once per claim, person and deadline, kept
// unique by the database, so instances never double them) and e-mail digests (a person is
// leased by one instance at a time, and gets at most one digest per EMAIL_DIGEST_MINUTES).
import type { FastifyBaseLogger } from 'fastify';
import type { Sql } from '../db/database.ts';
import {
  finishDigest,
  insertDeadlineReminders,
  leaseDueDigests,
  listUnemailed,
  releaseDigestLease,
} from '../queries/notifications.ts';
import { composeDigest } from './composeEmails.ts';
import type { Mailer } from './Mailer.ts';
import type { NotificationHub } from './NotificationHub.ts';
import { oneClickUnsubscribeUrl, unsubscribeToken, unsubscribeUrl } from './unsubscribeLinks.ts';

const REMIND_WITHIN_HOURS = 24;
/** A digest's lease outlives any send; a crashed instance's lease lapses after it. */
const DIGEST_LEASE_SECONDS = 300;

export interface NotificationScannerOptions {
  sql: Sql;
  hub: NotificationHub;
  /** Absent: no e-mail (no SMTP_URL); notifications stay in the inbox only. */
  mailer: Mailer | undefined;
  publicUrl: URL;
  digestMinutes: number;
  scanMs: number;
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>;
}

export class NotificationScanner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: NotificationScannerOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: reminders, then digests. Tests call it to skip the wait. */
  async runOnce(): Promise<void> {
    await this.remindDeadlines();
    if (this.options.mailer) await this.sendDigests(this.options.mailer);
  }

  async remindDeadlines(): Promise<void> {
    const rows = await insertDeadlineReminders(this.options.sql, REMIND_WITHIN_HOURS);
    this.options.hub.deliver(rows);
  }

  async sendDigests(mailer: Mailer): Promise<void> {
    const { sql, digestMinutes, publicUrl, log } = this.options;
    const people = await leaseDueDigests(sql, digestMinutes, DIGEST_LEASE_SECONDS);
    for (const person of people) {
      try {
        const { rows, emailKinds } = await listUnemailed(sql, person.user_id);
        const wanted = rows.filter((row) => row.still_member && emailKinds.includes(row.kind));
        const ids = rows.map((row) => row.id);
        if (wanted.length === 0) {
          // Nothing they want by e-mail: marked, and no digest counted.
          await finishDigest(sql, person.user_id, ids, false);
          continue;
        }
        const token = await unsubscribeToken(sql, person.user_id);
        await mailer.send(
          composeDigest({
            to: person.email,
            name: person.display_name,
            locale: person.locale ?? 'en',
            rows: wanted,
            publicUrl,
            unsubscribe: {
              page: unsubscribeUrl(publicUrl, token),
              oneClick: oneClickUnsubscribeUrl(publicUrl, token),
            },
          }),
        );
        await finishDigest(sql, person.user_id, ids, true);
      } catch (error) {
        log.error({ err: error, userId: person.user_id }, 'sending a notification digest failed');
        await releaseDigestLease(sql, person.user_id).catch(() => {
          // the lease lapses by itself
        });
      }
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: unknown) =>
          this.options.log.error({ err: error }, 'the notification scan failed; it runs again'),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule(this.options.scanMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
