// SQL for notifications, their e-mail settings and digests (docs/notifications.md).
import type { Locale, NotificationKind } from '@factdesk/model';
import type { Queryable, Sql } from '../db/database.ts';

/** A notification with what its sentence needs: the actor's name and the claim's words. */
export interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  claim_id: string;
  document_id: string;
  workspace_id: string;
  actor_name: string | null;
  claim_statement: string;
  claim_quote: string;
  document_title: string;
  due_at: Date | null;
  created_at: Date;
  read_at: Date | null;
}

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  claimId: string;
  actorId: string | null;
  commentId?: string | null;
}

const SELECT_DETAIL = (sql: Queryable) => sql`
  n.id, n.user_id, n.kind, n.claim_id, c.document_id, c.workspace_id,
  u.display_name AS actor_name, c.statement AS claim_statement, c.quote_exact AS claim_quote,
  d.title AS document_title, n.due_at, n.created_at, n.read_at`;

/** Inserts notifications and returns them as the inbox shows them. */
export async function insertNotifications(
  sql: Queryable,
  rows: NewNotification[],
): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  const values = rows.map((row) => ({
    user_id: row.userId,
    kind: row.kind as string,
    claim_id: row.claimId,
    actor_id: row.actorId,
    comment_id: row.commentId ?? null,
  }));
  const inserted = await sql<{ id: string }[]>`
    INSERT INTO notifications ${sql(values)}
    RETURNING id`;
  return findNotifications(
    sql,
    inserted.map((row) => row.id),
  );
}

/** A notification deleted because it no longer applies, and whose inbox it leaves. */
export interface WithdrawnNotification {
  id: string;
  user_id: string;
}

/**
 * Deletes these people's unread notifications of a claim that ask them for work on it
 * (assigned, due soon, overdue): they were taken off it. Read ones stay as history.
 */
export async function deleteUnreadWorkNotifications(
  sql: Queryable,
  claimId: string,
  userIds: string[],
): Promise<WithdrawnNotification[]> {
  if (userIds.length === 0) return [];
  return sql<WithdrawnNotification[]>`
    DELETE FROM notifications
    WHERE claim_id = ${claimId} AND user_id IN ${sql(userIds)} AND read_at IS NULL
      AND kind IN ('assigned', 'due_soon', 'overdue')
    RETURNING id, user_id`;
}

/** Notifications by id, as the inbox shows them. */
export async function findNotifications(sql: Queryable, ids: string[]): Promise<NotificationRow[]> {
  if (ids.length === 0) return [];
  return sql<NotificationRow[]>`
    SELECT ${SELECT_DETAIL(sql)} FROM notifications n
    JOIN claims c ON c.id = n.claim_id
    JOIN documents d ON d.id = c.document_id
    LEFT JOIN users u ON u.id = n.actor_id
    WHERE n.id IN ${sql(ids)}
    ORDER BY n.created_at, n.id`;
}

/**
 * Deadline reminders for every assignee of a claim still being worked on (open, assigned or
 * in review) that is due within `withinHours` or overdue: once per claim, person, deadline and
 * kind (the unique index makes a second run, on any instance, insert nothing).
 */
export async function insertDeadlineReminders(
  sql: Queryable,
  withinHours: number,
): Promise<NotificationRow[]> {
  return sql<NotificationRow[]>`
    WITH n AS (
      INSERT INTO notifications (user_id, kind, claim_id, due_at)
      SELECT a.user_id, CASE WHEN c.due_at <= now() THEN 'overdue' ELSE 'due_soon' END,
        c.id, c.due_at
      FROM claims c
      JOIN claim_assignees a ON a.claim_id = c.id
      JOIN memberships m ON m.workspace_id = c.workspace_id AND m.user_id = a.user_id
      WHERE c.status IN ('open', 'assigned', 'in_review') AND c.due_at IS NOT NULL
        AND c.due_at <= now() + make_interval(hours => ${withinHours})
      ON CONFLICT (user_id, claim_id, kind, due_at) WHERE kind IN ('due_soon', 'overdue')
        DO NOTHING
      RETURNING *
    )
    SELECT ${SELECT_DETAIL(sql)} FROM n
    JOIN claims c ON c.id = n.claim_id
    JOIN documents d ON d.id = c.document_id
    LEFT JOIN users u ON u.id = n.actor_id`;
}

