// GET /api/workspaces/:id/search: claims, rationales, evidence, comments and documents' text,
// accent- and case-insensitive, stemmed per document language, misspellings corrected,
// grouped by document, filtered, members only, and never a 500 whatever is typed.
import { ARTICLE_FIELD } from '@factdesk/editor';
import type { SearchResults } from '@factdesk/model';
import { HOSTILE_FRAGMENTS } from '@factdesk/model/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { anchorFor, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

let t: TestApp;
let workspaceId: string;
let owner: TestUser;
let reviewer: TestUser;
let viewer: TestUser;
let french: { documentId: string; claimId: string };
let english: { documentId: string; claimId: string; otherClaimId: string };

async function importArticle(title: string, content: string, language: string | undefined) {
  const response = await t.request({
    method: 'POST',
    url: `/api/workspaces/${workspaceId}/documents`,
    cookie: owner.cookie,
    payload: { format: 'md', content, title, ...(language ? { language } : {}) },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function createClaim(documentId: string, exact: string, extra: object = {}) {
  const state = await t.app.liveDocuments.readDocument(documentId, (doc) =>
    Y.encodeStateAsUpdate(doc),
  );
  const response = await t.request({
    method: 'POST',
    url: `/api/documents/${documentId}/claims`,
    cookie: reviewer.cookie,
    payload: { anchor: anchorFor(docFrom(state), exact), ...extra },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}

async function search(query: Record<string, string>, user: TestUser = viewer, ws = workspaceId) {
  return t.request({
    method: 'GET',
    url: `/api/workspaces/${ws}/search?${new URLSearchParams(query)}`,
    cookie: user.cookie,
  });
}

async function results(query: Record<string, string>, user?: TestUser) {
  const response = await search(query, user);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SearchResults;
}

const hitsOf = (found: SearchResults) => found.groups.flatMap((group) => group.hits);
const matchedWords = (found: SearchResults) =>
  hitsOf(found).flatMap((hit) => hit.snippet.filter((s) => s.match).map((s) => s.text));

beforeAll(async () => {
  // The text copy is written as soon as possible here; the default waits 3 s after edits.
  t = await buildTestApp({ env: { SEARCH_TEXT_DELAY_MS: '0' } });
  ({ owner, workspaceId } = await buildWorkspace(t));
  reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
  viewer = await buildMember(t, owner, workspaceId, 'viewer');

  const frenchId = await importArticle(
    'Le budget de l’Élysée',
    'Le président a présenté à l’Élysée des réformes économiques ambitieuses.\n\nLes dépenses publiques augmenteront de 3 %.',
    'fr',
  );
  const frenchClaim = await createClaim(frenchId, 'Les dépenses publiques augmenteront de 3 %', {
    statement: 'Les dépenses publiques augmenteront',
    claimant: { name: 'Emmanuel Macron', type: 'person' },
    tags: ['budget', 'finances'],
  });
  french = { documentId: frenchId, claimId: frenchClaim.id };

  const englishId = await importArticle(
    'Taxes and jobs',
    'The minister said taxes were rising for every household.\n\nUnemployment fell by 40% last year, according to the speech.',
    'en-GB',
  );
  const taxes = await createClaim(englishId, 'taxes were rising for every household');
  const jobs = await createClaim(englishId, 'Unemployment fell by 40% last year', {
    statement: 'Unemployment fell by 40% in one year',
  });
  english = { documentId: englishId, claimId: taxes.id, otherClaimId: jobs.id };

  const rationale = await t.request({
    method: 'PATCH',
    url: `/api/claims/${jobs.id}`,
    cookie: reviewer.cookie,
    payload: {
      version: jobs.version,
      rationale: 'The statistics office reports a drop of 4 points, not <b>40%</b>.',
    },
  });
  expect(rationale.statusCode, rationale.body).toBe(200);
  const evidence = await t.request({
    method: 'POST',
    url: `/api/claims/${jobs.id}/evidence`,
    cookie: reviewer.cookie,
    payload: {
      version: rationale.json().version,
      url: 'https://www.ons.example.org/labour/bulletin',
      title: 'Labour market overview',
      excerpt: 'Joblessness decreased modestly.',
      kind: 'official_data',
      stance: 'refutes',
    },
  });
  expect(evidence.statusCode, evidence.body).toBe(201);
  const comment = await t.request({
    method: 'POST',
    url: `/api/claims/${taxes.id}/comments`,
    cookie: reviewer.cookie,
    payload: { body: 'Ask the treasury for the household breakdown.' },
  });
  expect(comment.statusCode, comment.body).toBe(201);

  // Documents' text is copied after the import, in the background: wait until it is there.
  await vi.waitFor(
    async () => {
      const found = await results({ q: 'ambitieuses' });
      expect(found.groups.map((g) => g.document.id)).toContain(frenchId);
      const minister = await results({ q: 'minister' });
      expect(minister.groups.map((g) => g.document.id)).toContain(englishId);
    },
    { timeout: 30_000, interval: 100 },
  );
});
afterAll(() => t?.close());

describe('what search finds', () => {
  it('finds “elysee” in a document that says “Élysée”, highlighting the word as written', async () => {
    const found = await results({ q: 'elysee' });
    const group = found.groups.find((g) => g.document.id === french.documentId);
    expect(group?.document.title).toBe('Le budget de l’Élysée');
    const text = group?.hits.find((hit) => hit.kind === 'text');
    expect(text?.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['Élysée']);
    // Case too.
    expect(hitsOf(await results({ q: 'ÉLYSÉE' }))).toHaveLength(hitsOf(found).length);
  });

  it('stems French: “réforme économique” finds “réformes économiques”', async () => {
    const found = await results({ q: 'reforme economique' });
    expect(found.groups.map((g) => g.document.id)).toEqual([french.documentId]);
    expect(matchedWords(found)).toEqual(expect.arrayContaining(['réformes', 'économiques']));
  });

  it('stems English: “tax rises” finds “taxes were rising” in the text and the claim', async () => {
    const found = await results({ q: 'tax rises' });
    expect(found.groups.map((g) => g.document.id)).toEqual([english.documentId]);
    const kinds = found.groups[0]?.hits.map((hit) => [hit.kind, hit.claimId]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['claim', english.claimId],
        ['text', null],
      ]),
    );
  });

  it('offers no correction from removed text: the vocabulary follows what is stored', async () => {
    const current = await t.request({
      method: 'GET',
      url: `/api/claims/${english.claimId}`,
      cookie: reviewer.cookie,
    });
    const added = await t.request({
      method: 'POST',
      url: `/api/claims/${english.claimId}/evidence`,
      cookie: reviewer.cookie,
      payload: {
        version: current.json().version,
        url: 'https://www.example.org/quetzalcoatlus',
        title: 'Quetzalcoatlus fieldnotes',
        kind: 'other',
        stance: 'context',
      },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect((await results({ q: 'Quetzalcoatlux' })).corrections).toEqual([
      { word: 'Quetzalcoatlux', alternatives: ['quetzalcoatlus'] },
    ]);
    const removed = await t.request({
      method: 'DELETE',
      url: `/api/evidence/${added.json().evidence.id}?version=${added.json().claim.version}`,
      cookie: reviewer.cookie,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await results({ q: 'Quetzalcoatlux' })).corrections).toEqual([]);
    // A word still held by another entry stays: Macron's claim is untouched.
    expect((await results({ q: 'Macorn' })).corrections[0]?.alternatives).toEqual(['macron']);
  });

  it('corrects a misspelt name: “Macorn” finds the claim whose claimant is Macron', async () => {
    const found = await results({ q: 'Macorn' });
    expect(found.corrections).toEqual([{ word: 'Macorn', alternatives: ['macron'] }]);
    const hit = hitsOf(found).find((h) => h.claimId === french.claimId);
    expect(hit?.kind).toBe('claim');
    expect(hit?.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['Macron']);
  });

  it('finds tags, rationales, evidence by title, host and excerpt, and comments', async () => {
    const kindsFor = async (q: string) =>
      hitsOf(await results({ q })).map((hit) => `${hit.kind}:${hit.claimId}`);
    expect(await kindsFor('finances')).toEqual([`claim:${french.claimId}`]);
    expect(await kindsFor('statistics office')).toEqual([`rationale:${english.otherClaimId}`]);
    expect(await kindsFor('labour market')).toContain(`evidence:${english.otherClaimId}`);
    expect(await kindsFor('ons.example.org')).toEqual([`evidence:${english.otherClaimId}`]);
    expect(await kindsFor('ons')).toEqual([`evidence:${english.otherClaimId}`]);
    expect(await kindsFor('joblessness')).toEqual([`evidence:${english.otherClaimId}`]);
    expect(await kindsFor('treasury breakdown')).toEqual([`comment:${english.claimId}`]);
  });

  it('returns passages as plain segments; PostgreSQL drops what looks like a tag', async () => {
    const found = await results({ q: 'statistics' });
    const snippet = hitsOf(found)[0]?.snippet ?? [];
    // ts_headline replaces HTML-like tags with spaces: the words are kept, the tag is not.
    expect(snippet.map((s) => s.text).join('')).toBe(
      'The statistics office reports a drop of 4 points, not  40% .',
    );
    expect(snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['statistics']);
  });

  it('follows edits of the text after they are saved', async () => {
    await t.app.liveDocuments.changeDocument(english.documentId, (doc) => {
      const article = doc.getXmlFragment(ARTICLE_FIELD);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('A late paragraph about inflation.')]);
      article.insert(article.length, [paragraph]);
    });
    await vi.waitFor(
      async () => {
        const found = await results({ q: 'inflation' });
        expect(found.groups.map((g) => g.document.id)).toEqual([english.documentId]);
      },
      { timeout: 20_000, interval: 100 },
    );
  });

  it('marks archived documents', async () => {
    const archive = await t.request({
      method: 'POST',
      url: `/api/documents/${french.documentId}/archive`,
      cookie: owner.cookie,
    });
    expect(archive.statusCode, archive.body).toBe(200);
    try {
      const found = await results({ q: 'elysee' });
      expect(found.groups[0]?.document).toMatchObject({ id: french.documentId, archived: true });
    } finally {
      await t.request({
        method: 'POST',
        url: `/api/documents/${french.documentId}/unarchive`,
        cookie: owner.cookie,
      });
    }
  });
});

describe('filters', () => {
  it('by status, verdict, reviewer and day, dropping document-text hits', async () => {
    await t.db.sql`
      UPDATE claims SET status = 'verdict_proposed', verdict = 'false'
      WHERE id = ${english.otherClaimId}`;
    const all = hitsOf(await results({ q: 'unemployment' }));
    expect(all.map((hit) => hit.kind).sort()).toEqual(['claim', 'text']);

    const byVerdict = hitsOf(await results({ q: 'unemployment', verdict: 'false' }));
    expect(byVerdict.map((hit) => [hit.kind, hit.claimId, hit.verdict])).toEqual([
      ['claim', english.otherClaimId, 'false'],
    ]);
    expect(hitsOf(await results({ q: 'unemployment', verdict: 'true' }))).toEqual([]);
    expect(
      hitsOf(await results({ q: 'unemployment', status: 'verdict_proposed' })).map(
        (hit) => hit.claimStatus,
      ),
    ).toEqual(['verdict_proposed']);
    expect(hitsOf(await results({ q: 'unemployment', status: 'open' }))).toEqual([]);

    const claim = await t.request({
      method: 'GET',
      url: `/api/claims/${english.claimId}`,
      cookie: owner.cookie,
    });
    const assign = await t.request({
      method: 'POST',
      url: `/api/claims/${english.claimId}/assign`,
      cookie: owner.cookie,
      payload: { version: claim.json().version, reviewerIds: [reviewer.id] },
    });
    expect(assign.statusCode, assign.body).toBe(200);
    const mine = hitsOf(await results({ q: 'household', reviewer: reviewer.id }));
    expect(mine.map((hit) => [hit.kind, hit.claimId])).toEqual(
      expect.arrayContaining([
        ['claim', english.claimId],
        ['comment', english.claimId],
      ]),
    );
    expect(mine.every((hit) => hit.claimId === english.claimId)).toBe(true);
    expect(hitsOf(await results({ q: 'household', reviewer: viewer.id }))).toEqual([]);

    const today = new Date().toISOString().slice(0, 10);
    expect(hitsOf(await results({ q: 'household', from: today, to: today })).length).toBe(3);
    expect(hitsOf(await results({ q: 'household', to: '2020-01-01' }))).toEqual([]);
    expect(hitsOf(await results({ q: 'household', from: '2999-01-01' }))).toEqual([]);
  });

  it('limits the hits and says so', async () => {
    const found = await results({ q: 'household', limit: '1' });
    expect(hitsOf(found)).toHaveLength(1);
    expect(found.truncated).toBe(true);
  });
});

describe('who may search, and what may be typed', () => {
  it('a member of another workspace finds nothing here and cannot search this workspace', async () => {
    const other = await t.request({
      method: 'POST',
      url: '/api/workspaces',
      cookie: owner.cookie,
      payload: { name: 'Another desk' },
    });
    expect(other.statusCode, other.body).toBe(201);
    const stranger = await buildMember(t, owner, other.json().id, 'owner');
    const inOwn = await search({ q: 'elysee' }, stranger, other.json().id);
    expect(inOwn.statusCode, inOwn.body).toBe(200);
    expect(inOwn.json().groups).toEqual([]);
    // Its words are not ours either: no correction borrows them.
    expect(inOwn.json().corrections).toEqual([]);
    const inOurs = await search({ q: 'elysee' }, stranger);
    expect(inOurs.statusCode).toBe(404);
    const anonymous = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspaceId}/search?q=elysee`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a missing, blank or overlong query and bad filters with a 400 naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'q'],
      [{ q: '' }, 'q'],
      [{ q: '   ' }, 'q'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ q: 'budget', status: 'done' }, 'status'],
      [{ q: 'budget', verdict: 'Not a key' }, 'verdict'],
      [{ q: 'budget', reviewer: 'someone' }, 'reviewer'],
      [{ q: 'budget', from: '2026-02-30' }, 'from'],
      [{ q: 'budget', to: 'yesterday' }, 'to'],
      [{ q: 'budget', from: '2026-03-02', to: '2026-03-01' }, 'from'],
      [{ q: 'budget', limit: '0' }, 'limit'],
      [{ q: 'budget', limit: '1000' }, 'limit'],
      [{ q: 'budget', sort: 'rank' }, 'sort'],
    ];
    for (const [query, field] of cases) {
      const response = await search(query);
      expect(response.statusCode, `${JSON.stringify(query)}: ${response.body}`).toBe(400);
      expect(response.json().message).toMatch(new RegExp(field));
    }
  });

  it('never fails on tsquery syntax, quotes, control characters or hostile fragments', async () => {
    const nasty = [
      "'",
      "''",
      '"',
      '\\',
      '!',
      '&',
      '|',
      'a & | b',
      '!!!budget',
      '(budget',
      'budget:*',
      'budget <-> taxes',
      "budget' | 'taxes",
      '<2>',
      '%_%',
      '\u0000budget',
      '\uE000budget\uE001',
      '\uD800',
      '😀 budget',
      'a'.repeat(200),
      'Ω'.repeat(200),
      `${'budget '.repeat(28)}x`,
      ...HOSTILE_FRAGMENTS.filter((fragment) => fragment.length <= 200),
    ];
    for (const q of nasty) {
      const response = await search({ q });
      expect([200, 400], `${JSON.stringify(q)}: ${response.body}`).toContain(response.statusCode);
    }
    const budget = await results({ q: "budget' | 'taxes" });
    // Only the words count: both must match, and nothing has both.
    expect(budget.groups).toEqual([]);
    const marked = await results({ q: '\uE000finances\uE001' });
    expect(hitsOf(marked).map((hit) => hit.claimId)).toEqual([french.claimId]);
  });
});
