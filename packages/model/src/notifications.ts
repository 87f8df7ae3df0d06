// Notifications: the kinds, the inbox shapes and e-mail preferences (docs/notifications.md).
// A notification says who did what to which claim, never a verdict or a rationale.
import { type Static, Type } from 'typebox';
import { Nullable } from './nullable.ts';
import { Email, Timestamp, Uuid } from './schemas.ts';

export const NOTIFICATION_KINDS = [
  'assigned',
  'returned',
  'approved',
  'due_soon',
  'overdue',
  'mentioned',
  'adjudicated',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NotificationKindSchema = Type.Enum(NOTIFICATION_KINDS);

/** What each kind is called on the settings page and in e-mails. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  assigned: 'A claim is assigned to you',
  returned: 'A claim is returned to you',
  approved: 'Your verdict is approved',
  due_soon: 'A claim of yours is due within 24 hours',
  overdue: 'A claim of yours is overdue',
  mentioned: 'Someone mentions you in a comment',
  adjudicated: 'A claim you reviewed blind is decided',
};

/**
 * A notification as facts, not a sentence: each client words it in its reader's language
 * (the web app's inbox: `notifications.item.<kind>` in its catalogs).
 */
export const Notification = Type.Object({
  id: Uuid,
  kind: NotificationKindSchema,
  /** Who did it; null for the server itself (deadline reminders) or a deleted account. */
  actorName: Nullable(Type.String()),
  /** The claim's statement, else its quoted text, shortened to 80 characters (…). */
  claimTitle: Type.String(),
  documentTitle: Type.String(),
  /** The due date a deadline reminder is about; null for other kinds. */
  dueAt: Nullable(Timestamp),
  claimId: Uuid,
  documentId: Uuid,
  workspaceId: Uuid,
  /** The web app's address of the claim, e.g. /w/…/d/…?claim=…. */
  path: Type.String(),
  createdAt: Timestamp,
  readAt: Nullable(Timestamp),
});
export type Notification = Static<typeof Notification>;

export const NotificationInbox = Type.Object({
  notifications: Type.Array(Notification),
  unread: Type.Integer({ minimum: 0, description: 'Unread notifications in all' }),
});
export type NotificationInbox = Static<typeof NotificationInbox>;

/**
 * What the live stream sends: a new notification; notifications withdrawn (unread ones about
 * a claim the person was taken off); or the unread count after a change.
 */
export const NotificationStreamEvent = Type.Union([
  Type.Object({
    type: Type.Literal('notification'),
    notification: Notification,
    unread: Type.Integer(),
  }),
  Type.Object({
    type: Type.Literal('withdrawn'),
    notificationIds: Type.Array(Uuid),
    unread: Type.Integer(),
  }),
  Type.Object({ type: Type.Literal('unread'), unread: Type.Integer() }),
]);
export type NotificationStreamEvent = Static<typeof NotificationStreamEvent>;

export const NotificationSettings = Type.Object({
  /** The kinds sent by e-mail; empty: no e-mail at all. */
  emailKinds: Type.Array(NotificationKindSchema, { uniqueItems: true }),
  /** Whether this server sends e-mail at all (SMTP_URL is set). */
  emailAvailable: Type.Boolean(),
  /** Digests are sent at most this often. */
  digestMinutes: Type.Integer(),
});
export type NotificationSettings = Static<typeof NotificationSettings>;

export const UpdateNotificationSettingsBody = Type.Object(
  {
    emailKinds: Type.Array(NotificationKindSchema, {
      uniqueItems: true,
      maxItems: NOTIFICATION_KINDS.length,
    }),
  },
  { additionalProperties: false },
);
export type UpdateNotificationSettingsBody = Static<typeof UpdateNotificationSettingsBody>;

export const ForgotPasswordBody = Type.Object({ email: Email }, { additionalProperties: false });
export type ForgotPasswordBody = Static<typeof ForgotPasswordBody>;

/**
 * A mention inside a comment's body: `<@user-id|Name>`. The id is what counts (the server
 * checks it is a member and rewrites the name to the member's current one).
 */
export const MENTION_PATTERN =
  /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\|([^<>|]{0,80}))?>/gi;

/** The token a comment body carries for a mention of this person. */
export function mentionToken(userId: string, name: string): string {
  return `<@${userId}|${name.replace(/[<>|]/g, '')}>`;
}
