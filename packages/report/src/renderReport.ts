// One entry point: ReportData and a format in, the file's bytes (or text) and type out.
import type { ReportData } from '@factdesk/model';
import { buildClaimReviews, jsonForScript } from './claimReview.ts';
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

/** How a file is written, beside what it contains (ReportOptions). */
export interface RenderOptions {
  /** CSV: start with a UTF-8 byte-order mark, so Excel reads accents right (default true). */
  csvBom?: boolean;
}

export async function renderReport(
  data: ReportData,
  format: ReportFormat,
  options: RenderOptions = {},
): Promise<RenderedReport> {
  const prepared = prepareReport(data);
  const body = await renderBody(prepared, format, options);
  return { body, ...FORMAT_INFO[format] };
}

async function renderBody(
  prepared: ReturnType<typeof prepareReport>,
  format: ReportFormat,
  options: RenderOptions,
): Promise<Uint8Array | string> {
  switch (format) {
    case 'html':
      return renderHtml(prepared);
    case 'pdf':
      return renderPdf(prepared);
    case 'md':
      return renderMarkdown(prepared);
    case 'csv':
      return renderCsv(prepared, { bom: options.csvBom ?? true });
    case 'json':
      return `${jsonForScript(prepared.data, 2)}\n`;
    case 'claimreview':
      // Often pasted into a <script type="application/ld+json"> block as it is.
      return `${jsonForScript(buildClaimReviews(prepared.data, prepared.claims), 2)}\n`;
  }
}
