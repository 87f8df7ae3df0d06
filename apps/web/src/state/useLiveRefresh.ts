// Keeps a workspace list live (the board, the documents list): listens to the workspace's
// event stream and refetches through the API when something it shows changed — within about
// a second of a colleague's change, in bursts coalesced to one refetch (RefreshCoalescer).
// The stream carries no content, so what the page shows is always what the API lets this
// reader see. When the stream is down it reconnects with backoff and, meanwhile, the page
// polls slowly; each (re)connection refetches once, so a change made while it was down shows.
// A hidden tab does not refetch: it catches up when it is shown again.
import type { WorkspaceEvent } from '@factdesk/model';
import { useEffect, useRef } from 'react';
import { workspaceEventsUrl } from '../api/api.ts';
import { RefreshCoalescer } from './RefreshCoalescer.ts';

/** Quiet time gathering a burst of signals into one refetch, and the most a signal waits. */
const DELAY_MS = 250;
const MAX_WAIT_MS = 1_000;
/** Reconnection backoff: 1 s, 2 s, 4 s… up to 30 s, with jitter. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** While the stream is down, the list is fetched again this often. */
const FALLBACK_POLL_MS = 30_000;

export function useLiveRefresh(
  workspaceId: string,
  refresh: () => Promise<unknown>,
  /** Which signals concern the page (all of them unless it says). */
  concerns: (event: WorkspaceEvent) => boolean = () => true,
): void {
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const concernsRef = useRef(concerns);
  concernsRef.current = concerns;

  useEffect(() => {
    let hiddenChange = false;
    const coalescer = new RefreshCoalescer({
      refresh: () => refreshRef.current(),
      delayMs: DELAY_MS,
      maxWaitMs: MAX_WAIT_MS,
    });
    const changed = () => {
      if (document.visibilityState === 'visible') coalescer.request();
      else hiddenChange = true;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible' && hiddenChange) {
        hiddenChange = false;
        coalescer.request();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);

    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;
    let failures = 0;
    const connect = () => {
      const stream = new EventSource(workspaceEventsUrl(workspaceId));
      source = stream;
      stream.onopen = () => {
        failures = 0;
        clearInterval(poll);
        poll = undefined;
        // Whatever changed before the stream was listening (or while it was down) shows now.
        changed();
      };
      stream.onmessage = (message: MessageEvent<string>) => {
        let event: WorkspaceEvent;
        try {
          event = JSON.parse(message.data) as WorkspaceEvent;
        } catch {
          return;
        }
        if (concernsRef.current(event)) changed();
      };
      stream.onerror = () => {
        // EventSource retries on its own only sometimes (never after an HTTP error): take over.
        stream.close();
        poll ??= setInterval(changed, FALLBACK_POLL_MS);
        const backoff = Math.min(RETRY_FIRST_MS * 2 ** failures, RETRY_MAX_MS);
        failures += 1;
        retry = setTimeout(connect, backoff * (0.75 + Math.random() * 0.5));
      };
    };
    connect();

    return () => {
      source?.close();
      clearTimeout(retry);
      clearInterval(poll);
      coalescer.stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [workspaceId]);
}
