// What a browser keeps of documents in IndexedDB (the web app's y-indexeddb copies), read as
// the app stored it: database names, and the article text decoded with Yjs from the stored
// updates. Opens a database only if it exists (opening creates one, which the app would then
// find without its stores).
import type { Page } from 'playwright-core';
import * as Y from 'yjs';

const PREFIX = 'factdesk-doc:';

/** The names of the document copies this page's browser context holds. */
export async function localCopyNames(page: Page): Promise<string[]> {
  const names = await page.evaluate(async () =>
    (await indexedDB.databases()).map((database) => database.name ?? ''),
  );
  return names.filter((name) => name.startsWith(PREFIX)).sort();
}

/** The copy's name for `userId` and `documentId` (as apps/web/src/editor/localCopyNames.ts). */
export function localCopyName(userId: string, documentId: string): string {
  return `${PREFIX}${userId}:${documentId}`;
}

/** The article's text in a stored copy ("" when there is none). */
export async function storedArticleText(page: Page, name: string): Promise<string> {
  const updates = await page.evaluate(async (database) => {
    const existing = await indexedDB.databases();
    if (!existing.some((entry) => entry.name === database)) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(database);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('updates')) return [];
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return all.map((update) => Array.from(update as Uint8Array));
    } finally {
      db.close();
    }
  }, name);
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, Uint8Array.from(update));
  const texts: string[] = [];
  for (const node of doc.getXmlFragment('article').createTreeWalker(() => true)) {
    if (!(node instanceof Y.XmlText)) continue;
    const ops = node.toDelta() as { insert?: unknown }[];
    texts.push(ops.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join(''));
  }
  doc.destroy();
  return texts.join('\n');
}
