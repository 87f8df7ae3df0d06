// A claim's due date; past due (and not approved) it says "Overdue" in words, not colour alone.
import type { Claim } from '@factdesk/model';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatDate } from '../../../components/formatDate.ts';

export function isOverdue(claim: Pick<Claim, 'dueAt' | 'status'>, now = Date.now()): boolean {
  return claim.dueAt !== null && claim.status !== 'approved' && Date.parse(claim.dueAt) < now;
}

export function DueDate({ claim }: { claim: Pick<Claim, 'dueAt' | 'status'> }) {
  const intl = useIntl();
  if (claim.dueAt === null) return null;
  const date = formatDate(intl, claim.dueAt);
  if (isOverdue(claim)) {
    return (
      <span className="due due-overdue">
        <FormattedMessage
          id="due.overdue"
          values={{ date, strong: (chunks) => <strong>{chunks}</strong> }}
        />
      </span>
    );
  }
  return <span className="due">{intl.formatMessage({ id: 'due.on' }, { date })}</span>;
}
