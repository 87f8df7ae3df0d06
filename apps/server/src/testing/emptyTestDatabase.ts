// Databases with nothing in them, not even migrations: for tests of migrate() and of the
// command line, which must start from a bare database as a new installation does.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Database, openDatabase } from '../db/database.ts';
import { type TestDatabaseKind, testDatabaseKind } from './testDatabase.ts';

export interface EmptyServerDatabase {
  /** postgres:// URL of the new database, for DATABASE_URL or openDatabase(). */
  url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

/** A new, empty database on the server named by TEST_DATABASE_URL. */
export async function createEmptyServerDatabase(): Promise<EmptyServerDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('FACTDESK_TEST_DB=server needs TEST_DATABASE_URL.');
  const name = `factdesk_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** An empty database of the kind under test: in-memory embedded, or new on the server. */
export async function createEmptyTestDatabase(
  kind: TestDatabaseKind = testDatabaseKind(),
): Promise<Database> {
  if (kind === 'embedded') return openDatabase({ kind: 'memory' });
  const empty = await createEmptyServerDatabase();
  const db = await openDatabase({ kind: 'server', url: empty.url });
  return {
    ...db,
    async close() {
      await db.close();
      await empty.drop();
    },
  };
}
