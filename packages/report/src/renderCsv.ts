// The CSV report: one row per claim, RFC 4180 quoting, formula-looking cells neutralised.
import Papa from 'papaparse';
import { formatRating, type PreparedReport } from './prepareReport.ts';
import { safeUrl } from './safeUrl.ts';

export const CSV_COLUMNS = [
  'number',
  'status',
  'statement',
  'claimant',
  'claimant_kind',
  'quote',
  'orphaned',
  'verdict',
  'rating_value',
  'rating',
  'rationale',
  'reviewers',
  'approver',
  'created_at',
  'proposed_at',
  'approved_at',
  'evidence_count',
  'evidence_urls',
] as const;

export function renderCsv(prepared: PreparedReport): string {
  const rows = prepared.claims.map((claim) => [
    String(claim.number),
    claim.status,
    claim.statement,
    claim.claimant?.name ?? '',
    claim.claimant?.kind ?? '',
    claim.quote.exact,
    claim.orphaned ? 'yes' : 'no',
    claim.verdict?.label ?? '',
    claim.verdict?.ratingValue === null || !claim.verdict ? '' : String(claim.verdict.ratingValue),
    formatRating(claim, prepared.data),
    claim.rationale ?? '',
    claim.reviewers.join('; '),
    claim.approver ?? '',
    claim.createdAt,
    claim.proposedAt ?? '',
    claim.approvedAt ?? '',
    String(claim.evidence.length),
    claim.evidence.map((evidence) => safeUrl(evidence.url) ?? evidence.url).join(' '),
  ]);
  // escapeFormulae prefixes ' to cells starting with = + - @ tab or CR (CSV injection).
  return `${Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows },
    { escapeFormulae: true, newline: '\r\n', quotes: false },
  )}\r\n`;
}
