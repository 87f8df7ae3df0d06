import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors.ts';
import { LoginThrottle, type LoginThrottleLimits } from './LoginThrottle.ts';

const WINDOW_MS = 60_000;
const SMALL: Partial<LoginThrottleLimits> = {
  perIp: 3,
  perSourceFailures: 2,
  perAccountFailures: 4,
  underAttackDelayMs: 10_000,
};

/** A throttle on a clock the test moves by hand. */
function throttleAt(limits: Partial<LoginThrottleLimits> = SMALL, start = 1_000_000) {
  const clock = { now: start };
  const throttle = new LoginThrottle({ windowMs: WINDOW_MS, ...limits }, () => clock.now);
  return { throttle, clock };
}

/** The error checkAttempt throws, or undefined when the attempt may go ahead. */
function refusal(throttle: LoginThrottle, ip: string, email: string): RateLimitedError | undefined {
  try {
    throttle.checkAttempt(ip, email);
    return undefined;
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
}

/** One wrong password from `ip`, as the login command reports it (if it was let through). */
function fail(throttle: LoginThrottle, ip: string, email: string): RateLimitedError | undefined {
  const refused = refusal(throttle, ip, email);
  if (!refused) throttle.recordFailure(ip, email);
  return refused;
}

describe('login throttle: per source address', () => {
  it('lets an IP make its limit of attempts in a window, and refuses the next with 429', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 3; i++) {
      expect(refusal(throttle, '10.0.0.1', `person${i}@example.com`)).toBeUndefined();
    }
    const refused = refusal(throttle, '10.0.0.1', 'someone-else@example.com');
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused?.status).toBe(429);
    expect(refused?.code).toBe('rate_limited');
    expect(refused?.message).toMatch(/Too many login attempts/);
  });

  it('counts each IP on its own', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 3; i++) throttle.checkAttempt('10.0.0.1', 'a@example.com');
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')).toBeDefined();
    expect(refusal(throttle, '10.0.0.2', 'a@example.com')).toBeUndefined();
  });

  it('does not reset the IP count on a successful login', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 3; i++) {
      throttle.checkAttempt('10.0.0.1', 'a@example.com');
      throttle.recordSuccess('10.0.0.1', 'a@example.com');
    }
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')).toBeDefined();
  });

  it('does not count a refused attempt against the IP', () => {
    const { throttle, clock } = throttleAt();
    for (let i = 0; i < 3; i++) throttle.checkAttempt('10.0.0.1', 'x@example.com');
    for (let i = 0; i < 10; i++) refusal(throttle, '10.0.0.1', 'x@example.com');
    clock.now += WINDOW_MS;
    expect(refusal(throttle, '10.0.0.1', 'x@example.com')).toBeUndefined();
  });

  it('starts a new window on the first attempt after one expires, with a fresh count', () => {
    const { throttle, clock } = throttleAt();
    for (let i = 0; i < 3; i++) throttle.checkAttempt('10.0.0.1', 'x@example.com');
    clock.now += WINDOW_MS - 1;
    expect(refusal(throttle, '10.0.0.1', 'x@example.com')).toBeDefined();
    clock.now += 1;
    for (let i = 0; i < 3; i++) {
      expect(refusal(throttle, '10.0.0.1', 'x@example.com')).toBeUndefined();
    }
    expect(refusal(throttle, '10.0.0.1', 'x@example.com')).toBeDefined();
  });

  it('tells how many whole seconds remain until the window ends, rounded up', () => {
    const { throttle, clock } = throttleAt();
    for (let i = 0; i < 3; i++) throttle.checkAttempt('10.0.0.1', 'x@example.com');

    const first = refusal(throttle, '10.0.0.1', 'x@example.com');
    expect(first?.retryAfterSeconds).toBe(60);
    expect(first?.message).toMatch(/Try again in 1 minute\./);
    clock.now += 15_500;
    const later = refusal(throttle, '10.0.0.1', 'x@example.com');
    expect(later?.retryAfterSeconds).toBe(45);
    expect(later?.message).toMatch(/Try again in 45 seconds\./);
    clock.now += 44_000;
    expect(refusal(throttle, '10.0.0.1', 'x@example.com')?.message).toMatch(/in 1 second\./);
  });
});

