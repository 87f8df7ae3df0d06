// The summary chart as inline SVG: horizontal bars, no script, no external resources.

import { escapeHtml } from './escapeHtml.ts';
import type { SummaryBar } from './prepareReport.ts';

export function summaryChartSvg(title: string, bars: SummaryBar[]): string {
  const rowHeight = 26;
  const labelWidth = 150;
  const barWidth = 260;
  const max = Math.max(1, ...bars.map((bar) => bar.count));
  const height = bars.length * rowHeight + 30;
  const rows = bars
    .map((bar, index) => {
      const y = 30 + index * rowHeight;
      const width = Math.round((bar.count / max) * barWidth);
      return `<text x="0" y="${y + 14}" class="chart-label">${escapeHtml(bar.label)}</text><rect x="${labelWidth}" y="${y + 2}" width="${width}" height="16" rx="2" class="chart-bar"/><text x="${labelWidth + width + 6}" y="${y + 14}" class="chart-value">${bar.count}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${labelWidth + barWidth + 40} ${height}" width="${labelWidth + barWidth + 40}" height="${height}"><text x="0" y="16" class="chart-title">${escapeHtml(title)}</text>${rows}</svg>`;
}
