import { type ReportData, ROLES, type Role } from '@factdesk/model';
import { CSV_COLUMNS } from '@factdesk/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { requestsAs } from '../../testing/requests.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

const ARTICLE = [
  '# Budget row',
  '',
  'The minister said unemployment fell by 40% last year, **according to** [the ministry](https://bücher.example/zahlen).',
  '',
  '> Critics from the opposition party replied that wages stalled while prices rose.',
  '',
  '1. first',
  '2. second',
].join('\n');
const HOSTILE_TITLE = 'Ünemployment "row" <script>\r\nSet-Cookie: x=1; ../../etc/passwd';

let t: TestApp;
const members = {} as Record<Role, TestUser>;
let outsider: TestUser;
const names = {} as Record<Role, string>;
let documentId: string;
let approvedId: string;
let openId: string;

const as = requestsAs(() => t);

async function ok(user: TestUser, method: string, url: string, payload?: object) {
  const response = await as(user, method, url, payload);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json() as { id: string; version: number };
}

beforeAll(async () => {
  t = await buildTestApp();
  const built = await buildWorkspace(t);
  members.owner = built.owner;
  members.moderator = await buildMember(t, built.owner, built.workspaceId, 'moderator');
  members.reviewer = await buildMember(t, built.owner, built.workspaceId, 'reviewer');
  members.commenter = await buildMember(t, built.owner, built.workspaceId, 'commenter');
  members.viewer = await buildMember(t, built.owner, built.workspaceId, 'viewer');
  const other = await ok(members.viewer, 'POST', '/api/workspaces', { name: 'Elsewhere' });
  outsider = await buildMember(t, members.viewer, other.id, 'owner');
  for (const role of ROLES) {
    const [row] = await t.db.sql<{ display_name: string }[]>`
      SELECT display_name FROM users WHERE id = ${members[role].id}`;
    names[role] = row?.display_name ?? '';
  }
  const made = await buildDocumentWithText(t.db.sql, {
    workspaceId: built.workspaceId,
    createdBy: built.owner.id,
    markdown: ARTICLE,
  });
  documentId = made.documentId;
  await ok(members.owner, 'PATCH', `/api/documents/${documentId}`, {
    title: HOSTILE_TITLE,
    outlet: 'Daily <b>Planet</b>',
    factCheckUrl: 'https://desk.example.org/checks/unemployment',
  });
  const doc = docFrom(made.update);
  // Made first but later in the text: the report numbers claims in text order.
  openId = (
    await ok(members.reviewer, 'POST', `/api/documents/${documentId}/claims`, {
      anchor: anchorFor(doc, 'wages stalled'),
      statement: 'Wages stalled',
    })
  ).id;
  approvedId = (
    await ok(members.moderator, 'POST', `/api/documents/${documentId}/claims`, {
      anchor: anchorFor(doc, 'unemployment fell by 40%'),
      statement: 'Unemployment fell 40% in a year',
      claimant: { name: 'The minister', type: 'person' },
    })
  ).id;
  let c = await ok(members.moderator, 'GET', `/api/claims/${approvedId}`);
  await ok(members.moderator, 'POST', `/api/claims/${approvedId}/evidence`, {
    version: c.version,
    url: 'https://stats.example.org/labour',
    title: 'Labour force survey',
    kind: 'official_data',
    stance: 'refutes',
  });
  c = await ok(members.moderator, 'GET', `/api/claims/${approvedId}`);
  c = await ok(members.moderator, 'POST', `/api/claims/${approvedId}/assign`, {
    version: c.version,
    reviewerIds: [members.reviewer.id],
  });
  c = await ok(members.reviewer, 'POST', `/api/claims/${approvedId}/start`, {
    version: c.version,
  });
  c = await ok(members.reviewer, 'POST', `/api/claims/${approvedId}/propose`, {
    version: c.version,
    verdict: 'false',
    rationale: 'Official data say **4%**.',
  });
  await ok(members.moderator, 'POST', `/api/claims/${approvedId}/approve`, { version: c.version });
});
afterAll(() => t.close());

