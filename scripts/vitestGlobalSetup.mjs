// Before any test file runs: the server bundle and the web app are built when stale, so the
// process tests (server, command line) and the browser tests run what `pnpm build` produces.
import { ensureBuilt } from './ensureBuilt.mjs';

export default function setup() {
  ensureBuilt(['server', 'web']);
}
