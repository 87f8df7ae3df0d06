// The worker thread's entry (piscina loads it; tsup bundles it as dist/heavyWorker.js beside
// main.js and cli.js). It says when it starts a job, so the pool's time budget counts running
// time, not time spent waiting in the queue.
import { setPriority } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { type HeavyResult, type HeavyTask, runHeavyTask } from './heavyTasks.ts';

// The lowest CPU priority for this thread: on Linux a thread's nice value is its own, so the
// event loop (routing, API reads, sync fan-out) wins every core it shares with a heavy job.
// Elsewhere this may lower the whole process or be refused; either way jobs still run.
try {
  setPriority(19);
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
