// Password reset by e-mail, once SMTP_URL is set: anyone may ask for a link to be sent to an
// address. The answer is the same whether or not an account has it, and the e-mail goes out
// after the answer (its timing tells nothing either). Asking is limited per source address
// and per address asked for. The link is an ordinary reset link (commands/passwordResets.ts),
// issued as the administrator's are: it voids any earlier link of the person.
import type { Locale } from '@factdesk/model';
import type { FastifyBaseLogger } from 'fastify';
import { FixedWindowCounter } from '../auth/LoginThrottle.ts';
import type { Sql } from '../db/database.ts';
import { NotFoundError, RateLimitedError } from '../errors.ts';
import { msg } from '../i18n/translate.ts';
import { composeResetEmail } from '../notifications/composeEmails.ts';
import type { Mailer } from '../notifications/Mailer.ts';
import { findUserByEmail } from '../queries/users.ts';
import { issueResetLinkAsAdministrator, resetLinkUrl } from './passwordResets.ts';

const HOUR_MS = 3_600_000;

/** How many reset e-mails may be asked for: per source address and per e-mail address. */
export class ResetEmailThrottle {
  private readonly perSource = new FixedWindowCounter(10, HOUR_MS);
  private readonly perAddress = new FixedWindowCounter(3, HOUR_MS);

  /** Counts the request, or throws 429 when either limit is reached. */
  take(source: string, email: string, now = Date.now()): void {
    const address = email.trim().toLowerCase();
    const wait = Math.max(
      this.perSource.retryAfter(source, now),
      this.perAddress.retryAfter(address, now),
    );
    if (wait > 0) {
      throw new RateLimitedError(
        msg('errors.tooManyResetEmails', { minutes: Math.ceil(wait / 60) }),
        wait,
      );
    }
    this.perSource.hit(source, now);
    this.perAddress.hit(address, now);
  }
}

export interface ResetEmailDeps {
  sql: Sql;
  mailer: Mailer;
  publicUrl: URL;
  hours: number;
  log: Pick<FastifyBaseLogger, 'error'>;
}

/**
 * Issues a link and e-mails it if the address has an account; does nothing visible otherwise.
 * Resolves at once; the work goes on in the background (its failures are logged).
 */
export function sendResetEmail(deps: ResetEmailDeps, email: string, requestLocale: Locale): void {
  void mailResetLink(deps, email, requestLocale).catch((error: unknown) => {
    deps.log.error({ err: error }, 'sending a password reset e-mail failed');
  });
}

/** In the account's language, else the one the request was made in. */
async function mailResetLink(
  deps: ResetEmailDeps,
  email: string,
  requestLocale: Locale,
): Promise<void> {
  const user = await findUserByEmail(deps.sql, email);
  if (!user) return;
  let token: string;
  let expiresAt: Date;
  try {
    ({ token, expiresAt } = await issueResetLinkAsAdministrator(deps.sql, {
      email,
      hours: deps.hours,
    }));
  } catch (error) {
    if (error instanceof NotFoundError) return; // gone meanwhile
    throw error;
  }
  await deps.mailer.send(
    composeResetEmail({
      to: user.email,
      name: user.display_name,
      locale: user.locale ?? requestLocale,
      link: resetLinkUrl(deps.publicUrl, token),
      hours: deps.hours,
      expiresAt,
    }),
  );
}
