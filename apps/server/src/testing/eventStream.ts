// A live stream of server-sent events read as a browser's EventSource would: `next()`
// resolves with each event's data in order; `nextWithin(ms)` with undefined when none comes.
import { TEST_ORIGIN } from './testApp.ts';

export interface EventStreamReader<T> {
  status: number;
  contentType: string | null;
  next(): Promise<T>;
  /** The next event, or undefined when none comes within `ms`. */
  nextWithin(ms: number): Promise<T | undefined>;
  close(): void;
}

export async function openEventStream<T>(
  url: string,
  sessionCookie: string,
): Promise<EventStreamReader<T>> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { cookie: `factdesk_session=${sessionCookie}`, origin: TEST_ORIGIN },
    signal: controller.signal,
  });
  const reader = response.body?.getReader();
  if (!reader) throw new Error(`no stream body (status ${response.status})`);
  const decoder = new TextDecoder();
  let buffer = '';
  const readFrame = async (): Promise<T> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split('\n').find((line) => line.startsWith('data: '));
        if (data) return JSON.parse(data.slice(6)) as T;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  // One frame read at a time: an event that comes after a nextWithin gave up is the next one's.
  let pending: Promise<T> | undefined;
  const nextFrame = (): Promise<T> => {
    pending ??= readFrame().finally(() => {
      pending = undefined;
    });
    return pending;
  };
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    next: nextFrame,
    async nextWithin(ms) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ms);
      });
      try {
        return await Promise.race([nextFrame(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => controller.abort(),
  };
}
