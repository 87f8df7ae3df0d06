// The tests' databases start from a migrated template instead of each being created empty
// and migrated (for the embedded database, initdb and migrations take 2–4 s on a 2-core
// machine, paid by a hundred test files and every test that opens its own app):
// - embedded: PGlite's archive of a migrated data folder, kept under node_modules/.cache;
// - PostgreSQL server: a migrated database there, copied by CREATE DATABASE … TEMPLATE.
// Each is named after what makes it (the migrations, how PGlite is opened, PGlite's version),
// so a change to any of them makes a new one. Tests still run the migrations on their copy:
// nothing to apply, unless a template was left half-made.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import postgres from 'postgres';
import type { Sql } from '../db/database.ts';
import { loadMigrations, migrate } from '../db/migrate.ts';
import { openPglite } from '../db/openPglite.ts';

const CACHE_DIR = fileURLToPath(
  new URL('../../../../node_modules/.cache/factdesk/', import.meta.url),
);

/** The embedded template's path, made first when missing; safe from several processes at once. */
export async function migratedArchive(): Promise<string> {
  const path = join(CACHE_DIR, `migrated-${await templateKey()}.tar`);
  if (await exists(path)) return path;
  await mkdir(CACHE_DIR, { recursive: true });
  // Made aside and renamed into place: a reader never sees half an archive, and two processes
  // making it at once each rename a complete one.
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, await makeTemplate());
  await rename(partial, path);
  // Templates of earlier migrations (42 MB each) go: nothing in this checkout reads them again.
  for (const file of await readdir(CACHE_DIR)) {
    if (/^migrated-\w+\.tar$/.test(file) && join(CACHE_DIR, file) !== path) {
      await rm(join(CACHE_DIR, file), { force: true });
    }
  }
  return path;
}

/**
 * The server template's name, made first when missing. `admin`: one connection (max: 1) to the
 * server's maintenance database, at `adminUrl`.
 */
export async function migratedTemplateDatabase(admin: Sql, adminUrl: string): Promise<string> {
  const name = `factdesk_template_${await templateKey()}`;
  // Session-level, on admin's one connection: test files starting together wait for one maker.
  await admin`SELECT pg_advisory_lock(${TEMPLATE_LOCK_KEY})`;
  try {
    const [found] = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (found) return name;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const template = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await migrate(template);
    } finally {
      await template.end(); // a database with connections open cannot be copied
    }
    return name;
  } finally {
    await admin`SELECT pg_advisory_unlock(${TEMPLATE_LOCK_KEY})`;
  }
}

// Any fixed number, distinct from the migrations' own lock.
const TEMPLATE_LOCK_KEY = 4_242_002;

async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  for (const { name, sql } of await loadMigrations()) hash.update(`${name}\0${sql}\0`);
  hash.update(await readFile(fileURLToPath(new URL('../db/openPglite.ts', import.meta.url))));
  // Its package.json is not exported: found above the entry point (…/pglite/dist/index.cjs).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = join(dirname(dirname(entry)), 'package.json');
  hash.update(JSON.parse(await readFile(manifest, 'utf8')).version as string);
  return hash.digest('hex').slice(0, 16);
}

/** A fresh database, migrated through postgres.js as the server migrates, then archived. */
async function makeTemplate(): Promise<Uint8Array> {
  const socketDir = await mkdtemp(join(tmpdir(), 'factdesk-template-'));
  const pglite = await openPglite('memory://');
  try {
    const path = join(socketDir, '.s.PGSQL.5432');
    const server = new PGLiteSocketServer({ db: pglite, path, maxConnections: 1 });
    await server.start();
    const sql = postgres({ path, database: 'postgres', max: 1, onnotice: () => {} });
    await migrate(sql);
    await sql.end();
    await server.stop();
    return new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
  } finally {
    await pglite.close();
    await rm(socketDir, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
