// pnpm bench:hostile — a bystander's experience while the instance is attacked with heavy work:
// ten hostile imports (import bombs) and ten PDF exports of a 1,000-claim document run at once,
// while another member reads the API in a loop and two stock y-websocket clients of another
// document measure the sync fan-out (write on one, time until the other sees it). Prints the
// bystander's latency percentiles, idle and under load, with the goals (API p99 ≤ 250 ms,
// fan-out p99 ≤ 50 ms). The real app on 127.0.0.1, embedded PostgreSQL, default settings.
import { request as httpRequest } from 'node:http';
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createApiToken } from '../../apps/server/src/commands/apiTokens.ts';
import { buildDocument } from '../../apps/server/src/testing/documentFactories.ts';
import { buildMember, buildWorkspace } from '../../apps/server/src/testing/factories.ts';
import { buildTestApp, TEST_ORIGIN } from '../../apps/server/src/testing/testApp.ts';

const API_GOAL_MS = 250;
const FANOUT_GOAL_MS = 50;
const CLAIMS = 1_000;
const WARMUP_MS = 3_000;
const IDLE_MS = 5_000;

interface Reply {
  status: number;
  ok: boolean;
  bytes: number;
  text(): string;
  json(): unknown;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

function summary(name: string, samples: number[], goal?: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  const verdict =
    goal === undefined
      ? ''
      : p99 <= goal
        ? `  ✓ (goal p99 ≤ ${goal} ms)`
        : `  ✗ (goal p99 ≤ ${goal} ms)`;
  return `${name.padEnd(30)} n=${String(sorted.length).padStart(5)}  p50 ${percentile(sorted, 50).toFixed(1).padStart(7)}  p95 ${percentile(sorted, 95).toFixed(1).padStart(7)}  p99 ${p99.toFixed(1).padStart(7)}  max ${(sorted.at(-1) ?? Number.NaN).toFixed(1).padStart(7)} ms${verdict}`;
}

const BOMBS: [string, 'md' | 'html' | 'txt', string][] = [
  [
    '100,000-item Markdown list',
    'md',
    Array.from({ length: 100_000 }, (_, i) => `- item ${i}`).join('\n'),
  ],
  ['100,000-item HTML list', 'html', `<ul>${'<li>x</li>'.repeat(100_000)}</ul>`],
  ['50,000 nested <div>', 'html', `${'<div>'.repeat(50_000)}x${'</div>'.repeat(50_000)}`],
  ['50,000 unclosed <b>', 'html', '<b>x'.repeat(50_000)],
  ['50,000 nested Markdown *', 'md', `${'*'.repeat(50_000)}x${'*'.repeat(50_000)}`],
];

async function main() {
  const t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  const { owner, workspaceId } = await buildWorkspace(t);
  const bystander = await buildMember(t, owner, workspaceId, 'reviewer');

  // node:http rather than fetch: a queued export may take longer than fetch's header timeout.
  const call = (path: string, cookie: string, init: { method?: string; body?: string } = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const request = httpRequest(
        `${base}${path}`,
        {
          method: init.method ?? 'GET',
          headers: {
            origin: TEST_ORIGIN,
            cookie: `factdesk_session=${cookie}`,
            'content-type': 'application/json',
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const body = Buffer.concat(chunks);
            resolve({
              status: response.statusCode ?? 0,
              ok: (response.statusCode ?? 0) < 400,
              bytes: body.byteLength,
              text: () => body.toString('utf8'),
              json: () => JSON.parse(body.toString('utf8')) as unknown,
            });
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(init.body);
    });

  // The document the exports read: an article and 1,000 claims with rationales.
  const paragraphs = Array.from(
    { length: 400 },
    (_, i) => `Paragraph ${i}: the minister said unemployment fell by ${i} per cent last year.`,
  );
  const imported = await call(`/api/workspaces/${workspaceId}/documents`, owner.cookie, {
    method: 'POST',
    body: JSON.stringify({ format: 'md', content: paragraphs.join('\n\n') }),
  });
  if (imported.status !== 201)
    throw new Error(`seed import: ${imported.status} ${imported.text()}`);
  const reportDoc = (imported.json() as { id: string }).id;
  for (let batch = 0; batch < CLAIMS; batch += 100) {
    const rows = Array.from({ length: 100 }, (_, i) => ({
      document_id: reportDoc,
      workspace_id: workspaceId,
      status: 'approved',
      verdict: 'false',
      anchor_start: 'AA==',
      anchor_end: 'AA==',
      quote_exact: `unemployment fell by ${(batch + i) % 400} per cent`,
      current_quote: `unemployment fell by ${(batch + i) % 400} per cent`,
      statement: `Claim ${batch + i}: unemployment fell`,
      rationale:
        `Official data show otherwise; see [the office](https://stats.example.org/${batch + i}). `.repeat(
          3,
        ),
    }));
    await t.db.sql`INSERT INTO claims ${t.db.sql(rows)}`;
  }

  // The bystander's own document and two sync clients on it.
  const syncDoc = (await buildDocument(t.db.sql, { workspaceId, createdBy: bystander.id })).id;
  const { token } = await createApiToken(t.db.sql, bystander.id, 'bench');
  const open = () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, syncDoc, doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    return { doc, provider };
  };
  const writer = open();
  const reader = open();
  await Promise.all(
    [writer, reader].map(
      (client) =>
        new Promise<void>((resolve) =>
          client.provider.on('sync', (synced: boolean) => synced && resolve()),
        ),
    ),
  );
  const fragment = writer.doc.getXmlFragment('article');
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  fragment.insert(0, [paragraph]);

  // Sampling: the bystander reads a document and the claims list in a loop; the writer types.
  // The first seconds warm up (JIT, first queries) and are not counted.
  let phase = 'warmup' as 'warmup' | 'idle' | 'load' | 'done';
  const api: Record<'idle' | 'load', number[]> = { idle: [], load: [] };
  const fanout: Record<'idle' | 'load', number[]> = { idle: [], load: [] };
  const sent = new Map<number, { at: number; phase: 'idle' | 'load' }>();
  let seq = 0;
  reader.doc.on('update', () => {
    const now = performance.now();
    const content = reader.doc.getXmlFragment('article').toString();
    const match = /\|(\d+)<\/paragraph>$/.exec(content);
    const last = match ? Number(match[1]) : -1;
    for (const [id, info] of sent) {
      if (id > last) break;
      fanout[info.phase].push(now - info.at);
      sent.delete(id);
    }
  });
  const typing = setInterval(() => {
    if (phase === 'done') return;
    seq += 1;
    if (phase !== 'warmup') sent.set(seq, { at: performance.now(), phase });
    text.insert(text.length, `|${seq}`);
  }, 25);
  const reading = (async () => {
    const paths = [`/api/documents/${syncDoc}`, `/api/workspaces/${workspaceId}/documents`];
    let i = 0;
    while (phase !== 'done') {
      const current = phase;
      const started = performance.now();
      const response = await call(paths[i++ % paths.length] ?? '', bystander.cookie);
      if (!response.ok) throw new Error(`bystander read: ${response.status}`);
      if (current !== 'warmup') api[current].push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();

  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  phase = 'idle';
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  // How long the event loop itself was held (the bench shares the server's process), apart
  // from waits on the embedded database, which runs in that process too.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  phase = 'load';
  const loadStarted = performance.now();
  // Each job's outcome as it ends (to standard error), so a slow machine still shows progress.
  const progress = (line: string) => {
    console.error(`  … ${line}`);
    return line;
  };
  const jobs = [
    ...Array.from({ length: 10 }, async (_, i) => {
      const [name, format, content] = BOMBS[i % BOMBS.length] ?? ['none', 'txt', 'x'];
      const started = performance.now();
      const response = await call(`/api/workspaces/${workspaceId}/documents`, owner.cookie, {
        method: 'POST',
        body: JSON.stringify({ format, content }),
      });
      const body = response.json() as { code?: string };
      return progress(
        `import ${name}: ${response.status} ${body.code ?? ''} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }),
    ...Array.from({ length: 10 }, async (_, i) => {
      const started = performance.now();
      const response = await call(
        `/api/documents/${reportDoc}/report?format=pdf&scope=all`,
        owner.cookie,
      );
      const bytes = response.bytes;
      return progress(
        `PDF export ${i + 1} (${CLAIMS} claims): ${response.status}, ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }),
  ];
  const outcomes = await Promise.all(jobs);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  phase = 'done';
  loopDelay.disable();
  clearInterval(typing);
  await reading;

  console.log(
    `pnpm bench:hostile — ${availableParallelism()} cores, ${t.app.config.heavyWork.threads} worker thread(s), embedded PostgreSQL`,
  );
  for (const outcome of outcomes) console.log(`  ${outcome}`);
  console.log(`  all 20 jobs done in ${loadSeconds.toFixed(1)} s`);
  console.log(summary('bystander API, idle', api.idle));
  console.log(summary('bystander API, under attack', api.load, API_GOAL_MS));
  console.log(summary('sync fan-out, idle', fanout.idle));
  console.log(summary('sync fan-out, under attack', fanout.load, FANOUT_GOAL_MS));
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  console.log(
    `event-loop delay under attack   p50 ${ms(loopDelay.percentile(50))}  p99 ${ms(loopDelay.percentile(99))}  max ${ms(loopDelay.max)} ms`,
  );

  writer.provider.destroy();
  reader.provider.destroy();
  await t.close();
}

await main();
// Something (a pool thread or a socket of the stock provider) can keep the process alive after
// close; the figures are printed, so end here (this also writes a --cpu-prof profile).
process.exit(0);
