// Notification rows → the API's shape (facts: kind, who, which claim; each client words them
// in its reader's language) and the English sentence e-mail digests use. Neither carries the
// verdict, its label or the rationale: blind review hides those until reveal, and a
// notification must not leak them around it.
import type { Notification } from '@factdesk/model';
import type { NotificationRow } from '../queries/notifications.ts';

const TITLE_CHARS = 80;

/** The claim as a notification names it: its statement, or else the quoted text, shortened. */
export function claimTitle(row: Pick<NotificationRow, 'claim_statement' | 'claim_quote'>): string {
  const words = (row.claim_statement.trim() || row.claim_quote.trim()).replace(/\s+/g, ' ');
  return words.length > TITLE_CHARS ? `${words.slice(0, TITLE_CHARS - 1).trimEnd()}…` : words;
}

export function notificationText(row: NotificationRow): string {
  const who = row.actor_name ?? 'Someone';
  const claim = `claim “${claimTitle(row)}”`;
  switch (row.kind) {
    case 'assigned':
      return `${who} assigned you ${claim}`;
    case 'returned':
      return `${who} returned ${claim} to review`;
    case 'approved':
      return `${who} approved your verdict on ${claim}`;
    case 'mentioned':
      return `${who} mentioned you in a comment on ${claim}`;
    case 'due_soon':
      return `${capitalised(claim)} is due within 24 hours`;
    case 'overdue':
      return `${capitalised(claim)} is overdue`;
    case 'adjudicated':
      return `${who} decided ${claim} you reviewed blind`;
  }
}

export function notificationPath(row: NotificationRow): string {
  return `/w/${row.workspace_id}/d/${row.document_id}?claim=${row.claim_id}`;
}

export function presentNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    actorName: row.actor_name,
    claimTitle: claimTitle(row),
    documentTitle: row.document_title,
    dueAt: row.due_at?.toISOString() ?? null,
    claimId: row.claim_id,
    documentId: row.document_id,
    workspaceId: row.workspace_id,
    path: notificationPath(row),
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
