// One-click unsubscribe links (no login): `<user id>.<HMAC-SHA256 of the id>` keyed by the
// person's own unsubscribe_key, so a link names its person and cannot be forged for another.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { unsubscribeKeyOf } from '../queries/notifications.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(key: string, userId: string): string {
  return createHmac('sha256', key).update(`unsubscribe:${userId}`).digest('base64url');
}

export async function unsubscribeToken(sql: Queryable, userId: string): Promise<string> {
  const key = await unsubscribeKeyOf(sql, userId);
  if (!key) throw new Error(`no user ${userId} to sign an unsubscribe link for`);
  return `${userId}.${signature(key, userId)}`;
}

/** The web app's page that unsubscribes with the token. */
export function unsubscribeUrl(publicUrl: URL, token: string): string {
  return new URL(`/unsubscribe/${encodeURIComponent(token)}`, publicUrl.origin).href;
}

/** The API address a mail client posts to for RFC 8058 one-click unsubscribe. */
export function oneClickUnsubscribeUrl(publicUrl: URL, token: string): string {
  return new URL(`/api/unsubscribe/${encodeURIComponent(token)}`, publicUrl.origin).href;
}

/** Whose link this is, if the signature is right; undefined for anything else. */
export async function verifyUnsubscribeToken(
  sql: Queryable,
  token: string,
): Promise<string | undefined> {
  const [userId, given] = token.split('.');
  if (!userId || !given || !UUID.test(userId)) return undefined;
  const key = await unsubscribeKeyOf(sql, userId);
  if (!key) return undefined;
  const expected = Buffer.from(signature(key, userId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual)
    ? userId
    : undefined;
}
