#!/usr/bin/env node
// `pnpm factdesk …`: checks Node.js, builds the server bundle if its sources changed, then
// runs the built command line (build output goes to standard error, so standard output
// carries only what the command prints).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { checkNode } from './checkNode.mjs';
import { ensureBuilt, ROOT } from './ensureBuilt.mjs';

checkNode();
ensureBuilt(['server']);
const cli = join(ROOT, 'apps/server/dist/cli.js');
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
