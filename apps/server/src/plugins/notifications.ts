// Notifications, wired (docs/notifications.md): the live hub (Redis with REDIS_URL), the
// mailer (with SMTP_URL), and the periodic scanner for deadline reminders and digests.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { Mailer } from '../notifications/Mailer.ts';
import { NotificationHub } from '../notifications/NotificationHub.ts';
import { NotificationScanner } from '../notifications/NotificationScanner.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Live delivery of notifications to open inboxes, on every instance. */
    notifications: NotificationHub;
    notificationScanner: NotificationScanner;
    /** Absent without SMTP_URL: no e-mail at all. */
    mailer: Mailer | undefined;
  }
}

export const notificationsPlugin = fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const settings = config.notifications;
    const hub = new NotificationHub({
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      log: app.log,
    });
    const mailer = settings.smtpUrl ? new Mailer(settings.smtpUrl, settings.from) : undefined;
    const scanner = new NotificationScanner({
      sql: app.db,
      hub,
      mailer,
      publicUrl: config.publicUrl,
      digestMinutes: settings.digestMinutes,
      scanMs: settings.scanMs,
      log: app.log,
    });
    app.decorate('notifications', hub);
    app.decorate('notificationScanner', scanner);
    app.decorate('mailer', mailer);
    app.addHook('onReady', async () => scanner.start());
    app.addHook('onClose', async () => {
      await scanner.stop();
      await hub.close();
      mailer?.close();
    });
  },
  { name: 'notifications' },
);
