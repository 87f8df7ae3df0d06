// The jobs the worker pool runs — an article import converted to its first Yjs update, a
// report rendered, agreement figures — as plain functions of plain data, so they run the same
// in a worker thread and in a test (the sync thread's jobs: syncTasks.ts). A job past a cap returns which one instead of throwing: errors lose their
// fields on the way back from a worker, a result does not.
import {
  type ArticleJSON,
  articlePlainText,
  articleToYUpdate,
  ImportLimitError,
  importArticle,
} from '@factdesk/editor';
import type { ImportFormat, ReportData } from '@factdesk/model';
import {
  type RenderedReport,
  type RenderOptions,
  type ReportFormat,
  renderReport,
} from '@factdesk/report';
import {
  type AgreementFiguresInput,
  type AgreementFiguresResult,
  agreementFigures,
} from '../agreement/agreementFigures.ts';

export interface ImportTask {
  kind: 'import';
  content: string;
  format: ImportFormat;
  maxDepth: number;
  maxNodes: number;
  /** Largest first Yjs update (the document size limit). */
  maxOutputBytes: number;
  /** The server client id the update is written with: the document's lineage (docs/sync.md). */
  lineageClient: number;
}

export interface ReportTask {
  kind: 'report';
  data: ReportData;
  format: ReportFormat;
  options: RenderOptions;
  maxOutputBytes: number;
}

/** Agreement figures of blind review, bootstrap intervals included (agreement/). */
export interface AgreementTask {
  kind: 'agreement';
  input: AgreementFiguresInput;
}

export type HeavyTask = ImportTask | ReportTask | AgreementTask;

/** Which cap a job ran into, and its value (bytes, levels or elements). */
export interface LimitHit {
  kind: 'limit';
  limit: 'depth' | 'nodes' | 'output';
  value: number;
}

export interface ImportResult {
  kind: 'imported';
  update: Uint8Array;
  /** The first heading, else the first line, else "Untitled article". */
  defaultTitle: string;
  /** False when nothing readable is left once disallowed markup is removed. */
  hasText: boolean;
}

export interface ReportResult {
  kind: 'report';
  rendered: RenderedReport;
}

export interface AgreementResult {
  kind: 'agreement';
  figures: AgreementFiguresResult;
}

export type HeavyResult = ImportResult | ReportResult | AgreementResult | LimitHit;

const TITLE_MAX = 300;

function defaultTitle(json: ArticleJSON, text: string): string {
  const heading = json.content?.find((node) => node.type === 'heading');
  const headingText = (heading?.content ?? [])
    .map((node) => node.text ?? '')
    .join('')
    .trim();
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
  const title = headingText || firstLine.trim() || 'Untitled article';
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
}

function runImport(task: ImportTask): ImportResult | LimitHit {
  let article: ArticleJSON;
  try {
    article = importArticle(task.content, task.format, {
      maxDepth: task.maxDepth,
      maxNodes: task.maxNodes,
    });
  } catch (error) {
    if (error instanceof ImportLimitError) {
      return { kind: 'limit', limit: error.limit, value: error.value };
    }
    throw error;
  }
  const text = articlePlainText(article);
  const update = articleToYUpdate(article, task.lineageClient);
  if (update.byteLength > task.maxOutputBytes) {
    return { kind: 'limit', limit: 'output', value: task.maxOutputBytes };
  }
  return {
    kind: 'imported',
    update,
    defaultTitle: defaultTitle(article, text),
    hasText: text.trim() !== '',
  };
}

async function runReport(task: ReportTask): Promise<ReportResult | LimitHit> {
  const rendered = await renderReport(task.data, task.format, task.options);
  const size =
    typeof rendered.body === 'string' ? Buffer.byteLength(rendered.body) : rendered.body.byteLength;
  if (size > task.maxOutputBytes)
    return { kind: 'limit', limit: 'output', value: task.maxOutputBytes };
  return { kind: 'report', rendered };
}

export async function runHeavyTask(task: HeavyTask): Promise<HeavyResult> {
  switch (task.kind) {
    case 'import':
      return runImport(task);
    case 'report':
      return runReport(task);
    case 'agreement':
      return { kind: 'agreement', figures: agreementFigures(task.input) };
  }
}
