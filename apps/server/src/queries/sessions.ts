// SQL for login sessions and personal API tokens: only hashes of their secrets are stored.
import type { Queryable } from '../db/database.ts';

/** How stale a session's last_seen_at or a token's last_used_at may get before it is rewritten. */
const TOUCH_EVERY = '1 minute';

export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
}

export async function insertSession(
  sql: Queryable,
  session: { userId: string; tokenHash: Buffer; expiresAt: Date },
): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO sessions (user_id, token_hash, expires_at)
    VALUES (${session.userId}, ${session.tokenHash}, ${session.expiresAt})
    RETURNING id`;
  return row!.id;
}

export async function findSessionUser(
  sql: Queryable,
  tokenHash: Buffer,
): Promise<{ session_id: string; user_id: string } | undefined> {
  const [row] = await sql<{ session_id: string; user_id: string }[]>`
    WITH ${credentialFound(sql, 'session', tokenHash)}
    SELECT id AS session_id, user_id FROM found`;
  return row;
}

/**
 * The common tables `found (id, user_id)` — the live session or API token with this hash —
 * and `touched`, which rewrites its "last seen"/"last used" only when it is older than a
 * minute: writing it on every request would make each read a write. For a WITH clause.
 */
export function credentialFound(sql: Queryable, via: 'session' | 'token', hash: Buffer) {
  return via === 'session'
    ? sql`found AS (
        SELECT id, user_id, last_seen_at FROM sessions
        WHERE token_hash = ${hash} AND expires_at > now()
      ), touched AS (
        UPDATE sessions s SET last_seen_at = now() FROM found
        WHERE s.id = found.id AND found.last_seen_at < now() - ${TOUCH_EVERY}::interval
      )`
    : sql`found AS (
        SELECT id, user_id, last_used_at FROM api_tokens
        WHERE token_hash = ${hash} AND revoked_at IS NULL
      ), touched AS (
        UPDATE api_tokens t SET last_used_at = now() FROM found
        WHERE t.id = found.id
          AND (found.last_used_at IS NULL OR found.last_used_at < now() - ${TOUCH_EVERY}::interval)
      )`;
}

export async function deleteSession(sql: Queryable, sessionId: string): Promise<void> {
  await sql`DELETE FROM sessions WHERE id = ${sessionId}`;
}

export async function deleteSessionsOfUser(sql: Queryable, userId: string): Promise<void> {
  await sql`DELETE FROM sessions WHERE user_id = ${userId}`;
}

export async function insertApiToken(
  sql: Queryable,
  token: { userId: string; name: string; prefix: string; tokenHash: Buffer },
): Promise<ApiTokenRow> {
  const [row] = await sql<ApiTokenRow[]>`
    INSERT INTO api_tokens (user_id, name, prefix, token_hash)
    VALUES (${token.userId}, ${token.name}, ${token.prefix}, ${token.tokenHash})
    RETURNING id, user_id, name, prefix, created_at, last_used_at`;
  return row!;
}

export async function findApiTokenUser(
  sql: Queryable,
  tokenHash: Buffer,
): Promise<{ token_id: string; user_id: string } | undefined> {
  const [row] = await sql<{ token_id: string; user_id: string }[]>`
    WITH ${credentialFound(sql, 'token', tokenHash)}
    SELECT id AS token_id, user_id FROM found`;
  return row;
}

export async function listApiTokens(sql: Queryable, userId: string): Promise<ApiTokenRow[]> {
  return sql<ApiTokenRow[]>`
    SELECT id, user_id, name, prefix, created_at, last_used_at FROM api_tokens
    WHERE user_id = ${userId} AND revoked_at IS NULL
    ORDER BY created_at DESC`;
}

/** Returns false when the user has no such live token. */
export async function revokeApiToken(sql: Queryable, userId: string, tokenId: string) {
  const rows = await sql`
    UPDATE api_tokens SET revoked_at = now()
    WHERE id = ${tokenId} AND user_id = ${userId} AND revoked_at IS NULL
    RETURNING id`;
  return rows.length > 0;
}
