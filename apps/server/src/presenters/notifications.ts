// Notification rows → the API's shape (facts: kind, who, which claim; each client words them
// in its reader's language) and the sentence e-mail digests use, in the recipient's language.
// Neither carries the verdict, its label or the rationale: blind review hides those until
// reveal, and a notification must not leak them around it.
import type { Locale, Notification } from '@factdesk/model';
import { type MessageId, translate } from '../i18n/translate.ts';
import type { NotificationRow } from '../queries/notifications.ts';

const TITLE_CHARS = 80;

/** The claim as a notification names it: its statement, or else the quoted text, shortened. */
export function claimTitle(row: Pick<NotificationRow, 'claim_statement' | 'claim_quote'>): string {
  const words = (row.claim_statement.trim() || row.claim_quote.trim()).replace(/\s+/g, ' ');
  return words.length > TITLE_CHARS ? `${words.slice(0, TITLE_CHARS - 1).trimEnd()}…` : words;
}

// Literal ids, one per kind: the catalog test finds every id the code names.
const EMAIL_SENTENCE: Record<NotificationRow['kind'], MessageId> = {
  assigned: 'email.item.assigned',
  returned: 'email.item.returned',
  approved: 'email.item.approved',
  mentioned: 'email.item.mentioned',
  due_soon: 'email.item.due_soon',
  overdue: 'email.item.overdue',
  adjudicated: 'email.item.adjudicated',
};

/** The notification as one sentence in the reader's language (e-mail digests). */
export function notificationText(row: NotificationRow, locale: Locale): string {
  const actor = row.actor_name ?? translate(locale, 'email.item.someone');
  return translate(locale, EMAIL_SENTENCE[row.kind], { actor, claim: claimTitle(row) });
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