const reportUrl = (query: string) => `/api/documents/${documentId}/report?${query}`;

describe('who may export', () => {
  it.each(ROLES)('%s gets the report', async (role) => {
    const response = await as(members[role], 'GET', reportUrl('format=json'));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().document.id).toBe(documentId);
  });

  it('is 404 to a non-member and 401 without a session, the document never described', async () => {
    const stranger = await as(outsider, 'GET', reportUrl('format=json'));
    expect(stranger.statusCode).toBe(404);
    expect(stranger.body).not.toContain('Budget');
    const anonymous = await t.request({ method: 'GET', url: reportUrl('format=json') });
    expect(anonymous.statusCode).toBe(401);
  });

  it('is 404 for a document that does not exist', async () => {
    const response = await as(
      members.owner,
      'GET',
      '/api/documents/00000000-0000-4000-8000-000000000000/report?format=json',
    );
    expect(response.statusCode).toBe(404);
  });
});

describe('the report data', () => {
  it('has the approved claim only by default, with verdict, evidence, reviewers and approver', async () => {
    const data = (await as(members.viewer, 'GET', reportUrl('format=json'))).json();
    expect(data.options).toEqual({ scope: 'approved', evidence: true, articleText: false });
    expect(data.document.title).toBe(HOSTILE_TITLE);
    expect(data.claims).toHaveLength(1);
    const [claim] = data.claims;
    expect(claim).toMatchObject({
      id: approvedId,
      number: 1,
      status: 'approved',
      claimant: { name: 'The minister', kind: 'person' },
      quote: { exact: 'unemployment fell by 40%' },
      currentQuote: 'unemployment fell by 40%',
      orphaned: false,
      verdict: { key: 'false', label: 'False', ratingValue: 1 },
      rationale: 'Official data say **4%**.',
      reviewers: [names.reviewer],
      approver: names.moderator,
    });
    expect(claim.evidence).toEqual([
      expect.objectContaining({
        url: 'https://stats.example.org/labour',
        title: 'Labour force survey',
        kind: 'official_data',
        stance: 'refutes',
      }),
    ]);
    expect(new Date(claim.approvedAt).getTime()).toBeGreaterThan(0);
    expect(data.team).toEqual([
      { name: names.reviewer, roles: ['reviewer'] },
      { name: names.moderator, roles: ['approver'] },
    ]);
    expect(data.article).toBeUndefined();
  });

  it('scope=all lists every claim in text order; evidence=false drops evidence; articleText highlights', async () => {
    const data = (
      await as(
        members.viewer,
        'GET',
        reportUrl('format=json&scope=all&evidence=false&articleText=true'),
      )
    ).json();
    expect(data.claims.map((c: { id: string }) => c.id)).toEqual([approvedId, openId]);
    expect(data.claims.map((c: { number: number }) => c.number)).toEqual([1, 2]);
    expect(data.claims[1]).toMatchObject({ status: 'open', verdict: null, reviewers: [] });
    expect(data.claims[0].evidence).toEqual([]);
    const { text, highlights, blocks } = data.article as NonNullable<ReportData['article']>;
    expect(text).toContain('The minister said unemployment fell by 40% last year, according to');
    expect(highlights.map((h) => text.slice(h.from, h.to))).toEqual([
      'unemployment fell by 40%',
      'wages stalled',
    ]);
    // The structure of the article, read from the live document.
    expect(blocks.map((b) => [b.kind, b.containers.map((c) => c.kind).join('>')])).toEqual([
      ['heading', ''],
      ['paragraph', ''],
      ['paragraph', 'blockquote'],
      ['paragraph', 'orderedList>listItem'],
      ['paragraph', 'orderedList>listItem'],
    ]);
    const runs = blocks[1]?.runs.map((r) => [text.slice(r.from, r.to), r.marks, r.href]);
    expect(runs).toContainEqual(['according to', ['bold'], undefined]);
    expect(runs).toContainEqual(['the ministry', [], 'https://xn--bcher-kva.example/zahlen']);
    // Context: the first quote opens its paragraph; the second's stored prefix starts mid-word
    // ("e opposition…", the end of "the"), so it is shown from the next word.
    expect(data.claims[0].context).toEqual({
      before: 'The minister said ',
      after: ' last year, according to the…',
    });
    expect(data.claims[1].context).toEqual({
      before: '…opposition party replied that ',
      after: ' while prices rose.',
    });
  });
});

