// A report file: the data (buildReport) rendered in one format on the heavy-work pool. One
// home for what the HTTP route and `factdesk export` both do, so they give the same bytes.
import type { ReportOptions } from '@factdesk/model';
import type { RenderedReport, ReportFormat } from '@factdesk/report';
import { BadRequestError } from '../errors.ts';
import type { HeavyWorkPool } from '../heavyWork/HeavyWorkPool.ts';
import { msg } from '../i18n/translate.ts';
import { listReviewUnits, reviewUnits } from '../queries/agreement.ts';
import type { DocumentRow } from '../queries/documents.ts';
import { buildReport, type ReportDeps } from './buildReport.ts';

export interface ExportRequest extends ReportOptions {
  format: ReportFormat;
  /** A saved text version of the document; null for the current text. */
  versionId: string | null;
  /** CSV: start with a UTF-8 byte-order mark. */
  csvBom: boolean;
}

export async function exportReport(
  deps: ReportDeps & { heavyWork: Pick<HeavyWorkPool, 'renderReport' | 'agreementFigures'> },
  document: DocumentRow,
  request: ExportRequest,
  now: Date = new Date(),
): Promise<RenderedReport> {
  const { format, versionId, csvBom, ...options } = request;
  const data = await buildReport(deps, document, options, now, versionId);
  // The current text only: a saved version's report stays the same, byte for byte.
  if (versionId === null) {
    const rows = await listReviewUnits(deps.sql, { documentId: document.id });
    if (rows.length > 0) {
      const { method, alpha, pairs } = await deps.heavyWork.agreementFigures({
        ...reviewUnits(rows),
        periods: [],
      });
      data.agreement = { method, alpha, pairs };
    }
  }
  if (format === 'claimreview' && !data.reportUrl) {
    // Every ClaimReview needs the page it is published on; an empty file would pass silently.
    throw new BadRequestError(
      versionId === null
        ? msg('errors.factCheckUrlMissing')
        : msg('errors.factCheckUrlMissingInVersion'),
      'factCheckUrl',
    );
  }
  // Rendering (PDF above all) runs on the worker pool under REPORT_* budgets.
  return deps.heavyWork.renderReport(data, format, { csvBom });
}
