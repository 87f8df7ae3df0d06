// The sync thread's entry (piscina loads it; tsup bundles it as dist/syncWorker.js beside
// main.js): large updates checked, updates merged. It loads only what those need.
import { type Job, jobRunner } from './jobThread.ts';
import { runSyncTask, type SyncTask } from './syncTasks.ts';

export type SyncJob = Job<SyncTask>;

export default jobRunner(runSyncTask);
