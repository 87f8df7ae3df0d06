// `factdesk import` and `factdesk document lock|unlock`, spawned as an administrator runs
// them: on a fresh database (embedded data directory, or a fresh one on the PostgreSQL
// server), and — with the embedded database — through a running server's admin socket.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { anchorFor } from '../testing/claimFactories.ts';
import {
  createEmptyServerDatabase,
  type EmptyServerDatabase,
} from '../testing/emptyTestDatabase.ts';
import {
  runCommandLine,
  type ServerProcess,
  startServerProcess,
  stopChild,
} from '../testing/serverProcess.ts';
import { articleString, eventually, openClient, synced } from '../testing/syncClients.ts';
import { testDatabaseKind } from '../testing/testDatabase.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const kind = testDatabaseKind();

let dataDir: string;
let serverDatabase: EmptyServerDatabase | undefined;
let workspaceId: string;
const email = 'desk@example.com';

function environment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
  delete env.DATABASE_URL;
  if (serverDatabase) env.DATABASE_URL = serverDatabase.url;
  return env;
}

async function factdesk(args: string[], stdin = '') {
  const result = await runCommandLine(args, { env: environment(), stdin });
  return { ...result, stdout: result.stdout.toString('utf8') };
}

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dataDir, name);
  await writeFile(path, content);
  return path;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fddoc-'));
  if (kind === 'server') serverDatabase = await createEmptyServerDatabase();
  const user = await factdesk(
    ['user', 'create', '--email', email, '--name', 'Desk', '--password-stdin'],
    'a long enough password\n',
  );
  expect(user.code, user.stderr).toBe(0);
  const workspace = await factdesk(['workspace', 'create', '--name', 'Desk', '--owner', email]);
  expect(workspace.code, workspace.stderr).toBe(0);
  workspaceId = workspace.stdout.trim();
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await serverDatabase?.drop();
});

