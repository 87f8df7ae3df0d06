// The benchmark's figures, each driving one server through BenchClients with the same
// workload; every wait is bounded so a stuck server fails a figure instead of the run.
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BenchClient, type ClientTarget } from './BenchClient.ts';

export interface ServerUnderTest extends ClientTarget {
  pid: number;
  /** Collects garbage in the server, then reads its RSS (/proc) and the heap it reports. */
  sampleMemory(): Promise<{ rss: number; heap: number }>;
  /** A document name never used before on this server. */
  nextDocument(): string;
}

const WAIT_MS = 15_000;
/** The scale phase's batches, on a machine loaded by thousands of clients on both sides. */
const SCALE_WAIT_MS = 60_000;
/** After the scale phase's clients leave: ours' 2 s unload grace, then the unloading itself. */
const UNLOAD_WAIT_MS = 5_000;

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Opens n clients on one document, 50 at a time, and waits until each has synced. */
export async function connect(
  server: ServerUnderTest,
  document: string,
  n: number,
  waitMs = WAIT_MS,
  options: { presence?: boolean } = {},
) {
  const clients: BenchClient[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from(
      { length: Math.min(50, n - i) },
      () => new BenchClient(server, document, options),
    );
    clients.push(...batch);
    await withTimeout(
      Promise.all(batch.map((c) => c.whenSynced())),
      `${n} clients syncing`,
      waitMs,
    );
  }
  return clients;
}

function closeAll(clients: BenchClient[]) {
  for (const client of clients) client.close();
}

/**
 * Resolves with, for each client, the ms from `start` until `done(client)` first held,
 * checked on every document (or awareness) change of that client.
 */
function timeUntil(
  clients: BenchClient[],
  done: (client: BenchClient) => boolean,
  start: number,
  on: 'doc' | 'awareness' = 'doc',
): Promise<number[]> {
  return new Promise((resolve) => {
    const times: number[] = new Array(clients.length);
    let left = clients.length;
    const detach: Array<() => void> = [];
    clients.forEach((client, i) => {
      const check = () => {
        if (times[i] !== undefined || !done(client)) return;
        times[i] = performance.now() - start;
        left--;
        if (left === 0) {
          for (const off of detach) off();
          resolve(times);
        }
      };
      if (on === 'doc') {
        client.doc.on('update', check);
        detach.push(() => client.doc.off('update', check));
      } else {
        client.awareness.on('change', check);
        detach.push(() => client.awareness.off('change', check));
      }
      queueMicrotask(check);
    });
  });
}

/**
 * Latency of one small edit reaching every other client, one edit in flight at a time. With
 * `split`, every other receiver connects to that second instance instead (scale-out).
 */
export async function fanOut(
  server: ServerUnderTest,
  n: number,
  edits: number,
  split?: Pick<ClientTarget, 'port'>,
) {
  const document = server.nextDocument();
  const clients = await connect(server, document, split ? Math.ceil(n / 2) : n);
  if (split) clients.push(...(await connect({ ...server, ...split }, document, Math.floor(n / 2))));
  try {
    const [writer, ...receivers] = clients;
    if (!writer) throw new Error('no writer');
    return await editLatency(writer, receivers, edits, server.pid);
  } finally {
    closeAll(clients);
  }
}

/**
 * CPU time the server process has used so far, all threads, in ms. Read from each thread's
 * /proc/<pid>/task/<tid>/schedstat (nanoseconds) rather than /proc/<pid>/stat, whose 10 ms
 * ticks are too coarse for a few edits; threads that ended meanwhile are not counted.
 */
export function serverCpuMs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return ns / 1e6;
}

/**
 * One edit in flight at a time; per receiver the ms until it has the edit. With `pid`, also
 * the server's CPU per edit over the timed edits (everything the process did meanwhile,
 * storing included).
 */
async function editLatency(
  writer: BenchClient,
  receivers: BenchClient[],
  edits: number,
  pid?: number,
) {
  const latencies: number[] = [];
  let cpuAtStart = 0;
  for (let i = 0; i <= edits; i++) {
    if (i === 1 && pid) cpuAtStart = serverCpuMs(pid);
    const expected = writer.textLength() + 1;
    const start = performance.now();
    writer.insert(expected, 'x');
    const times = await withTimeout(
      timeUntil(receivers, (c) => c.textLength() >= expected, start),
      `fan-out edit ${i} to ${receivers.length} clients`,
    );
    if (i > 0) latencies.push(...times); // the first edit creates the paragraph: warm-up
  }
  const cpuPerEdit = pid && edits > 0 ? (serverCpuMs(pid) - cpuAtStart) / edits : Number.NaN;
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), cpuPerEdit };
}

