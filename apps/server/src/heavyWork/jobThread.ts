// What every worker-thread entry of the pools shares (heavyWorker.ts, syncWorker.ts): the
// thread's CPU priority, and the "started" message that makes the pool's time budget count
// running time, not time spent waiting in the queue.
import { setPriority } from 'node:os';
import { type MessagePort, workerData } from 'node:worker_threads';

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

export interface Job<Task> {
  task: Task;
  /** Told "started" when the job begins on this thread (jobs with a time budget). */
  started?: MessagePort;
}

/** The function piscina calls for each job: says it started, then runs it. */
export function jobRunner<Task, Result>(run: (task: Task) => Result | Promise<Result>) {
  return async (job: Job<Task>): Promise<Result> => {
    job.started?.postMessage('started');
    job.started?.close();
    return run(job.task);
  };
}
