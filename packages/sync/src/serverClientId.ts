// The Yjs client ids the server writes with (imports, restores). Yjs gives every browser copy a
// random 32-bit id; the server takes its ids from above that range, so server-written history
// is recognisable in any update, and each document records the ones that wrote its own.

/** Stock Yjs client ids are below this (random uint32); server ids are at or above it. */
export const SERVER_CLIENT_ID_MIN = 2 ** 32;

export function isServerClientId(client: number): boolean {
  return client >= SERVER_CLIENT_ID_MIN;
}

/** A fresh server client id: 2^48 values to draw from, so two writers never share one. */
export function newServerClientId(): number {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2)) as unknown as [number, number];
  return SERVER_CLIENT_ID_MIN + (high % 2 ** 16) * 2 ** 32 + low;
}
