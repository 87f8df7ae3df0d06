// `pnpm bench:sync`: starts our server (persisting to PostgreSQL), @hocuspocus/server and
// @y/websocket-server (in memory), each in its own child process on loopback, drives them with
// the same load generator in alternating runs, and prints medians and the ratio ours/peer as a
// markdown table (also written to bench/sync/results/latest.json).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ServerKind } from './BenchClient.ts';
import * as figures from './figures.ts';

const here = dirname(fileURLToPath(import.meta.url));
const RUN_DEADLINE_MS = 170_000;

interface Options {
  only: 'all' | 'peers' | 'ours';
  runs: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { only: 'all', runs: 5 };
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
    } else {
      throw new Error(`unknown argument ${arg} (use --only peers|ours|all, --runs N)`);
    }
  }
  return options;
}

const SCRIPTS: Record<ServerKind, string> = {
  ours: 'servers/ours.ts',
  hocuspocus: 'servers/hocuspocus.ts',
  'y-websocket-server': 'servers/yWebsocketServer.ts',
};

interface Started extends figures.ServerUnderTest {
  child: ChildProcess;
}

/** Spawns a server in its own node process (tsx as a loader, so the pid is the server's). */
function startServer(kind: ServerKind, documents: number): Promise<Started> {
  // BENCH_SERVER_FLAGS adds node flags to the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
  const args = [
    '--expose-gc',
    ...extra,
    '--import',
    'tsx',
    join(here, SCRIPTS[kind]),
    String(documents),
  ];
  const child = spawn(process.execPath, args, {
    cwd: join(here, '..'),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start in 60 s`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code} before starting`)));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const heapWaiters: Array<(heap: number) => void> = [];
    let started = false;
    lines.on('line', (line) => {
      const info = JSON.parse(line) as {
        port?: number;
        token?: string;
        documentIds?: string[];
        heapBytes?: number;
      };
      if (info.heapBytes !== undefined) {
        heapWaiters.shift()?.(info.heapBytes);
        return;
      }
      if (started || info.port === undefined) return;
      started = true;
      clearTimeout(timer);
      const pid = child.pid ?? 0;
      const ids = info.documentIds ?? [];
      let counter = 0;
      resolve({
        kind,
        child,
        pid,
        port: info.port,
        token: info.token,
        nextDocument() {
          if (kind !== 'ours') return `bench-${counter++}`;
          const id = ids[counter++];
          if (!id) throw new Error('ran out of seeded documents');
          return id;
        },
        async sampleMemory() {
          const heap = await new Promise<number>((answer) => {
            heapWaiters.push(answer);
            child.kill('SIGUSR2');
          });
          return { rss: figures.rssBytes(pid), heap };
        },
      });
    });
  });
}

type Figure = { name: string; unit: string; better: 'lower' | 'higher'; oursOnly?: boolean };

const FIGURES: Figure[] = [
  ...[2, 10, 50, 200].flatMap((n): Figure[] => [
    { name: `fan-out p50, ${n} clients`, unit: 'ms', better: 'lower' },
    { name: `fan-out p99, ${n} clients`, unit: 'ms', better: 'lower' },
  ]),
  { name: 'throughput, 1 doc × 50 clients', unit: 'updates/s', better: 'higher' },
  { name: 'throughput, 20 docs × 3 clients', unit: 'updates/s', better: 'higher' },
  { name: 'cold load, 1 MB / 10,000 edits', unit: 'ms', better: 'lower' },
  { name: 'RSS per open document', unit: 'KiB', better: 'lower' },
  { name: 'RSS per idle connection', unit: 'KiB', better: 'lower' },
  { name: 'heap per open document', unit: 'KiB', better: 'lower' },
  { name: 'heap per idle connection', unit: 'KiB', better: 'lower' },
  { name: 'awareness fan-out p50, 10 clients', unit: 'ms', better: 'lower' },
  { name: 'awareness fan-out p99, 10 clients', unit: 'ms', better: 'lower' },
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
) {
  const attempt = async (label: string, body: () => Promise<void>) => {
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
    const memory = await figures.memory(server, 200, 400);
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
      const { p50, p99 } = await figures.fanOut(server, n, edits);
      record(samples, `fan-out p50, ${n} clients`, p50);
      record(samples, `fan-out p99, ${n} clients`, p99);
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
    record(samples, 'cold load, 1 MB / 10,000 edits', await figures.coldLoad(server, doc));
  });
  await attempt('awareness', async () => {
    const { p50, p99 } = await figures.awarenessFanOut(server, 10, 30);
    record(samples, 'awareness fan-out p50, 10 clients', p50);
    record(samples, 'awareness fan-out p99, 10 clients', p99);
  });
  if (server.kind === 'ours') {
    await attempt('edit-to-saved', async () => {
      const { p50, p99 } = await figures.editToSaved(server, 20, 1500, 50);
      record(samples, 'edit-to-saved p50, 20 typists', p50);
      record(samples, 'edit-to-saved p99, 20 typists', p99);
    });
  }
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
  const deadline = setTimeout(() => {
    console.error('bench:sync: over its time budget, stopping');
    stopAll();
    process.exit(1);
  }, RUN_DEADLINE_MS);
  deadline.unref();

  for (const kind of kinds) {
    try {
      // Each suite uses about 230 fresh documents; ours needs them seeded up front.
      servers.set(kind, await startServer(kind, options.runs * 250 + 10));
    } catch (error) {
      console.error(
        `bench:sync: ${kind} is not available (${(error as Error).message}); reported as n/a`,
      );
    }
  }
  const samples = new Map<ServerKind, Samples>();
  const cold = new Map<ServerKind, figures.ColdDocument>();
  const generatorCpu = new Map<string, number>();
  for (let run = 0; run < options.runs; run++) {
    for (const kind of kinds) {
      const server = servers.get(kind);
      if (!server) continue;
      console.error(`run ${run + 1}/${options.runs}: ${kind}`);
      const own = samples.get(kind) ?? new Map();
      samples.set(kind, own);
      await runSuite(server, own, cold, generatorCpu);
    }
  }
  for (const doc of cold.values()) doc.writer.close();
  stopAll();

  const value = (kind: ServerKind, name: string) => median(samples.get(kind)?.get(name));
  const rows = FIGURES.map((figure) => {
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
  console.log(`# bench:sync — ${new Date().toISOString()}\n`);
  console.log(
    `Machine: ${machine}. Runs per server: ${options.runs} (medians). Took ${seconds.toFixed(0)} s.`,
  );
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
  clearTimeout(deadline);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
