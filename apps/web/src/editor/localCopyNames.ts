// Where this browser keeps its copies of documents: one IndexedDB database per person and
// document, all under one prefix so that logging out can find and delete every one. Plain
// IndexedDB, no Yjs: the session code imports this without loading the editor stack.

const PREFIX = 'factdesk-doc:';

/** The IndexedDB database holding `userId`'s copy of `documentId`. */
export function localCopyName(userId: string, documentId: string): string {
  return `${PREFIX}${userId}:${documentId}`;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    // A tab still holding the copy open delays this until it closes it (it unmounts at logout).
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

/** Deletes every document copy in this browser (at logout: the next person must not get them). */
export async function dropAllLocalCopies(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const databases = await indexedDB.databases();
  await Promise.all(
    databases
      .map((database) => database.name)
      .filter((name): name is string => name?.startsWith(PREFIX) === true)
      .map(deleteDatabase),
  );
}
