// The real command line, spawned as a child process the way an administrator runs it: on a
// fresh embedded data directory, or (FACTDESK_TEST_DB=server) on a fresh, empty database of
// the PostgreSQL server. With the embedded database, it also runs beside a real server.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { loadMigrations } from '../db/migrate.ts';
import {
  createEmptyServerDatabase,
  type EmptyServerDatabase,
} from '../testing/emptyTestDatabase.ts';
import { runCommandLine, startServerProcess } from '../testing/serverProcess.ts';
import { TEST_ORIGIN } from '../testing/testApp.ts';
import { testDatabaseKind } from '../testing/testDatabase.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const kind = testDatabaseKind();

let dataDir: string;
let serverDatabase: EmptyServerDatabase | undefined;
/** Commands refused before any database is opened: started at once, to overlap the others. */
let refusedEarly: Record<
  'shortPassword' | 'badRole' | 'unknownCommand' | 'missingOption',
  Promise<Result>
>;

beforeAll(async () => {
  // Short: the PGlite socket and the admin socket live under it (Unix paths < 108 bytes).
  dataDir = await mkdtemp(join(tmpdir(), 'fdcli-'));
  if (kind === 'server') serverDatabase = await createEmptyServerDatabase();
  const someWorkspace = '3f1c2a8e-0b7d-4c55-9e61-2d4f8a9b0c1e';
  refusedEarly = {
    shortPassword: factdesk(
      ['user', 'create', '--email', alice.email, '--name', alice.name, '--password-stdin'],
      'short\n',
    ),
    badRole: factdesk([
      'member',
      'add',
      '--workspace',
      someWorkspace,
      '--email',
      bob.email,
      '--role',
      'admin',
    ]),
    unknownCommand: factdesk(['frobnicate', 'now']),
    missingOption: factdesk(['workspace', 'create', '--name', 'Lonely']),
  };
  // Awaited in the tests; a spawn failure must not surface as an unhandled rejection first.
  for (const result of Object.values(refusedEarly)) result.catch(() => {});
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await serverDatabase?.drop();
});

function environment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
  delete env.DATABASE_URL;
  if (serverDatabase) env.DATABASE_URL = serverDatabase.url;
  return env;
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `factdesk <args>` to completion, with `stdin` piped in. */
async function factdesk(args: string[], stdin = '', env: NodeJS.ProcessEnv = {}): Promise<Result> {
  const result = await runCommandLine(args, { env: environment(env), stdin });
  return { ...result, stdout: result.stdout.toString('utf8') };
}

