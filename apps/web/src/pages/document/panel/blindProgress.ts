// "Blind · 1 of 2 proposed": a blind round's progress, for the panel, the board and the queue
// (a file of its own so the board and the queue do not load the panel's Markdown stack).
import type { Claim } from '@factdesk/model';
import type { IntlShape } from 'react-intl';

export function blindProgress(intl: IntlShape, claim: Pick<Claim, 'blindReview'>): string {
  const { required, proposedBy } = claim.blindReview;
  return intl.formatMessage({ id: 'blind.progress' }, { proposed: proposedBy.length, required });
}
