// `pnpm bench:sync-heap`: where our sync server's memory goes. Starts the built server
// (servers/startOurs.ts, embedded PGlite), takes a heap snapshot at rest, after opening N documents with one synced
// client each (one edit each), and after N more idle sockets on one document, then prints what
// grew between snapshots, grouped by V8 constructor / node type, per document and per
// connection. Snapshots are written to a temporary folder and removed afterwards.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchClient } from './BenchClient.ts';
import { connect, rssBytes, type ServerUnderTest } from './figures.ts';
import { startOurs } from './servers/startOurs.ts';

const count = Number(process.argv[2] ?? '1000');
const snapshotDir = mkdtempSync(join(tmpdir(), 'factdesk-heap-'));

type Totals = Map<string, { count: number; bytes: number }>;

/** Sums self sizes per (node type, constructor name) over a .heapsnapshot file. */
function summarize(file: string): Totals {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const totals: Totals = new Map();
  const { nodes, strings } = snapshot;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt] as number] ?? '?';
    const named = type === 'object' || type === 'closure' || type === 'native';
    const key = named ? `${type} ${strings[nodes[i + nameAt] as number]}` : `(${type})`;
    const entry = totals.get(key) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += nodes[i + sizeAt] as number;
    totals.set(key, entry);
  }
  return totals;
}

function printGrowth(label: string, before: Totals, after: Totals, per: number) {
  const rows = [...after].map(([key, { count: n, bytes }]) => {
    const was = before.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: (n - was.count) / per, kib: (bytes - was.bytes) / per / 1024 };
  });
  const total = rows.reduce((sum, row) => sum + row.kib, 0);
  console.log(`\n### ${label}: ${total.toFixed(2)} KiB of V8 heap each (self sizes)\n`);
  console.log('| what | objects each | KiB each |\n|---|---:|---:|');
  for (const row of rows.sort((a, b) => b.kib - a.kib).slice(0, 25)) {
    console.log(
      `| ${row.key.replaceAll('|', '\\|')} | ${row.count.toFixed(1)} | ${row.kib.toFixed(2)} |`,
    );
  }
}

async function main() {
  // The snapshots land in the server's working folder, outside the workspace.
  const ours = await startOurs({
    documents: count + 2,
    nodeFlags: ['--heapsnapshot-signal=SIGUSR1'],
    cwd: snapshotDir,
  });
  const [instance] = ours.instances;
  if (!instance) throw new Error('no instance started');
  const child = instance.child;
  const pid = child.pid ?? 0;
  let next = 0;
  const server: ServerUnderTest = {
    kind: 'ours',
    port: Number(new URL(instance.baseUrl).port),
    token: ours.token,
    pid,
    sampleMemory: async () => ({ rss: rssBytes(pid), heap: 0 }),
    nextDocument: () => ours.documentIds[next++] ?? '',
  };
  /** Writes a snapshot and waits until the file is complete; returns its summary. */
  const snapshot = async (): Promise<Totals> => {
    const existing = new Set(readdirSync(snapshotDir));
    child.kill('SIGUSR1');
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const file = readdirSync(snapshotDir).find(
        (name) => name.endsWith('.heapsnapshot') && !existing.has(name),
      );
      if (!file) continue;
      try {
        return summarize(join(snapshotDir, file)); // incomplete JSON throws: wait on
      } catch {}
    }
  };
  const clients: BenchClient[] = [];
  try {
    // Warm-up: the code paths of loading, editing and unloading a document.
    const [warm] = await connect(server, server.nextDocument(), 1);
    warm?.insert(0, 'w');
    await new Promise((resolve) => setTimeout(resolve, 300));
    warm?.close();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const atRest = await snapshot();
    for (let d = 0; d < count; d++) {
      const [client] = await connect(server, server.nextDocument(), 1);
      client?.insert(0, 'm');
      if (client) clients.push(client);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const withDocuments = await snapshot();
    clients.push(...(await connect(server, server.nextDocument(), count)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const withSockets = await snapshot();
    printGrowth(`${count} open documents, one client each`, atRest, withDocuments, count);
    printGrowth(`${count} idle sockets on one document`, withDocuments, withSockets, count);
    // Everyone leaves; after the unload grace (2 s) and the last save, nothing of a document
    // should be left.
    for (const client of clients.splice(0)) client.close();
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const afterLeaving = await snapshot();
    const left = ['Room', 'Doc', 'Awareness', 'Connection', 'WebSocket', 'ServerResponse'].map(
      (name) => `${name} ${afterLeaving.get(`object ${name}`)?.count ?? 0}`,
    );
    const heapKib = (totals: Totals) =>
      [...totals.values()].reduce((sum, { bytes }) => sum + bytes, 0) / 1024;
    console.log(
      `\nAfter every client left: ${left.join(', ')} objects alive; heap ${(
        heapKib(afterLeaving) - heapKib(atRest)
      ).toFixed(0)} KiB above the snapshot at rest.`,
    );
  } finally {
    for (const client of clients) client.close();
    await ours.stop();
    // BENCH_KEEP_SNAPSHOTS=1 keeps them, to open in Chrome DevTools (Memory tab).
    if (process.env.BENCH_KEEP_SNAPSHOTS) console.log(`snapshots kept in ${snapshotDir}`);
    else rmSync(snapshotDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
