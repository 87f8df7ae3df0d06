// A person's live notification stream (server-sent events) read as a browser's EventSource
// would: `next()` resolves with each event in order.
import type { NotificationStreamEvent } from '@factdesk/model';
import { TEST_ORIGIN } from './testApp.ts';

export interface NotificationStreamReader {
  contentType: string | null;
  next(): Promise<NotificationStreamEvent>;
  close(): void;
}

export async function openNotificationStream(
  baseUrl: string,
  sessionCookie: string,
): Promise<NotificationStreamReader> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/me/notifications/stream`, {
    headers: { cookie: `factdesk_session=${sessionCookie}`, origin: TEST_ORIGIN },
    signal: controller.signal,
  });
  const reader = response.body?.getReader();
  if (!reader) throw new Error(`no stream body (status ${response.status})`);
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    contentType: response.headers.get('content-type'),
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (data) return JSON.parse(data.slice(6)) as NotificationStreamEvent;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}
