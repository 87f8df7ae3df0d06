// pnpm bench:transport — the transport attacks of issue 13 against a real server process
// (embedded PostgreSQL, default settings): 500 connections from one address that send one
// header byte every 5 s, then 500 that open and send nothing. Prints how many were refused at
// once (per-address cap), how long the rest stayed open (headers timeout), and the server's
// resident memory before, at the peak and after the attack.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, stopChild } from '../apps/server/src/testing/serverProcess.ts';

const CONNECTIONS = 500;
const TRICKLE_MS = 5_000;
const MiB = 1024 * 1024;

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

interface Outcome {
  refused: number;
  timedOut: number;
  /** Longest a connection stayed open, in ms. */
  longestMs: number;
}

/** Opens `count` connections; `trickle` sends one header byte every TRICKLE_MS, else silence. */
async function attack(
  port: number,
  count: number,
  trickle: boolean,
  onTick: () => void,
): Promise<Outcome> {
  const outcome: Outcome = { refused: 0, timedOut: 0, longestMs: 0 };
  const started = Date.now();
  const sockets: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    sockets.push(
      new Promise<void>((resolve) => {
        const socket: Socket = connect(port, '127.0.0.1');
        let received = '';
        let timer: NodeJS.Timeout | undefined;
        socket.setEncoding('utf8').on('data', (chunk: string) => {
          received += chunk;
        });
        socket.on('error', () => {});
        socket.on('connect', () => {
          if (!trickle) return;
          socket.write('G');
          timer = setInterval(() => socket.write('E'), TRICKLE_MS);
        });
        socket.on('close', () => {
          clearInterval(timer);
          if (received.startsWith('HTTP/1.1 429')) outcome.refused++;
          else outcome.timedOut++;
          outcome.longestMs = Math.max(outcome.longestMs, Date.now() - started);
          resolve();
        });
      }),
    );
  }
  const sampler = setInterval(onTick, 250);
  await Promise.all(sockets);
  clearInterval(sampler);
  return outcome;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'factdesk-bench-transport-'));
  const server = await startServerProcess({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  try {
    const pid = server.child.pid as number;
    const port = Number(new URL(server.baseUrl).port);
    // Warm the server up with ordinary requests, then take the baseline.
    for (let i = 0; i < 200; i++) await fetch(`${server.baseUrl}/healthz`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const baseline = rssOf(pid);
    let peak = baseline;
    const sample = () => {
      peak = Math.max(peak, rssOf(pid));
    };
    const slow = await attack(port, CONNECTIONS, true, sample);
    const silent = await attack(port, CONNECTIONS, false, sample);
    // Memory the attack took is given back by the next collections: let the server idle a little.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    for (let i = 0; i < 50; i++) await fetch(`${server.baseUrl}/healthz`);
    const after = rssOf(pid);
    const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
    console.log(
      '| attack | connections | refused at once (429) | dropped by the headers timeout | longest open |',
    );
    console.log('|---|---:|---:|---:|---:|');
    for (const [name, o] of [
      ['one header byte every 5 s', slow],
      ['open, then silent', silent],
    ] as const) {
      console.log(
        `| ${name} | ${CONNECTIONS} | ${o.refused} | ${o.timedOut} | ${(o.longestMs / 1000).toFixed(1)} s |`,
      );
    }
    console.log('');
    console.log(
      `server RSS: baseline ${mib(baseline)}, peak ${mib(peak)}, after ${mib(after)} (after − baseline: ${mib(after - baseline)}; goal ≤ 16 MiB)`,
    );
  } finally {
    await stopChild(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
