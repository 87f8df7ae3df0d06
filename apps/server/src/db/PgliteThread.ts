// Starts the embedded PostgreSQL's worker thread (pgliteWorker) and follows its life: creating
// a database in a thread that then exits, serving one in a thread that stays, closing it
// cleanly, and noticing when it dies on its own.
//
// The worker entry is found beside this module, as HeavyWorkPool finds its own:
// pgliteWorker.js in the built server, pgliteWorker.ts (with tsx registered in the thread)
// when running from sources (vitest, tsx).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { PgliteWorkerData, PgliteWorkerMessage } from './pgliteWorker.ts';

const CLOSE = 'close'; // pgliteWorker's CLOSE (not imported: that would load PGlite here)

function workerEntry(): { filename: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) {
    return { filename: new URL('./pgliteWorker.js', import.meta.url), eval: false };
  }
  // Node 20 loads a worker's entry before --import hooks given in its execArgv apply: the entry
  // is a line of JavaScript that registers tsx, then imports the TypeScript.
  // (require.resolve finds the CommonJS build; its ES module sits beside it.)
  const tsx = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const source = new URL('./pgliteWorker.ts', import.meta.url).href;
  return {
    filename: `import(${JSON.stringify(new URL(`file://${tsx}`).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`,
    eval: true,
  };
}

/** The thread could not create or open the database: PGlite's own words, or how it died. */
export class PgliteThreadError extends Error {
  override name = 'PgliteThreadError';
}

/** A thread with its database open, serving on its socket. */
export interface ServingThread {
  /** Settles when the thread has ended, whoever ended it; `crashed` unless close() ended it. */
  readonly ended: Promise<{ crashed: boolean; reason: string }>;
  /** Stops serving, closes the database cleanly (a checkpoint), waits for the thread to end. */
  close(): Promise<void>;
}

function start(data: PgliteWorkerData) {
  const entry = workerEntry();
  const worker = new Worker(entry.filename, {
    eval: entry.eval,
    workerData: data,
    execArgv: [],
  });
  let lastError: unknown;
  worker.on('error', (error) => {
    lastError = error;
  });
  const ended = new Promise<{ code: number; reason: string }>((resolve) => {
    worker.once('exit', (code) => {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      resolve({ code, reason: `its thread ended (exit code ${code})${detail}` });
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', (message: PgliteWorkerMessage) => {
      if (message.type === 'ready') resolve();
      else reject(new PgliteThreadError(message.message));
    });
    void ended.then(({ reason }) => reject(new PgliteThreadError(reason)));
  });
  return { worker, ready, ended };
}

/** Creates a database in `dataDir` (initdb) in a thread that exits once it is done. */
export async function createInThread(dataDir: string): Promise<void> {
  const thread = start({ mode: 'create', dataUri: dataDir });
  try {
    await thread.ready;
  } finally {
    await thread.worker.terminate(); // a no-op once it has ended by itself
  }
}

/**
 * Opens the database at `dataUri` in a thread that serves it on `socketPath`; a memory://
 * database starts from `archivePath` when given (see pgliteWorker).
 */
export async function serveInThread(
  dataUri: string,
  socketPath: string,
  archivePath?: string,
): Promise<ServingThread> {
  const thread = start({ mode: 'serve', dataUri, socketPath, archivePath });
  try {
    await thread.ready;
  } catch (error) {
    await thread.worker.terminate();
    throw error;
  }
  let closing = false;
  const serving: ServingThread = {
    ended: thread.ended.then(({ reason }) => ({ crashed: !closing, reason })),
    async close() {
      if (!closing) {
        closing = true;
        thread.worker.postMessage(CLOSE);
      }
      await thread.ended;
    },
  };
  crashers.set(serving, () => thread.worker.terminate());
  return serving;
}

const crashers = new WeakMap<ServingThread, () => Promise<number>>();

/** Ends a serving thread at once, as a crash would (no clean close): for tests. */
export async function crashThread(thread: ServingThread): Promise<void> {
  await crashers.get(thread)?.();
}
