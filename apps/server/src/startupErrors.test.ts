// A wrong set-up stops the built server with one sentence that names the setting to fix and
// exit code 1 — never a stack trace.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_SERVER, freePort } from './testing/serverProcess.ts';
import { testDatabaseKind } from './testing/testDatabase.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'fdstart-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Runs the built server in `env` until it exits; what it printed and its exit code. */
function startBuiltServer(env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const base: NodeJS.ProcessEnv = { ...process.env, WEB_DIST: '', LOG_LEVEL: 'warn' };
    delete base.DATABASE_URL;
    const child = spawn(process.execPath, [BUILT_SERVER], {
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

// The same on either database: run once, in the embedded project.
describe.skipIf(testDatabaseKind() === 'server')('start-up with a wrong set-up', () => {
  it('names DATA_DIR when the embedded database cannot be kept there', async () => {
    const file = join(scratch, 'a-file');
    await writeFile(file, 'not a folder');
    const result = await startBuiltServer({
      DATA_DIR: join(file, 'data'),
      PORT: String(await freePort()),
    });
    expect(result.code).toBe(1);
    expect(result.output).toBe(
      `factdesk: DATA_DIR ${join(file, 'data')} cannot hold the embedded database: a part of the path is a file, not a folder (ENOTDIR). Set DATA_DIR to a folder this user can write.\n`,
    );
  });

  it('names DATABASE_URL, without its password, when no PostgreSQL answers there', async () => {
    const closedPort = await freePort();
    const result = await startBuiltServer({
      DATABASE_URL: `postgres://factdesk:secret@127.0.0.1:${closedPort}/factdesk`,
      PORT: String(await freePort()),
    });
    expect(result.code).toBe(1);
    expect(result.output).toBe(
      `factdesk: Cannot reach the PostgreSQL server in DATABASE_URL (postgres://factdesk:***@127.0.0.1:${closedPort}/factdesk): connection refused (is PostgreSQL running and listening there?) (ECONNREFUSED).\n`,
    );
  });

  describe('with its port taken', () => {
    let other: Server;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      other = createServer();
      await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

    it('says the port is in use and how to choose another', async () => {
      const result = await startBuiltServer({
        DATA_DIR: join(scratch, 'port-taken'),
        HOST: '127.0.0.1',
        PORT: String(port),
      });
      expect(result.code).toBe(1);
      expect(result.output).toContain(
        `factdesk: Cannot listen on 127.0.0.1:${port}: the address is already in use (EADDRINUSE). Stop what uses it or set PORT (and HOST).\n`,
      );
      expect(result.output).not.toMatch(/\n\s+at /); // no stack trace
    }, 120_000); // the embedded database is created before the port is tried
  });
});
