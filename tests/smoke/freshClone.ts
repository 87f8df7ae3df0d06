// The fresh-clone smoke test: what a new user does, checked from the outside. The commit is
// cloned into an empty folder, the README's first command runs exactly as the README spells
// it (read from README.md, so the two cannot drift) with an empty corepack home, and then,
// against that server only: the web app, sign-up, an import, an edit between two stock
// y-websocket clients, claim → verdict with evidence → approval over HTTP, all six report
// formats (the PDF parsed), every command-line line of the README, the built command line's
// help, and a SIGTERM and restart that keeps the data. Run by .ci/run; prints one line per
// check and the two start-up times.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleText, relativeRangeAt } from '@factdesk/editor';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readmeCommand } from '../../scripts/readmeCommand.mjs';

const repository = spawnSync('git', ['rev-parse', '--show-toplevel'], {
  encoding: 'utf8',
}).stdout.trim();
const work = mkdtempSync(join(tmpdir(), 'factdesk-fresh-'));
const clone = join(work, 'factdesk');
let passed = 0;
let server: ChildProcess | undefined;

function check(name: string, ok: unknown, detail = ''): void {
  if (!ok) throw new Error(`${name} failed${detail ? `: ${detail}` : ''}`);
  passed++;
  console.log(`  ✓ ${name}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The environment of a new user's shell: no database, Redis or test settings of CI's. */
function userEnvironment(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' };
  for (const name of ['DATABASE_URL', 'TEST_DATABASE_URL', 'REDIS_URL', 'DATA_DIR', 'WEB_DIST']) {
    delete env[name];
  }
  // corepack must fetch pnpm itself, checking the hash pinned in package.json.
  env.COREPACK_HOME = mkdtempSync(join(work, 'corepack-'));
  delete env.COREPACK_INTEGRITY_KEYS;
  return env;
}

let serverOutput = '';
/** Runs `command` in the clone as its own process group; resolves with seconds to /healthz. */
async function startServer(command: string, env: NodeJS.ProcessEnv, baseUrl: string, cwd = clone) {
  const started = Date.now();
  serverOutput = '';
  server = spawn('bash', ['-c', command], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    serverOutput += chunk.toString('utf8');
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  const deadline = started + 300_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited:\n${serverOutput}`);
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return (Date.now() - started) / 1000;
    if (Date.now() > deadline) throw new Error(`no /healthz after 300 s:\n${serverOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** SIGTERM to the whole process group (pnpm, its shell, node), then wait for the exit. */
async function stopServer(): Promise<number | null> {
  const child = server;
  if (!child?.pid || child.exitCode !== null) return child?.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const force = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 20_000);
  const code = await exited;
  clearTimeout(force);
  // pnpm may exit before node has closed the database: wait for the data directory's lock.
  for (let i = 0; i < 100; i++) {
    try {
      readFileSync(join(clone, 'data', 'factdesk.lock'));
    } catch {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return code;
}

class Api {
  constructor(
    readonly baseUrl: string,
    private auth: Record<string, string> = {},
  ) {}

  get cookie(): string {
    return this.auth.cookie ?? '';
  }

  withToken(token: string): Api {
    return new Api(this.baseUrl, { authorization: `Bearer ${token}` });
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        origin: this.baseUrl,
        ...this.auth,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    const cookie = response.headers.get('set-cookie');
    if (cookie && !this.auth.authorization) this.auth.cookie = cookie.split(';')[0] ?? '';
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

function openClient(baseUrl: string, documentId: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${baseUrl.replace('http', 'ws')}/collab`,
    documentId,
    doc,
    {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    },
  );
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.once('sync', () => resolve());
  });
  return { doc, provider, synced };
}

async function eventually(what: string, test: () => boolean | Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes, useSystemFonts: true }).promise;
  let text = '';
  for (let page = 1; page <= pdf.numPages; page++) {
    const content = await (await pdf.getPage(page)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
  }
  return text;
}

