// Deadlines that act: on a reviewer's queue, the Overdue and Due-within-24-h views with their
// counts, kept in the address, and triage with the keyboard alone (↓/↑ between claims, Enter
// opens the claim in its document); for the owner, the same views on the board, and time to
// verdict per reviewer and document on the dashboard. Real server and database, Debian's
// chromium.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBrowserSession } from './fixtures/browserSession.ts';
import type { NewsroomUser } from './fixtures/newsroom.ts';
import { describeFindings, seriousFindings } from './pages/accessibility.ts';
import { BoardPage } from './pages/BoardPage.ts';
import { screenshot } from './pages/browser.ts';
import { QueuePage } from './pages/QueuePage.ts';

const ARTICLE = [
  '# Hospital budget',
  '',
  'Waiting lists fell by half. Ten new wards opened. Nurses got a 9 percent raise.',
].join('\n');
const HOUR = 60 * 60 * 1000;
/** Each claim's words and when it is due, relative to now. */
const DUE: [string, number][] = [
  ['Waiting lists fell by half', -48 * HOUR],
  ['Ten new wards opened', 5 * HOUR],
  ['Nurses got a 9 percent raise', 7 * 24 * HOUR],
];

const session = useBrowserSession();
const { problems } = session;
let server: typeof session.server;
let newsroom: typeof session.newsroom;
let reviewer: NewsroomUser;
let page: Page;
let documentId: string;
let claimIds: string[];

beforeAll(async () => {
  ({ server, newsroom } = session);
  const { owner } = newsroom;
  reviewer = await newsroom.member('reviewer', 'Rita Reviewer');
  documentId = await newsroom.importArticle(owner, 'Hospital budget', ARTICLE);
  claimIds = await newsroom.createClaims(
    owner,
    documentId,
    DUE.map(([words]) => words),
  );
  for (const [index, [, dueIn]] of DUE.entries()) {
    await newsroom.assign(owner, claimIds[index] ?? '', [reviewer], new Date(Date.now() + dueIn));
  }
  page = await session.pageAs(reviewer);
});

const chip = (name: string) => page.getByRole('button', { name: new RegExp(`^${name} \\d+$`) });

describe('a reviewer’s queue', () => {
  test('counts what is overdue and what is due within 24 hours, and shows each on its own', async () => {
    const queue = await new QueuePage(page).open(server.url);
    await queue.texts(3);
    expect(await chip('All').textContent()).toBe('All 3');
    expect(await chip('Overdue').textContent()).toBe('Overdue 1');
    expect(await chip('Due within 24 h').textContent()).toBe('Due within 24 h 1');

    await chip('Overdue').click();
    await expect.poll(() => queue.items.count()).toBe(1);
    expect(await queue.items.first().textContent()).toContain(DUE[0]?.[0]);
    expect(new URL(page.url()).searchParams.get('due')).toBe('overdue');
    expect(await chip('Overdue').getAttribute('aria-pressed')).toBe('true');

    await chip('Due within 24 h').click();
    await expect.poll(() => queue.items.count()).toBe(1);
    expect(await queue.items.first().textContent()).toContain(DUE[1]?.[0]);
    expect(await queue.items.first().textContent()).toMatch(/Due in (4|5) h/);
    expect(describeFindings(await seriousFindings(page))).toEqual([]);
    await screenshot(page, 'queue-due-soon', false);

    // The view is in the address: a reload (or a shared link) shows the same claims.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My queue' }).waitFor();
    await expect.poll(() => queue.items.count()).toBe(1);
    await chip('All').click();
    await expect.poll(() => queue.items.count()).toBe(3);
  });

  test('is triaged with the keyboard alone: ↓ and ↑ between claims, Enter opens one', async () => {
    const queue = await new QueuePage(page).open(server.url);
    await queue.texts(3);
    const links = queue.items.getByRole('link');
    await links.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // past the last: stays on it
    expect(await focusedText()).toContain(DUE[2]?.[0]);
    await page.keyboard.press('ArrowUp');
    expect(await focusedText()).toContain(DUE[1]?.[0]);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/d/${documentId}\\?claim=`));
    await page
      .locator('#claim-panel')
      .getByText(DUE[1]?.[0] ?? '')
      .first()
      .waitFor();
    expect(problems).toEqual([]);
  });
});

function focusedText(): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent ?? '');
}

describe('the owner’s board', () => {
  test('shows only the overdue claims, or only those due within 24 hours, when asked', async () => {
    const ownerPage = await session.pageAs(newsroom.owner);
    const board = await new BoardPage(ownerPage).open(server.url, newsroom.workspaceId);
    const due = ownerPage.getByLabel('Due', { exact: true });
    await board.card('Rita Reviewer', DUE[2]?.[0] ?? '').waitFor();
    expect(await due.locator('option').allTextContents()).toEqual([
      'Any due date (3)',
      'Overdue (1)',
      'Due within 24 h (1)',
    ]);
    await due.selectOption('overdue');
    await expect.poll(() => ownerPage.locator('.board-card').count()).toBe(1);
    await board.card('Rita Reviewer', DUE[0]?.[0] ?? '').waitFor();
    expect(new URL(ownerPage.url()).searchParams.get('due')).toBe('overdue');
    await due.selectOption('soon');
    await board.card('Rita Reviewer', DUE[1]?.[0] ?? '').waitFor();
    await expect.poll(() => ownerPage.locator('.board-card').count()).toBe(1);
    await ownerPage.close();
  });
});

describe('the owner’s dashboard', () => {
  test('shows time to verdict for the workspace, each reviewer and each document', async () => {
    const { owner } = newsroom;
    const url = `/api/claims/${claimIds[2]}`;
    let claim = await newsroom.call<{ version: number }>(reviewer, 'GET', url);
    claim = await newsroom.call(reviewer, 'POST', `${url}/start`, { version: claim.version });
    claim = await newsroom.call(reviewer, 'POST', `${url}/propose`, {
      version: claim.version,
      verdict: 'false',
    });
    await newsroom.call(owner, 'POST', `${url}/approve`, { version: claim.version });

    const ownerPage = await session.pageAs(owner);
    await ownerPage.goto(`${server.url}/w/${newsroom.workspaceId}`);
    await ownerPage.getByRole('link', { name: 'Time to verdict' }).click();
    await ownerPage.getByRole('heading', { level: 1, name: 'Time to verdict' }).waitFor();
    const byReviewer = ownerPage.getByRole('table', { name: 'By reviewer' });
    const row = byReviewer.getByRole('row', { name: /Rita Reviewer/ });
    await row.waitFor();
    // One claim approved and one verdict proposed, each in well under an hour here.
    expect((await row.getByRole('cell').allTextContents()).slice(0, 4)).toEqual([
      '1',
      '< 1 min',
      '< 1 min',
      '1',
    ]);
    await ownerPage
      .getByRole('table', { name: 'By document' })
      .getByText('Hospital budget')
      .waitFor();
    await ownerPage.getByRole('button', { name: 'Last 7 days' }).click();
    await ownerPage.waitForURL(/dashboard\?from=\d{4}-\d{2}-\d{2}$/);
    await row.waitFor();
    expect(describeFindings(await seriousFindings(ownerPage))).toEqual([]);
    await screenshot(ownerPage, 'dashboard-time-to-verdict', false);

    // Reviewers do not get the page's figures.
    const response = await fetch(`${server.url}/api/workspaces/${newsroom.workspaceId}/dashboard`, {
      headers: { cookie: `factdesk_session=${reviewer.session}` },
    });
    expect(response.status).toBe(403);
    expect(problems).toEqual([]);
  });
});
