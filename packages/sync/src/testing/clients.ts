// ProtocolClients a test opens, all disconnected after it; and a wait that polls every
// millisecond, so the sync core's tests take milliseconds. Tests only.
import { afterEach, vi } from 'vitest';
import { ProtocolClient } from './ProtocolClient.ts';

const open: ProtocolClient[] = [];

afterEach(() => {
  for (const client of open.splice(0)) client.disconnect();
});

/** A ProtocolClient disconnected after the test. */
export function connect<Auth>(
  ...args: ConstructorParameters<typeof ProtocolClient<Auth>>
): ProtocolClient<Auth> {
  const client = new ProtocolClient<Auth>(...args);
  open.push(client as ProtocolClient);
  return client;
}

/** Waits until `check` stops throwing (an expect), polling every millisecond. */
export function until(check: () => void, timeout = 2_000): Promise<void> {
  return vi.waitFor(check, { interval: 1, timeout });
}

/** Lets queued frames and timers of a few milliseconds run. */
export function pause(ms = 5): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
