// Before any test file runs: the server bundle and the web app are built when stale, so the
// process tests (server, command line) and the browser tests run what `pnpm build` produces;
// and the embedded databases' migrated template is made when missing, once, rather than by
// the first test files at the same time (apps/server/src/testing/migratedTemplate.ts).
import { migratedArchive } from '../apps/server/src/testing/migratedTemplate.ts';
import { ensureBuilt } from './ensureBuilt.mjs';

export default async function setup() {
  ensureBuilt(['server', 'web']);
  await migratedArchive();
}
