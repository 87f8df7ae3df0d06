// The signed-in person's notifications: the inbox, its live stream (server-sent events),
// marking read, e-mail preferences; and the one-click unsubscribe of e-mails (no login: the
// signed link is the credential). docs/notifications.md.
import {
  ErrorBody,
  NOTIFICATION_KINDS,
  NotificationInbox,
  NotificationSettings,
  type NotificationStreamEvent,
  UpdateNotificationSettingsBody,
  Uuid,
} from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NotFoundError } from '../../errors.ts';
import { verifyUnsubscribeToken } from '../../notifications/unsubscribeLinks.ts';
import { requireActor } from '../../plugins/auth.ts';
import { presentNotification } from '../../presenters/notifications.ts';
import {
  countUnread,
  findNotificationSettings,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  saveEmailKinds,
} from '../../queries/notifications.ts';
import { EventStreams } from '../EventStreams.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };
const INBOX_SIZE = 50;

export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const streams = new EventStreams(app);

  app.get(
    '/api/me/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your latest notifications (newest first) and how many are unread',
        response: { 200: NotificationInbox, ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      const [rows, unread] = await Promise.all([
        listNotifications(app.db, userId, INBOX_SIZE),
        countUnread(app.db, userId),
      ]);
      return { notifications: rows.map(presentNotification), unread };
    },
  );

  app.get(
    '/api/me/notifications/stream',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Server-sent events: {type:"notification", notification, unread} as notifications arrive, {type:"withdrawn", notificationIds, unread} when some no longer apply (you were taken off their claim), {type:"unread", unread} when the count changes',
      },
    },
    async (request, reply) => {
      const { userId } = requireActor(request);
      const stream = streams.start<NotificationStreamEvent>(request, reply);
      const withCount = (build: (unread: number) => NotificationStreamEvent) => {
        countUnread(app.db, userId).then(
          (unread) => stream.send(build(unread)),
          (error: unknown) =>
            request.log.warn({ err: error }, 'counting unread notifications failed'),
        );
      };
      withCount((unread) => ({ type: 'unread', unread }));
      const stop = app.notifications.listen(userId, ({ notification, withdrawn }) =>
        withCount((unread) => {
          if (notification) return { type: 'notification', notification, unread };
          if (withdrawn) return { type: 'withdrawn', notificationIds: withdrawn, unread };
          return { type: 'unread', unread };
        }),
      );
      stream.onClose(stop);
    },
  );

  app.post(
    '/api/me/notifications/:notificationId/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications read',
        params: Type.Object({ notificationId: Uuid }),
        response: { 204: {}, ...errors },
      },
    },
    async (request, reply) => {
      const { userId } = requireActor(request);
      if (!(await markNotificationRead(app.db, userId, request.params.notificationId))) {
        throw new NotFoundError('Notification');
      }
      app.notifications.readChanged(userId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/me/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all your notifications read',
        response: { 204: {}, ...errors },
      },
    },
    async (request, reply) => {
      const { userId } = requireActor(request);
      await markAllNotificationsRead(app.db, userId);
      app.notifications.readChanged(userId);
      return reply.status(204).send();
    },
  );

  const settingsOf = async (userId: string): Promise<NotificationSettings> => {
    const row = await findNotificationSettings(app.db, userId);
    return {
      emailKinds: row?.email_kinds ?? [...NOTIFICATION_KINDS],
      emailAvailable: app.mailer !== undefined,
      digestMinutes: app.config.notifications.digestMinutes,
    };
  };

  app.get(
    '/api/me/notification-settings',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Which notifications you get by e-mail',
        response: { 200: NotificationSettings, ...errors },
      },
    },
    async (request) => settingsOf(requireActor(request).userId),
  );

  app.put(
    '/api/me/notification-settings',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Choose which notifications you get by e-mail (an empty list: none)',
        body: UpdateNotificationSettingsBody,
        response: { 200: NotificationSettings, ...errors },
      },
    },
    async (request) => {
      const { userId } = requireActor(request);
      await saveEmailKinds(app.db, userId, request.body.emailKinds);
      return settingsOf(userId);
    },
  );

  app.post(
    '/api/unsubscribe/:token',
    {
      // The signed link is the credential: mail clients post here (RFC 8058) with no cookie.
      config: { authenticatesItself: true },
      schema: {
        tags: ['notifications'],
        summary: 'Unsubscribe from every notification e-mail with the link an e-mail carries',
        params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Type.Object({ unsubscribed: Type.Boolean() }), ...errors },
      },
    },
    async (request) => {
      const userId = await verifyUnsubscribeToken(app.db, request.params.token);
      if (!userId) {
        throw new NotFoundError('Unsubscribe link');
      }
      await saveEmailKinds(app.db, userId, []);
      return { unsubscribed: true };
    },
  );
};
