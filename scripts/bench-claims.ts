// pnpm bench:claims — latency from an API write on a claim to every one of 50 open stock
// y-websocket clients of that document receiving its live event (loopback; the built server
// on embedded PostgreSQL, in its own process). Prints p50/p99/max; the goal is p99 < 50 ms.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { anchorFor, docFrom } from '../apps/server/src/testing/claimFactories.ts';
import { startOurs } from '../bench/sync/servers/startOurs.ts';

// y-websocket, ws and lib0 are the server package's (dev) dependencies, not the root's.
const serverRequire = createRequire(new URL('../apps/server/package.json', import.meta.url));
// ESM builds (require.resolve finds the CommonJS ones): the server's modules load these,
// and a second copy of Yjs would break its constructor checks.
const Y = await import(serverRequire.resolve('yjs').replace(/yjs\.cjs$/, 'yjs.mjs'));
const { WebsocketProvider } = await import(
  serverRequire.resolve('y-websocket').replace(/dist\/y-websocket\.cjs$/, 'src/y-websocket.js')
);
const { default: WebSocket } = await import(serverRequire.resolve('ws'));
const decoding = await import(
  serverRequire.resolve('lib0/decoding').replace(/dist\/decoding\.cjs$/, 'decoding.js')
);
const { MESSAGE_EVENT, MESSAGE_SAVED } = await import(serverRequire.resolve('@factdesk/sync'));

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const WRITES = Number(process.env.BENCH_WRITES ?? 100);

// The server as `pnpm start` runs it (the built bundle, embedded PGlite in a temporary folder),
// in a process of its own: this process is only the clients and the API caller.
// BENCH_SERVER_FLAGS adds node flags to it, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
const ours = await startOurs({
  documents: 0,
  nodeFlags: process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [],
});
const base = new URL(ours.instances[0]?.baseUrl ?? '').host;
const { token } = ours;

/** The API, as the seeded user's token: the answer's body, or an error with its message. */
const api = async <T>(method: string, path: string, body: object): Promise<T> => {
  const response = await fetch(`http://${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

const { id: documentId } = await api<{ id: string }>(
  'POST',
  `/api/workspaces/${ours.workspaceId}/documents`,
  { format: 'md', content: 'The council said the bridge cost twice the estimate.' },
);

/** claim version an event carries → when each client got it (one version per write). */
const received = new Map<number, number[]>();
const providers = await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    const provider = new WebsocketProvider(`ws://${base}/collab`, documentId, new Y.Doc(), {
      connect: false,
      WebSocketPolyfill: WebSocket,
      params: { token, factdesk: '1' },
    });
    provider.messageHandlers[MESSAGE_EVENT] = (_encoder: unknown, decoder: unknown) => {
      const event = JSON.parse(decoding.readVarString(decoder));
      if (!event.claim) return; // the greeting's identity event
      const times = received.get(event.claim.version) ?? [];
      times.push(performance.now());
      received.set(event.claim.version, times);
    };
    // The saved signal is not what this bench measures; read past it quietly.
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder: unknown, decoder: unknown) => {
      decoding.readVarUint8Array(decoder);
    };
    provider.connect();
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    return provider;
  }),
);

/** The claim the API answers with: its id and version are all this bench reads. */
type ClaimBody = { id: string; version: number };

// The anchor is taken from the text the clients synced.
const synced = docFrom(Y.encodeStateAsUpdate(providers[0]?.doc ?? new Y.Doc()));
const claim = await api<ClaimBody>('POST', `/api/documents/${documentId}/claims`, {
  anchor: anchorFor(synced, 'the bridge cost twice'),
});
const latencies: number[] = [];
let version = claim.version;
for (let i = 0; i < WRITES; i++) {
  const started = performance.now();
  const updated = await api<ClaimBody>('PATCH', `/api/claims/${claim.id}`, {
    version,
    statement: `Edit ${i}`,
  });
  version = updated.version;
  const eventId = version;
  const deadline = Date.now() + 5000;
  while ((received.get(eventId)?.length ?? 0) < CLIENTS && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const times = received.get(eventId) ?? [];
  if (times.length < CLIENTS)
    throw new Error(`version ${eventId}: only ${times.length}/${CLIENTS} clients`);
  for (const time of times) latencies.push(time - started);
}

latencies.sort((a, b) => a - b);
const at = (q: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(
  `bench:claims — ${CLIENTS} clients × ${WRITES} PATCH writes, API call to each client's event`,
);
console.table({
  'p50 ms': at(0.5).toFixed(1),
  'p99 ms': at(0.99).toFixed(1),
  'max ms': (latencies.at(-1) ?? 0).toFixed(1),
  samples: latencies.length,
  'goal p99 < 50 ms': at(0.99) < 50 ? 'met' : 'missed',
});
for (const provider of providers) provider.destroy();
await ours.stop();
// Destroyed providers leave reconnect timers behind; the numbers are out.
process.exit(0);