/**
 * How cost grows, on a fresh server: `sockets` idle sockets on one document first (from rest,
 * so RSS growth is theirs alone), the fan-out p99 of `edits` edits to them, then `documents`
 * documents with one idle client each; then every client leaves, and what the server still
 * holds once its documents have unloaded is the retained RSS.
 */
export async function scale(
  server: ServerUnderTest,
  documents: number,
  sockets: number,
  edits: number,
) {
  const crowd: BenchClient[] = [];
  const opened: BenchClient[] = [];
  try {
    const before = await steadyMemory(server);
    let start = performance.now();
    crowd.push(
      ...(await connect(server, server.nextDocument(), sockets, SCALE_WAIT_MS, {
        presence: false,
      })),
    );
    const socketsOpenMs = performance.now() - start;
    await sleep(500);
    const withSockets = await steadyMemory(server);
    const [writer, ...receivers] = crowd;
    if (!writer) throw new Error('no writer');
    const { p99 } = await editLatency(writer, receivers, edits);
    start = performance.now();
    for (let i = 0; i < documents; i += 100) {
      const batch = Array.from(
        { length: Math.min(100, documents - i) },
        () => new BenchClient(server, server.nextDocument(), { presence: false }),
      );
      opened.push(...batch);
      await withTimeout(
        Promise.all(batch.map((c) => c.whenSynced())),
        `documents ${i}+ opening`,
        SCALE_WAIT_MS,
      );
    }
    const documentsOpenMs = performance.now() - start;
    await sleep(500);
    const withDocuments = await steadyMemory(server);
    closeAll(crowd);
    closeAll(opened);
    // Ours keeps a document 2 s after its last client leaves (then saves and unloads it).
    await sleep(UNLOAD_WAIT_MS);
    const afterLeaving = await steadyMemory(server);
    return {
      baselineRss: before.rss,
      rssWithEverything: withDocuments.rss,
      rssPerSocket: (withSockets.rss - before.rss) / sockets,
      socketsOpenMs,
      fanOutP99: p99,
      rssPerDocument: (withDocuments.rss - withSockets.rss) / documents,
      documentsOpenMs,
      retainedRss: afterLeaving.rss - before.rss,
    };
  } finally {
    closeAll(crowd);
    closeAll(opened);
  }
}

/**
 * Updates delivered per second: on each of `documents` documents one writer sends updates in
 * windows of `window`; the next window starts once every receiver has the previous one, so no
 * receiver falls behind.
 */
export async function throughput(
  server: ServerUnderTest,
  documents: number,
  clientsPerDocument: number,
  updatesPerWriter: number,
  window: number,
) {
  const groups: BenchClient[][] = [];
  try {
    for (let d = 0; d < documents; d++) {
      groups.push(await connect(server, server.nextDocument(), clientsPerDocument));
    }
    for (const group of groups) group[0]?.insert(0, 's');
    await waitForLength(groups, 1);
    const start = performance.now();
    let sent = 1;
    while (sent < updatesPerWriter + 1) {
      const count = Math.min(window, updatesPerWriter + 1 - sent);
      for (const group of groups) {
        const writer = group[0];
        for (let k = 0; k < count && writer; k++) writer.insert(sent + k, 'y');
      }
      sent += count;
      await waitForLength(groups, sent);
    }
    const seconds = (performance.now() - start) / 1000;
    const delivered = documents * (clientsPerDocument - 1) * updatesPerWriter;
    return delivered / seconds;
  } finally {
    for (const group of groups) closeAll(group);
  }
}

async function waitForLength(groups: BenchClient[][], length: number) {
  const receivers = groups.flatMap((group) => group.slice(1));
  await withTimeout(
    timeUntil(receivers, (c) => c.textLength() >= length, performance.now()),
    `receivers reaching length ${length}`,
  );
}

export interface ColdDocument {
  name: string;
  writer: BenchClient;
  length: number;
  bytes: number;
}

