// The report formats, written once: content type and file extension of each.

export const REPORT_FORMATS = ['html', 'pdf', 'md', 'csv', 'json', 'claimreview'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const FORMAT_INFO: Record<ReportFormat, { contentType: string; extension: string }> = {
  html: { contentType: 'text/html; charset=utf-8', extension: 'html' },
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md' },
  csv: { contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv' },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
  claimreview: { contentType: 'application/ld+json; charset=utf-8', extension: 'jsonld' },
};
