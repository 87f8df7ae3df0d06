// The worker thread's entry (piscina loads it; tsup bundles it as dist/heavyWorker.js beside
// main.js and cli.js). It says when it starts a job, so the pool's time budget counts running
// time, not time spent waiting in the queue.
import { setPriority } from 'node:os';
import { type MessagePort, workerData } from 'node:worker_threads';
import { type HeavyResult, type HeavyTask, runHeavyTask } from './heavyTasks.ts';

// HEAVY_WORK_NICE lowers this thread's CPU priority: on Linux a thread's nice value is its
// own, so the event loop (routing, API reads, sync fan-out) wins a core it shares with a heavy
// job. Off by default: the time budget is wall-clock time, and on a machine loaded by other
// processes a niced job would starve and spend its budget waiting for a core. Where a thread
// cannot be niced on its own this may lower the whole process or be refused; jobs still run.
const nice = (workerData as { nice?: number } | null)?.nice ?? 0;
if (nice > 0) {
  try {
    setPriority(nice);
  } catch {
    // Not permitted here: the job runs at normal priority.
  }
}

export interface HeavyJob {
  task: HeavyTask;
  /** Told "started" when the job begins on this thread (jobs with a time budget). */
  started?: MessagePort;
}

export default async function heavyWorker(job: HeavyJob): Promise<HeavyResult> {
  job.started?.postMessage('started');
  job.started?.close();
  return runHeavyTask(job.task);
}
