// Applies the report options (scope, evidence) once, so every format shows the same claims.
import type { ReportClaim, ReportData } from '@factdesk/model';
import { type ArticleViewBlock, articleView } from './articleView.ts';

export interface SummaryBar {
  label: string;
  count: number;
}

export interface PreparedReport {
  data: ReportData;
  claims: ReportClaim[];
  byVerdict: SummaryBar[];
  byStatus: SummaryBar[];
  /** The annotated article, when asked for, cut into pieces once for every format. */
  article: ArticleViewBlock[] | null;
}

const STATUS_LABELS: Record<ReportClaim['status'], string> = {
  open: 'Open',
  assigned: 'Assigned',
  in_review: 'In review',
  verdict_proposed: 'Verdict proposed',
  adjudication: 'Adjudication',
  approved: 'Approved',
};

export function statusLabel(status: ReportClaim['status']): string {
  return STATUS_LABELS[status];
}

export function prepareReport(data: ReportData): PreparedReport {
  const claims = data.claims
    .filter((claim) => data.options.scope === 'all' || claim.status === 'approved')
    .map((claim) => (data.options.evidence ? claim : { ...claim, evidence: [] }))
    .sort((a, b) => a.number - b.number);
  const verdictCounts = new Map<string, number>();
  for (const label of data.scale.labels) verdictCounts.set(label.label, 0);
  let noVerdict = 0;
  for (const claim of claims) {
    if (claim.verdict) {
      verdictCounts.set(claim.verdict.label, (verdictCounts.get(claim.verdict.label) ?? 0) + 1);
    } else noVerdict += 1;
  }
  const byVerdict = [...verdictCounts].map(([label, count]) => ({ label, count }));
  if (noVerdict > 0) byVerdict.push({ label: 'No verdict yet', count: noVerdict });
  const statusCounts = new Map<ReportClaim['status'], number>();
  for (const claim of claims)
    statusCounts.set(claim.status, (statusCounts.get(claim.status) ?? 0) + 1);
  const byStatus = (Object.keys(STATUS_LABELS) as ReportClaim['status'][])
    .filter((status) => data.options.scope === 'all' || status === 'approved')
    // Only blind reviews reach adjudication: listed when a claim waits there, not as a 0.
    .filter((status) => status !== 'adjudication' || statusCounts.has(status))
    .map((status) => ({ label: STATUS_LABELS[status], count: statusCounts.get(status) ?? 0 }));
  const article = data.options.articleText ? data.article : undefined;
  const { article: _dropped, ...rest } = data;
  return {
    data: article ? { ...rest, claims, article } : { ...rest, claims },
    claims,
    byVerdict,
    byStatus,
    article: article ? articleView(article, claims) : null,
  };
}

/** "2026-12-02T11:00:00Z" → "2 December 2026" (UTC, so the output does not depend on the host). */
export function formatDate(value: string | null): string {
  if (!value) return '—';
  const day = value.slice(0, 10);
  // toLocaleDateString is slow and a report repeats the same few days thousands of times.
  const known = DATES.get(day);
  if (known !== undefined && /^\d{4}-\d{2}-\d{2}T/.test(value)) return known;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const formatted = DATE_FORMAT.format(date);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && date.toISOString().startsWith(day)) {
    DATES.set(day, formatted);
  }
  return formatted;
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const DATES = new Map<string, string>();

/** An approved verdict is rated on the bounds frozen with it, not on today's scale. */
export function formatRating(claim: ReportClaim, _data: ReportData): string {
  if (!claim.verdict) return 'No verdict yet';
  const { label, ratingValue, worstRating, bestRating } = claim.verdict;
  if (ratingValue === null) return label;
  return `${label} (${ratingValue} on a scale of ${worstRating}–${bestRating})`;
}

/** Where a reused verdict came from; null for a verdict of the claim's own (every format says the same). */
export function reusedFromText(claim: ReportClaim): string | null {
  if (!claim.reusedFrom) return null;
  return `a claim in “${claim.reusedFrom.documentTitle}”, ${formatDate(claim.reusedFrom.reusedAt)} (verdict, rationale and evidence copied)`;
}

/** The approver, marked when they approved their own verdict (every format says the same). */
export function approverText(claim: ReportClaim): string | null {
  if (!claim.approver) return null;
  if (claim.fourEyesOverride) {
    return `${claim.approver} (who proposed it; an owner's override of the four-eyes rule)`;
  }
  if (claim.selfApproved) return `${claim.approver} (who proposed it)`;
  return claim.approver;
}
