// Search hits → the API's shape: grouped by document (best group first), each passage split
// into plain-text segments flagged as matching, never markup.
import type { SearchGroup, SearchResults, SnippetSegment } from '@factdesk/model';
import { HEADLINE_START, HEADLINE_STOP, type SearchHitRow } from '../queries/search.ts';
import type { SearchOutcome } from '../views/searchWorkspace.ts';

/** ts_headline's text with its private markers → segments (adjacent ones of a kind merged). */
export function headlineSegments(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let match = false;
  let text = '';
  const push = () => {
    if (!text) return;
    const last = segments.at(-1);
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
    text = '';
  };
  for (const char of headline) {
    if (char === HEADLINE_START || char === HEADLINE_STOP) {
      push();
      match = char === HEADLINE_START;
    } else {
      text += char;
    }
  }
  push();
  return segments;
}

function presentHit(row: SearchHitRow) {
  return {
    id: row.entry_id,
    kind: row.kind,
    claimId: row.claim_id,
    claimStatus: row.claim_status,
    verdict: row.verdict,
    snippet: headlineSegments(row.headline),
    rank: row.rank,
    date: row.date.toISOString(),
  };
}

export function presentSearchResults(q: string, outcome: SearchOutcome): SearchResults {
  const groups = new Map<string, SearchGroup>();
  // Rows come best first, so groups are made in the order of their best hit.
  for (const row of outcome.hits) {
    let group = groups.get(row.document_id);
    if (!group) {
      group = {
        document: {
          id: row.document_id,
          title: row.document_title,
          language: row.document_language,
          archived: row.archived,
        },
        hits: [],
      };
      groups.set(row.document_id, group);
    }
    group.hits.push(presentHit(row));
  }
  return {
    query: q,
    corrections: outcome.corrections,
    groups: [...groups.values()],
    truncated: outcome.truncated,
  };
}
