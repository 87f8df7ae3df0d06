// `pnpm bench:heavy-update`: does one expensive but legitimate update stall other documents?
// Starts our built server (bench/sync/servers/startOurs.ts, embedded PGlite); on
// document B a writer types one character every 10 ms and a reader times each one's arrival
// (fan-out latency); on document A a raw socket sends one update of 100,000 one-character
// structs (each typed before the previous, ~680 KB). Prints B's fan-out latency before and
// while A's update is applied and stored, how long A's update took to be saved, and the
// server's own event-loop delay before and during (a held loop, or a machine too busy).
import type { ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { ARTICLE_FIELD, BenchClient } from './BenchClient.ts';
import { type LoopDelay, readProbe } from './servers/probeReader.ts';
import { type OursStarted, startOurs } from './servers/startOurs.ts';

const STRUCTS = 100_000;
const PROBE_MS = 10;
const BUDGET_P99_MS = 50;

type Started = OursStarted & { port: number; child: ChildProcess };

async function startServer(): Promise<Started> {
  // BENCH_SERVER_FLAGS adds node flags, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeFlags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
  const ours = await startOurs({ documents: 3, nodeFlags });
  const [instance] = ours.instances;
  if (!instance) throw new Error('no instance started');
  return { ...ours, port: Number(new URL(instance.baseUrl).port), child: instance.child };
}

/** 100,000 one-character structs in one paragraph: each typed in front of the previous one. */
function heavyUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 7; // a small client id keeps each struct ~7 bytes: ~680 KB, under the 1 MiB frame
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    doc.getXmlFragment(ARTICLE_FIELD).insert(0, [paragraph]);
    for (let i = 0; i < STRUCTS; i++) text.insert(0, String.fromCharCode(97 + (i % 26)));
  });
  return Y.encodeStateAsUpdate(doc);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  return `${sorted.length} edits: p50 ${f(percentile(sorted, 50))} ms, p99 ${f(percentile(sorted, 99))} ms, max ${f(sorted.at(-1) ?? Number.NaN)} ms`;
}

async function main() {
  const update = heavyUpdate();
  const structs = Y.decodeUpdate(update).structs.length;
  const server = await startServer();
  try {
    await measure(server, update, structs);
  } finally {
    await server.stop();
  }
}

async function measure(server: Started, update: Uint8Array, structs: number) {
  const [heavyDoc, docB] = server.documentIds as [string, string];
  const target = { kind: 'ours' as const, port: server.port, token: server.token };
  const { loopDelay } = readProbe(server.child);
  await loopDelay(); // from here on: the server's start-up is not in the figures
  const writer = new BenchClient(target, docB);
  const reader = new BenchClient(target, docB);
  await Promise.all([writer.whenSynced(), reader.whenSynced()]);
  writer.insert(0, 'start ');

  // Each probe: the writer's clock after it, and when it was typed.
  const sentAt = new Map<number, number>();
  let window: 'before' | 'during' | 'after' = 'before';
  const latencies = { before: [] as number[], during: [] as number[], after: [] as number[] };
  reader.doc.on('update', () => {
    const now = performance.now();
    const state = Y.getState(reader.doc.store, writer.doc.clientID);
    for (const [clock, at] of sentAt) {
      if (clock > state) continue;
      latencies[window].push(now - at);
      sentAt.delete(clock);
    }
  });
  const probe = setInterval(() => {
    writer.insert(writer.textLength(), 'x');
    sentAt.set(writer.ownClock(), performance.now());
  }, PROBE_MS);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const loopBefore = await loopDelay();

  // The heavy update, from a raw socket: sent once, then wait for the saved signal to cover it.
  window = 'during';
  const heavyClient = Y.decodeUpdate(update).structs[0]?.id.client ?? 0;
  const heavyClock =
    Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)).get(heavyClient) ?? 0;
  const socket = new WebSocket(
    `ws://127.0.0.1:${server.port}/collab/${heavyDoc}?token=${server.token}&factdesk=1`,
  );
  const sent = performance.now();
  const saved = await new Promise<number>((resolve, reject) => {
    socket.on('open', () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      socket.send(encoding.toUint8Array(encoder));
    });
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 100) return;
      const vector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      if ((vector.get(heavyClient) ?? 0) >= heavyClock) resolve(performance.now() - sent);
    });
    socket.on('close', (code, reason) =>
      reject(new Error(`heavy socket closed: ${code} ${reason}`)),
    );
  });
  window = 'after';
  const loopDuring = await loopDelay();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  clearInterval(probe);
  socket.removeAllListeners('close');
  socket.close();
  writer.close();
  reader.close();

  const during = [...latencies.during].sort((a, b) => a - b);
  console.log(
    `heavy update: ${structs} structs, ${update.byteLength} bytes; stored (saved signal) after ${saved.toFixed(0)} ms`,
  );
  console.log(`other document's fan-out before:  ${summary(latencies.before)}`);
  console.log(`other document's fan-out during:  ${summary(latencies.during)}`);
  console.log(`other document's fan-out after:   ${summary(latencies.after)}`);
  const loop = (f: LoopDelay) => `p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms`;
  console.log(`server event-loop delay before:   ${loop(loopBefore)}`);
  console.log(`server event-loop delay during:   ${loop(loopDuring)}`);
  console.log(
    `load average (1 min): ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`,
  );
  console.log(
    `budget: p99 ≤ ${BUDGET_P99_MS} ms during — ${percentile(during, 99) <= BUDGET_P99_MS ? 'met' : 'NOT met'}`,
  );
}

await main();
