// Notifications between two people, live: a reviewer mentions the moderator in a comment with
// the @ autocomplete (keyboard only), and the moderator's bell counts it without a reload;
// the moderator assigns a claim and the reviewer's inbox shows it at once. Opening an item
// leads to the claim and marks it read. Real server and database, Debian's chromium.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBrowserSession } from './fixtures/browserSession.ts';
import type { NewsroomUser } from './fixtures/newsroom.ts';
import { NARROW, screenshot, WIDE } from './pages/browser.ts';
import { ClaimPanel } from './pages/ClaimPanel.ts';
import { DocumentsPage } from './pages/DocumentsPage.ts';
import { NotificationInbox } from './pages/NotificationInbox.ts';

const ARTICLE = [
  '# Rail fares',
  '',
  'The operator said fares rose by only 2% this year.',
  '',
  'Commuters counted a 12% rise on season tickets.',
].join('\n');
const CLAIMED = 'fares rose by only 2% this year';

const session = useBrowserSession();
const { problems } = session;
let moderator: NewsroomUser;
let reviewer: NewsroomUser;
let moderatorPage: Page;
let reviewerPage: Page;
let documentId: string;
let claimId: string;

beforeAll(async () => {
  const { newsroom } = session;
  moderator = await newsroom.member('moderator', 'Mona Moderator');
  reviewer = await newsroom.member('reviewer', 'Rémi Reviewer');
  await newsroom.member('viewer', 'Monique Viewer');
  documentId = await newsroom.importArticle(moderator, 'Rail fares', ARTICLE);
  [claimId = ''] = await newsroom.createClaims(moderator, documentId, [CLAIMED]);
  moderatorPage = await session.pageAs(moderator);
  reviewerPage = await session.pageAs(reviewer);
});

describe('two people, live notifications', () => {
  test('a mention picked with the autocomplete reaches the other person’s inbox without reload', async () => {
    const { server, newsroom } = session;
    // The moderator is somewhere else in the app, with nothing unread.
    await moderatorPage.goto(`${server.url}/w/${newsroom.workspaceId}`);
    const moderatorInbox = new NotificationInbox(moderatorPage);
    await moderatorInbox.waitForUnread(0);

    const panel = await new ClaimPanel(reviewerPage).open(
      server.url,
      newsroom.workspaceId,
      documentId,
      claimId,
    );
    const box = panel.root.getByRole('textbox', { name: 'Add a comment' });
    await box.click();
    await reviewerPage.keyboard.type('Source please, @mo');
    const options = panel.root.getByRole('listbox', { name: 'Members to mention' });
    await options.waitFor();
    // "mo" matches Mona Moderator and Monique Viewer: the arrow moves to the second and back.
    expect(await options.getByRole('option').allTextContents()).toEqual([
      expect.stringContaining('Mona Moderator'),
      expect.stringContaining('Monique Viewer'),
    ]);
    expect(await box.getAttribute('aria-activedescendant')).toBe(
      await options.getByRole('option').first().getAttribute('id'),
    );
    await reviewerPage.keyboard.press('ArrowDown');
    expect(
      await options.getByRole('option', { name: /Monique Viewer/ }).getAttribute('aria-selected'),
    ).toBe('true');
    await box.scrollIntoViewIfNeeded();
    await screenshot(reviewerPage, 'notifications-01-mention-autocomplete', false);
    await reviewerPage.keyboard.press('ArrowUp');
    await reviewerPage.keyboard.press('Enter');
    expect(await box.inputValue()).toBe('Source please, @Mona Moderator ');
    await reviewerPage.keyboard.type('— where is the 2% from?');
    await panel.root.getByRole('button', { name: 'Comment', exact: true }).click();
    // The comment shows the mention as a name.
    await panel.section('Comments').locator('.mention', { hasText: '@Mona Moderator' }).waitFor();

    // The moderator's badge counts it, live.
    await moderatorInbox.waitForUnread(1);
    expect(await moderatorInbox.unread()).toBe(1);
    await moderatorInbox.open();
    const mention = moderatorInbox.item(
      'Unread: Rémi Reviewer mentioned you in a comment on claim “fares rose by only 2% this year”',
    );
    await mention.waitFor();
    await screenshot(moderatorPage, 'notifications-02-inbox', false);
    // Following it opens the claim, and it is read.
    await mention.click();
    await moderatorPage.waitForURL(`**/d/${documentId}?claim=${claimId}`);
    await moderatorInbox.waitForUnread(0);
  });

  test('an assignment arrives live in the assignee’s inbox', async () => {
    const { server, newsroom } = session;
    // The page loaded first: what follows is the bell, not a page still rendering around it.
    await new DocumentsPage(reviewerPage).open(server.url, newsroom.workspaceId);
    const reviewerInbox = new NotificationInbox(reviewerPage);
    await reviewerInbox.waitForUnread(0);
    await newsroom.assign(moderator, claimId, [reviewer]);
    await reviewerInbox.waitForUnread(1);
    // On a phone the bell and its count still fit the top bar.
    await reviewerPage.setViewportSize(NARROW);
    await screenshot(reviewerPage, 'notifications-05-narrow-bell', false);
    await reviewerPage.setViewportSize(WIDE);
    // Keyboard: the bell opens with Enter, "Mark all read" clears the count.
    await reviewerInbox.bell.focus();
    await reviewerPage.keyboard.press('Enter');
    await reviewerInbox.popup.waitFor();
    await reviewerInbox
      .item(/Mona Moderator assigned you claim “fares rose by only 2% this year”/)
      .waitFor();
    // Its subline: the document, a separator, the time.
    expect(await reviewerInbox.popup.locator('.inbox-meta').first().textContent()).toMatch(
      /^Rail fares · (just now|\d+ minutes? ago)$/,
    );
    await reviewerInbox.popup.getByRole('button', { name: 'Mark all read' }).click();
    await reviewerInbox.waitForUnread(0);
    expect(problems).toEqual([]);
  });
});
