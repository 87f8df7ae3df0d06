// What the board's parts share: a lane (a person, or nobody) and the actions a card offers.
import type { PersonRef, QueueClaim } from '@factdesk/model';

/** `person` null is the "Unassigned" lane. */
export interface Lane {
  id: string;
  person: PersonRef | null;
  role?: string;
}

export const UNASSIGNED = 'unassigned';

export interface BoardActions {
  /** Whether you may assign (workspace ability 'claim.assign'): otherwise the board is read-only. */
  canAssign: boolean;
  /** Everyone a claim can be given to: reviewers, moderators and owners. */
  assignable: PersonRef[];
  selected: ReadonlySet<string>;
  toggleSelected(claimId: string): void;
  /** Add or remove one person; resolves once the server has answered. */
  toggleAssignee(claim: QueueClaim, person: PersonRef): Promise<void>;
  /** A card dropped on a lane: assign to its person (or unassign everyone for "Unassigned"). */
  moveTo(claimId: string, fromLaneId: string, lane: Lane): Promise<void>;
}

/** The drag payload's type: only our cards can be dropped on a lane. */
export const DRAG_TYPE = 'application/x-factdesk-claim';
