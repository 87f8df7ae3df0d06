// The worker thread's entry (piscina loads it; tsup bundles it as dist/heavyWorker.js beside
// main.js and cli.js). It says when it starts a job, so the pool's time budget counts running
// time, not time spent waiting in the queue.
import type { MessagePort } from 'node:worker_threads';
import { type HeavyResult, type HeavyTask, runHeavyTask } from './heavyTasks.ts';

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
