// The dashboard's Agreement section: a moderator reads alpha for the workspace, kappa and
// alpha per pair of reviewers, with 95% intervals, and a reading guide opened by keyboard.
// The independent verdicts are written into claim_reviews directly (the blind-review flow that
// fills it has its own tests); the claims and people are real. Real server, Debian's chromium.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBrowserSession } from './fixtures/browserSession.ts';
import type { NewsroomUser } from './fixtures/newsroom.ts';
import { describeFindings, seriousFindings } from './pages/accessibility.ts';
import { screenshot } from './pages/browser.ts';

const WORDS = ['Taxes fell', 'Spending rose', 'Debt doubled', 'Rents eased', 'Wages grew'];
/** Rita's and Sam's verdicts (key, rating) on each claim: four agree, one does not. */
const VERDICTS: [string, number | null, string, number | null][] = [
  ['false', 1, 'false', 1],
  ['true', 5, 'true', 5],
  ['misleading', 2, 'misleading', 2],
  ['mostly_true', 4, 'true', 5],
  ['unverifiable', null, 'unverifiable', null],
];

const session = useBrowserSession();
let page: Page;
let moderator: NewsroomUser;

beforeAll(async () => {
  const { newsroom, server } = session;
  const { owner } = newsroom;
  moderator = await newsroom.member('moderator', 'Mo Moderator');
  const rita = await newsroom.member('reviewer', 'Rita Reviewer');
  const sam = await newsroom.member('reviewer', 'Sam Second');
  const documentId = await newsroom.importArticle(owner, 'Budget', `${WORDS.join('. ')}.`);
  const claimIds = await newsroom.createClaims(owner, documentId, WORDS);
  for (const [index, [ritaKey, ritaRating, samKey, samRating]] of VERDICTS.entries()) {
    const claimId = claimIds[index] as string;
    await server.sql`UPDATE claims SET blind_reviews = 2 WHERE id = ${claimId}`;
    await server.sql`
      INSERT INTO claim_reviews (claim_id, workspace_id, round, reviewer_id, verdict, rating)
      VALUES (${claimId}, ${newsroom.workspaceId}, 1, ${rita.id}, ${ritaKey}, ${ritaRating}),
             (${claimId}, ${newsroom.workspaceId}, 1, ${sam.id}, ${samKey}, ${samRating})`;
  }
  page = await session.pageAs(moderator);
});

describe('agreement on the dashboard', () => {
  test('shows alpha and kappa with their intervals and claim counts, and a reading guide', async () => {
    await page.goto(`${session.server.url}/w/${session.newsroom.workspaceId}/dashboard`);
    const section = page.getByRole('region', { name: 'Agreement' });
    await section.getByRole('table', { name: 'By pair of reviewers' }).waitFor();
    // Nominal over 5 claims, 4 agreeing: α = 1 − (2/10) / (78/90) = 0.77.
    await section
      .getByText(/^α 0\.77 \(−?\d\.\d\d–\d\.\d\d\), 5 claims$/)
      .first()
      .waitFor();
    // Ordinal leaves "unverifiable" out: 4 claims.
    await section
      .getByText(/^α \d\.\d\d \(−?\d\.\d\d–\d\.\d\d\), 4 claims$/)
      .first()
      .waitFor();
    const pair = section.getByRole('row', { name: /Rita Reviewer & Sam Second/ });
    expect(await pair.getByRole('cell').first().textContent()).toMatch(
      /^κ 0\.\d\d \(−?\d\.\d\d–\d\.\d\d\), 5 claims$/,
    );

    // The guide opens from the keyboard.
    const guide = section.getByText('How to read these figures');
    await guide.focus();
    await page.keyboard.press('Enter');
    await section.getByText(/no more agreement than chance/).waitFor();
    await section.getByText(/Hayes & Krippendorff 2007/).waitFor();

    expect(describeFindings(await seriousFindings(page))).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-agreement');
    expect(session.problems).toEqual([]);
  });
});
