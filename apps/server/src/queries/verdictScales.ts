// SQL for a workspace's verdict scale (null: the default scale).
import type { VerdictScale } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';

export async function findVerdictScale(
  sql: Queryable,
  workspaceId: string,
): Promise<VerdictScale | null> {
  const [row] = await sql<{ verdict_scale: VerdictScale | null }[]>`
    SELECT verdict_scale FROM workspaces WHERE id = ${workspaceId}`;
  return row?.verdict_scale ?? null;
}

export async function setVerdictScale(
  sql: Queryable,
  workspaceId: string,
  scale: VerdictScale,
): Promise<void> {
  await sql`
    UPDATE workspaces SET verdict_scale = ${sql.json(scale as never)}, updated_at = now()
    WHERE id = ${workspaceId}`;
}
