// A fresh, migrated database for one test file: an in-memory embedded PostgreSQL by default
// (started from a migrated template: migratedTemplate.ts),
// or a new database on the server named by TEST_DATABASE_URL when FACTDESK_TEST_DB=server.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Database, openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { migratedArchive, migratedTemplateDatabase } from './migratedTemplate.ts';

export type TestDatabaseKind = 'embedded' | 'server';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.FACTDESK_TEST_DB === 'server' ? 'server' : 'embedded';
}

export async function createTestDatabase(kind = testDatabaseKind()): Promise<Database> {
  if (kind === 'embedded') {
    const db = await openDatabase({ kind: 'memory', archive: await migratedArchive() });
    await migrate(db.sql); // nothing to apply: the template is migrated
    return db;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('FACTDESK_TEST_DB=server needs TEST_DATABASE_URL.');
  const name = `factdesk_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const template = await migratedTemplateDatabase(admin, adminUrl);
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'server', url: url.toString() });
  await migrate(db.sql); // nothing to apply: the template is migrated
  return {
    ...db,
    async close() {
      await db.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
