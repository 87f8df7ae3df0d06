// The worker pools (piscina) where imports and reports are parsed and rendered, and large sync
// updates checked and merged, so the event loop only routes, authorises and relays. Each job
// runs under a time budget counted from the moment a thread starts it, a heap cap per thread,
// and the structural caps of its task; past any of them the caller gets a LimitExceededError
// (413/422) naming the limit and its value.
//
// The worker entries are found beside this module: heavyWorker.js and syncWorker.js in the
// built server (tsup bundles this module into dist/main.js and dist/cli.js and the workers
// beside them), the .ts files when running from sources (vitest, tsx), in which case the
// worker thread registers tsx itself so it can load TypeScript.
import { createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import type { ImportFormat, ReportData } from '@factdesk/model';
import type { RenderedReport, RenderOptions, ReportFormat } from '@factdesk/report';
import type { PrepareUpdateJob, PrepareUpdateResult, UpdateWorker } from '@factdesk/sync';
import { Piscina } from 'piscina';
import type {
  AgreementFiguresInput,
  AgreementFiguresResult,
} from '../agreement/agreementFigures.ts';
import type { HeavyWorkConfig } from '../config.ts';
import { BusyError, LimitExceededError } from '../errors.ts';
import { msg } from '../i18n/translate.ts';
import type { HeavyResult, HeavyTask, ImportResult, LimitHit } from './heavyTasks.ts';
import type { HeavyJob } from './heavyWorker.ts';
import type { SyncResult } from './syncTasks.ts';
import type { SyncJob } from './syncWorker.ts';

const fromSources = import.meta.url.endsWith('.ts');

function workerEntry(name: 'heavyWorker' | 'syncWorker'): { filename: string; execArgv: string[] } {
  if (!fromSources) {
    return { filename: new URL(`./${name}.js`, import.meta.url).href, execArgv: [] };
  }
  // Resolved from here, so the worker finds tsx whatever the current directory is.
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return {
    filename: new URL(`./${name}.ts`, import.meta.url).href,
    execArgv: ['--import', new URL(`file://${tsx}`).href],
  };
}

/** What the job is, for the sentences: "content" of an import, the report of an export. */
type JobKind = 'import' | 'report';

export class HeavyWorkPool implements UpdateWorker {
  private readonly pool: Piscina<HeavyJob, HeavyResult>;
  /**
   * Large sync updates get a thread of their own: behind ten PDF exports in the shared queue,
   * a pasted page would wait many seconds. Jobs here are bounded by the frame limit (≈0.5 s
   * for 1 MiB). Once started the thread stays (starting it takes a second or more, which the
   * first large paste would wait for): the server starts it at launch (main.ts).
   */
  private readonly syncPool: Piscina<SyncJob, SyncResult>;
  private syncThreadWarm: Promise<void> | undefined;

  constructor(private readonly config: HeavyWorkConfig) {
    const syncEntry = workerEntry('syncWorker');
    this.syncPool = new Piscina<SyncJob, SyncResult>({
      filename: syncEntry.filename,
      execArgv: syncEntry.execArgv,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 2 ** 31 - 1,
      resourceLimits: { maxOldGenerationSizeMb: config.memoryMb },
      workerData: { nice: 0 },
    });
    const entry = workerEntry('heavyWorker');
    this.pool = new Piscina<HeavyJob, HeavyResult>({
      filename: entry.filename,
      execArgv: entry.execArgv,
      minThreads: 0,
      maxThreads: config.threads,
      maxQueue: config.maxQueue,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: config.memoryMb },
      workerData: { nice: config.nice },
    });
  }

  /** The article converted through the editor schema: its first Yjs update and default title. */
  async importArticle(
    content: string,
    format: ImportFormat,
    maxOutputBytes: number,
    lineageClient: number,
  ): Promise<ImportResult> {
    const { maxDepth, maxNodes, timeBudgetMs } = this.config.import;
    const result = await this.run(
      { kind: 'import', content, format, maxDepth, maxNodes, maxOutputBytes, lineageClient },
      timeBudgetMs,
      'import',
    );
    if (result.kind !== 'imported') throw new Error(`import job returned ${result.kind}`);
    return result;
  }

  async renderReport(
    data: ReportData,
    format: ReportFormat,
    options: RenderOptions,
  ): Promise<RenderedReport> {
    const { timeBudgetMs, maxBytes } = this.config.report;
    const result = await this.run(
      { kind: 'report', data, format, options, maxOutputBytes: maxBytes },
      timeBudgetMs,
      'report',
    );
    if (result.kind !== 'report') throw new Error(`report job returned ${result.kind}`);
    return result.rendered;
  }

  /** Kappa and alpha with their bootstrap intervals, off the event loop. */
  async agreementFigures(input: AgreementFiguresInput): Promise<AgreementFiguresResult> {
    let result: HeavyResult;
    try {
      result = await this.pool.run({ task: { kind: 'agreement', input } });
    } catch (error) {
      if (isQueueFull(error)) throw this.busy();
      throw error;
    }
    if (result.kind !== 'agreement') throw new Error(`agreement job returned ${result.kind}`);
    return result.figures;
  }

  /**
   * Starts the sync thread now, so the first large update does not wait for it. Resolves once
   * it runs (never rejects: a thread that fails to start is started again on first use).
   */
  warmSyncThread(): Promise<void> {
    // One warm-up however many ask: a second caller waits for the same thread to be ready.
    this.syncThreadWarm ??= this.syncPool.run({ task: { kind: 'mergeUpdates', updates: [] } }).then(
      () => undefined,
      () => undefined,
    );
    return this.syncThreadWarm;
  }

  /** A large client update checked against the document's state vector, and sliced. */
  async prepareUpdate(job: PrepareUpdateJob): Promise<PrepareUpdateResult> {
    const result = await this.syncPool.run({ task: { kind: 'prepareUpdate', job } });
    if (result.kind !== 'preparedUpdate') throw new Error(`sync job returned ${result.kind}`);
    return result.result;
  }

  async mergeUpdates(updates: Uint8Array[]): Promise<Uint8Array> {
    const result = await this.syncPool.run({ task: { kind: 'mergeUpdates', updates } });
    if (result.kind !== 'merged') throw new Error(`merge job returned ${result.kind}`);
    return result.update;
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.destroy(), this.syncPool.destroy()]);
  }

  private busy(): BusyError {
    return new BusyError(msg('errors.busy', { maxQueue: this.config.maxQueue }));
  }

  private async run(
    task: HeavyTask,
    budgetMs: number,
    kind: JobKind,
  ): Promise<Exclude<HeavyResult, LimitHit>> {
    const controller = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    let overBudget = false;
    port1.once('message', () => {
      timer = setTimeout(() => {
        overBudget = true;
        controller.abort();
      }, budgetMs);
      port1.close();
    });
    try {
      const result = await this.pool.run(
        { task, started: port2 },
        { transferList: [port2], signal: controller.signal },
      );
      if (result.kind === 'limit') throw limitError(result, kind);
      return result;
    } catch (error) {
      if (overBudget) {
        throw new LimitExceededError(
          422,
          'time_budget_exceeded',
          msg(kind === 'import' ? 'errors.importTimeBudget' : 'errors.reportTimeBudget', {
            budgetMs,
          }),
          field(kind),
        );
      }
      if (isOutOfMemory(error)) {
        throw new LimitExceededError(
          413,
          'memory_budget_exceeded',
          msg(kind === 'import' ? 'errors.importMemoryBudget' : 'errors.reportMemoryBudget', {
            memoryMb: this.config.memoryMb,
          }),
          field(kind),
        );
      }
      if (isQueueFull(error)) throw this.busy();
      throw error;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }
}

function field(kind: JobKind): string {
  return kind === 'import' ? 'content' : 'report';
}

function limitError(hit: LimitHit, kind: JobKind): LimitExceededError {
  switch (hit.limit) {
    case 'depth':
      return new LimitExceededError(
        422,
        'content_too_deep',
        msg('errors.importTooDeep', { value: hit.value }),
        field(kind),
      );
    case 'nodes':
      return new LimitExceededError(
        413,
        'content_too_many_nodes',
        msg('errors.importTooManyNodes', { value: hit.value }),
        field(kind),
      );
    case 'output':
      return new LimitExceededError(
        413,
        'output_too_large',
        kind === 'import'
          ? msg('errors.importOutputTooLarge', { limit: hit.value })
          : msg('errors.reportOutputTooLarge', { limit: hit.value }),
        field(kind),
      );
  }
}

function isOutOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

function isQueueFull(error: unknown): boolean {
  return error instanceof Error && /queue is at limit/i.test(error.message);
}
