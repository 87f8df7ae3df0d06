// SQL for users.
import type { Locale } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: Locale | null;
  created_at: Date;
}

export async function countUsers(sql: Queryable): Promise<number> {
  const [row] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM users`;
  return row?.count ?? 0;
}

export async function findUserByEmail(sql: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`SELECT * FROM users WHERE lower(email) = lower(${email})`;
  return row;
}

export async function findUserById(sql: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`SELECT * FROM users WHERE id = ${id}`;
  return row;
}

export async function insertUser(
  sql: Queryable,
  user: { email: string; displayName: string; passwordHash: string },
): Promise<UserRow> {
  const [row] = await sql<UserRow[]>`
    INSERT INTO users (email, display_name, password_hash)
    VALUES (${user.email}, ${user.displayName}, ${user.passwordHash})
    RETURNING *`;
  return row!;
}

export async function updatePasswordHash(sql: Queryable, id: string, passwordHash: string) {
  await sql`UPDATE users SET password_hash = ${passwordHash}, updated_at = now() WHERE id = ${id}`;
}

export async function updateUserLocale(
  sql: Queryable,
  id: string,
  locale: Locale,
): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`
    UPDATE users SET locale = ${locale}, updated_at = now() WHERE id = ${id} RETURNING *`;
  return row;
}

/** Serialises first-user sign-ups so only one of two simultaneous ones becomes owner. */
export async function lockUsersTable(sql: Queryable): Promise<void> {
  await sql`LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`;
}
