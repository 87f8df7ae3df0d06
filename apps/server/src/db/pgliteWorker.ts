// The embedded PostgreSQL's thread (PgliteThread starts it; tsup bundles it as
// dist/pgliteWorker.js beside main.js and cli.js). PGlite's WebAssembly memory and its CPU live
// here, off the server's event loop: in 'serve' mode it opens the database and answers on the
// private Unix socket until told to close; in 'create' mode it only creates the database (initdb)
// and exits, so the ~500 MB initdb leaves behind go with the thread.
import { readFile, rm } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { openPglite } from './openPglite.ts';

export interface PgliteWorkerData {
  mode: 'create' | 'serve';
  /** A folder, or memory:// */
  dataUri: string;
  /** Where to serve the one postgres.js connection ('serve' only). */
  socketPath?: string;
  /** A PGlite archive of a data folder to start a memory:// database from ('serve' only). */
  archivePath?: string;
}

export type PgliteWorkerMessage = { type: 'ready' } | { type: 'failed'; message: string };

/** The main thread's one request: stop serving, close the database cleanly, exit. */
export const CLOSE = 'close';

async function run(port: NonNullable<typeof parentPort>, data: PgliteWorkerData) {
  let pglite: PGlite;
  try {
    const archive = data.archivePath ? new Blob([await readFile(data.archivePath)]) : undefined;
    pglite = await openPglite(data.dataUri, archive);
  } catch (error) {
    port.postMessage({ type: 'failed', message: messageOf(error) } satisfies PgliteWorkerMessage);
    return;
  }
  if (data.mode === 'create') {
    await pglite.close();
    port.postMessage({ type: 'ready' } satisfies PgliteWorkerMessage);
    return;
  }
  if (!data.socketPath) throw new Error('pgliteWorker: serve mode needs socketPath');
  // PGlite is a single session: one postgres.js connection keeps every statement of a
  // transaction together.
  const server = new PGLiteSocketServer({ db: pglite, path: data.socketPath, maxConnections: 1 });
  try {
    // A socket file left by a thread that died (its folder is private: nothing else is there).
    await rm(data.socketPath, { force: true });
    await server.start();
  } catch (error) {
    await pglite.close();
    port.postMessage({ type: 'failed', message: messageOf(error) } satisfies PgliteWorkerMessage);
    return;
  }
  port.on('message', (message: unknown) => {
    if (message !== CLOSE) return;
    void (async () => {
      await server.stop();
      await pglite.close();
      port.close(); // nothing else holds this thread's event loop: it ends
    })();
  });
  port.postMessage({ type: 'ready' } satisfies PgliteWorkerMessage);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

if (parentPort) await run(parentPort, workerData as PgliteWorkerData);