describe('factdesk import and document lock', () => {
  it('imports a Markdown file, prints only the new id, and locks/unlocks it', async () => {
    const path = await file('story.md', '# Ça coûte\n\nThe **claim** here.\n');
    const result = await factdesk([
      'import',
      '--workspace',
      workspaceId,
      '--file',
      path,
      '--source-url',
      'https://example.org/story',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    const id = result.stdout.trim();
    expect(id).toMatch(UUID);
    const unlock = await factdesk(['document', 'unlock', id]);
    expect(unlock).toMatchObject({ code: 0, stdout: `${id} is unlocked\n` });
    const lock = await factdesk(['document', 'lock', id]);
    expect(lock).toMatchObject({ code: 0, stdout: `${id} is locked\n` });
  });

  it('refuses a binary file, a non-UTF-8 file and a file of unknown format', async () => {
    const binary = await factdesk([
      'import',
      '--workspace',
      workspaceId,
      '--file',
      await file('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02])),
    ]);
    expect(binary.code).toBe(1);
    expect(binary.stderr).toMatch(/not valid UTF-8|looks binary/);
    const latin1 = await factdesk([
      'import',
      '--workspace',
      workspaceId,
      '--file',
      await file('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9])),
    ]);
    expect(latin1).toMatchObject({ code: 1, stdout: '' });
    expect(latin1.stderr).toContain('is not valid UTF-8 text');
    const unknown = await factdesk([
      'import',
      '--workspace',
      workspaceId,
      '--file',
      await file('story.docx', 'Hello'),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--format md, html or txt');
    const missing = await factdesk(['document', 'lock', '3f1c2a8e-0b7d-4c55-9e61-2d4f8a9b0c1e']);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('Document was not found');
  });
});

describe.skipIf(kind === 'server')('factdesk import beside a running server', () => {
  let server: ServerProcess;
  let baseUrl: string;

  beforeAll(async () => {
    server = await startServerProcess(
      // Edits stay unstored for 10 s: an export that shows them read the live document.
      environment({ COLLAB_BATCH_MS: '10000' }),
    );
    baseUrl = server.baseUrl;
  });
  // Awaited: the outer afterAll removes the data directory the server is still closing.
  afterAll(() => stopChild(server.child));

  it('imports through the admin socket; the document is visible over HTTP', async () => {
    const article = `<h1>Live import</h1><p>${'Long paragraph. '.repeat(8000)}</p>`;
    const result = await factdesk([
      'import',
      '--workspace',
      workspaceId,
      '--file',
      await file('live.html', article),
      '--title',
      'Through the server',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const id = result.stdout.trim();
    expect(id).toMatch(UUID);
    const token = await factdesk(['token', 'create', '--email', email, '--name', 'check']);
    const response = await fetch(`${baseUrl}/api/documents/${id}`, {
      headers: { authorization: `Bearer ${token.stdout.trim()}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id,
      title: 'Through the server',
      textLocked: true,
      sourceFormat: 'html',
    });
    const unlock = await factdesk(['document', 'unlock', id]);
    expect(unlock).toMatchObject({ code: 0, stdout: `${id} is unlocked\n` });
  });

  it('factdesk export through the running server reads the live text, unstored edits included', async () => {
    const imported = await factdesk([
      'import',
      '--workspace',
      workspaceId,
      '--file',
      await file('exporting.md', '# Exporting\n\nThe bridge cost twice the estimate.\n'),
    ]);
    const id = imported.stdout.trim();
    expect((await factdesk(['document', 'unlock', id])).code).toBe(0);
    const token = (await factdesk(['token', 'create', '--email', email, '--name', 'ex'])).stdout;
    const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/collab`;
    const writer = openClient(wsUrl, id, token.trim(), { extensions: false });
    const reader = openClient(wsUrl, id, token.trim(), { extensions: false });
    try {
      await Promise.all([synced(writer), synced(reader)]);
      const created = await fetch(`${baseUrl}/api/documents/${id}/claims`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.trim()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ anchor: anchorFor(writer.doc, 'bridge cost twice') }),
      });
      expect(created.status).toBe(201);
      const paragraph = writer.doc.getXmlFragment('article').get(1) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      text.insert(text.toString().indexOf('twice'), 'nearly ');
      await eventually(() => articleString(reader.doc).includes('nearly '), 'the edit relayed');

      const exported = await factdesk(['export', id, '--format', 'json', '--all']);
      expect(exported.stderr).toBe('');
      const report = JSON.parse(exported.stdout) as { claims: { currentQuote: string }[] };
      expect(report.claims.map((c) => c.currentQuote)).toEqual(['bridge cost nearly twice']);
    } finally {
      writer.destroy();
      reader.destroy();
    }
  });

  it('factdesk document lock makes an open socket read-only within 2 seconds', async () => {
    const imported = await factdesk([
      'import',
      '--workspace',
      workspaceId,
      '--file',
      await file('locking.md', '# Locking\n\nTyped here.\n'),
    ]);
    const id = imported.stdout.trim();
    expect((await factdesk(['document', 'unlock', id])).code).toBe(0);
    const token = (await factdesk(['token', 'create', '--email', email, '--name', 'ws'])).stdout;
    const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/collab`;
    const writer = openClient(wsUrl, id, token.trim(), { extensions: false });
    const reader = openClient(wsUrl, id, token.trim(), { extensions: false });
    try {
      await Promise.all([synced(writer), synced(reader)]);
      const typeMarker = (marker: string) => {
        const text = writer.doc.getXmlFragment('article').get(1) as Y.XmlElement;
        (text.get(0) as Y.XmlText).insert(0, marker);
      };
      typeMarker('open ');
      await eventually(() => articleString(reader.doc).includes('open '), 'the writable edit');

      const lock = await factdesk(['document', 'lock', id]);
      expect(lock).toMatchObject({ code: 0, stdout: `${id} is locked\n` });
      // The server answered after re-checking the document's sockets (the periodic re-check
      // is 30 s away): only the admin socket's accessChanged can have made them read-only.
      typeMarker('locked ');
      // What is checked is that nothing arrives: a fixed wait is the only way to give it time.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(articleString(reader.doc)).not.toContain('locked ');
      expect(articleString(writer.doc)).toContain('locked ');
    } finally {
      writer.destroy();
      reader.destroy();
    }
  });
});
