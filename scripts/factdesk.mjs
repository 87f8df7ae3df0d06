#!/usr/bin/env node
// `pnpm factdesk …`: runs the command line, building the server bundle first when it is
// missing or older than its sources (build output goes to stderr, so standard output
// carries only what the command prints).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'apps/server/dist/cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(cli).mtimeMs;
  } catch {
    return 0;
  }
}

const sources = Math.max(
  newestMtime(join(root, 'apps/server/src')),
  ...readdirSync(join(root, 'packages')).map((name) =>
    newestMtime(join(root, 'packages', name, 'src')),
  ),
);
if (builtAt() < sources) {
  const build = spawnSync('pnpm', ['--filter', '@factdesk/server', 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
