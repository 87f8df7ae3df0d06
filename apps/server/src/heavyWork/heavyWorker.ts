// The shared pool's worker-thread entry (piscina loads it; tsup bundles it as
// dist/heavyWorker.js beside main.js and cli.js): imports, reports, agreement figures.
import { type HeavyTask, runHeavyTask } from './heavyTasks.ts';
import { type Job, jobRunner } from './jobThread.ts';

export type HeavyJob = Job<HeavyTask>;

export default jobRunner(runHeavyTask);