/** Builds a ~1 MB document from `edits` inserts of 100 characters at random positions, through the server. */
export async function buildColdDocument(
  server: ServerUnderTest,
  edits: number,
): Promise<ColdDocument> {
  const name = server.nextDocument();
  const [writer] = await connect(server, name, 1);
  if (!writer) throw new Error('no writer');
  const chunk = 'abcdefghij'.repeat(10);
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < edits; i++) {
    writer.insert(Math.floor(random() * writer.textLength()), chunk);
    if (i % 500 === 499) await sleep(1); // let the socket drain
  }
  const length = writer.textLength();
  if (server.kind === 'ours') {
    // Cold load must read the stored state: wait until PostgreSQL has every edit.
    const clock = writer.ownClock();
    await withTimeout(
      new Promise<void>((resolve) => {
        const check = () => {
          if ((writer.saved.get(writer.doc.clientID) ?? 0) >= clock) resolve();
        };
        writer.onSaved = check;
        check();
      }),
      'the 1 MB document being saved',
      60_000,
    );
  }
  // The peers acknowledge nothing durable: wait until a fresh client gets the whole document,
  // so every server has applied all edits before cold loads are timed.
  const until = performance.now() + 30_000;
  for (;;) {
    const probe = new BenchClient(server, name);
    try {
      await withTimeout(probe.whenSynced(), 'probe sync', 30_000);
      if (probe.textLength() === length) break;
    } finally {
      probe.close();
    }
    if (performance.now() > until) throw new Error('the server never held the whole document');
    await sleep(200);
  }
  const { encodeStateAsUpdate } = await import('yjs');
  return { name, writer, length, bytes: encodeStateAsUpdate(writer.doc).byteLength };
}

/**
 * Connect → synced time of a fresh client on the built document; checks it got all of it.
 * Split in three, as the client sees it: connect → socket open (handshake, access decision),
 * open → the sync step 2's last byte received (the server's answer and its transfer), and the
 * client applying it.
 */
export async function coldLoad(server: ServerUnderTest, cold: ColdDocument) {
  const start = performance.now();
  const client = new BenchClient(server, cold.name);
  try {
    await withTimeout(client.whenSynced(), 'cold load sync', 30_000);
    const ms = performance.now() - start;
    if (client.textLength() !== cold.length) {
      throw new Error(`cold load got ${client.textLength()} characters, expected ${cold.length}`);
    }
    const { openedAt, step2ReceivedAt, syncedAt } = client.timings;
    return {
      ms,
      openMs: openedAt - start,
      answerMs: step2ReceivedAt - openedAt,
      applyMs: syncedAt - step2ReceivedAt,
    };
  } finally {
    client.close();
  }
}

/** The client part of a cold load alone: applying the document's state to a fresh Y.Doc, no socket. */
export async function applyColdState(cold: ColdDocument) {
  const Y = await import('yjs');
  const state = Y.encodeStateAsUpdate(cold.writer.doc);
  const doc = new Y.Doc();
  const start = performance.now();
  Y.applyUpdate(doc, state);
  const ms = performance.now() - start;
  doc.destroy();
  return ms;
}

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

/** Samples until the heap stops shrinking (documents of earlier figures may still be unloading). */
async function steadyMemory(server: ServerUnderTest) {
  let previous = await server.sampleMemory();
  for (let attempt = 0; attempt < 8; attempt++) {
    await sleep(500);
    const current = await server.sampleMemory();
    if (Math.abs(current.heap - previous.heap) < 512 * 1024) return current;
    previous = current;
  }
  return previous;
}

/** RSS growth per open document (one synced client each) and per extra idle connection. */
export async function memory(server: ServerUnderTest, documents: number, connections: number) {
  const opened: BenchClient[] = [];
  try {
    const before = await steadyMemory(server);
    for (let d = 0; d < documents; d++) {
      const [client] = await connect(server, server.nextDocument(), 1);
      client?.insert(0, 'm');
      if (client) opened.push(client);
    }
    await sleep(300);
    const withDocuments = await steadyMemory(server);
    opened.push(...(await connect(server, server.nextDocument(), connections)));
    await sleep(300);
    const withConnections = await steadyMemory(server);
    return {
      rssPerDocument: (withDocuments.rss - before.rss) / documents,
      rssPerConnection: (withConnections.rss - withDocuments.rss) / connections,
      heapPerDocument: (withDocuments.heap - before.heap) / documents,
      heapPerConnection: (withConnections.heap - withDocuments.heap) / connections,
    };
  } finally {
    closeAll(opened);
  }
}

