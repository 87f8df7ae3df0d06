// A download name built from the document title: safe for Content-Disposition, never empty.
import type { ReportFormat } from './reportFormats.ts';
import { FORMAT_INFO } from './reportFormats.ts';

export function reportFilename(title: string, format: ReportFormat): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return `${slug || 'report'}-fact-check.${FORMAT_INFO[format].extension}`;
}
