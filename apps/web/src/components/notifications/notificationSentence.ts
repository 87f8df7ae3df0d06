// A notification's sentence in the interface language, from the facts the API sends (kind,
// who, which claim, the due date): `notifications.item.<kind>` in the catalogs. Deadlines
// are said relative to now ("due in 5 hours", "dans 5 heures"), by Intl.
import type { Notification } from '@factdesk/model';
import type { IntlShape } from 'react-intl';
import type { MessageId } from '../../i18n/catalogs.ts';
import { relativeTime } from '../../pages/documents/relativeTime.ts';
import { formatDateTime } from '../formatDate.ts';

export function notificationSentence(
  intl: IntlShape,
  notification: Notification,
  now = Date.now(),
): string {
  const id: MessageId = `notifications.item.${notification.kind}`;
  const { dueAt } = notification;
  return intl.formatMessage(
    { id },
    {
      actor: notification.actorName ?? intl.formatMessage({ id: 'notifications.someone' }),
      claim: notification.claimTitle,
      ...(notification.kind === 'due_soon' && {
        due: dueAt ? relativeTime(intl, dueAt, now) : '',
      }),
      ...(notification.kind === 'overdue' && { due: dueAt ? formatDateTime(intl, dueAt) : '' }),
    },
  );
}