async function main() {
  console.log(`smoke: cloning ${repository} into ${clone}`);
  const cloned = spawnSync('git', ['clone', '--quiet', repository, clone], { stdio: 'inherit' });
  if (cloned.status !== 0) throw new Error('git clone failed');
  const readme = readFileSync(join(clone, 'README.md'), 'utf8');
  const startCommand = readmeCommand(readme, '## Quick start', 0);
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const env = userEnvironment(port);

  console.log(`smoke: running the README's first command: ${startCommand}`);
  const firstStart = await startServer(startCommand, env, baseUrl);
  check(`fresh clone → /healthz in ${firstStart.toFixed(1)} s (install and build included)`, true);

  const page = await fetch(`${baseUrl}/`);
  const html = await page.text();
  check(
    'the web app is served at /',
    page.ok && html.includes('<div id="root">'),
    html.slice(0, 200),
  );
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  check('its script loads', script && (await fetch(`${baseUrl}${script}`)).ok);

  // Sign-up: the first account owns a first workspace.
  const owner = new Api(baseUrl);
  await owner.call('POST', '/api/auth/signup', {
    email: 'editor@example.com',
    displayName: 'Ed Itor',
    password: 'a long enough passphrase',
  });
  const me = await owner.call<{ workspaces: { id: string; role: string }[] }>('GET', '/api/me');
  const workspaceId = me.workspaces[0]?.id ?? '';
  check('sign-up makes the first account owner of a workspace', me.workspaces[0]?.role === 'owner');
  const ownerToken = (
    await owner.call<{ token: string }>('POST', '/api/me/tokens', { name: 'smoke' })
  ).token;
  const ownerApi = owner.withToken(ownerToken);

  // A reviewer joins through an invite.
  const invite = await ownerApi.call<{ token: string }>(
    'POST',
    `/api/workspaces/${workspaceId}/invites`,
    { role: 'reviewer' },
  );
  const reviewer = new Api(baseUrl);
  await reviewer.call('POST', '/api/auth/signup', {
    email: 'reviewer@example.com',
    displayName: 'Rev Iewer',
    password: 'another long passphrase',
    inviteToken: invite.token,
  });
  const reviewerToken = (
    await reviewer.call<{ token: string }>('POST', '/api/me/tokens', { name: 'smoke' })
  ).token;
  const reviewerApi = reviewer.withToken(reviewerToken);
  const reviewerId = (await reviewerApi.call<{ user: { id: string } }>('GET', '/api/me')).user.id;
  check('a reviewer joins through an invite', reviewerId);

  // Import, then unlock the text for editing.
  const imported = await ownerApi.call<{ id: string }>(
    'POST',
    `/api/workspaces/${workspaceId}/documents`,
    {
      format: 'md',
      content: '# Unemployment\n\nThe minister said unemployment fell by 40% last year.\n',
      sourceUrl: 'https://example.com/story',
    },
  );
  const documentId = imported.id;
  check('an article is imported', documentId);
  await ownerApi.call('POST', `/api/documents/${documentId}/unlock`);

  // An edit through one stock y-websocket client reaches a second one.
  const writer = openClient(baseUrl, documentId, reviewerToken);
  const reader = openClient(baseUrl, documentId, ownerToken);
  await Promise.all([writer.synced, reader.synced]);
  const article = writer.doc.getXmlFragment('article');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('Added live by the reviewer.')]);
  article.insert(article.length, [paragraph]);
  await eventually('the second client to receive the edit', () =>
    articleText(reader.doc).text.includes('Added live by the reviewer.'),
  );
  check('an edit by one stock y-websocket client reaches another', true);

  // Claim → evidence → verdict → approval, over HTTP.
  const { text } = articleText(writer.doc);
  const exact = 'unemployment fell by 40%';
  const from = text.indexOf(exact);
  const { start, end } = relativeRangeAt(writer.doc, from, from + exact.length);
  const anchor = {
    start,
    end,
    quote: {
      exact,
      prefix: text.slice(Math.max(0, from - 32), from),
      suffix: text.slice(from + exact.length, from + exact.length + 32),
    },
  };
  type Claim = { id: string; version: number; status: string };
  let claim = await reviewerApi.call<Claim>('POST', `/api/documents/${documentId}/claims`, {
    anchor,
    statement: 'Unemployment fell by 40% last year.',
  });
  claim = await ownerApi.call<Claim>('POST', `/api/claims/${claim.id}/assign`, {
    version: claim.version,
    reviewerIds: [reviewerId],
  });
  claim = await reviewerApi.call<Claim>('POST', `/api/claims/${claim.id}/start`, {
    version: claim.version,
  });
  await reviewerApi.call('POST', `/api/claims/${claim.id}/evidence`, {
    version: claim.version,
    url: 'https://stats.example.org/unemployment-2025',
    kind: 'official_data',
    stance: 'refutes',
    title: 'Labour statistics 2025',
  });
  claim = await reviewerApi.call<Claim>('GET', `/api/claims/${claim.id}`);
  claim = await reviewerApi.call<Claim>('POST', `/api/claims/${claim.id}/propose`, {
    version: claim.version,
    verdict: 'false',
    rationale: 'The statistics office reports a fall of 4%, not 40%.',
  });
  const approved = await ownerApi.call<Claim>('POST', `/api/claims/${claim.id}/approve`, {
    version: claim.version,
  });
  check('claim → evidence → verdict → approval over HTTP', approved.status === 'approved');
  writer.provider.destroy();
  reader.provider.destroy();

  // Every report format; ClaimReview needs the page the fact-check is published at.
  await ownerApi.call('PATCH', `/api/documents/${documentId}`, {
    factCheckUrl: 'https://factcheck.example.org/unemployment-2025',
  });
  for (const format of ['html', 'pdf', 'md', 'csv', 'json', 'claimreview']) {
    const response = await fetch(`${baseUrl}/api/documents/${documentId}/report?format=${format}`, {
      headers: { authorization: `Bearer ${ownerToken}` },
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const body = format === 'pdf' ? await pdfText(bytes) : new TextDecoder().decode(bytes);
    check(
      `the ${format} report names the approved claim`,
      response.ok && body.includes('40%') && /false/i.test(body),
      `${response.status} ${body.slice(0, 300)}`,
    );
  }

  // Every command-line line of the README, against the running server (its admin socket).
  const cliBlock = readmeCommand(readme, '## Command line', 0);
  writeFileSync(join(clone, 'article.md'), '# From the command line\n\nA sentence to check.\n');
  const cli = spawnSync('bash', ['-euo', 'pipefail', '-c', cliBlock], {
    cwd: clone,
    env: { ...env, PASSWORD: 'a passphrase for ed' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  check(
    'every command-line line of the README runs against the running server',
    cli.status === 0,
    `${cli.stdout}\n${cli.stderr}`,
  );
  const pdf = readFileSync(join(clone, 'report.pdf'));
  check('factdesk export wrote a PDF', pdf.subarray(0, 5).toString() === '%PDF-');
  const help = spawnSync(process.execPath, ['apps/server/dist/cli.js', '--help'], {
    cwd: clone,
    encoding: 'utf8',
  });
  check(
    'node apps/server/dist/cli.js --help',
    help.status === 0 && help.stdout.startsWith('Usage: factdesk'),
  );

  // SIGTERM, start again (nothing to rebuild), the data is there.
  const code = await stopServer();
  check('SIGTERM stops the server cleanly', code === 0 || code === null, `exit ${code}`);
  const secondStart = await startServer('pnpm start', env, baseUrl);
  check(
    `a second pnpm start → /healthz in ${secondStart.toFixed(1)} s`,
    !serverOutput.includes('Building'),
  );
  const after = await ownerApi.call<Claim[]>('GET', `/api/documents/${documentId}/claims`);
  check(
    'after the restart the approved claim is still there',
    after.some((c) => c.id === approved.id && c.status === 'approved'),
  );
  const reopened = openClient(baseUrl, documentId, ownerToken);
  await reopened.synced;
  check(
    'after the restart the live edit is still in the text',
    articleText(reopened.doc).text.includes('Added live by the reviewer.'),
  );
  reopened.provider.destroy();
  await stopServer();
  await checkImageLayout(env);
  console.log(
    `smoke: first start ${firstStart.toFixed(1)} s, second start ${secondStart.toFixed(1)} s`,
  );
  console.log(`smoke: ${passed} passed, 0 failed`);
}

/**
 * The Docker image's layout without Docker (this machine has no daemon): the server deployed
 * with its production dependencies only, as the Dockerfile does, the web app beside it, and
 * the same entry point run from another folder — serving the app and rendering a PDF.
 */
async function checkImageLayout(env: NodeJS.ProcessEnv) {
  const image = join(work, 'image');
  const deploy = spawnSync(
    'pnpm',
    ['--filter', '@factdesk/server', 'deploy', '--prod', '--legacy', join(image, 'apps/server')],
    { cwd: clone, env, encoding: 'utf8' },
  );
  check("pnpm deploy --prod makes the image's server folder", deploy.status === 0, deploy.stderr);
  cpSync(join(clone, 'apps/web/dist'), join(image, 'apps/web/dist'), { recursive: true });
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const imageEnv = { ...env, PORT: String(port), DATA_DIR: join(work, 'image-data') };
  await startServer('exec node apps/server/dist/main.js', imageEnv, baseUrl, image);
  const page = await fetch(`${baseUrl}/`);
  check(
    'the image layout serves the web app',
    page.ok && (await page.text()).includes('id="root"'),
  );
  const owner = new Api(baseUrl);
  await owner.call('POST', '/api/auth/signup', {
    email: 'image@example.com',
    displayName: 'Image Check',
    password: 'a long enough passphrase',
  });
  const me = await owner.call<{ workspaces: { id: string }[] }>('GET', '/api/me');
  const imported = await owner.call<{ id: string }>(
    'POST',
    `/api/workspaces/${me.workspaces[0]?.id}/documents`,
    { format: 'md', content: '# Dans l’image\n\nUne phrase à vérifier.\n' },
  );
  const pdf = await fetch(
    `${baseUrl}/api/documents/${imported.id}/report?format=pdf&scope=all&articleText=true`,
    {
      headers: { cookie: owner.cookie },
    },
  );
  const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
  check('the image layout renders a PDF report', pdf.ok && text.includes('Dans l’image'), text);
  await stopServer();
}

try {
  await main();
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
} catch (error) {
  console.error(`smoke: FAILED — ${error instanceof Error ? error.message : String(error)}`);
  console.error(`smoke: server output:\n${serverOutput.slice(-4000)}`);
  await stopServer().catch(() => undefined);
  console.log(`smoke: ${passed} passed, 1 failed`);
  process.exit(1);
}
