// Limits login attempts per client IP and failed attempts per account, checked before any
// password hashing so a flood of guesses cannot burn the CPU. In memory: each instance
// counts its own (README, "Security").
import { RateLimitedError } from '../errors.ts';

interface Window {
  count: number;
  resetAt: number;
}

class FixedWindowCounter {
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

  clear(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

export interface LoginThrottleLimits {
  perIp: number;
  perAccountFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = {
  perIp: 30,
  perAccountFailures: 10,
  windowMs: 15 * 60_000,
};

export class LoginThrottle {
  private readonly ipAttempts: FixedWindowCounter;
  private readonly accountFailures: FixedWindowCounter;

  constructor(
    limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now = Date.now,
  ) {
    this.ipAttempts = new FixedWindowCounter(limits.perIp, limits.windowMs);
    this.accountFailures = new FixedWindowCounter(limits.perAccountFailures, limits.windowMs);
  }

  /** Throws 429 when the IP or the account is over its limit; counts the attempt otherwise. */
  checkAttempt(ip: string, email: string): void {
    const now = this.now();
    const account = email.toLowerCase();
    const wait = Math.max(
      this.ipAttempts.retryAfter(ip, now),
      this.accountFailures.retryAfter(account, now),
    );
    if (wait > 0) {
      throw new RateLimitedError(
        `Too many login attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`,
        wait,
      );
    }
    this.ipAttempts.hit(ip, now);
  }

  recordFailure(email: string): void {
    this.accountFailures.hit(email.toLowerCase(), this.now());
  }

  recordSuccess(email: string): void {
    this.accountFailures.clear(email.toLowerCase());
  }
}
