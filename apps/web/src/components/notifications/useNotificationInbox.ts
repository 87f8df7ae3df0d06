// Your notifications, kept live: the latest list from the API, then the server-sent event
// stream adds each new one, removes withdrawn ones and keeps the unread count (it also
// changes when another tab reads). After the stream reconnects the list is loaded again, so nothing sent meanwhile
// is missed.
import type { Notification, NotificationStreamEvent } from '@factdesk/model';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/ApiError.ts';
import { api, notificationStreamUrl } from '../../api/api.ts';

export interface NotificationInboxState {
  notifications: Notification[] | undefined;
  unread: number;
  error: ApiError | undefined;
  markRead(notification: Notification): Promise<void>;
  markAllRead(): Promise<void>;
}

export function useNotificationInbox(): NotificationInboxState {
  const [notifications, setNotifications] = useState<Notification[]>();
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<ApiError>();

  const load = useCallback(async () => {
    try {
      const inbox = await api.notifications();
      setNotifications(inbox.notifications);
      setUnread(inbox.unread);
      setError(undefined);
    } catch (caught) {
      setError(ApiError.from(caught));
    }
  }, []);

  useEffect(() => {
    void load();
    const stream = new EventSource(notificationStreamUrl);
    let opened = false;
    stream.onopen = () => {
      if (opened) void load();
      opened = true;
    };
    stream.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as NotificationStreamEvent;
      setUnread(event.unread);
      if (event.type === 'notification') {
        const added = event.notification;
        setNotifications((list) => [added, ...(list ?? []).filter((n) => n.id !== added.id)]);
      } else if (event.type === 'withdrawn') {
        // Taken off a claim: what asked for work on it leaves the list.
        const gone = new Set(event.notificationIds);
        setNotifications((list) => list?.filter((n) => !gone.has(n.id)));
      } else {
        // Read elsewhere: the list's read marks follow.
        if (event.unread === 0) {
          setNotifications((list) =>
            list?.map((n) => (n.readAt ? n : { ...n, readAt: new Date().toISOString() })),
          );
        }
      }
    };
    return () => stream.close();
  }, [load]);

  const markRead = useCallback(async (notification: Notification) => {
    if (notification.readAt) return;
    const readAt = new Date().toISOString();
    setNotifications((list) => list?.map((n) => (n.id === notification.id ? { ...n, readAt } : n)));
    setUnread((count) => Math.max(0, count - 1));
    try {
      await api.markNotificationRead(notification.id);
    } catch (caught) {
      setError(ApiError.from(caught));
    }
  }, []);

  const markAllRead = useCallback(async () => {
    try {
      await api.markAllNotificationsRead();
      const readAt = new Date().toISOString();
      setNotifications((list) => list?.map((n) => (n.readAt ? n : { ...n, readAt })));
      setUnread(0);
    } catch (caught) {
      setError(ApiError.from(caught));
    }
  }, []);

  return { notifications, unread, error, markRead, markAllRead };
}
