// Every page of the web app audited with axe-core (WCAG 2.1 A and AA) as a newsroom sees it,
// with real content: signed out (sign-in, sign-up, an invite, a reset link, a wrong
// address) and signed in as an owner (documents, a document with a claim open, the board,
// the queue, search results, time to verdict, members, settings, API tokens, password, the
// export dialog). No serious or critical finding may ship. Real server and database,
// Debian's chromium.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBrowserSession } from './fixtures/browserSession.ts';
import type { NewsroomUser } from './fixtures/newsroom.ts';
import { describeFindings, seriousFindings } from './pages/accessibility.ts';

const ARTICLE = [
  '# Rents and wages',
  '',
  'The minister said rents doubled in ten years while wages stayed flat.',
  '',
  'Unemployment fell to 3 percent last spring, the lowest since 1970.',
].join('\n');

const session = useBrowserSession();
const { problems } = session;
let server: typeof session.server;
let newsroom: typeof session.newsroom;
let reviewer: NewsroomUser;
let ownerPage: Page;
let strangerPage: Page;
let documentId: string;
let claimId: string;
let inviteToken: string;

beforeAll(async () => {
  ({ server, newsroom } = session);
  const { owner, workspaceId } = newsroom;
  reviewer = await newsroom.member('reviewer', 'Rita Reviewer');
  documentId = await newsroom.importArticle(owner, 'Rents and wages', ARTICLE);
  [claimId = ''] = await newsroom.createClaims(owner, documentId, ['rents doubled in ten years']);
  const url = `/api/claims/${claimId}`;
  let claim = await newsroom.call<{ version: number }>(owner, 'PATCH', url, {
    version: 1,
    statement: 'Rents doubled in ten years',
    tags: ['housing'],
  });
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

  ownerPage = await session.pageAs(owner);
  strangerPage = await session.pageAs(undefined);
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
    ['forgot password', '/forgot', 'heading'],
    ['an unsubscribe link that is not valid', '/unsubscribe/not-a-real-token', 'heading'],
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
    ['API tokens', () => '/settings/tokens', (p) => p.getByText('claims').first().waitFor()],
    ['password', () => '/settings/password', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
    [
      'notification settings',
      () => '/settings/notifications',
      (p) => p.getByRole('checkbox').first().waitFor(),
    ],
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

  test('the notification inbox and the @mention list', async () => {
    const w = `/w/${newsroom.workspaceId}`;
    await expectAccessible(ownerPage, w, async (p) => {
      await p.getByRole('button', { name: /^Notifications/ }).click();
      await p.getByRole('region', { name: 'Notifications' }).waitFor();
    });
    await expectAccessible(ownerPage, `${w}/d/${documentId}?claim=${claimId}`, async (p) => {
      await p.getByRole('textbox', { name: 'Add a comment' }).click();
      await p.keyboard.type('@ri');
      await p.getByRole('listbox', { name: 'Members to mention' }).waitFor();
    });
  });

  test('the queue, as the reviewer sees it', async () => {
    const page = await session.pageAs(reviewer);
    await expectAccessible(page, '/queue', (p) =>
      p.getByText('Rents doubled in ten years').first().waitFor(),
    );
    expect(problems).toEqual([]);
  });
});
