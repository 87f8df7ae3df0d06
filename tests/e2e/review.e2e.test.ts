// The review workspace as a moderator and a reviewer use it together, each in their own
// browser: the text, highlights, carets and claims appear live on both sides, edits made
// offline converge, overlapping and orphaned claims stay visible. Real server, real
// database, Debian's chromium.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../apps/server/src/testing/testServer.ts';
import { Newsroom, type NewsroomUser } from './fixtures/newsroom.ts';
import { launchBrowser, NARROW, screenshot, WIDE, watchForBreakage } from './pages/browser.ts';
import { ClaimPanel } from './pages/ClaimPanel.ts';
import { ReviewPage } from './pages/ReviewPage.ts';

const webDist = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

const ARTICLE = [
  '# Mayor says crime fell to a record low',
  '',
  'The mayor said crime fell by **40 percent** last year, the largest drop in the country.',
  '',
  'Unemployment is at a record low, he added. Critics say the figures are *misleading*.',
  '',
  '> "We have never been safer" — @mayor, on social media',
  '',
  'Le maire a déclaré : « Ça coûte 3 € par habitant ». البطالة انخفضت بنسبة ٤٠٪',
].join('\n');

const CLAIMED = 'crime fell by 40 percent last year';

let server: TestServer;
let browser: Browser;
let newsroom: Newsroom;
let moderator: NewsroomUser;
let reviewer: NewsroomUser;
let moderatorContext: BrowserContext;
let reviewerContext: BrowserContext;
let moderatorPage: Page;
let reviewerPage: Page;
let documentId: string;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(`${webDist}index.html`)) {
    throw new Error('apps/web/dist is missing: run "pnpm --filter @factdesk/web build" first.');
  }
  server = await startTestServer({ webDist });
  newsroom = await Newsroom.open(server.url);
  moderator = await newsroom.member('moderator', 'Mona Moderator');
  reviewer = await newsroom.member('reviewer', 'Rita Reviewer');
  browser = await launchBrowser();
  moderatorContext = await newsroom.contextFor(browser, moderator, WIDE);
  reviewerContext = await newsroom.contextFor(browser, reviewer, WIDE);
  moderatorPage = watchForBreakage(await moderatorContext.newPage(), problems);
  reviewerPage = watchForBreakage(await reviewerContext.newPage(), problems);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a moderator and a reviewer review one article together', () => {
  test('both open the imported article and see each other in it', async () => {
    const created = await newsroom.call<{ id: string }>(
      moderator,
      'POST',
      `/api/workspaces/${newsroom.workspaceId}/documents`,
      { format: 'md', content: ARTICLE, title: 'Mayor: crime fell 40%', outlet: 'Daily Bugle' },
    );
    documentId = created.id;
    const moderatorView = await new ReviewPage(moderatorPage).open(
      server.url,
      newsroom.workspaceId,
      documentId,
    );
    const reviewerView = await new ReviewPage(reviewerPage).open(
      server.url,
      newsroom.workspaceId,
      documentId,
    );

    expect(await reviewerView.lockBadge.textContent()).toContain('Source text locked');
    await expect.poll(() => moderatorView.presentNames()).toContain('Rita Reviewer');
    await expect.poll(() => reviewerView.presentNames()).toContain('Mona Moderator');
    // Each person has their own colour, the same in both browsers.
    for (const view of [moderatorView, reviewerView]) {
      await expect.poll(() => view.presenceColours()).toHaveLength(2);
    }
    const colours = await moderatorView.presenceColours();
    expect(new Set(colours).size).toBe(2);
    expect(await reviewerView.presenceColours()).toEqual(colours);
    expect(await reviewerView.paragraphs()).toContain(
      'The mayor said crime fell by 40 percent last year, the largest drop in the country.',
    );
  });

  test('the reviewer makes a sentence a claim and the moderator sees it at once', async () => {
    const reviewerView = new ReviewPage(reviewerPage);
    const moderatorView = new ReviewPage(moderatorPage);
    await reviewerView.createClaim(CLAIMED);
    await reviewerView.waitForHighlight(CLAIMED);
    await moderatorView.waitForHighlight(CLAIMED);
    await moderatorView.panel.getByText(CLAIMED).first().waitFor();
    await screenshot(reviewerPage, 'review-01-claim-created', false);
  });

  test('the moderator assigns it; the reviewer gives a verdict with two links; the moderator approves', async () => {
    const moderatorPanel = new ClaimPanel(moderatorPage);
    const reviewerPanel = new ClaimPanel(reviewerPage);
    await moderatorPanel.openClaim(CLAIMED);
    await moderatorPanel.button('Assign reviewers').click();
    const assign = moderatorPage.getByRole('form', { name: 'Assign reviewers' });
    await assign.getByRole('checkbox', { name: /Rita Reviewer/ }).check();
    await assign.getByLabel(/Due date/).fill('2026-12-31');
    await assign.getByRole('button', { name: 'Assign', exact: true }).click();

    // The reviewer's panel still shows the claim she made: it changes under her, live.
    await reviewerPanel.section('Assignment').getByText('Rita Reviewer').waitFor();
    await reviewerPanel.button('Start review').click();
    await reviewerPanel.pickVerdict('False');
    await reviewerPanel.rationale.fill(
      'Police figures show a **12 percent** drop, not 40. See the [annual report](https://police.example.gov/report).',
    );
    await reviewerPanel.button('Propose verdict').click();
    await moderatorPanel.root.getByText('Verdict proposed').first().waitFor();

    for (const evidence of [
      {
        url: 'https://police.example.gov/crime-2025.csv',
        title: 'Recorded crime 2025',
        publisher: 'City police',
        kind: 'official_data',
        stance: 'refutes',
      },
      {
        url: 'https://www.bugle.example/2026/mayor-interview',
        title: 'Interview with the mayor',
        kind: 'news_report',
        stance: 'context',
      },
    ]) {
      const form = await reviewerPanel.fillEvidence(evidence);
      await form.getByRole('button', { name: 'Add link' }).click();
      await reviewerPanel.evidenceItems.filter({ hasText: evidence.title }).waitFor();
    }
    // Evidence arrives live on the moderator's side too.
    await moderatorPanel.evidenceItems.filter({ hasText: 'Interview with the mayor' }).waitFor();
    expect(await moderatorPanel.evidenceItems.count()).toBe(2);
    await screenshot(moderatorPage, 'review-02-moderator-before-approval', false);

    await moderatorPanel.button('Approve verdict').click();
    await moderatorPanel.button('Reopen claim').waitFor();
    // Both see the final state without reloading: approved, False, solid red highlight.
    for (const page of [moderatorPage, reviewerPage]) {
      const panel = new ClaimPanel(page);
      await panel.root.getByText('Approved by Mona Moderator').waitFor();
      await page.locator('.article-text .claim-highlight.tone-1.claim-resolved').first().waitFor();
    }
    expect(await reviewerPanel.button('Propose verdict').count()).toBe(0);
    await screenshot(reviewerPage, 'review-03-approved', false);
    await reviewerPanel.back();
    await moderatorPanel.back();
  });

  test('with the keyboard alone, a claim inside another is made and taken into review', async () => {
    const reviewerView = new ReviewPage(reviewerPage);
    await reviewerView.createClaimWithKeyboard('40 percent');
    const panel = new ClaimPanel(reviewerPage);
    await panel.root.getByRole('heading', { level: 2, name: 'Claim' }).waitFor();
    expect(await reviewerView.tabTo('Start review')).toBe(true);
    await reviewerPage.keyboard.press('Enter');
    await panel.root.getByText('In review').first().waitFor();
    await panel.back();
    const moderatorView = new ReviewPage(moderatorPage);
    await moderatorView.waitForHighlight('40 percent');
    expect(await moderatorView.highlightedTexts()).toEqual([CLAIMED, '40 percent']);
    // Nested: the inner claim's own element sits inside the outer claim's.
    expect(
      await moderatorView.article.locator('.claim-highlight .claim-highlight').textContent(),
    ).toBe('40 percent');
  });

  test('the locked text refuses typing; unlocked, both edit and see each other live', async () => {
    const reviewerView = new ReviewPage(reviewerPage);
    const moderatorView = new ReviewPage(moderatorPage);
    await reviewerView.typeAtEndOf('Unemployment', ' LOCKED');
    expect((await reviewerView.paragraphs()).join('\n')).not.toContain('LOCKED');

    await moderatorPage.getByRole('button', { name: 'Unlock for editing' }).click();
    await reviewerPage.getByText('Draft editing on').waitFor();
    await reviewerView.typeAtEndOf('Unemployment', ' Reviewer typed this.');
    await expect
      .poll(async () => (await moderatorView.paragraphs()).join('\n'))
      .toContain('Reviewer typed this.');
  });

  test('edits made offline are kept and converge when the network returns', async () => {
    const reviewerView = new ReviewPage(reviewerPage);
    const moderatorView = new ReviewPage(moderatorPage);
    await reviewerContext.setOffline(true);
    await reviewerPage.locator('.connection-badge[data-status="offline"]').waitFor();
    await reviewerView.typeAtEndOf('Critics say', ' Offline sentence.');
    await moderatorView.typeAtEndOf('Le maire', ' Online sentence.');
    await reviewerPage.getByText('Offline — your edits are kept and will sync').waitFor();
    await screenshot(reviewerPage, 'review-05-offline', false);

    await reviewerContext.setOffline(false);
    await reviewerView.waitLive();
    await expect
      .poll(async () => (await reviewerView.paragraphs()).join('\n'))
      .toContain('Online sentence.');
    await expect
      .poll(async () => (await moderatorView.paragraphs()).join('\n'))
      .toContain('Offline sentence.');
    expect(await reviewerView.paragraphs()).toEqual(await moderatorView.paragraphs());
  });

  test('a claim whose text is deleted is listed as orphaned with its original quote', async () => {
    const reviewerView = new ReviewPage(reviewerPage);
    const moderatorView = new ReviewPage(moderatorPage);
    await reviewerView.createClaim('he added');
    await moderatorView.waitForHighlight('he added');
    await moderatorView.select(', he added');
    await moderatorPage.keyboard.press('Backspace');
    await expect.poll(() => moderatorView.highlightedTexts()).not.toContain('he added');
    // The reviewer still has the claim open: it turns orphaned there, its quote kept.
    const panel = new ClaimPanel(reviewerPage);
    await panel.button('Re-anchor to selection').waitFor();
    await panel.root.locator('.quote-exact').filter({ hasText: 'he added' }).waitFor();
    await screenshot(reviewerPage, 'review-06-orphaned', false);
    await panel.back();
    await panel.quickFilter('Orphaned').filter({ hasText: '1' }).waitFor();
    await panel.quickFilter('Orphaned').click();
    await panel.item('he added').filter({ hasText: 'Orphaned' }).waitFor();
    expect(await panel.items.count()).toBe(1);
  });

  test('on a phone the claims open as a drawer over the text', async () => {
    const phoneContext = await newsroom.contextFor(browser, reviewer, NARROW);
    const phone = watchForBreakage(await phoneContext.newPage(), problems);
    const view = await new ReviewPage(phone).open(server.url, newsroom.workspaceId, documentId);
    await view.waitForHighlight(CLAIMED);
    await screenshot(phone, 'review-07-phone-text', false);
    await phone.getByRole('button', { name: /^Claims \(/ }).click();
    await view.panel.getByText(CLAIMED).first().waitFor();
    await screenshot(phone, 'review-08-phone-drawer', false);
    await phoneContext.close();
  });

  test('the workspace at rest: verdict colours, an open claim, an orphan', async () => {
    await moderatorPage.evaluate(() => window.scrollTo(0, 0));
    const panel = new ClaimPanel(moderatorPage);
    await panel.items.first().waitFor();
    await screenshot(moderatorPage, 'review-00-workspace', false);

    // A click on nested highlights opens the innermost claim; the address names it.
    await moderatorPage
      .locator('.article-text .claim-highlight .claim-highlight')
      .filter({ hasText: '40 percent' })
      .click();
    await panel.root
      .locator('.quote-exact')
      .filter({ hasText: /^40 percent$/ })
      .waitFor();
    expect(new URL(moderatorPage.url()).searchParams.get('claim')).toMatch(/^[0-9a-f-]{36}$/);
    await panel.back();
  });

  test('nothing broke in either browser', () => {
    expect(problems).toEqual([]);
  });
});
