import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshCoalescer } from './RefreshCoalescer.ts';

/** A refetch the test finishes by hand. */
function manualRefresh() {
  const finishers: (() => void)[] = [];
  const refresh = vi.fn(
    () =>
      new Promise<void>((resolve) => {
        finishers.push(resolve);
      }),
  );
  return { refresh, finish: () => finishers.shift()?.() };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RefreshCoalescer', () => {
  it('a burst of signals is one refetch, after the burst is quiet', async () => {
    const { refresh } = manualRefresh();
    const coalescer = new RefreshCoalescer({ refresh, delayMs: 250, maxWaitMs: 1000 });
    for (let i = 0; i < 20; i += 1) {
      coalescer.request();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('signals during a refetch ask for exactly one more, never two at once', async () => {
    const { refresh, finish } = manualRefresh();
    const coalescer = new RefreshCoalescer({ refresh, delayMs: 250, maxWaitMs: 1000 });
    coalescer.request();
    await vi.advanceTimersByTimeAsync(250);
    expect(refresh).toHaveBeenCalledTimes(1);
    coalescer.request();
    coalescer.request();
    await vi.advanceTimersByTimeAsync(1000);
    expect(refresh).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(250);
    expect(refresh).toHaveBeenCalledTimes(2);
    finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('a burst that never stops still refetches every maxWaitMs', async () => {
    const refresh = vi.fn(async () => {});
    const coalescer = new RefreshCoalescer({ refresh, delayMs: 250, maxWaitMs: 1000 });
    for (let i = 0; i < 30; i += 1) {
      coalescer.request();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(refresh.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(refresh.mock.calls.length).toBeLessThanOrEqual(3);
    coalescer.stop();
  });
});