/** The person's latest notifications, in claims of workspaces they still belong to. */
export async function listNotifications(
  sql: Queryable,
  userId: string,
  limit: number,
): Promise<NotificationRow[]> {
  return sql<NotificationRow[]>`
    SELECT ${SELECT_DETAIL(sql)} FROM notifications n
    JOIN claims c ON c.id = n.claim_id
    JOIN memberships m ON m.workspace_id = c.workspace_id AND m.user_id = n.user_id
    JOIN documents d ON d.id = c.document_id
    LEFT JOIN users u ON u.id = n.actor_id
    WHERE n.user_id = ${userId}
    ORDER BY n.created_at DESC, n.id DESC
    LIMIT ${limit}`;
}

export async function countUnread(sql: Queryable, userId: string): Promise<number> {
  const [row] = await sql<{ count: number }[]>`
    SELECT count(*)::int AS count FROM notifications n
    JOIN claims c ON c.id = n.claim_id
    JOIN memberships m ON m.workspace_id = c.workspace_id AND m.user_id = n.user_id
    WHERE n.user_id = ${userId} AND n.read_at IS NULL`;
  return row?.count ?? 0;
}

/** Marks one of the person's notifications read; false when they have no such notification. */
export async function markNotificationRead(
  sql: Queryable,
  userId: string,
  notificationId: string,
): Promise<boolean> {
  const rows = await sql`
    UPDATE notifications SET read_at = coalesce(read_at, now())
    WHERE id = ${notificationId} AND user_id = ${userId} RETURNING id`;
  return rows.length > 0;
}

export async function markAllNotificationsRead(sql: Queryable, userId: string): Promise<void> {
  await sql`UPDATE notifications SET read_at = now() WHERE user_id = ${userId} AND read_at IS NULL`;
}

/** The members of a workspace among these users (who may be mentioned there). */
export async function findWorkspaceMembers(
  sql: Queryable,
  workspaceId: string,
  userIds: string[],
): Promise<{ user_id: string; display_name: string }[]> {
  if (userIds.length === 0) return [];
  return sql<{ user_id: string; display_name: string }[]>`
    SELECT m.user_id, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.workspace_id = ${workspaceId} AND m.user_id IN ${sql(userIds)}`;
}

export interface NotificationSettingsRow {
  email_kinds: NotificationKind[];
}

export async function findNotificationSettings(
  sql: Queryable,
  userId: string,
): Promise<NotificationSettingsRow | undefined> {
  const [row] = await sql<NotificationSettingsRow[]>`
    SELECT email_kinds FROM notification_settings WHERE user_id = ${userId}`;
  return row;
}

export async function saveEmailKinds(
  sql: Queryable,
  userId: string,
  kinds: NotificationKind[],
): Promise<void> {
  await sql`
    INSERT INTO notification_settings (user_id, email_kinds) VALUES (${userId}, ${kinds})
    ON CONFLICT (user_id) DO UPDATE SET email_kinds = excluded.email_kinds, updated_at = now()`;
}

/**
 * Takes the digest lease of every person with notifications not yet considered for e-mail
 * whose last digest is at least `digestMinutes` old, and returns them. The UPDATE takes each
 * row's lock and re-checks the lease, so of two instances only one gets a person.
 */
/** Whom a digest goes to, and in which language (null: never chosen, so English). */
export interface DigestRecipient {
  user_id: string;
  email: string;
  display_name: string;
  locale: Locale | null;
}

