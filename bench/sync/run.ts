// `pnpm bench:sync`: starts our server (persisting to PostgreSQL), @hocuspocus/server and
// @y/websocket-server (in memory), each in its own child process on loopback, drives them with
// the same load generator in alternating runs, and prints medians and the ratio ours/peer as a
// markdown table (also written to bench/sync/results/latest.json).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../../apps/server/src/testing/serverProcess.ts';
import type { ServerKind } from './BenchClient.ts';
import * as figures from './figures.ts';
import { readProbe } from './servers/probeReader.ts';
import { type OursStarted, PROBE_FLAGS, startOurs } from './servers/startOurs.ts';
import { validationCost } from './validationCost.ts';

const here = dirname(fileURLToPath(import.meta.url));
const RUN_DEADLINE_MS = 300_000;
/** The scale phase and the cross-instance figure, on top. */
const SCALE_DEADLINE_MS = 900_000;

interface Options {
  only: 'all' | 'peers' | 'ours';
  runs: number;
  /** Documents opened in the scale phase (0: no scale phase). */
  scaleDocuments: number;
  /** Only the figures whose label matches (e.g. `fan-out 200`, for a profile of one figure). */
  figures: RegExp | undefined;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { only: 'all', runs: 5, scaleDocuments: 10_000, figures: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') {
      const value = argv[++i];
      if (value !== 'peers' && value !== 'ours' && value !== 'all') {
        throw new Error('--only must be peers, ours or all');
      }
      options.only = value;
    } else if (arg === '--runs') {
      const runs = Number(argv[++i]);
      if (!Number.isInteger(runs) || runs < 1 || runs > 9) throw new Error('--runs must be 1–9');
      options.runs = runs;
    } else if (arg === '--scale-documents') {
      const documents = Number(argv[++i]);
      if (!Number.isInteger(documents) || documents < 0 || documents > 20_000) {
        throw new Error('--scale-documents must be 0–20000 (0 skips the scale phase)');
      }
      options.scaleDocuments = documents;
    } else if (arg === '--figures') {
      options.figures = new RegExp(argv[++i] ?? '');
    } else {
      throw new Error(
        `unknown argument ${arg} (use --only peers|ours|all, --runs N, --scale-documents N, --figures REGEX)`,
      );
    }
  }
  return options;
}

/** The peers' servers, in memory; ours is the built bundle (servers/startOurs.ts). */
const PEER_SCRIPTS: Record<Exclude<ServerKind, 'ours'>, string> = {
  hocuspocus: 'servers/hocuspocus.ts',
  'y-websocket-server': 'servers/yWebsocketServer.ts',
};

interface Started extends figures.ServerUnderTest {
  child: ChildProcess;
  /** Stops it and waits until it has exited (ours: then removes its database). */
  stop(): Promise<void>;
}

/** BENCH_SERVER_FLAGS adds node flags to the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
const extraFlags = () => process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];

/** Ours on `documents` seeded documents, on PGlite or on BENCH_DATABASE_URL's server. */
async function startOursServer(documents: number): Promise<Started> {
  const ours = await startOurs({
    documents,
    databaseUrl: process.env.BENCH_DATABASE_URL,
    nodeFlags: extraFlags(),
  });
  const [instance] = ours.instances;
  if (!instance) throw new Error('no instance started');
  return probed('ours', instance.child, new URL(instance.baseUrl).port, ours, ours.stop);
}

