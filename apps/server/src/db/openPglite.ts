// How the embedded PostgreSQL is opened, in one place: the database thread (pgliteWorker) and
// the tests' migrated template (testing/migratedTemplate.ts) must open it with the same
// extensions and settings, or a database made by one would not open in the other.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

/**
 * Opens (creating it when empty) the database at `dataUri`, a folder or memory://. `archive`:
 * a data folder PGlite archived (`dumpDataDir`) to start a memory:// database from, instead
 * of creating an empty one.
 */
export function openPglite(dataUri: string, archive?: Blob): Promise<PGlite> {
  return PGlite.create(dataUri, {
    // Search (migration 0010) needs unaccent and pg_trgm; a server has them in contrib.
    extensions: { unaccent, pg_trgm },
    // PGlite's buffer pool (128 MB by default) is resident from the start; its files sit in
    // the OS page cache anyway, so a smaller pool costs little speed (docs/bench-sync.md).
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
    ...(archive ? { loadDataDir: archive } : {}),
  });
}