/**
 * Latency of an awareness change (a cursor move) reaching every other client, and the
 * server's CPU time per change (less sensitive to a loaded machine than the latency).
 */
export async function awarenessFanOut(server: ServerUnderTest, n: number, changes: number) {
  const clients = await connect(server, server.nextDocument(), n);
  try {
    const [setter, ...receivers] = clients;
    if (!setter) throw new Error('no setter');
    const id = setter.doc.clientID;
    // As an editor's state: who it is (as the server told it), then the cursor that moves.
    setter.awareness.setLocalStateField('user', setter.user);
    const latencies: number[] = [];
    let cpuAtStart = 0;
    for (let i = 0; i <= changes; i++) {
      if (i === 1) cpuAtStart = serverCpuMs(server.pid);
      const start = performance.now();
      setter.awareness.setLocalStateField('cursor', i);
      const times = await withTimeout(
        timeUntil(
          receivers,
          (c) => (c.awareness.getStates().get(id) as { cursor?: number } | undefined)?.cursor === i,
          start,
          'awareness',
        ),
        `awareness change ${i}`,
      );
      if (i > 0) latencies.push(...times);
    }
    const cpuPerChange = (serverCpuMs(server.pid) - cpuAtStart) / changes;
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), cpuPerChange };
  } finally {
    closeAll(clients);
  }
}

/**
 * `n` clients open a fresh document at once; each sets its awareness state (its user, as an
 * editor does) once it has synced.
 * The time from the first connect until every client shows all `n` states, and the server's
 * CPU time meanwhile.
 */
export async function awarenessJoin(server: ServerUnderTest, n: number) {
  const document = server.nextDocument();
  const cpuAtStart = serverCpuMs(server.pid);
  const start = performance.now();
  const clients = Array.from({ length: n }, () => new BenchClient(server, document));
  try {
    const everyone = timeUntil(
      clients,
      (c) => {
        const states = c.awareness.getStates();
        if (states.size < n) return false;
        let joined = 0;
        for (const state of states.values()) if ((state as { joined?: boolean }).joined) joined++;
        return joined === n;
      },
      start,
      'awareness',
    );
    for (const client of clients) {
      void client.whenSynced().then(() => {
        const state = client.awareness.getLocalState() ?? {};
        client.awareness.setLocalState({ ...state, user: client.user, joined: true });
      });
    }
    const times = await withTimeout(everyone, `${n} clients joining`);
    return { ms: Math.max(...times), cpuMs: serverCpuMs(server.pid) - cpuAtStart };
  } finally {
    closeAll(clients);
  }
}

/** Ours only: from an edit to the saved signal covering it, with `n` clients typing. */
export async function editToSaved(
  server: ServerUnderTest,
  n: number,
  durationMs: number,
  intervalMs: number,
) {
  const clients = await connect(server, server.nextDocument(), n);
  try {
    const latencies: number[] = [];
    let pending = 0;
    let allSaved: (() => void) | undefined;
    const queues = clients.map((client) => {
      const queue: Array<{ clock: number; at: number }> = [];
      client.onSaved = () => {
        const savedClock = client.saved.get(client.doc.clientID) ?? 0;
        const now = performance.now();
        while (queue.length > 0 && (queue[0]?.clock ?? Number.POSITIVE_INFINITY) <= savedClock) {
          const edit = queue.shift();
          if (edit) latencies.push(now - edit.at);
          pending--;
        }
        if (pending === 0) allSaved?.();
      };
      return queue;
    });
    clients[0]?.insert(0, 'p');
    await withTimeout(
      timeUntil(clients.slice(1), (c) => c.textLength() > 0, performance.now()),
      'paragraph reaching every typist',
    );
    const end = performance.now() + durationMs;
    let round = 0;
    while (performance.now() < end) {
      clients.forEach((client, i) => {
        client.insert(((round * 7 + i) % (client.textLength() + 1)) + 0, 't');
        queues[i]?.push({ clock: client.ownClock(), at: performance.now() });
        pending++;
      });
      round++;
      await sleep(intervalMs);
    }
    if (pending > 0) {
      await withTimeout(
        new Promise<void>((resolve) => {
          allSaved = resolve;
        }),
        `${pending} edits being reported saved`,
      );
    }
    return {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      edits: latencies.length,
    };
  } finally {
    closeAll(clients);
  }
}
