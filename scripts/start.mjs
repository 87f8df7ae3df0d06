#!/usr/bin/env node
// `pnpm start`: checks Node.js, builds the server and the web app if their sources changed,
// then runs the built server in this process (so signals reach it directly).
import { checkNode } from './checkNode.mjs';
import { ensureBuilt, ROOT } from './ensureBuilt.mjs';

checkNode();
ensureBuilt(['server', 'web']);
await import(`${ROOT}apps/server/dist/main.js`);