/** A peer in its own node process (tsx as a loader, so the pid is the server's). */
async function startPeer(kind: Exclude<ServerKind, 'ours'>): Promise<Started> {
  const args = [...PROBE_FLAGS, ...extraFlags(), '--import', 'tsx', join(here, PEER_SCRIPTS[kind])];
  const child = spawn(process.execPath, args, {
    cwd: join(here, '..'),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${kind} did not start in 60 s`));
    }, 60_000);
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code} before starting`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  const stop = async () => {
    await stopChild(child);
  };
  return probed(kind, child, String(port), { token: undefined, documentIds: [] }, stop);
}

/**
 * The server as the figures see it. Memory is sampled through the preloaded probe
 * (servers/benchProbe.mjs): a full garbage collection, then its heap.
 */
function probed(
  kind: ServerKind,
  child: ChildProcess,
  port: string,
  seeded: { token: string | undefined; documentIds: string[] },
  stop: () => Promise<void>,
): Started {
  const probe = readProbe(child);
  const pid = child.pid ?? 0;
  let counter = 0;
  return {
    kind,
    child,
    pid,
    port: Number(port),
    token: seeded.token,
    stop,
    nextDocument() {
      if (kind !== 'ours') return `bench-${counter++}`;
      const id = seeded.documentIds[counter++];
      if (!id) throw new Error('ran out of seeded documents');
      return id;
    },
    async sampleMemory() {
      const heap = await probe.heapBytes();
      return { rss: figures.rssBytes(pid), heap };
    },
  };
}

const startServer = (kind: ServerKind, documents: number): Promise<Started> =>
  kind === 'ours' ? startOursServer(documents) : startPeer(kind);

type Figure = { name: string; unit: string; better: 'lower' | 'higher'; oursOnly?: boolean };

const SCALE_FIGURES = (documents: number, sockets: number): Figure[] => [
  { name: `scale: RSS per socket, ${sockets} on one doc`, unit: 'KiB', better: 'lower' },
  { name: `scale: open time, ${sockets} sockets on one doc`, unit: 's', better: 'lower' },
  { name: `scale: fan-out p99, ${sockets} clients`, unit: 'ms', better: 'lower' },
  { name: `scale: RSS per document (${documents} open)`, unit: 'KiB', better: 'lower' },
  { name: `scale: open time, ${documents} docs`, unit: 's', better: 'lower' },
  { name: `scale: RSS with ${sockets} sockets + ${documents} docs`, unit: 'MiB', better: 'lower' },
  { name: 'scale: RSS retained after every client left', unit: 'MiB', better: 'lower' },
];
const SCALE_SOCKETS = 2_000;
/** The memory figure's steps: large enough that RSS growth stands out of the allocator's noise. */
const MEMORY_DOCUMENTS = 500;
const MEMORY_CONNECTIONS = 1_000;
const CROSS_CLIENTS = 50;
const CROSS_FIGURES: Figure[] = [
  {
    name: `fan-out p99, ${CROSS_CLIENTS} clients, one instance (Redis on)`,
    unit: 'ms',
    better: 'lower',
    oursOnly: true,
  },
  {
    name: `fan-out p99, ${CROSS_CLIENTS} clients split over 2 instances`,
    unit: 'ms',
    better: 'lower',
    oursOnly: true,
  },
];
const VALIDATION_FIGURES: Figure[] = [
  { name: 'validation of a typing update, p50', unit: 'µs', better: 'lower', oursOnly: true },
  { name: 'validation of a typing update, p99', unit: 'µs', better: 'lower', oursOnly: true },
];

const FIGURES: Figure[] = [
  ...[2, 10, 50, 200].flatMap((n): Figure[] => [
    { name: `fan-out p50, ${n} clients`, unit: 'ms', better: 'lower' },
    { name: `fan-out p99, ${n} clients`, unit: 'ms', better: 'lower' },
  ]),
  { name: 'server CPU per edit, 200 clients', unit: 'ms', better: 'lower' },
  { name: 'throughput, 1 doc × 50 clients', unit: 'updates/s', better: 'higher' },
  { name: 'throughput, 20 docs × 3 clients', unit: 'updates/s', better: 'higher' },
  { name: 'cold load, 1 MB / 10,000 edits', unit: 'ms', better: 'lower' },
  { name: 'cold load: connect → socket open', unit: 'ms', better: 'lower' },
  { name: 'cold load: open → sync step 2 received', unit: 'ms', better: 'lower' },
  { name: 'cold load: client applies step 2', unit: 'ms', better: 'lower' },
  { name: 'cold load: apply alone, no socket', unit: 'ms', better: 'lower' },
  { name: 'RSS per open document', unit: 'KiB', better: 'lower' },
  { name: 'RSS per idle connection', unit: 'KiB', better: 'lower' },
  { name: 'heap per open document', unit: 'KiB', better: 'lower' },
  { name: 'heap per idle connection', unit: 'KiB', better: 'lower' },
  { name: 'awareness fan-out p50, 10 clients', unit: 'ms', better: 'lower' },
  { name: 'awareness fan-out p99, 10 clients', unit: 'ms', better: 'lower' },
  { name: 'server CPU per awareness change, 10 clients', unit: 'ms', better: 'lower' },
  { name: 'awareness join, 50 clients', unit: 'ms', better: 'lower' },
  { name: 'server CPU, awareness join of 50 clients', unit: 'ms', better: 'lower' },
  { name: 'edit-to-saved p50, 20 typists', unit: 'ms', better: 'lower', oursOnly: true },
  { name: 'edit-to-saved p99, 20 typists', unit: 'ms', better: 'lower', oursOnly: true },
];

type Samples = Map<string, number[]>;

function record(samples: Samples, name: string, value: number) {
  const list = samples.get(name) ?? [];
  list.push(value);
  samples.set(name, list);
}

/** Runs every figure once against a server; a failing figure is logged and skipped. */
async function runSuite(
  server: Started,
  samples: Samples,
  cold: Map<ServerKind, figures.ColdDocument>,
  generatorCpu: Map<string, number>,
  only: RegExp | undefined,
) {
  const attempt = async (label: string, body: () => Promise<void>) => {
    if (only && !only.test(label)) return;
    const cpu = process.cpuUsage();
    const start = performance.now();
    try {
      await body();
    } catch (error) {
      console.error(`  ${server.kind}: ${label} failed: ${(error as Error).message}`);
    }
    const used = process.cpuUsage(cpu);
    const share = (used.user + used.system) / 1000 / (performance.now() - start);
    generatorCpu.set(label, Math.max(share, generatorCpu.get(label) ?? 0));
  };
  // Memory first: later figures grow the heap, and RSS rarely shrinks back.
  await attempt('memory', async () => {
    const memory = await figures.memory(server, MEMORY_DOCUMENTS, MEMORY_CONNECTIONS);
    record(samples, 'RSS per open document', memory.rssPerDocument / 1024);
    record(samples, 'RSS per idle connection', memory.rssPerConnection / 1024);
    record(samples, 'heap per open document', memory.heapPerDocument / 1024);
    record(samples, 'heap per idle connection', memory.heapPerConnection / 1024);
  });
  for (const [n, edits] of [
    [2, 40],
    [10, 30],
    [50, 15],
    [200, 8],
  ] as const) {
    await attempt(`fan-out ${n}`, async () => {
      const { p50, p99, cpuPerEdit } = await figures.fanOut(server, n, edits);
      record(samples, `fan-out p50, ${n} clients`, p50);
      record(samples, `fan-out p99, ${n} clients`, p99);
      if (n === 200) record(samples, 'server CPU per edit, 200 clients', cpuPerEdit);
    });
  }
  await attempt('throughput one doc', async () => {
    record(
      samples,
      'throughput, 1 doc × 50 clients',
      await figures.throughput(server, 1, 50, 200, 20),
    );
  });
  await attempt('throughput many docs', async () => {
    record(
      samples,
      'throughput, 20 docs × 3 clients',
      await figures.throughput(server, 20, 3, 100, 10),
    );
  });
  await attempt('cold load', async () => {
    let doc = cold.get(server.kind);
    if (!doc) {
      doc = await figures.buildColdDocument(server, 10_000);
      cold.set(server.kind, doc);
    }
    const load = await figures.coldLoad(server, doc);
    record(samples, 'cold load, 1 MB / 10,000 edits', load.ms);
    record(samples, 'cold load: connect → socket open', load.openMs);
    record(samples, 'cold load: open → sync step 2 received', load.answerMs);
    record(samples, 'cold load: client applies step 2', load.applyMs);
    record(samples, 'cold load: apply alone, no socket', await figures.applyColdState(doc));
  });
  await attempt('awareness', async () => {
    const { p50, p99, cpuPerChange } = await figures.awarenessFanOut(server, 10, 30);
    record(samples, 'awareness fan-out p50, 10 clients', p50);
    record(samples, 'awareness fan-out p99, 10 clients', p99);
    record(samples, 'server CPU per awareness change, 10 clients', cpuPerChange);
  });
  await attempt('awareness join', async () => {
    const join = await figures.awarenessJoin(server, 50);
    record(samples, 'awareness join, 50 clients', join.ms);
    record(samples, 'server CPU, awareness join of 50 clients', join.cpuMs);
  });
  if (server.kind === 'ours') {
    await attempt('edit-to-saved', async () => {
      const { p50, p99 } = await figures.editToSaved(server, 20, 1500, 50);
      record(samples, 'edit-to-saved p50, 20 typists', p50);
      record(samples, 'edit-to-saved p99, 20 typists', p99);
    });
  }
}

/** The scale phase on a fresh server of one kind (its memory figures start from rest). */
async function scalePhase(
  kind: ServerKind,
  documents: number,
  names: Figure[],
  samples: Map<ServerKind, Samples>,
  servers: Map<ServerKind, Started>,
) {
  console.error(
    `scale: ${kind}, ${SCALE_SOCKETS} sockets on one document, then ${documents} documents`,
  );
  let server: Started | undefined;
  try {
    server = await startServer(kind, documents + 10);
    servers.set(kind, server);
    const result = await figures.scale(server, documents, SCALE_SOCKETS, 10);
    const own = samples.get(kind) ?? new Map();
    samples.set(kind, own);
    const values = [
      result.rssPerSocket / 1024,
      result.socketsOpenMs / 1000,
      result.fanOutP99,
      result.rssPerDocument / 1024,
      result.documentsOpenMs / 1000,
      result.rssWithEverything / 2 ** 20,
      result.retainedRss / 2 ** 20,
    ];
    for (const [i, figure] of names.entries()) record(own, figure.name, values[i] ?? Number.NaN);
    record(own, 'scale: baseline RSS', result.baselineRss / 2 ** 20);
  } catch (error) {
    console.error(`  ${kind}: scale phase failed: ${(error as Error).message}`);
  } finally {
    await server?.stop();
    servers.delete(kind);
  }
}

/**
 * Ours as two instances (two processes, as scale-out runs) sharing documents through Redis and
 * one PostgreSQL server (BENCH_DATABASE_URL, or the local one; embedded PGlite is one process's
 * alone): fan-out to clients on one instance, and to clients split over both, alternating, 3
 * times each.
 */
async function crossInstance(samples: Map<ServerKind, Samples>) {
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  console.error(`cross-instance: ours × 2 through ${redisUrl}, on ${databaseUrl}`);
  let ours: OursStarted | undefined;
  try {
    ours = await startOurs({
      documents: 20,
      databaseUrl,
      instances: 2,
      redisUrl,
      nodeFlags: extraFlags(),
    });
    const [first, second] = ours.instances;
    if (!first || !second) throw new Error('the second instance did not start');
    const server = probed('ours', first.child, new URL(first.baseUrl).port, ours, ours.stop);
    const secondPort = Number(new URL(second.baseUrl).port);
    const own = samples.get('ours') ?? new Map();
    samples.set('ours', own);
    for (let run = 0; run < 3; run++) {
      const single = await figures.fanOut(server, CROSS_CLIENTS, 15);
      record(own, CROSS_FIGURES[0]?.name ?? '', single.p99);
      const split = await figures.fanOut(server, CROSS_CLIENTS, 15, { port: secondPort });
      record(own, CROSS_FIGURES[1]?.name ?? '', split.p99);
    }
  } catch (error) {
    console.error(`  ours: cross-instance figure failed: ${(error as Error).message}`);
  } finally {
    await ours?.stop();
  }
}

/** What one instance of ours holds within 1 GiB of RSS, from the scale phase's figures. */
function capacityLine(samples: Map<ServerKind, Samples>, documents: number): string | undefined {
  const own = samples.get('ours');
  const baseline = own?.get('scale: baseline RSS')?.[0];
  const perDocument = own?.get(`scale: RSS per document (${documents} open)`)?.[0];
  const perSocket = own?.get(`scale: RSS per socket, ${SCALE_SOCKETS} on one doc`)?.[0];
  if (baseline === undefined || perDocument === undefined || perSocket === undefined) return;
  const room = (1024 - baseline) * 1024; // KiB left in 1 GiB after the idle server
  const round = (n: number) => Math.floor(n / 1000) * 1000;
  // RSS can fall across a step (a GC returns pages): then that step says nothing.
  const sockets =
    perSocket > 0
      ? `about ${round(room / perSocket).toLocaleString('en')} idle sockets on one document`
      : 'an unmeasured number of idle sockets (RSS fell during the socket step of this run)';
  return `Within 1 GiB of RSS, one instance of ours (${baseline.toFixed(0)} MiB idle) holds about ${round(room / perDocument).toLocaleString('en')} open documents with one editor each, or ${sockets} (extrapolated from the scale phase; each socket is also a file descriptor, ${openFileLimit()} per process on this machine).`;
}

/** The process's limit on open files (`ulimit -n`), which caps its sockets whatever its memory. */
function openFileLimit(): string {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1];
  return soft === undefined
    ? 'unknown'
    : soft === 'unlimited'
      ? 'unlimited'
      : Number(soft).toLocaleString('en');
}

const README_BEGIN = '<!-- bench:sync table begin (written by `pnpm bench:sync`) -->';
const README_END = '<!-- bench:sync table end -->';

/** Replaces the README's benchmark table (between the markers) with this run's. */
function writeReadmeTable(heading: string, capacity: string | undefined, table: string) {
  const readme = join(here, '../../README.md');
  const text = readFileSync(readme, 'utf8');
  const begin = text.indexOf(README_BEGIN);
  const end = text.indexOf(README_END);
  if (begin < 0 || end < begin) {
    console.error('bench:sync: README.md has no benchmark markers; table not written there');
    return;
  }
  const body = [heading, ...(capacity ? ['', capacity] : []), '', table].join('\n');
  writeFileSync(
    readme,
    `${text.slice(0, begin + README_BEGIN.length)}\n${body}\n${text.slice(end)}`,
  );
  // Aligned as the repository's formatter wants it, so the checker stays green.
  spawnSync(join(here, '../../node_modules/.bin/biome'), ['format', '--write', readme], {
    stdio: 'ignore',
  });
}

function median(values: number[] | undefined): number | undefined {
  if (!values || values.length === 0) return undefined;
  return figures.percentile(values, 50);
}

function format(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function ratio(ours: number | undefined, peer: number | undefined): string {
  if (ours === undefined || peer === undefined || peer === 0) return 'n/a';
  return (ours / peer).toFixed(2);
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const began = performance.now();
  const kinds: ServerKind[] =
    options.only === 'peers'
      ? ['hocuspocus', 'y-websocket-server']
      : options.only === 'ours'
        ? ['ours']
        : ['ours', 'hocuspocus', 'y-websocket-server'];
  const servers = new Map<ServerKind, Started>();
  const stopAll = () => {
    for (const server of servers.values()) server.child.kill('SIGTERM');
  };
  const deadline = setTimeout(
    () => {
      console.error('bench:sync: over its time budget, stopping');
      stopAll();
      process.exit(1);
    },
    RUN_DEADLINE_MS + (options.scaleDocuments > 0 ? SCALE_DEADLINE_MS : 0),
  );
  deadline.unref();
  const loadAtStart = loadavg();

  for (const kind of kinds) {
    try {
      // Each suite uses about 230 fresh documents; ours needs them seeded up front.
      servers.set(kind, await startServer(kind, options.runs * 600 + 10));
    } catch (error) {
      console.error(
        `bench:sync: ${kind} is not available (${(error as Error).message}); reported as n/a`,
      );
    }
  }
  const samples = new Map<ServerKind, Samples>();
  const cold = new Map<ServerKind, figures.ColdDocument>();
  const generatorCpu = new Map<string, number>();
  if (kinds.includes('ours')) {
    // The server's own checks, timed in this process (no socket or database in the way).
    const own = new Map<string, number[]>();
    samples.set('ours', own);
    for (let run = 0; run < options.runs; run++) {
      const { p50, p99 } = validationCost();
      record(own, VALIDATION_FIGURES[0]?.name ?? '', p50);
      record(own, VALIDATION_FIGURES[1]?.name ?? '', p99);
    }
  }
  for (let run = 0; run < options.runs; run++) {
    for (const kind of kinds) {
      const server = servers.get(kind);
      if (!server) continue;
      console.error(`run ${run + 1}/${options.runs}: ${kind}`);
      const own = samples.get(kind) ?? new Map();
      samples.set(kind, own);
      await runSuite(server, own, cold, generatorCpu, options.figures);
    }
  }
  for (const doc of cold.values()) doc.writer.close();
  await Promise.all([...servers.values()].map((server) => server.stop()));
  servers.clear();
  const scaleFigures =
    options.scaleDocuments > 0 ? SCALE_FIGURES(options.scaleDocuments, SCALE_SOCKETS) : [];
  if (options.scaleDocuments > 0) {
    for (const kind of kinds) {
      await scalePhase(kind, options.scaleDocuments, scaleFigures, samples, servers);
    }
    if (kinds.includes('ours')) await crossInstance(samples);
  }

  const value = (kind: ServerKind, name: string) => median(samples.get(kind)?.get(name));
  const allFigures = [
    ...FIGURES,
    ...VALIDATION_FIGURES,
    ...(options.scaleDocuments > 0 ? [...scaleFigures, ...CROSS_FIGURES] : []),
  ];
  const rows = allFigures.map((figure) => {
    const ours = value('ours', figure.name);
    const hocuspocus = figure.oursOnly ? undefined : value('hocuspocus', figure.name);
    const yws = figure.oursOnly ? undefined : value('y-websocket-server', figure.name);
    return { ...figure, ours, hocuspocus, yws };
  });
  const table = [
    '| figure | unit | better | ours | hocuspocus | y-websocket-server | ours/hocuspocus | ours/y-ws |',
    '|---|---|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.unit} | ${r.better} | ${format(r.ours)} | ${r.oursOnly ? '—' : format(r.hocuspocus)} | ${r.oursOnly ? '—' : format(r.yws)} | ${r.oursOnly ? '—' : ratio(r.ours, r.hocuspocus)} | ${r.oursOnly ? '—' : ratio(r.ours, r.yws)} |`,
    ),
  ].join('\n');
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${process.platform}`;
  const seconds = (performance.now() - began) / 1000;
  const cpuByFigure = [...generatorCpu.entries()]
    .map(([label, share]) => `${label} ${(share * 100).toFixed(0)} %`)
    .join(', ');
  const coldSizes = [...cold.entries()]
    .map(([kind, doc]) => `${kind}: ${doc.bytes} bytes`)
    .join(', ');
  const load = `load average ${loadAtStart.map((l) => l.toFixed(1)).join(' / ')} at the start, ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the end`;
  const capacity = capacityLine(samples, options.scaleDocuments);
  console.log(`# bench:sync — ${new Date().toISOString()}\n`);
  console.log(
    `Machine: ${machine}; ${load}. Runs per server: ${options.runs} (medians). Took ${seconds.toFixed(0)} s.`,
  );
  if (capacity) console.log(capacity);
  console.log(`Load generator CPU (share of one core, worst run): ${cpuByFigure}.`);
  console.log(`Cold-load document state: ${coldSizes || 'n/a'}.\n`);
  console.log(table);

  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  // A partial run (--only) must not overwrite the full, committed results.
  const resultsFile = join(
    resultsDir,
    options.only === 'all' ? 'latest.json' : `latest-${options.only}.json`,
  );
  writeFileSync(
    resultsFile,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        runs: options.runs,
        only: options.only,
        seconds,
        load,
        capacity,
        generatorCpuShare: Object.fromEntries(generatorCpu),
        coldDocumentBytes: Object.fromEntries([...cold.entries()].map(([k, d]) => [k, d.bytes])),
        figures: rows,
        samples: Object.fromEntries(
          [...samples.entries()].map(([kind, s]) => [kind, Object.fromEntries(s)]),
        ),
      },
      null,
      2,
    )}\n`,
  );
  // The file is committed: format it the way the repository's checker wants it.
  spawnSync(join(here, '../../node_modules/.bin/biome'), ['format', '--write', resultsFile], {
    stdio: 'ignore',
  });
  if (options.only === 'all' && options.scaleDocuments > 0) {
    writeReadmeTable(
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`pnpm bench:sync\` on ${machine}; ${load}. Ours (the built server, as \`pnpm start\` runs it) persists every edit to embedded PGlite (the cross-instance figures: to a PostgreSQL server); the peers keep documents in memory only. Medians of ${options.runs} alternating runs (scale and cross-instance figures: one run).`,
      capacity,
      table,
    );
  }
  clearTimeout(deadline);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
