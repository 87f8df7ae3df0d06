// A person's live notification stream (server-sent events) read as a browser's EventSource
// would: `next()` resolves with each event in order.
import type { NotificationStreamEvent } from '@factdesk/model';
import { type EventStreamReader, openEventStream } from './eventStream.ts';

export type NotificationStreamReader = EventStreamReader<NotificationStreamEvent>;

export function openNotificationStream(
  baseUrl: string,
  sessionCookie: string,
): Promise<NotificationStreamReader> {
  return openEventStream(`${baseUrl}/api/me/notifications/stream`, sessionCookie);
}
