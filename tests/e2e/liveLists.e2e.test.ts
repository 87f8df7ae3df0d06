// The board and the documents list follow colleagues' work live, without a reload: two
// moderators each have a page open; what one assigns on the board shows on the other's board
// within seconds (its fallback poll is 30 s, so only the workspace's event stream can do it),
// the other's selection and keyboard focus untouched, the focus following its card to a new
// lane; a reviewer's decision moves the card; an adjudicated blind round and an import show
// on the documents list. Real server and database, Debian's chromium.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBrowserSession } from './fixtures/browserSession.ts';
import type { NewsroomUser } from './fixtures/newsroom.ts';
import { BoardPage } from './pages/BoardPage.ts';
import { screenshot } from './pages/browser.ts';
import { DocumentsPage } from './pages/DocumentsPage.ts';

const TITLE = 'Rail fares';
const WORDS = ['Fares rose by 2%', 'Trains ran on time', 'Ticket offices stay open'];
/** Well inside the 30 s fallback poll: only the live stream can make it. */
const LIVE = { timeout: 5_000 };

const session = useBrowserSession();
let mona: NewsroomUser;
let max: NewsroomUser;
let rita: NewsroomUser;
let ravi: NewsroomUser;
let monaPage: Page;
let maxPage: Page;
let claimIds: string[];

beforeAll(async () => {
  const { newsroom } = session;
  mona = await newsroom.member('moderator', 'Mona Moderator');
  max = await newsroom.member('moderator', 'Max Moderator');
  rita = await newsroom.member('reviewer', 'Rita Reviewer');
  ravi = await newsroom.member('reviewer', 'Ravi Reviewer');
  const documentId = await newsroom.importArticle(mona, TITLE, `${WORDS.join('. ')}.`);
  claimIds = await newsroom.createClaims(mona, documentId, WORDS);
  monaPage = await session.pageAs(mona);
  maxPage = await session.pageAs(max);
});

/** Marks the page; the mark survives anything but a reload. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { liveListMark: boolean }).liveListMark = true;
  });
}
const stillSamePage = (page: Page) =>
  page.evaluate(() => (window as unknown as { liveListMark?: boolean }).liveListMark === true);

/** The quote of the card whose link has focus, and the lane it is in. */
const focusedCard = (page: Page) =>
  page.evaluate(() => {
    const link = document.activeElement;
    if (!link?.classList.contains('board-card-link')) return null;
    const lane = link.closest('section')?.querySelector('h2')?.textContent ?? '';
    return { quote: link.textContent?.trim() ?? '', lane };
  });

async function claimVersion(claimId: string): Promise<number> {
  return (await session.newsroom.call<{ version: number }>(mona, 'GET', `/api/claims/${claimId}`))
    .version;
}

async function act(user: NewsroomUser, claimId: string, verb: string, body: object = {}) {
  await session.newsroom.call(user, 'POST', `/api/claims/${claimId}/${verb}`, {
    version: await claimVersion(claimId),
    ...body,
  });
}

describe('live lists', () => {
  test('the board shows a colleague’s assignments and decisions without reload, keeping selection and focus', async () => {
    const { server, newsroom } = session;
    const [fares = '', trains = '', offices = ''] = WORDS;
    const monaBoard = await new BoardPage(monaPage).open(server.url, newsroom.workspaceId);
    const maxBoard = await new BoardPage(maxPage).open(server.url, newsroom.workspaceId);
    await monaBoard.card('Unassigned', offices).waitFor();
    await markPage(monaPage);
    // Mona has a card selected for a bulk assignment and the keyboard on another.
    await monaBoard.select('Unassigned', offices);
    await monaBoard.card('Unassigned', trains).getByRole('link').focus();

    await maxBoard.assignFromMenu('Unassigned', fares, 'Rita Reviewer');
    await monaBoard.card('Rita Reviewer', fares).waitFor(LIVE);
    expect(await monaBoard.card('Unassigned', fares).count()).toBe(0);
    expect(await monaBoard.card('Unassigned', offices).getByRole('checkbox').isChecked()).toBe(
      true,
    );
    await monaPage.getByRole('status').filter({ hasText: '1 claim selected' }).waitFor();
    expect(await focusedCard(monaPage)).toEqual({ quote: trains, lane: 'Unassigned' });

    // The card Mona's keyboard is on goes to Ravi: the focus goes with it, to his lane.
    await maxBoard.assignFromMenu('Unassigned', trains, 'Ravi Reviewer');
    await monaBoard.card('Ravi Reviewer', trains).waitFor(LIVE);
    expect(await focusedCard(monaPage)).toEqual({ quote: trains, lane: 'Ravi Reviewer' });
    await monaPage.keyboard.press('k');
    expect((await focusedCard(monaPage))?.quote).not.toBe(trains);

    // Rita decides: the card moves to "Verdict proposed" in her lane on Mona's board.
    const [faresId = ''] = claimIds;
    await act(rita, faresId, 'start');
    await act(rita, faresId, 'propose', { verdict: 'false', rationale: 'Fares rose 9%.' });
    await monaBoard
      .lane('Rita Reviewer')
      .locator('[data-status="verdict_proposed"]')
      .getByRole('article', { name: `Claim: ${fares}` })
      .waitFor(LIVE);
    expect(await stillSamePage(monaPage)).toBe(true);
    await screenshot(monaPage, 'live-01-board');
    expect(session.problems).toEqual([]);
  });

  test('the documents list shows an adjudicated blind round and a colleague’s import without reload', async () => {
    const { server, newsroom } = session;
    const list = await new DocumentsPage(monaPage).open(server.url, newsroom.workspaceId);
    expect(await list.claimsText(TITLE)).toContain('0 of 3 claims approved');
    await markPage(monaPage);

    // A blind round of two on the third claim, split, decided by Max.
    const [, , officesId = ''] = claimIds;
    await act(max, officesId, 'blind-reviews', { blindReviews: 2 });
    await act(max, officesId, 'assign', { reviewerIds: [rita.id, ravi.id] });
    await act(rita, officesId, 'start');
    await act(rita, officesId, 'propose', { verdict: 'true', rationale: 'Open.' });
    await act(ravi, officesId, 'propose', { verdict: 'false', rationale: 'Closed.' });
    await expect.poll(() => list.claimsText(TITLE), LIVE).toContain('1 adjudication');
    await act(max, officesId, 'adjudicate', { verdict: 'mostly_true', rationale: 'Mostly.' });
    await expect.poll(() => list.claimsText(TITLE), LIVE).toContain('1 of 3 claims approved');
    await screenshot(monaPage, 'live-02-documents-adjudicated');

    // Max imports an article through his own page: it joins Mona's list.
    const maxList = await new DocumentsPage(maxPage).open(server.url, newsroom.workspaceId);
    await maxList.openImport();
    await maxList.fillDetails({ title: 'Bus lanes' });
    await maxList.paste('The mayor said bus lanes doubled in a year.');
    await maxList.importAndOpen();
    await list.rows
      .filter({ has: monaPage.getByRole('link', { name: 'Bus lanes', exact: true }) })
      .waitFor(LIVE);
    expect(await stillSamePage(monaPage)).toBe(true);
    await screenshot(monaPage, 'live-03-documents-imported');
    expect(session.problems).toEqual([]);
  });
});