describe('login throttle: per account and source', () => {
  const limits = { ...SMALL, perIp: 1000 };

  it('refuses a source past its failures for an account, and no other source', () => {
    const { throttle } = throttleAt(limits);
    expect(fail(throttle, '10.0.0.1', 'Victim@Example.com')).toBeUndefined();
    expect(fail(throttle, '10.0.0.1', 'victim@example.com')).toBeUndefined();
    // Same source, any letter case: refused, however right the password may be.
    expect(refusal(throttle, '10.0.0.1', 'VICTIM@example.com')).toBeInstanceOf(RateLimitedError);
    // Another source for the same account, and the same source for another account: fine.
    expect(refusal(throttle, '10.0.0.2', 'victim@example.com')).toBeUndefined();
    expect(refusal(throttle, '10.0.0.1', 'other@example.com')).toBeUndefined();
  });

  it('never refuses a clean source, however many failures other sources made', () => {
    const { throttle } = throttleAt(limits);
    for (let i = 0; i < 50; i++) fail(throttle, '10.6.6.6', 'victim@example.com');
    for (let source = 0; source < 20; source++)
      fail(throttle, `10.7.0.${source}`, 'victim@example.com');
    expect(refusal(throttle, '192.0.2.10', 'victim@example.com')).toBeUndefined();
  });

  it('slows every source that failed for an account under attack, longer after each failure', () => {
    const { throttle, clock } = throttleAt(limits);
    // Four failures from four sources: the account is under attack (perAccountFailures 4).
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) fail(throttle, ip, 'a@example.com');
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')).toBeUndefined(); // not yet
    fail(throttle, '10.0.0.4', 'a@example.com');

    // A source with one failure waits 10 s after it, one with none is let through.
    expect(refusal(throttle, '10.0.0.4', 'a@example.com')?.retryAfterSeconds).toBe(10);
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')?.retryAfterSeconds).toBe(10);
    expect(refusal(throttle, '10.0.0.5', 'a@example.com')).toBeUndefined();

    clock.now += 10_000;
    expect(fail(throttle, '10.0.0.4', 'a@example.com')).toBeUndefined();
    // Its second failure is also its last before the per-source cap: refused for the window.
    expect(refusal(throttle, '10.0.0.4', 'a@example.com')?.retryAfterSeconds).toBe(50);
  });

  it('doubles the wait with each failure of a source while the account is under attack', () => {
    const { throttle, clock } = throttleAt({ ...limits, perSourceFailures: 10, windowMs: 600_000 });
    for (let i = 0; i < 4; i++) fail(throttle, `10.0.1.${i}`, 'a@example.com');
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(fail(throttle, '10.0.0.9', 'a@example.com')).toBeUndefined();
      const wait = refusal(throttle, '10.0.0.9', 'a@example.com')?.retryAfterSeconds ?? 0;
      waits.push(wait);
      clock.now += wait * 1000;
    }
    expect(waits).toEqual([10, 20, 40]);
  });

  it('forgets a source’s failures for the account once it logs in from there', () => {
    const { throttle } = throttleAt(limits);
    fail(throttle, '10.0.0.1', 'a@example.com');
    throttle.checkAttempt('10.0.0.1', 'a@example.com');
    throttle.recordSuccess('10.0.0.1', 'A@example.com');
    expect(fail(throttle, '10.0.0.1', 'a@example.com')).toBeUndefined();
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')).toBeUndefined();
    fail(throttle, '10.0.0.1', 'a@example.com');
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')).toBeDefined();
  });

  it('keeps slowing the attackers after the owner logs in from elsewhere', () => {
    const { throttle } = throttleAt(limits);
    for (let i = 0; i < 4; i++) fail(throttle, `10.0.1.${i}`, 'a@example.com');
    throttle.checkAttempt('192.0.2.10', 'a@example.com');
    throttle.recordSuccess('192.0.2.10', 'a@example.com');
    expect(refusal(throttle, '10.0.1.0', 'a@example.com')).toBeDefined();
  });

  it('forgets every failure of an account when its password is reset', () => {
    const { throttle } = throttleAt(limits);
    for (let i = 0; i < 2; i++) fail(throttle, '10.0.0.1', 'a@example.com');
    for (let i = 0; i < 4; i++) fail(throttle, `10.0.1.${i}`, 'a@example.com');
    throttle.clearAccount('A@example.com');
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')).toBeUndefined();
    expect(refusal(throttle, '10.0.1.0', 'a@example.com')).toBeUndefined();
  });

  it('lets a source try an account again once the window has passed', () => {
    const { throttle, clock } = throttleAt(limits);
    for (let i = 0; i < 2; i++) fail(throttle, '10.0.0.1', 'a@example.com');
    clock.now += WINDOW_MS - 1;
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')?.retryAfterSeconds).toBe(1);
    clock.now += 1;
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')).toBeUndefined();
  });

  it('reports the longer wait when both the IP and the pair are over their limits', () => {
    const { throttle, clock } = throttleAt({ ...SMALL, perIp: 3 });
    for (let i = 0; i < 2; i++) fail(throttle, '10.0.0.1', 'a@example.com'); // pair: until +60 s
    clock.now += 20_000;
    throttle.checkAttempt('10.0.0.1', 'x@example.com'); // IP: 3 attempts, window until +60 s
    clock.now += 10_000;
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')?.retryAfterSeconds).toBe(30);
    const { throttle: other, clock: otherClock } = throttleAt({ ...SMALL, perIp: 3 });
    other.checkAttempt('10.0.0.1', 'x@example.com'); // IP window until +60 s
    otherClock.now += 20_000;
    for (let i = 0; i < 2; i++) fail(other, '10.0.0.1', 'a@example.com'); // pair until +80 s
    expect(refusal(other, '10.0.0.1', 'a@example.com')?.retryAfterSeconds).toBe(60);
  });
});
