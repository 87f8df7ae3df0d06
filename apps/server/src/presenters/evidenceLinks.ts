// What the link checker found at an evidence link, as the API and live events show it.
import type { EvidenceLink } from '@factdesk/model';
import type { EvidenceLinkRow } from '../queries/evidenceLinks.ts';

export function presentEvidenceLink(row: EvidenceLinkRow): EvidenceLink {
  return {
    evidenceId: row.evidence_id,
    state: row.state,
    httpStatus: row.http_status,
    finalUrl: row.final_url,
    problem: row.problem,
    checkedAt: row.checked_at?.toISOString() ?? null,
  };
}
