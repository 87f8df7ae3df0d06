// The sync thread's jobs — a large client update checked and sliced, updates merged — as plain
// functions of plain data. Apart from heavyTasks.ts so that the thread, which stays up, loads
// only Yjs and the article schema's checks, not the importers' DOM, Markdown or PDF renderer.
import {
  createArticleStructValidator,
  type PrepareUpdateJob,
  type PrepareUpdateResult,
  prepareUpdate,
} from '@factdesk/sync';
import * as Y from 'yjs';
import { articleSchemaNames } from '../sync/articleSchemaNames.ts';

/** A large client update: checked against the document's state vector and sliced. */
export interface PrepareUpdateTask {
  kind: 'prepareUpdate';
  job: PrepareUpdateJob;
}

/** Y.mergeUpdates of a large save batch or of a document's log. */
export interface MergeUpdatesTask {
  kind: 'mergeUpdates';
  updates: Uint8Array[];
}

export type SyncTask = PrepareUpdateTask | MergeUpdatesTask;

export interface PreparedUpdate {
  kind: 'preparedUpdate';
  result: PrepareUpdateResult;
}

export interface MergedUpdates {
  kind: 'merged';
  update: Uint8Array;
}

export type SyncResult = PreparedUpdate | MergedUpdates;

const articleStructs = createArticleStructValidator(articleSchemaNames);

export function runSyncTask(task: SyncTask): SyncResult {
  switch (task.kind) {
    case 'prepareUpdate':
      return { kind: 'preparedUpdate', result: prepareUpdate(task.job, articleStructs) };
    case 'mergeUpdates':
      // No updates: a warm-up job (HeavyWorkPool.warmSyncThread).
      return {
        kind: 'merged',
        update: task.updates.length === 0 ? new Uint8Array() : Y.mergeUpdates(task.updates),
      };
  }
}
