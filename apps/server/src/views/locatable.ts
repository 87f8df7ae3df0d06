// A stored claim row as the claim locator (@factdesk/editor) reads it: its anchor, whether it
// was orphaned, and its quote selector.
import type { LocatableClaim } from '@factdesk/editor';
import type { ClaimRow } from '../queries/claims.ts';

type AnchorFields = Pick<
  ClaimRow,
  'anchor_start' | 'anchor_end' | 'orphaned' | 'quote_exact' | 'quote_prefix' | 'quote_suffix'
>;

export function locatable(row: AnchorFields): LocatableClaim {
  return {
    anchorStart: row.anchor_start,
    anchorEnd: row.anchor_end,
    orphaned: row.orphaned,
    quote: { exact: row.quote_exact, prefix: row.quote_prefix, suffix: row.quote_suffix },
  };
}
