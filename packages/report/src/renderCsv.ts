// The CSV report: one row per claim, RFC 4180 quoting, every cell that a spreadsheet would
// read as a formula neutralised, and a UTF-8 byte-order mark (Excel reads the file as
// Windows-1252 without one, garbling accents).
import { displayUrl } from '@factdesk/model';
import Papa from 'papaparse';
import { linkFlag } from './linkFlag.ts';
import { formatRating, type PreparedReport, reusedFromText } from './prepareReport.ts';
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
  // Time to verdict in whole seconds (docs/report.md); empty where the claim has not got there.
  'created_to_approved_seconds',
  'assigned_to_proposed_seconds',
  'reused_from',
  'evidence_count',
  'evidence_urls',
  // The same on every row (issue 15): a row copied elsewhere still says what it was made from.
  'text_version',
  'text_sha256',
  'generated_at',
] as const;

// Spreadsheets start a formula at = + - @ (or their full-width forms), and some after a tab
// or carriage return, even behind leading spaces or quotes: " =HYPERLINK(…)", "\"@SUM(…)".
const FORMULA_START = /^[\s"']*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
// Columns the report writes itself as numbers (a rating can be negative): never user text.
const NUMERIC_COLUMNS = new Set<string>([
  'number',
  'rating_value',
  'evidence_count',
  'created_to_approved_seconds',
  'assigned_to_proposed_seconds',
]);

const seconds = (value: number | null) => (value === null ? '' : String(value));

/** The cell as text a spreadsheet shows and never evaluates: a leading ' when it could be a formula. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function renderCsv(
  prepared: PreparedReport,
  options: { bom: boolean } = { bom: true },
): string {
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
    seconds(claim.timeToVerdict.createdToApprovedSeconds),
    seconds(claim.timeToVerdict.assignedToProposedSeconds),
    reusedFromText(claim) ?? '',
    String(claim.evidence.length),
    // Read by people in a spreadsheet: hosts in Unicode where displayHost says it is safe.
    claim.evidence
      .map((evidence) => {
        const href = safeUrl(evidence.url);
        const shown = href ? displayUrl(href) : evidence.url;
        // A dead or moved link is flagged beside it: "host/path [Dead link]".
        const flag = linkFlag(evidence.link);
        if (!flag) return shown;
        return `${shown} [${flag.label}${flag.finalUrl ? ` to ${displayUrl(flag.finalUrl)}` : ''}]`;
      })
      .join(' '),
    prepared.data.textVersion.id ?? 'current',
    prepared.data.textVersion.sha256,
    prepared.data.generatedAt,
  ]);
  const csv = Papa.unparse(
    {
      fields: [...CSV_COLUMNS],
      data: rows.map((row) =>
        row.map((cell, index) =>
          NUMERIC_COLUMNS.has(CSV_COLUMNS[index] ?? '') ? cell : neutraliseCell(cell),
        ),
      ),
    },
    { escapeFormulae: false, newline: '\r\n', quotes: false },
  );
  return `${options.bom ? '\uFEFF' : ''}${csv}\r\n`;
}
