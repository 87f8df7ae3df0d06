// Builds what `pnpm start`, `pnpm factdesk` and the process tests run — the server bundle and
// the web app — only when it is missing or older than what it is built from, so a second
// start does not pay for a build. Build output goes to standard error: standard output stays
// the command's own (the command line prints ids and reports there).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;

const packageSources = readdirSync(join(ROOT, 'packages')).flatMap((name) => [
  `packages/${name}/src`,
  `packages/${name}/package.json`,
]);

/** Each build: the file it produces and every path whose change makes it stale. */
const TARGETS = {
  server: {
    output: 'apps/server/dist/main.js',
    inputs: [
      'apps/server/src',
      'apps/server/package.json',
      'apps/server/tsup.config.ts',
      'apps/server/tsconfig.json',
      'tsconfig.base.json',
      ...packageSources,
      'pnpm-lock.yaml',
    ],
    filter: '@factdesk/server',
  },
  web: {
    output: 'apps/web/dist/index.html',
    inputs: [
      'apps/web/src',
      'apps/web/public',
      'apps/web/index.html',
      'apps/web/package.json',
      'apps/web/vite.config.ts',
      'apps/web/tsconfig.json',
      'tsconfig.base.json',
      ...packageSources,
      'pnpm-lock.yaml',
    ],
    filter: '@factdesk/web',
  },
};

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether `name`'s output is missing or older than one of its inputs. */
export function isStale(name) {
  const target = TARGETS[name];
  const output = join(ROOT, target.output);
  if (!existsSync(output)) return true;
  const builtAt = statSync(output).mtimeMs;
  return target.inputs.some((input) => newestMtime(join(ROOT, input)) > builtAt);
}

/**
 * Runs `build` while holding the build lock: two test runs or a test run and `pnpm start`
 * building at once would write one dist folder with each other's chunks.
 */
function withBuildLock(build) {
  const lock = join(ROOT, 'node_modules', '.factdesk-build-lock');
  const waitUntil = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // Left by a build that was killed: older than any build takes.
      if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true });
      else if (Date.now() > waitUntil) throw new Error(`another build still holds ${lock}`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the stale ones among `names`; exits the process if a build fails. */
export function ensureBuilt(names = ['server', 'web']) {
  if (!names.some(isStale)) return;
  withBuildLock(() => {
    // Checked again under the lock: another process may have just built them.
    const stale = names.filter(isStale);
    if (stale.length === 0) return;
    process.stderr.write(
      `Building ${stale.join(' and ')} (sources changed since the last build)…\n`,
    );
    const filters = stale.flatMap((name) => ['--filter', TARGETS[name].filter]);
    const build = spawnSync('pnpm', [...filters, 'run', 'build'], {
      cwd: ROOT,
      // What people run: a production bundle even when the caller's NODE_ENV says otherwise
      // (vitest sets "test", which made React's development build, whose double-run effects
      // closed every document socket in the browser tests).
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 2, 2],
    });
    if (build.status !== 0) {
      process.stderr.write('factdesk: the build failed (see above).\n');
      process.exit(build.status ?? 1);
    }
  });
}