describe('formats', () => {
  it('csv leaves the byte-order mark out when asked with bom=false', async () => {
    const response = await as(members.viewer, 'GET', reportUrl('format=csv&bom=false'));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body.startsWith(CSV_COLUMNS.join(','))).toBe(true);
  });

  const filename = 'unemployment-row-script-set-cookie-x-1-etc-passwd-fact-check';

  it.each([
    ['html', 'text/html; charset=utf-8', 'html'],
    ['pdf', 'application/pdf', 'pdf'],
    ['md', 'text/markdown; charset=utf-8', 'md'],
    ['csv', 'text/csv; charset=utf-8; header=present', 'csv'],
    ['json', 'application/json; charset=utf-8', 'json'],
    ['claimreview', 'application/ld+json; charset=utf-8', 'jsonld'],
  ])('%s: its content type, a safe attachment name and a real body', async (format, type, ext) => {
    const response = await as(members.viewer, 'GET', reportUrl(`format=${format}`));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${filename}.${ext}"`,
    );
    expect(response.headers['set-cookie']).toBeUndefined();
    const body = response.rawPayload;
    const text = body.toString('utf8');
    switch (format) {
      case 'html':
        expect(text).toMatch(/^<!doctype html>/i);
        expect(text).toContain('Unemployment fell 40% in a year');
        expect(text).not.toContain('<script>\r');
        expect(text).toContain('Daily &lt;b&gt;Planet&lt;/b&gt;');
        break;
      case 'pdf':
        expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(body.subarray(-8).toString('latin1')).toContain('%%EOF');
        break;
      case 'md':
        expect(text).toContain('Unemployment fell 40% in a year');
        expect(text).toContain('False');
        break;
      case 'csv': {
        // A byte-order mark first (so Excel reads UTF-8), unless asked not to.
        expect(text.startsWith('\uFEFF')).toBe(true);
        const lines = text.slice(1).trimEnd().split(/\r\n/);
        expect(lines[0]).toBe(CSV_COLUMNS.join(','));
        expect(lines).toHaveLength(2);
        expect(lines[1]).toContain('Unemployment fell 40% in a year');
        break;
      }
      case 'json':
        expect(JSON.parse(text).claims).toHaveLength(1);
        break;
      case 'claimreview': {
        const parsed = JSON.parse(text);
        const reviews = Array.isArray(parsed) ? parsed : [parsed];
        expect(reviews).toHaveLength(1);
        expect(reviews[0]).toMatchObject({
          '@type': 'ClaimReview',
          url: 'https://desk.example.org/checks/unemployment#claim-1',
          claimReviewed: 'Unemployment fell 40% in a year',
          reviewRating: { ratingValue: 1, alternateName: 'False' },
        });
        break;
      }
    }
  });
});

describe('bad queries', () => {
  it.each([
    ['', 'format'],
    ['format=docx', 'format'],
    ['format=html&scope=some', 'scope'],
    ['format=html&evidence=maybe', 'evidence'],
    ['format=html&articleText=2', 'articleText'],
    ['format=html&colour=red', 'colour'],
  ])('"%s" is a 400 naming %s', async (query, field) => {
    const response = await as(members.viewer, 'GET', reportUrl(query));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().field).toBe(field);
    expect(response.json().message).toContain(field);
  });

  it('a document id that is not a UUID is a 400 naming documentId', async () => {
    const response = await as(members.viewer, 'GET', '/api/documents/nope/report?format=html');
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('documentId');
  });
});
