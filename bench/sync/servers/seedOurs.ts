// Seeds a database for the benchmarked server of ours: migrates it, then creates a user,
// workspace, API token and N documents, and prints {token, workspaceId, documentIds} as one
// JSON line.
// `seedOurs.ts N --data-dir=DIR` seeds an embedded PGlite database in DIR; `--database-url=URL`
// an (empty) database on a PostgreSQL server. It runs in a process of its own that exits
// before the server opens the database, so the server's figures start from the memory of a
// server restarting on a database holding these documents, not one that has just written
// them (PGlite's memory never shrinks). startOurs.ts runs it.
import { createUser } from '../../../apps/server/src/commands/accounts.ts';
import { createApiToken } from '../../../apps/server/src/commands/apiTokens.ts';
import { createWorkspace } from '../../../apps/server/src/commands/workspaces.ts';
import { type Database, openDatabase } from '../../../apps/server/src/db/database.ts';
import { migrate } from '../../../apps/server/src/db/migrate.ts';

export interface Seeded {
  /** The seeded user's API token; the user owns the workspace. */
  token: string;
  workspaceId: string;
  documentIds: string[];
}

async function seed(db: Database, documentCount: number): Promise<Seeded> {
  await migrate(db.sql);
  const user = await createUser(db.sql, {
    email: 'bench@example.com',
    displayName: 'Bench',
    password: 'bench-password-123',
  });
  const workspace = await createWorkspace(db.sql, user.id, 'Bench');
  const { token } = await createApiToken(db.sql, user.id, 'bench');
  // One statement for all of them: the scale phase seeds 10,000 (one INSERT each takes minutes
  // on a loaded machine). The columns are those insertDocument sets for a new document.
  const rows = await db.sql<{ id: string }[]>`
    INSERT INTO documents (workspace_id, title, created_by, text_locked)
    SELECT ${workspace.id}, 'Bench ' || n, ${user.id}, false
    FROM generate_series(1, ${documentCount}::int) AS n
    RETURNING id`;
  const documentIds = rows.map((row) => row.id);
  // An (empty) search entry each: without one the server indexes every seeded document in
  // the background at start (SearchTextIndexer.catchUp loads each), while the first run's
  // figures are taken. The entry an indexed empty document has (search_put), in one statement.
  await db.sql`
    INSERT INTO search_entries (workspace_id, document_id, claim_id, kind, source_id, config, body, keywords)
    SELECT d.workspace_id, d.id, NULL, 'text', d.id, search_config(d.language), '', ''
    FROM documents d WHERE d.workspace_id = ${workspace.id}`;
  return { token, workspaceId: workspace.id, documentIds };
}

async function main() {
  const documentCount = Number(process.argv[2]);
  const option = (name: string) =>
    process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const dataDir = option('data-dir');
  const url = option('database-url');
  if (!Number.isInteger(documentCount) || (!dataDir && !url)) {
    throw new Error('usage: seedOurs.ts N (--data-dir=DIR | --database-url=URL)');
  }
  const db = await openDatabase(
    url ? { kind: 'server', url } : { kind: 'embedded', dataDir: dataDir as string },
  );
  const seeded = await seed(db, documentCount);
  await db.close();
  process.stdout.write(`${JSON.stringify(seeded)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