export async function leaseDueDigests(
  sql: Queryable,
  digestMinutes: number,
  leaseSeconds: number,
): Promise<DigestRecipient[]> {
  // Everyone starts with every kind by e-mail (the column's default).
  await sql`
    INSERT INTO notification_settings (user_id)
    SELECT DISTINCT user_id FROM notifications WHERE emailed_at IS NULL
    ON CONFLICT (user_id) DO NOTHING`;
  return sql<DigestRecipient[]>`
    WITH leased AS (
      UPDATE notification_settings s
      SET digest_lease_until = now() + make_interval(secs => ${leaseSeconds})
      WHERE (s.digest_lease_until IS NULL OR s.digest_lease_until < now())
        AND (s.last_digest_at IS NULL
          OR s.last_digest_at <= now() - make_interval(mins => ${digestMinutes}))
        AND EXISTS (SELECT 1 FROM notifications n
          WHERE n.user_id = s.user_id AND n.emailed_at IS NULL)
      RETURNING s.user_id
    )
    SELECT u.id AS user_id, u.email, u.display_name, u.locale
    FROM leased JOIN users u ON u.id = leased.user_id`;
}

/**
 * The person's notifications not yet considered for e-mail, oldest first, each saying whether
 * its claim's workspace still has them (one they left is never mailed), with their kinds.
 */
export async function listUnemailed(
  sql: Queryable,
  userId: string,
): Promise<{
  rows: (NotificationRow & { still_member: boolean })[];
  emailKinds: NotificationKind[];
}> {
  const rows = await sql<(NotificationRow & { still_member: boolean })[]>`
    SELECT ${SELECT_DETAIL(sql)}, m.user_id IS NOT NULL AS still_member FROM notifications n
    JOIN claims c ON c.id = n.claim_id
    JOIN documents d ON d.id = c.document_id
    LEFT JOIN users u ON u.id = n.actor_id
    LEFT JOIN memberships m ON m.workspace_id = c.workspace_id AND m.user_id = n.user_id
    WHERE n.user_id = ${userId} AND n.emailed_at IS NULL
    ORDER BY n.created_at, n.id`;
  const settings = await findNotificationSettings(sql, userId);
  return { rows, emailKinds: settings?.email_kinds ?? [] };
}

/**
 * The digest is done: its notifications are marked, the lease released; `sent` moves the
 * time of the last digest (the next waits `digestMinutes` from it).
 */
export async function finishDigest(
  sql: Sql,
  userId: string,
  notificationIds: string[],
  sent: boolean,
): Promise<void> {
  await sql.begin(async (tx) => {
    if (notificationIds.length > 0) {
      await tx`UPDATE notifications SET emailed_at = now() WHERE id IN ${tx(notificationIds)}`;
    }
    await tx`
      UPDATE notification_settings SET digest_lease_until = NULL,
        last_digest_at = CASE WHEN ${sent} THEN now() ELSE last_digest_at END
      WHERE user_id = ${userId}`;
  });
}

/** A failed send gives the lease back at once, so the next run tries again. */
export async function releaseDigestLease(sql: Queryable, userId: string): Promise<void> {
  await sql`UPDATE notification_settings SET digest_lease_until = NULL WHERE user_id = ${userId}`;
}

/** The person's key that signs their unsubscribe links (made on first use). */
export async function unsubscribeKeyOf(
  sql: Queryable,
  userId: string,
): Promise<string | undefined> {
  const [row] = await sql<{ unsubscribe_key: string }[]>`
    WITH made AS (
      INSERT INTO notification_settings (user_id) SELECT id FROM users WHERE id = ${userId}
      ON CONFLICT (user_id) DO NOTHING RETURNING unsubscribe_key
    )
    SELECT unsubscribe_key FROM made
    UNION ALL SELECT unsubscribe_key FROM notification_settings WHERE user_id = ${userId}`;
  return row?.unsubscribe_key;
}
