// The server and the command line as people run them: the files `pnpm build` produced
// (apps/server/dist), spawned as processes — never the TypeScript sources through tsx, which
// would prove only that the sources run. The test run builds them first when stale
// (scripts/vitestGlobalSetup.mjs). A server starts on a free port, is waited on until
// healthy, keeps its output for failure messages and is stopped by waiting for its exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The built server (`pnpm start` runs it). */
export const BUILT_SERVER = `${ROOT}apps/server/dist/main.js`;
/** The built command line (`pnpm factdesk` and the `factdesk` bin run it). */
export const BUILT_CLI = `${ROOT}apps/server/dist/cli.js`;

export interface CommandLineResult {
  code: number | null;
  /** Bytes as printed: a PDF report is not text. */
  stdout: Buffer;
  stderr: string;
}

/** Runs the built `factdesk <args>` to completion in `env`, with `stdin` piped in. */
export function runCommandLine(
  args: string[],
  options: { env: NodeJS.ProcessEnv; stdin?: string; timeoutMs?: number },
): Promise<CommandLineResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], {
      cwd: ROOT,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout), stderr });
    });
    // A command that exits without reading its input closes the pipe: not an error here.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
  });
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with its exit code when it exits. */
  exited: Promise<number | null>;
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `pnpm start`'s server with `env` (DATA_DIR or DATABASE_URL…), API only. The benchmarks
 * add node flags (`nodeFlags`: a preloaded probe, profilers) and a working folder (`cwd`, where
 * heap snapshots land).
 */
export async function startServerProcess(
  env: NodeJS.ProcessEnv,
  startupMs = 60_000,
  options: { nodeFlags?: string[]; cwd?: string } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), BUILT_SERVER], {
    cwd: options.cwd ?? ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: baseUrl, WEB_DIST: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: string) => {
    output += chunk;
  };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + startupMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`the server did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, baseUrl, output: () => output, exited };
}

/** How a child process ended: its exit code, or the signal that ended it. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Sends `signal` to a child and waits until it has exited; at once if it already has. A child
 * ended by a signal has a null exit code and a signal code, so both are checked: waiting for
 * the exit event of a child that is already gone waits forever.
 */
export function killChild(child: ChildProcess, signal: NodeJS.Signals): Promise<ChildExit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  const exited = new Promise<ChildExit>((resolve) =>
    child.once('exit', (code, signalCode) => resolve({ code, signal: signalCode })),
  );
  child.kill(signal);
  return exited;
}

/**
 * Stops a spawned server and waits until it has exited: SIGTERM (it stores what it holds and
 * closes its database), then SIGKILL if it lingers. Removing its data directory before it
 * exits races its last writes (ENOTEMPTY on the embedded database's files).
 */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<ChildExit> {
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    return await killChild(child, 'SIGTERM');
  } finally {
    clearTimeout(timer);
  }
}
