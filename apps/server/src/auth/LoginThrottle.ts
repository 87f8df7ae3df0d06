// Limits login attempts, checked before any password hashing so a flood of guesses cannot
// burn the CPU — without letting an attacker lock the rightful owner out. Failures are counted
// per (account, source address) pair: guesses from one source never block the right password
// from another, clean one. Policy and numbers: docs/accounts.md. In memory: each instance
// counts its own (README, "Security").
import { RateLimitedError } from '../errors.ts';
import { type Message, msg } from '../i18n/translate.ts';

interface Window {
  count: number;
  resetAt: number;
}

/** Counts hits per key in fixed windows; also limits password reset e-mails. */
export class FixedWindowCounter {
  private readonly windows = new Map<string, Window>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until the key may try again, or 0 if it is under the limit. */
  retryAfter(key: string, now: number): number {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) return 0;
    return window.count >= this.limit ? Math.ceil((window.resetAt - now) / 1000) : 0;
  }

  hit(key: string, now: number): void {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      if (this.windows.size > 100_000) this.sweep(now);
    } else {
      window.count++;
    }
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/** One source's recent failures for one account. */
interface SourceFailures extends Window {
  lastAt: number;
}

/** An account's failures: in total (every source), and per source address. */
interface AccountFailures {
  total: Window;
  sources: Map<string, SourceFailures>;
}

export interface LoginThrottleLimits {
  /** Login attempts one source address may make in a window, whatever the accounts. */
  perIp: number;
  /** Failed attempts one source may make for one account in a window. */
  perSourceFailures: number;
  /**
   * Failed attempts for one account from all sources in a window past which it is under
   * attack: a source that already failed for it waits `underAttackDelayMs` × 2^(its
   * failures − 1) after its latest failure. Sources with no failure for it are not slowed.
   */
  perAccountFailures: number;
  underAttackDelayMs: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = {
  perIp: 30,
  perSourceFailures: 10,
  perAccountFailures: 20,
  underAttackDelayMs: 15_000,
  windowMs: 15 * 60_000,
};

export class LoginThrottle {
  private readonly limits: LoginThrottleLimits;
  private readonly ipAttempts: FixedWindowCounter;
  private readonly accounts = new Map<string, AccountFailures>();

  constructor(
    limits: Partial<LoginThrottleLimits> = {},
    private readonly now = Date.now,
  ) {
    this.limits = { ...DEFAULT_LOGIN_LIMITS, ...limits };
    this.ipAttempts = new FixedWindowCounter(this.limits.perIp, this.limits.windowMs);
  }

  /**
   * Throws 429 (with the seconds to wait) when the source is over its attempts, or has
   * failed too often for this account; counts the attempt against the source otherwise.
   */
  checkAttempt(ip: string, email: string): void {
    const now = this.now();
    const wait = Math.max(this.ipAttempts.retryAfter(ip, now), this.pairWait(ip, email, now));
    if (wait > 0) {
      throw new RateLimitedError(waitSentence(wait), wait);
    }
    this.ipAttempts.hit(ip, now);
  }

  recordFailure(ip: string, email: string): void {
    const now = this.now();
    const { windowMs } = this.limits;
    const key = email.toLowerCase();
    if (!this.accounts.has(key) && this.accounts.size >= 100_000) this.sweep(now);
    const account = this.accounts.get(key) ?? {
      total: { count: 0, resetAt: 0 },
      sources: new Map(),
    };
    this.accounts.set(key, account);
    count(account.total, now, windowMs);
    if (!account.sources.has(ip) && account.sources.size >= 10_000) pruneSources(account, now);
    const source = account.sources.get(ip) ?? { count: 0, resetAt: 0, lastAt: now };
    account.sources.set(ip, source);
    count(source, now, windowMs);
    source.lastAt = now;
  }

  /** The right password from this source: its failures for the account are forgotten. */
  recordSuccess(ip: string, email: string): void {
    this.accounts.get(email.toLowerCase())?.sources.delete(ip);
  }

  /** The account's password was reset: every failure for it, from every source, is forgotten. */
  clearAccount(email: string): void {
    this.accounts.delete(email.toLowerCase());
  }

  /** Whole seconds this source must wait before trying this account again. */
  private pairWait(ip: string, email: string, now: number): number {
    const account = this.accounts.get(email.toLowerCase());
    const source = account?.sources.get(ip);
    if (!account || !source || source.resetAt <= now) return 0;
    const { perSourceFailures, perAccountFailures, underAttackDelayMs } = this.limits;
    if (source.count >= perSourceFailures) return seconds(source.resetAt - now);
    const underAttack = account.total.resetAt > now && account.total.count >= perAccountFailures;
    if (!underAttack) return 0;
    const delay = underAttackDelayMs * 2 ** (source.count - 1);
    const until = Math.min(source.lastAt + delay, source.resetAt, account.total.resetAt);
    return until > now ? seconds(until - now) : 0;
  }

  private sweep(now: number): void {
    for (const [key, account] of this.accounts) {
      pruneSources(account, now);
      if (account.total.resetAt <= now && account.sources.size === 0) this.accounts.delete(key);
    }
  }
}

function pruneSources(account: AccountFailures, now: number): void {
  for (const [ip, source] of account.sources) if (source.resetAt <= now) account.sources.delete(ip);
}

/** Counts one in a fixed window, starting a new window once the last one has ended. */
function count(window: Window, now: number, windowMs: number): void {
  if (window.resetAt <= now) {
    window.count = 1;
    window.resetAt = now + windowMs;
  } else {
    window.count++;
  }
}

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

/** The wait in seconds under a minute, else in whole minutes (rounded up). */
function waitSentence(wait: number): Message {
  if (wait < 60) return msg('errors.tooManyLogins', { seconds: wait });
  return msg('errors.tooManyLoginsMinutes', { minutes: Math.ceil(wait / 60) });
}
