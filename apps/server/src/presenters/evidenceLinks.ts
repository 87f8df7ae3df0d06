// What the link checker found at an evidence link, as the API and live events show it.
import type { EvidenceLinkRow } from '../queries/evidenceLinks.ts';

export interface EvidenceLinkView {
  evidenceId: string;
  state: EvidenceLinkRow['state'];
  httpStatus: number | null;
  /** Where a moved link now answers. */
  finalUrl: string | null;
  /** Why it is unreachable or refused, in a sentence. */
  problem: string | null;
  checkedAt: string | null;
  archiveProblem: string | null;
}

export function presentEvidenceLink(row: EvidenceLinkRow): EvidenceLinkView {
  return {
    evidenceId: row.evidence_id,
    state: row.state,
    httpStatus: row.http_status,
    finalUrl: row.final_url,
    problem: row.problem,
    checkedAt: row.checked_at?.toISOString() ?? null,
    archiveProblem: row.archive_problem,
  };
}