/** The real app on the PostgreSQL server database the command line wrote to. */
async function appOnServerDatabase(url: string) {
  const db = await openDatabase({ kind: 'server', url });
  const app = await buildApp({
    config: loadConfig({ PUBLIC_URL: TEST_ORIGIN, WEB_DIST: '' }),
    db: db.sql,
    logger: false,
  });
  return {
    app,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** The users, workspace, membership and token the commands made, seen through the HTTP API. */
async function expectMadeVisible(
  get: (url: string) => Promise<{ statusCode: number; json(): unknown }>,
) {
  const me = await get('/api/me');
  expect(me.statusCode).toBe(200);
  expect(me.json()).toMatchObject({
    user: { id: made.aliceId, email: alice.email, displayName: alice.name },
    workspaces: [
      expect.objectContaining({ id: made.workspaceId, name: 'Wire desk', role: 'owner' }),
    ],
  });
  const members = await get(`/api/workspaces/${made.workspaceId}/members`);
  expect(members.json()).toEqual([
    expect.objectContaining({ email: alice.email, role: 'owner' }),
    expect.objectContaining({ email: bob.email, displayName: bob.name, role: 'reviewer' }),
  ]);
}

const alice = {
  email: 'alice@example.com',
  name: 'Alice Admin',
  password: 'correct horse battery',
};
const bob = { email: 'bob@example.com', name: 'Bob Reviewer', password: 'another long password' };
/** Filled in as the commands run, in order. */
const made = { aliceId: '', workspaceId: '', token: '', resetLink: '' };
const RESET_LINK = /^https:\/\/factdesk\.example\.org\/reset\/(fdr_[A-Za-z0-9_-]{43})\n$/;

/** Sets bob's password with a reset link's secret through `post`, then logs in with it. */
async function expectResetLinkWorks(
  link: string,
  send: (method: 'POST', url: string, body: object) => Promise<{ statusCode: number }>,
) {
  const token = new URL(link).pathname.split('/').pop() ?? '';
  const newPassword = `reset by the admin ${token.slice(4, 10)}`;
  expect((await send('POST', `/api/password-resets/${token}`, { newPassword })).statusCode).toBe(
    200,
  );
  const old = await send('POST', '/api/auth/login', { email: bob.email, password: bob.password });
  expect(old.statusCode).toBe(401);
  const fresh = await send('POST', '/api/auth/login', { email: bob.email, password: newPassword });
  expect(fresh.statusCode).toBe(200);
  bob.password = newPassword;
}

describe('factdesk command line', () => {
  it('migrates a new database, printing what it applied', async () => {
    const result = await factdesk(['migrate']);
    const names = (await loadMigrations()).map((migration) => migration.name);
    expect(names.length).toBeGreaterThan(1);
    expect(result).toEqual({
      code: 0,
      stdout: `applied ${names.join(', ')}\n`,
      stderr: '',
    });
  });

  it('refuses a short password with a sentence on stderr, exit 1, and creates nothing', async () => {
    const result = await refusedEarly.shortPassword;
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'factdesk: The password must be at least 10 characters.\n',
    });
  });

  it('creates a user with the password from stdin and prints only the id', async () => {
    // Succeeds with the email refused for its short password: that attempt created nothing.
    const result = await factdesk(
      ['user', 'create', '--email', alice.email, '--name', alice.name, '--password-stdin'],
      `${alice.password}\n`,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    made.aliceId = result.stdout.trim();
    expect(made.aliceId).toMatch(UUID);

    const second = await factdesk(
      ['user', 'create', '--email', bob.email, '--name', bob.name, '--password-stdin'],
      bob.password,
    );
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toMatch(UUID);
  });

  it('creates a workspace and prints only its id, on one line', async () => {
    const result = await factdesk([
      'workspace',
      'create',
      '--name',
      'Wire desk',
      '--owner',
      alice.email,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toHaveLength(2); // one line and its newline
    made.workspaceId = result.stdout.trim();
    expect(made.workspaceId).toMatch(UUID);
  });

  it('adds a member with a role', async () => {
    const result = await factdesk([
      'member',
      'add',
      '--workspace',
      made.workspaceId,
      '--email',
      bob.email,
      '--role',
      'reviewer',
    ]);
    expect(result).toEqual({ code: 0, stdout: `${bob.email} is reviewer\n`, stderr: '' });
  });

  it('refuses an unknown role or an unknown email with a sentence on stderr and exit 1', async () => {
    const badRole = await refusedEarly.badRole;
    expect(badRole).toEqual({
      code: 1,
      stdout: '',
      stderr: 'factdesk: The role must be one of owner, moderator, reviewer, commenter, viewer.\n',
    });
    const unknown = await factdesk([
      'member',
      'add',
      '--workspace',
      made.workspaceId,
      '--email',
      'nobody@example.com',
      '--role',
      'viewer',
    ]);
    expect(unknown).toEqual({
      code: 1,
      stdout: '',
      stderr: 'factdesk: A user with the email nobody@example.com was not found.\n',
    });
  });

  it('creates an API token, printing only the token', async () => {
    const result = await factdesk(['token', 'create', '--email', alice.email, '--name', 'CI']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^fdt_[A-Za-z0-9_-]{43}\n$/);
    made.token = result.stdout.trim();
  });

  it('prints a one-time password reset link built on PUBLIC_URL, and only that', async () => {
    const env = { PUBLIC_URL: 'https://factdesk.example.org' };
    const result = await factdesk(['user', 'reset-password', '--email', bob.email], '', env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(RESET_LINK);
    made.resetLink = result.stdout.trim();

    const unknown = await factdesk(['user', 'reset-password', '--email', 'nobody@example.com']);
    expect(unknown).toEqual({
      code: 1,
      stdout: '',
      stderr: 'factdesk: A user with the email nobody@example.com was not found.\n',
    });
    const missing = await factdesk(['user', 'reset-password']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^factdesk: user reset-password needs --email\.\n\nUsage:/);
    expect(missing.stderr).toContain('user reset-password --email E');
  });

  it.runIf(kind === 'server')(
    'its reset link sets the password on an app on the same database',
    async () => {
      const { app, close } = await appOnServerDatabase(serverDatabase!.url);
      try {
        await expectResetLinkWorks(made.resetLink, (method, url, payload) =>
          app.inject({ method, url, payload }),
        );
      } finally {
        await close();
      }
    },
  );

  // With the embedded database the running server below is that app (one opening, not two).
  it.runIf(kind === 'server')(
    'sees everything it made through an app on the same database, with the token as Bearer',
    async () => {
      const { app, close } = await appOnServerDatabase(serverDatabase!.url);
      try {
        await expectMadeVisible((url) =>
          app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${made.token}` } }),
        );
      } finally {
        await close();
      }
    },
  );

  it.runIf(kind === 'server')(
    'leaves the data directory alone when DATABASE_URL is set',
    async () => {
      expect(await readdir(dataDir)).toEqual([]);
    },
  );
});

describe('factdesk command line usage', () => {
  it('answers an unknown command with the usage on stderr and exit 2', async () => {
    const result = await refusedEarly.unknownCommand;
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^factdesk: Unknown command: frobnicate now\n\nUsage: factdesk/);
    expect(result.stderr).toContain('workspace create --name N --owner E');
  });

  it('answers a missing option with the usage on stderr and exit 2', async () => {
    const missing = await refusedEarly.missingOption;
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^factdesk: workspace create needs --owner\.\n\nUsage:/);
  });
});

describe.skipIf(kind === 'server')('factdesk command line beside a running server', () => {
  let server: ChildProcess;
  let exited: Promise<number | null>;
  let baseUrl: string;
  let serverOutput: () => string;

  beforeAll(async () => {
    const started = await startServerProcess(environment(), 45_000);
    ({ child: server, exited, baseUrl, output: serverOutput } = started);
  });
  afterAll(() => {
    // Only if a test failed before stopping it.
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  });

  const lockHolder = async () => Number(await readFile(join(dataDir, 'factdesk.lock'), 'utf8'));

  it('made what the server then shows, with the token it printed as Bearer', async () => {
    await expectMadeVisible(async (url) => {
      const response = await fetch(`${baseUrl}${url}`, {
        headers: { authorization: `Bearer ${made.token}` },
      });
      const body: unknown = await response.json();
      return { statusCode: response.status, json: () => body };
    });
  });

  it('the reset link it printed earlier sets the password on the server', async () => {
    await expectResetLinkWorks(made.resetLink, async (method, url, body) => {
      const response = await fetch(`${baseUrl}${url}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { statusCode: response.status };
    });
  });

  it('issues a reset link through the server, on the server’s PUBLIC_URL', async () => {
    const result = await factdesk(['user', 'reset-password', '--email', bob.email]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(`${baseUrl}/reset/fdr_`)).toBe(true);
    const token = result.stdout.trim().split('/').pop();
    const preview = await fetch(`${baseUrl}/api/password-resets/${token}`);
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ email: bob.email, displayName: bob.name });
    // The link printed before is used up.
    const used = await fetch(`${baseUrl}/api/password-resets/${made.resetLink.split('/').pop()}`);
    expect(used.status).toBe(410);
  });

  it('goes through the server: the workspace it creates is visible over HTTP with a token', async () => {
    expect(await lockHolder()).toBe(server.pid);
    const result = await factdesk([
      'workspace',
      'create',
      '--name',
      'Live desk',
      '--owner',
      alice.email,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const workspaceId = result.stdout.trim();
    expect(workspaceId).toMatch(UUID);

    const response = await fetch(`${baseUrl}/api/workspaces/${workspaceId}`, {
      headers: { authorization: `Bearer ${made.token}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: workspaceId,
      name: 'Live desk',
      role: 'owner',
    });
    // The server still holds the data directory: the command never opened it.
    expect(await lockHolder()).toBe(server.pid);
  });

  it('reports a command the server refuses with the same sentence and exit 1', async () => {
    const result = await factdesk(
      ['user', 'create', '--email', alice.email, '--name', 'Again', '--password-stdin'],
      'yet another long password',
    );
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `factdesk: An account with the email ${alice.email} already exists.\n`,
    });
  });

  it('migrates through the server too, which finds nothing left to apply', async () => {
    const result = await factdesk(['migrate']);
    expect(result).toEqual({ code: 0, stdout: 'database is up to date\n', stderr: '' });
  });

  it('refuses, rather than open the data directory a second time, when the server cannot be reached', async () => {
    const socket = join(dataDir, 'admin.sock');
    await rename(socket, `${socket}.away`);
    try {
      const result = await factdesk(['migrate']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        `factdesk: The embedded database in ${dataDir} is in use by another Factdesk process (pid ${server.pid}).`,
      );
    } finally {
      await rename(`${socket}.away`, socket);
    }
    expect(await lockHolder()).toBe(server.pid);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  });

  it('stops cleanly on SIGTERM: exit 0, data directory released', async () => {
    server.kill('SIGTERM');
    expect(await exited, serverOutput()).toBe(0);
    expect(existsSync(join(dataDir, 'factdesk.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'admin.sock'))).toBe(false);
    expect(serverOutput()).not.toMatch(/error/i);
  });
});
