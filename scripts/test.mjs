#!/usr/bin/env node
// `pnpm test`: everything the tests need, then every test. Installs Debian's chromium for
// the browser tests when it is missing, builds the server and the web app when stale (the
// process and browser tests run what `pnpm build` produces), runs
// vitest (embedded PostgreSQL always; a PostgreSQL server too when TEST_DATABASE_URL is
// set) and ends with one plain summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNode } from './checkNode.mjs';
import { ensureBuilt } from './ensureBuilt.mjs';

const CHROMIUM = '/usr/bin/chromium';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `Browser tests need Debian's chromium at ${CHROMIUM}: run "sudo apt-get install -y chromium".`,
    );
    process.exit(1);
  }
  console.log('Installing Debian chromium for the browser tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0) process.exit(1);
  if (run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0) process.exit(1);
}

checkNode();
ensureChromium();
ensureBuilt(['server', 'web']);

const report = join(mkdtempSync(join(tmpdir(), 'factdesk-test-')), 'results.json');
const status = run('pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);

if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  console.log(
    `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
      (skipped ? `, ${skipped} skipped` : ''),
  );
  if (results.numTotalTests === 0) process.exit(1);
}
process.exit(status);
