// A claim's due date; past due (and not approved) it says "Overdue" in words, not colour alone.
import type { Claim } from '@factdesk/model';
import { formatDate } from '../../../components/formatDate.ts';

export function isOverdue(claim: Pick<Claim, 'dueAt' | 'status'>, now = Date.now()): boolean {
  return claim.dueAt !== null && claim.status !== 'approved' && Date.parse(claim.dueAt) < now;
}

export function DueDate({ claim }: { claim: Pick<Claim, 'dueAt' | 'status'> }) {
  if (claim.dueAt === null) return null;
  if (isOverdue(claim)) {
    return (
      <span className="due due-overdue">
        <strong>Overdue</strong> · due {formatDate(claim.dueAt)}
      </span>
    );
  }
  return <span className="due">Due {formatDate(claim.dueAt)}</span>;
}
