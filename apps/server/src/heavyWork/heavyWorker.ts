// The worker thread's entry (piscina loads it; tsup bundles it as dist/heavyWorker.js beside
// main.js and cli.js). It says when it starts a job, so the pool's time budget counts running
// time, not time spent waiting in the queue.
import { setPriority } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { type HeavyResult, type HeavyTask, runHeavyTask } from './heavyTasks.ts';

// A lower CPU priority for this thread: on Linux a thread's nice value is its own, so the
// event loop (routing, API reads, sync fan-out) wins a core it shares with a heavy job
// (weight 110 against 1024). Not the lowest (19): on a machine loaded by other processes the
// job would starve and spend its time budget, which is wall-clock time, waiting for a core.
// Elsewhere this may lower the whole process or be refused; either way jobs still run.
try {
  setPriority(10);
} catch {
  // Not permitted here: the job runs at normal priority.
}

export interface HeavyJob {
  task: HeavyTask;
  /** Told "started" when the job begins on this thread. */
  started: MessagePort;
}

export default async function heavyWorker(job: HeavyJob): Promise<HeavyResult> {
  job.started.postMessage('started');
  job.started.close();
  return runHeavyTask(job.task);
}
