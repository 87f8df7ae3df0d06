// Documents whose text never went through a running server (written by the command line while
// no server ran, or before search existed) are found once the server has caught up at start.
import type { SearchResults } from '@factdesk/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDocumentsWithoutSearchText } from '../queries/search.ts';
import { buildDocumentWithText } from '../testing/claimFactories.ts';
import { buildWorkspace, type TestUser } from '../testing/factories.ts';
import { buildTestApp, type TestApp } from '../testing/testApp.ts';
import { SearchTextIndexer } from './SearchTextIndexer.ts';

let t: TestApp;
let owner: TestUser;
let workspaceId: string;

beforeAll(async () => {
  t = await buildTestApp();
  ({ owner, workspaceId } = await buildWorkspace(t));
});
afterAll(() => t?.close());

async function find(q: string): Promise<SearchResults> {
  const response = await t.request({
    method: 'GET',
    url: `/api/workspaces/${workspaceId}/search?q=${encodeURIComponent(q)}`,
    cookie: owner.cookie,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('catching up on documents without search text', () => {
  it('indexes, one by one, the documents that have none, and then finds their text', async () => {
    // Written straight to the tables, as the command line does without a server.
    const { documentId } = await buildDocumentWithText(t.db.sql, {
      workspaceId,
      createdBy: owner.id,
      markdown: 'Farmers received record subsidies this spring.',
    });
    expect((await find('subsidies')).groups).toEqual([]);

    const errors: unknown[] = [];
    const indexer = new SearchTextIndexer({
      sql: t.db.sql,
      liveDocuments: t.app.liveDocuments,
      delayMs: 0,
      onError: (_id, error) => errors.push(error),
    });
    await indexer.catchUp();
    await indexer.shutdown();
    expect(errors).toEqual([]);
    const found = await find('subsidy');
    expect(found.groups.map((group) => group.document.id)).toEqual([documentId]);
    expect(found.groups[0]?.hits.map((hit) => hit.kind)).toEqual(['text']);
  });

  it('indexes an empty document once: its empty entry marks it done for the next start', async () => {
    const { documentId } = await buildDocumentWithText(t.db.sql, {
      workspaceId,
      createdBy: owner.id,
      markdown: '',
    });
    expect(await listDocumentsWithoutSearchText(t.db.sql)).toContain(documentId);
    const indexer = new SearchTextIndexer({
      sql: t.db.sql,
      liveDocuments: t.app.liveDocuments,
      delayMs: 0,
      onError: (_id, error) => {
        throw error;
      },
    });
    await indexer.catchUp();
    await indexer.shutdown();
    expect(await listDocumentsWithoutSearchText(t.db.sql)).not.toContain(documentId);
    const [entry] = await t.db.sql<{ body: string }[]>`
      SELECT body FROM search_entries WHERE source_id = ${documentId} AND kind = 'text'`;
    expect(entry?.body).toBe('');
  });
});
