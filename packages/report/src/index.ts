// Public surface of the report package: render a report in a format, name its file.
export { buildClaimReviews } from './claimReview.ts';
export { escapeHtml } from './escapeHtml.ts';
export { contextAfter, contextBefore, quoteContext } from './quoteContext.ts';
export { CSV_COLUMNS } from './renderCsv.ts';
export { type RenderedReport, type RenderOptions, renderReport } from './renderReport.ts';
export { reportFilename } from './reportFilename.ts';
export { FORMAT_INFO, REPORT_FORMATS, type ReportFormat } from './reportFormats.ts';
