// One entry point: ReportData and a format in, the file's bytes (or text) and type out.
import type { ReportData } from '@factdesk/model';
import { buildClaimReviews } from './claimReview.ts';
import { prepareReport } from './prepareReport.ts';
import { renderCsv } from './renderCsv.ts';
import { renderHtml } from './renderHtml.ts';
import { renderMarkdown } from './renderMarkdown.ts';
import { renderPdf } from './renderPdf.ts';
import { FORMAT_INFO, type ReportFormat } from './reportFormats.ts';

export interface RenderedReport {
  body: Uint8Array | string;
  contentType: string;
  extension: string;
}

export async function renderReport(
  data: ReportData,
  format: ReportFormat,
): Promise<RenderedReport> {
  const prepared = prepareReport(data);
  const body = await renderBody(prepared, format);
  return { body, ...FORMAT_INFO[format] };
}

async function renderBody(
  prepared: ReturnType<typeof prepareReport>,
  format: ReportFormat,
): Promise<Uint8Array | string> {
  switch (format) {
    case 'html':
      return renderHtml(prepared);
    case 'pdf':
      return renderPdf(prepared);
    case 'md':
      return renderMarkdown(prepared);
    case 'csv':
      return renderCsv(prepared);
    case 'json':
      return `${JSON.stringify(prepared.data, null, 2)}\n`;
    case 'claimreview':
      return `${JSON.stringify(buildClaimReviews(prepared.data, prepared.claims), null, 2)}\n`;
  }
}
