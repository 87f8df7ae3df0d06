// Personal API tokens for scripts and integrations: shown once, stored hashed.
import { hashSecret, newSecret } from '../auth/secrets.ts';
import type { Queryable } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import {
  type ApiTokenRow,
  insertApiToken,
  revokeApiToken as revokeApiTokenRow,
} from '../queries/sessions.ts';

export async function createApiToken(
  sql: Queryable,
  userId: string,
  name: string,
): Promise<{ apiToken: ApiTokenRow; token: string }> {
  const token = newSecret('token');
  const apiToken = await insertApiToken(sql, {
    userId,
    name: name.trim() || 'API token',
    prefix: token.slice(0, 10),
    tokenHash: hashSecret(token),
  });
  return { apiToken, token };
}

export async function revokeApiToken(
  sql: Queryable,
  userId: string,
  tokenId: string,
): Promise<void> {
  if (!(await revokeApiTokenRow(sql, userId, tokenId))) throw new NotFoundError('API token');
}
