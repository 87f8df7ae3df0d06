// This browser's copies of writable documents in IndexedDB (y-indexeddb), so that edits made
// offline survive a reload or a crash and are sent when the socket is back. One database per
// person and document (named in localCopyNames.ts); only ever for documents the person may
// edit — a read-only copy could carry text the server refused back into the document.
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/** Keeps `doc` in IndexedDB from now on, after loading what an earlier tab stored there. */
export function keepLocalCopy(name: string, doc: Y.Doc): IndexeddbPersistence {
  return new IndexeddbPersistence(name, doc);
}

/** Stops keeping a copy and deletes it (resolves once the database is gone). */
export async function dropLocalCopy(copy: IndexeddbPersistence): Promise<void> {
  await copy.destroy();
  await clearDocument(copy.name);
}

async function exists(name: string): Promise<boolean> {
  // indexedDB.databases() is in every current browser; without it, assume there may be one.
  if (typeof indexedDB.databases !== 'function') return true;
  return (await indexedDB.databases()).some((database) => database.name === name);
}

/**
 * Reads a copy this browser kept, then deletes it: for a document the person may no longer
 * edit. Null when there was none. The Y.Doc is detached (never connected) and only read.
 */
export async function takeLocalCopy(name: string): Promise<Y.Doc | null> {
  if (!(await exists(name))) return null;
  const doc = new Y.Doc();
  const copy = new IndexeddbPersistence(name, doc);
  await copy.whenSynced;
  await dropLocalCopy(copy);
  return doc;
}
