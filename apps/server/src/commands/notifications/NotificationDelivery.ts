// The port through which commands hand new notifications to live delivery after commit
// (notifications/NotificationHub.ts implements it: this instance's streams, and Redis).
import type { NotificationRow, WithdrawnNotification } from '../../queries/notifications.ts';

export interface NotificationDelivery {
  /** Sends each notification to its person's open inboxes, on every instance. */
  deliver(rows: NotificationRow[]): void;
  /** Takes deleted notifications out of their person's open inboxes, on every instance. */
  withdraw(rows: WithdrawnNotification[]): void;
}
