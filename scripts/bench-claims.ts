// pnpm bench:claims — latency from an API write on a claim to every one of 50 open stock
// y-websocket clients of that document receiving its live event (loopback, in-memory
// embedded PostgreSQL). Prints p50/p99/max; the goal is p99 < 50 ms.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import {
  anchorFor,
  buildDocumentWithText,
  docFrom,
} from '../apps/server/src/testing/claimFactories.ts';
import { createTestDatabase } from '../apps/server/src/testing/testDatabase.ts';

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

const db = await createTestDatabase('embedded');
const origin = 'http://127.0.0.1:3000';
const app = await buildApp({
  // One bench user holds all the sockets; the per-user cap (default 20) is for people.
  config: loadConfig({
    PUBLIC_URL: origin,
    WEB_DIST: '',
    LOG_LEVEL: 'silent',
    COLLAB_MAX_CONNECTIONS_PER_USER: String(CLIENTS + 10),
  }),
  db: db.sql,
  logger: false,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const signup = await fetch(`http://${base}/api/auth/signup`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin },
  body: JSON.stringify({
    email: 'bench@example.com',
    displayName: 'Bench',
    password: 'password-bench-1',
  }),
});
const me = (await signup.json()) as { user: { id: string }; workspaces: { id: string }[] };
const cookie = signup.headers.get('set-cookie')?.split(';')[0] ?? '';
const { token } = (await (
  await fetch(`http://${base}/api/me/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, cookie },
    body: JSON.stringify({ name: 'bench' }),
  })
).json()) as { token: string };
const { documentId, update } = await buildDocumentWithText(db.sql, {
  workspaceId: me.workspaces[0]!.id,
  createdBy: me.user.id,
  markdown: 'The council said the bridge cost twice the estimate.',
});

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
const api = async (method: string, path: string, body: object) => {
  const response = await fetch(`http://${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as ClaimBody;
};

const claim = await api('POST', `/api/documents/${documentId}/claims`, {
  anchor: anchorFor(docFrom(update), 'the bridge cost twice'),
});
// BENCH_CPU_PROF=file.cpuprofile: a CPU profile of the measured writes only (not the setup).
const profileTo = process.env.BENCH_CPU_PROF;
const profiler = profileTo ? new Session() : undefined;
const post = (method: string) =>
  new Promise<unknown>((resolve, reject) =>
    profiler?.post(method, (error, result) => (error ? reject(error) : resolve(result))),
  );
if (profiler) {
  profiler.connect();
  await post('Profiler.enable');
  await post('Profiler.start');
}
const latencies: number[] = [];
let version = claim.version;
for (let i = 0; i < WRITES; i++) {
  const started = performance.now();
  const updated = await api('PATCH', `/api/claims/${claim.id}`, {
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

if (profiler && profileTo) {
  const { profile } = (await post('Profiler.stop')) as { profile: object };
  await writeFile(profileTo, JSON.stringify(profile));
  profiler.disconnect();
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
await app.close();
await db.close();
// Destroyed providers leave reconnect timers and pglite handles behind; the numbers are out.
process.exit(0);
