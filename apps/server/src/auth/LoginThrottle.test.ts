import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors.ts';
import { LoginThrottle } from './LoginThrottle.ts';

const WINDOW_MS = 60_000;

/** A throttle on a clock the test moves by hand. */
function throttleAt(start = 1_000_000, limits = { perIp: 3, perAccountFailures: 2 }) {
  const clock = { now: start };
  const throttle = new LoginThrottle({ ...limits, windowMs: WINDOW_MS }, () => clock.now);
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

describe('login throttle', () => {
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

  it('locks an account after its limit of failures, from every IP and in any letter case', () => {
    const { throttle } = throttleAt(1_000_000, { perIp: 100, perAccountFailures: 2 });
    throttle.checkAttempt('10.0.0.1', 'Victim@Example.com');
    throttle.recordFailure('Victim@Example.com');
    expect(refusal(throttle, '10.0.0.2', 'victim@example.com')).toBeUndefined();
    throttle.recordFailure('victim@example.com');

    expect(refusal(throttle, '10.0.0.3', 'VICTIM@example.com')).toBeInstanceOf(RateLimitedError);
    expect(refusal(throttle, '10.0.0.3', 'other@example.com')).toBeUndefined();
  });

  it('does not count attempts that succeed as failures of the account', () => {
    const { throttle } = throttleAt(1_000_000, { perIp: 100, perAccountFailures: 2 });
    for (let i = 0; i < 5; i++) {
      throttle.checkAttempt('10.0.0.1', 'a@example.com');
      throttle.recordSuccess('a@example.com');
    }
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')).toBeUndefined();
  });

  it('forgets an account’s failures once it logs in successfully', () => {
    const { throttle } = throttleAt(1_000_000, { perIp: 100, perAccountFailures: 2 });
    throttle.recordFailure('a@example.com');
    throttle.recordSuccess('A@example.com');
    throttle.recordFailure('a@example.com');
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')).toBeUndefined();
    throttle.recordFailure('a@example.com');
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')).toBeDefined();
  });

  it('does not reset the IP count on a successful login', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 3; i++) {
      throttle.checkAttempt('10.0.0.1', 'a@example.com');
      throttle.recordSuccess('a@example.com');
    }
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')).toBeDefined();
  });

  it('lets an IP and an account try again once the window has passed', () => {
    const { throttle, clock } = throttleAt();
    for (let i = 0; i < 3; i++) throttle.checkAttempt('10.0.0.1', 'x@example.com');
    throttle.recordFailure('a@example.com');
    throttle.recordFailure('a@example.com');
    expect(refusal(throttle, '10.0.0.1', 'x@example.com')).toBeDefined();
    expect(refusal(throttle, '10.0.0.2', 'a@example.com')).toBeDefined();

    clock.now += WINDOW_MS - 1;
    expect(refusal(throttle, '10.0.0.1', 'x@example.com')).toBeDefined();
    expect(refusal(throttle, '10.0.0.2', 'a@example.com')).toBeDefined();

    clock.now += 1;
    expect(refusal(throttle, '10.0.0.1', 'x@example.com')).toBeUndefined();
    expect(refusal(throttle, '10.0.0.3', 'a@example.com')).toBeUndefined();
  });

  it('starts a new window on the first attempt after one expires, with a fresh count', () => {
    const { throttle, clock } = throttleAt();
    for (let i = 0; i < 3; i++) throttle.checkAttempt('10.0.0.1', 'x@example.com');
    clock.now += WINDOW_MS;
    for (let i = 0; i < 3; i++) {
      expect(refusal(throttle, '10.0.0.1', 'x@example.com')).toBeUndefined();
    }
    expect(refusal(throttle, '10.0.0.1', 'x@example.com')).toBeDefined();
  });

  it('tells how many whole seconds remain until the window ends, rounded up', () => {
    const { throttle, clock } = throttleAt();
    for (let i = 0; i < 3; i++) throttle.checkAttempt('10.0.0.1', 'x@example.com');

    expect(refusal(throttle, '10.0.0.1', 'x@example.com')?.retryAfterSeconds).toBe(60);
    clock.now += 15_500;
    expect(refusal(throttle, '10.0.0.1', 'x@example.com')?.retryAfterSeconds).toBe(45);
    clock.now += 44_000;
    const last = refusal(throttle, '10.0.0.1', 'x@example.com');
    expect(last?.retryAfterSeconds).toBe(1);
    expect(last?.message).toMatch(/Try again in 1 minute/);
  });

  it('reports the longer wait when both the IP and the account are over their limits', () => {
    const { throttle, clock } = throttleAt();
    throttle.recordFailure('a@example.com');
    throttle.recordFailure('a@example.com'); // account window ends at start + 60 s
    clock.now += 20_000;
    for (let i = 0; i < 3; i++) throttle.checkAttempt('10.0.0.1', 'x@example.com'); // IP: +80 s
    expect(refusal(throttle, '10.0.0.1', 'a@example.com')?.retryAfterSeconds).toBe(60);
    expect(refusal(throttle, '10.0.0.2', 'a@example.com')?.retryAfterSeconds).toBe(40);
  });

  it('does not count a refused attempt against the IP', () => {
    const { throttle, clock } = throttleAt();
    for (let i = 0; i < 3; i++) throttle.checkAttempt('10.0.0.1', 'x@example.com');
    for (let i = 0; i < 10; i++) refusal(throttle, '10.0.0.1', 'x@example.com');
    clock.now += WINDOW_MS;
    expect(refusal(throttle, '10.0.0.1', 'x@example.com')).toBeUndefined();
  });
});
