// Every page of the web app audited with axe-core (WCAG 2.1 A and AA) as a newsroom sees it,
// with real content: signed out (sign-in, sign-up, an invite, a reset link, a wrong
// address) and signed in as an owner (documents, a document with a claim open, the board,
// the queue, search results, time to verdict, members, settings, API tokens, password, the
// export dialog). No serious or critical finding may ship. Real server and database, Debian's chromium.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anchorFor } from '../../apps/server/src/testing/claimFactories.ts';
import { openClient, synced } from '../../apps/server/src/testing/syncClients.ts';
import { startTestServer, type TestServer } from '../../apps/server/src/testing/testServer.ts';
import { Newsroom, type NewsroomUser } from './fixtures/newsroom.ts';
import { describeFindings, seriousFindings } from './pages/accessibility.ts';
import { launchBrowser, WIDE, watchForBreakage } from './pages/browser.ts';

const webDist = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

const ARTICLE = [
  '# Rents and wages',
  '',
  'The minister said rents doubled in ten years while wages stayed flat.',
  '',
  'Unemployment fell to 3 percent last spring, the lowest since 1970.',
].join('\n');

let server: TestServer;
let browser: Browser;
let newsroom: Newsroom;
let reviewer: NewsroomUser;
let ownerPage: Page;
let strangerPage: Page;
let documentId: string;
let claimId: string;
let inviteToken: string;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(`${webDist}index.html`)) {
    throw new Error('apps/web/dist is missing: run "pnpm --filter @factdesk/web build" first.');
  }
  server = await startTestServer({ webDist });
  newsroom = await Newsroom.open(server.url);
  const { owner, workspaceId } = newsroom;
  reviewer = await newsroom.member('reviewer', 'Rita Reviewer');
  documentId = (
    await newsroom.call<{ id: string }>(owner, 'POST', `/api/workspaces/${workspaceId}/documents`, {
      format: 'md',
      content: ARTICLE,
      title: 'Rents and wages',
      outlet: 'Daily Example',
    })
  ).id;
  const { token } = await newsroom.call<{ token: string }>(owner, 'POST', '/api/me/tokens', {
    name: 'audit',
  });
  const client = openClient(`${server.url.replace('http', 'ws')}/collab`, documentId, token);
  await synced(client);
  const anchor = anchorFor(client.doc, 'rents doubled in ten years');
  client.destroy();
  let claim = await newsroom.call<{ id: string; version: number }>(
    owner,
    'POST',
    `/api/documents/${documentId}/claims`,
    { anchor, statement: 'Rents doubled in ten years', tags: ['housing'] },
  );
  claimId = claim.id;
  const url = `/api/claims/${claimId}`;
  claim = await newsroom.call(owner, 'POST', `${url}/assign`, {
    version: claim.version,
    reviewerIds: [reviewer.id],
    dueAt: '2026-01-05T12:00:00.000Z',
  });
  claim = (
    await newsroom.call<{ claim: { id: string; version: number } }>(
      owner,
      'POST',
      `${url}/evidence`,
      {
        version: claim.version,
        url: 'https://stats.example/rents',
        kind: 'official_data',
        stance: 'refutes',
        title: 'Rent index 2014–2024',
      },
    )
  ).claim;
  claim = await newsroom.call(owner, 'POST', `${url}/start`, { version: claim.version });
  await newsroom.call(reviewer, 'POST', `${url}/propose`, {
    version: claim.version,
    verdict: 'misleading',
    rationale: 'Rents rose by **38%**, not 100%.',
  });
  await newsroom.call(owner, 'POST', `${url}/comments`, { body: 'Which index?' });
  inviteToken = (
    await newsroom.call<{ token: string }>(
      owner,
      'POST',
      `/api/workspaces/${workspaceId}/invites`,
      {
        role: 'commenter',
        expiresInDays: 7,
        maxUses: 1,
      },
    )
  ).token;

  browser = await launchBrowser();
  ownerPage = watchForBreakage(
    await (await newsroom.contextFor(browser, owner, WIDE)).newPage(),
    problems,
  );
  strangerPage = watchForBreakage(
    await (await browser.newContext({ viewport: WIDE })).newPage(),
    problems,
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function expectAccessible(page: Page, path: string, ready: (page: Page) => Promise<unknown>) {
  await page.goto(`${server.url}${path}`);
  await ready(page);
  expect(describeFindings(await seriousFindings(page)), path).toEqual([]);
}

describe('signed out', () => {
  test.each([
    ['sign-in', '/login', 'heading'],
    ['sign-up', '/signup', 'heading'],
    ['an invite', '/invite/{invite}', 'heading'],
    ['a reset link that is not valid', '/reset/not-a-real-token', 'heading'],
    ['a wrong address', '/no/such/page', 'heading'],
  ])('%s has no serious or critical finding', async (_what, path) => {
    await expectAccessible(strangerPage, path.replace('{invite}', inviteToken), (page) =>
      page.getByRole('heading', { level: 1 }).first().waitFor(),
    );
  });
});

describe('signed in as the owner', () => {
  const w = () => `/w/${newsroom.workspaceId}`;
  const pages: [string, () => string, (page: Page) => Promise<unknown>][] = [
    ['documents', () => w(), (p) => p.getByText('Rents and wages').first().waitFor()],
    [
      'a document with its claim open',
      () => `${w()}/d/${documentId}?claim=${claimId}`,
      (p) => p.getByText('Which index?').waitFor(),
    ],
    [
      'the board',
      () => `${w()}/board`,
      (p) => p.getByText('Rents doubled in ten years').first().waitFor(),
    ],
    ['search results', () => `${w()}/search?q=rents`, (p) => p.locator('mark').first().waitFor()],
    [
      'time to verdict',
      () => `${w()}/dashboard`,
      (p) => p.getByRole('table', { name: 'By reviewer' }).waitFor(),
    ],
    ['members', () => `${w()}/members`, (p) => p.getByText('Rita Reviewer').first().waitFor()],
    [
      'workspace settings',
      () => `${w()}/settings`,
      (p) => p.getByRole('heading', { level: 1 }).waitFor(),
    ],
    ['API tokens', () => '/settings/tokens', (p) => p.getByText('audit').first().waitFor()],
    ['password', () => '/settings/password', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ];
  test.each(pages)('%s has no serious or critical finding', async (_what, path, ready) => {
    await expectAccessible(ownerPage, path(), ready);
  });

  test('the export dialog over a document', async () => {
    await expectAccessible(ownerPage, `/w/${newsroom.workspaceId}/d/${documentId}`, async (p) => {
      await p.getByRole('button', { name: 'Export report' }).click();
      await p.getByRole('dialog').waitFor();
    });
  });

  test('the queue, as the reviewer sees it', async () => {
    const page = watchForBreakage(
      await (await newsroom.contextFor(browser, reviewer, WIDE)).newPage(),
      problems,
    );
    await expectAccessible(page, '/queue', (p) =>
      p.getByText('Rents doubled in ten years').first().waitFor(),
    );
    expect(problems).toEqual([]);
  });
});
