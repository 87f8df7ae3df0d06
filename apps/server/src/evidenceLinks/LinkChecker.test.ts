// The link checker against real HTTP servers on 127.0.0.1 and a real database: what it records
// for live, moved, dead, unreachable and refused links, that an edited link is checked again,
// and that it tells the document's editors only when something changed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { fetchOutside, type OutboundLimits } from '../outbound/fetchOutside.ts';
import { type EvidenceLinkRow, findEvidenceLinks, makeLinksDue } from '../queries/evidenceLinks.ts';
import { createTestDatabase } from '../testing/testDatabase.ts';
import { LinkChecker } from './LinkChecker.ts';

let db: Database;
let server: Server;
let origin: string;
let claimId: string;
let documentId: string;
const limits: OutboundLimits = {
  timeoutMs: 1_000,
  maxBytes: 1024,
  maxRedirects: 3,
  allowAddresses: new Set(['127.0.0.1']),
};
const changes: { documentId: string; claimId: string; link: EvidenceLinkRow }[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/alive') return void response.end('x'.repeat(10_000)); // past maxBytes: not read
    if (path === '/gone') return void response.writeHead(410).end();
    if (path === '/forbidden') return void response.writeHead(403).end();
    if (path === '/old') return void response.writeHead(301, { location: '/new' }).end();
    if (path === '/new') return void response.end('moved here');
    if (path === '/slow') return; // never answers
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const [user] = await db.sql<{ id: string }[]>`
    INSERT INTO users (email, display_name, password_hash)
    VALUES ('links@example.com', 'Lina', 'x') RETURNING id`;
  const [workspace] = await db.sql<{ id: string }[]>`
    INSERT INTO workspaces (name) VALUES ('Desk') RETURNING id`;
  const [document] = await db.sql<{ id: string }[]>`
    INSERT INTO documents (workspace_id, title, created_by)
    VALUES (${workspace!.id}, 'Article', ${user!.id}) RETURNING id`;
  documentId = document!.id;
  const [claim] = await db.sql<{ id: string }[]>`
    INSERT INTO claims (document_id, workspace_id, status, anchor_start, anchor_end,
      quote_exact, current_quote)
    VALUES (${documentId}, ${workspace!.id}, 'open', 'AA==', 'AA==', 'quote', 'quote')
    RETURNING id`;
  claimId = claim!.id;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.close();
});

function checker(overrides: Partial<OutboundLimits> = {}) {
  return new LinkChecker({
    sql: db.sql,
    fetchLink: (url) => fetchOutside(url, { ...limits, ...overrides }, { discardBody: true }),
    scanMs: 60_000,
    recheckMs: 24 * 3_600_000,
    batch: 20,
    concurrency: 4,
    onChanged: (change) => changes.push(change),
    onError: (error) => {
      throw error;
    },
  });
}

async function addEvidence(url: string): Promise<string> {
  const [row] = await db.sql<{ id: string }[]>`
    INSERT INTO evidence (claim_id, url, kind, stance)
    VALUES (${claimId}, ${url}, 'news_report', 'supports') RETURNING id`;
  return row!.id;
}

async function linkOf(evidenceId: string): Promise<EvidenceLinkRow> {
  const [link] = await findEvidenceLinks(db.sql, [evidenceId]);
  return link!;
}

describe('the evidence link checker', () => {
  it('records what each link answers, and tells the document once per change', async () => {
    const ids = {
      alive: await addEvidence(`${origin}/alive`),
      gone: await addEvidence(`${origin}/gone`),
      forbidden: await addEvidence(`${origin}/forbidden`),
      old: await addEvidence(`${origin}/old`),
      slow: await addEvidence(`${origin}/slow`),
    };
    expect((await linkOf(ids.alive)).state).toBe('unchecked');
    changes.length = 0;
    expect(await checker().scanOnce()).toBe(5);

    expect(await linkOf(ids.alive)).toMatchObject({ state: 'alive', http_status: 200 });
    expect(await linkOf(ids.gone)).toMatchObject({ state: 'dead', http_status: 410 });
    expect(await linkOf(ids.forbidden)).toMatchObject({
      state: 'unreachable',
      http_status: 403,
      problem: 'answered 403',
    });
    expect(await linkOf(ids.old)).toMatchObject({ state: 'moved', final_url: `${origin}/new` });
    const slow = await linkOf(ids.slow);
    expect(slow.state).toBe('unreachable');
    expect(slow.problem).toContain('1000 ms');
    expect(changes.map((change) => change.link.evidence_id).sort()).toEqual(
      Object.values(ids).sort(),
    );
    expect(changes.every((change) => change.documentId === documentId)).toBe(true);

    // Checked again with nothing changed: recorded, but nobody is told.
    changes.length = 0;
    await makeLinksDue(db.sql, Object.values(ids));
    expect(await checker().scanOnce()).toBe(5);
    expect(changes).toEqual([]);
  });

  it('takes nothing that is not due: a checked link waits a day', async () => {
    expect(await checker().scanOnce()).toBe(0);
  });

  it('checks an edited link again at once', async () => {
    const id = await addEvidence(`${origin}/alive`);
    await checker().scanOnce();
    expect((await linkOf(id)).state).toBe('alive');
    await db.sql`UPDATE evidence SET url = ${`${origin}/gone`} WHERE id = ${id}`;
    expect(await linkOf(id)).toMatchObject({ state: 'unchecked', http_status: null });
    await checker().scanOnce();
    expect(await linkOf(id)).toMatchObject({ state: 'dead', http_status: 410 });
  });

  it('refuses, and says why, a link to an address the server does not fetch from', async () => {
    const id = await addEvidence(`${origin}/alive`);
    await checker({ allowAddresses: new Set() }).scanOnce();
    const link = await linkOf(id);
    expect(link.state).toBe('refused');
    expect(link.problem).toContain('127.0.0.1 (loopback)');
  });

  it('forgets the link with its evidence', async () => {
    const id = await addEvidence(`${origin}/alive`);
    await db.sql`DELETE FROM evidence WHERE id = ${id}`;
    expect(await findEvidenceLinks(db.sql, [id])).toEqual([]);
  });
});
