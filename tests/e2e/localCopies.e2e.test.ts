// This browser's copies of documents and the changes the server refuses, as a reviewer and a
// moderator live them: edits typed offline survive a reload and arrive when the socket is
// back; a copy of a document the person may no longer edit is dropped unsent and its text is
// offered for copying; nothing is kept for read-only access or after logout; text typed
// while the text was locked is not kept when it is unlocked (close 4409). Real server, real
// database, Debian's chromium.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../apps/server/src/testing/testServer.ts';
import { Newsroom, type NewsroomUser } from './fixtures/newsroom.ts';
import { launchBrowser, screenshot, WIDE, watchForBreakage } from './pages/browser.ts';
import { localCopyName, localCopyNames, storedArticleText } from './pages/LocalCopies.ts';
import { ReviewPage } from './pages/ReviewPage.ts';

const webDist = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

const ARTICLE = [
  '# Council says rents fell',
  '',
  'The council said rents fell by 12 percent last year.',
  '',
  'Critics say the survey left out new contracts.',
].join('\n');

let server: TestServer;
let browser: Browser;
let newsroom: Newsroom;
let moderator: NewsroomUser;
let reviewer: NewsroomUser;
let viewer: NewsroomUser;
let moderatorContext: BrowserContext;
let reviewerContext: BrowserContext;
let moderatorPage: Page;
const problems: string[] = [];
/** While true, the reviewer's document sockets are refused as if the server were unreachable. */
let socketsBlocked = false;

beforeAll(async () => {
  if (!existsSync(`${webDist}index.html`)) {
    throw new Error('apps/web/dist is missing: run "pnpm --filter @factdesk/web build" first.');
  }
  server = await startTestServer({ webDist });
  newsroom = await Newsroom.open(server.url);
  moderator = await newsroom.member('moderator', 'Mona Moderator');
  reviewer = await newsroom.member('reviewer', 'Rita Reviewer');
  viewer = await newsroom.member('viewer', 'Vic Viewer');
  browser = await launchBrowser();
  moderatorContext = await newsroom.contextFor(browser, moderator, WIDE);
  reviewerContext = await newsroom.contextFor(browser, reviewer, WIDE);
  await reviewerContext.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: server.url,
  });
  // The page loads over HTTP while its document socket cannot connect: a reload before the
  // socket reconnects, which a reload while offline cannot show (the page itself would fail).
  await reviewerContext.routeWebSocket(/\/collab\//, (socket) => {
    if (socketsBlocked) socket.close({ code: 1001, reason: 'blocked by the test' });
    else socket.connectToServer();
  });
  moderatorPage = watchForBreakage(await moderatorContext.newPage(), problems);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** An imported article (imports start locked), unlocked for draft editing unless `locked`. */
async function article(title: string, locked = false): Promise<string> {
  const { id } = await newsroom.call<{ id: string }>(
    moderator,
    'POST',
    `/api/workspaces/${newsroom.workspaceId}/documents`,
    { format: 'md', content: ARTICLE, title },
  );
  if (!locked) await setLocked(id, false);
  return id;
}

async function setLocked(documentId: string, locked: boolean): Promise<void> {
  await newsroom.call(
    moderator,
    'POST',
    `/api/documents/${documentId}/${locked ? 'lock' : 'unlock'}`,
  );
}

async function reviewerTab(): Promise<Page> {
  const page = watchForBreakage(await reviewerContext.newPage(), problems);
  // Leaving with unsaved edits asks first; here the person confirms.
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

/** Waits until this browser's stored copy of the document holds `text`. */
async function waitStored(page: Page, documentId: string, text: string): Promise<void> {
  const name = localCopyName(reviewer.id, documentId);
  await expect.poll(() => storedArticleText(page, name), { timeout: 10_000 }).toContain(text);
}

describe("a reviewer's copy of a document in this browser", () => {
  test('edits typed offline survive a reload and reach the moderator when the socket is back', async () => {
    const documentId = await article('Rents: offline reload');
    const page = await reviewerTab();
    const mine = await new ReviewPage(page).open(server.url, newsroom.workspaceId, documentId);
    const theirs = await new ReviewPage(moderatorPage).open(
      server.url,
      newsroom.workspaceId,
      documentId,
    );

    await reviewerContext.setOffline(true);
    await page.locator('.connection-badge[data-status="offline"]').waitFor();
    await mine.typeAtEndOf('Critics say', ' Typed offline, then reloaded.');
    await waitStored(page, documentId, 'Typed offline, then reloaded.');

    // Back online, but the socket cannot connect yet: the reload shows the text from IndexedDB.
    socketsBlocked = true;
    await reviewerContext.setOffline(false);
    await page.reload();
    await mine.article.waitFor();
    await expect.poll(() => mine.text()).toContain('Typed offline, then reloaded.');
    expect(await page.locator('.connection-badge').getAttribute('data-status')).not.toBe(
      'connected',
    );
    expect(await theirs.text()).not.toContain('Typed offline, then reloaded.');
    await screenshot(page, 'local-copies-01-reloaded-before-reconnect', false);

    socketsBlocked = false;
    await mine.waitLive();
    await expect
      .poll(() => theirs.text(), { timeout: 15_000 })
      .toContain('Typed offline, then reloaded.');
    await page.getByText('Live · saved').waitFor();
    expect(await mine.text()).toEqual(await theirs.text());
    await page.close();
  });

  test('a tab closed offline hands its edits to the next visit', async () => {
    const documentId = await article('Rents: closed tab');
    const first = await reviewerTab();
    const mine = await new ReviewPage(first).open(server.url, newsroom.workspaceId, documentId);
    await reviewerContext.setOffline(true);
    await first.locator('.connection-badge[data-status="offline"]').waitFor();
    await mine.typeAtEndOf('The council said', ' Typed before the tab closed.');
    await waitStored(first, documentId, 'Typed before the tab closed.');
    await first.close();

    await reviewerContext.setOffline(false);
    const next = await reviewerTab();
    const again = await new ReviewPage(next).open(server.url, newsroom.workspaceId, documentId);
    await expect.poll(() => again.text()).toContain('Typed before the tab closed.');
    const theirs = await new ReviewPage(moderatorPage).open(
      server.url,
      newsroom.workspaceId,
      documentId,
    );
    await expect.poll(() => theirs.text()).toContain('Typed before the tab closed.');
    await next.close();
  });

  test('a copy of text locked meanwhile is dropped unsent, and its text is offered to copy', async () => {
    const documentId = await article('Rents: locked while away');
    const first = await reviewerTab();
    const mine = await new ReviewPage(first).open(server.url, newsroom.workspaceId, documentId);
    await reviewerContext.setOffline(true);
    await first.locator('.connection-badge[data-status="offline"]').waitFor();
    await mine.typeAtEndOf('Critics say', ' Never sent.');
    await waitStored(first, documentId, 'Never sent.');
    await first.close();
    await setLocked(documentId, true);

    await reviewerContext.setOffline(false);
    const next = await reviewerTab();
    const again = await new ReviewPage(next).open(server.url, newsroom.workspaceId, documentId);
    const dialog = again.unkeptDialog;
    await dialog.waitFor();
    await expect
      .poll(() => dialog.getByRole('textbox', { name: 'The text that was not kept' }).inputValue())
      .toBe('Never sent.');
    await dialog.getByText('you can no longer edit this document').waitFor();
    await screenshot(next, 'local-copies-02-dropped-copy-dialog', false);

    // With the keyboard: the Copy button, then Close.
    await next.keyboard.press('Tab');
    await expect
      .poll(() => next.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Copy the text that was not kept');
    await next.keyboard.press('Enter');
    await dialog
      .getByRole('button', { name: 'Copy the text that was not kept' })
      .getByText('Copied')
      .waitFor();
    expect(await next.evaluate(() => navigator.clipboard.readText())).toBe('Never sent.');
    await next.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    expect(await again.text()).not.toContain('Never sent.');
    expect(await localCopyNames(next)).not.toContain(localCopyName(reviewer.id, documentId));
    const theirs = await new ReviewPage(moderatorPage).open(
      server.url,
      newsroom.workspaceId,
      documentId,
    );
    expect(await theirs.text()).not.toContain('Never sent.');
    await next.close();
  });

  test('a copy deleted by another tab stops being written here, and typing goes on', async () => {
    const documentId = await article('Rents: two tabs');
    const name = localCopyName(reviewer.id, documentId);
    const [one, two] = [await reviewerTab(), await reviewerTab()];
    const first = await new ReviewPage(one).open(server.url, newsroom.workspaceId, documentId);
    await new ReviewPage(two).open(server.url, newsroom.workspaceId, documentId);
    await expect.poll(() => localCopyNames(two)).toContain(name);
    // As a refusal, a lock or a logout in the other tab would.
    await two.evaluate(
      (database) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase(database);
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error);
        }),
      name,
    );
    const before = problems.length;
    await first.typeAtEndOf('The council said', ' Typed after the other tab deleted it.');
    const theirs = await new ReviewPage(moderatorPage).open(
      server.url,
      newsroom.workspaceId,
      documentId,
    );
    await expect.poll(() => theirs.text()).toContain('Typed after the other tab deleted it.');
    expect(problems.slice(before)).toEqual([]);
    await one.close();
    await two.close();
  });
});

// The server closes a connection holding refused changes with 4409 when it regains write access.
describe('text typed while the text was locked', () => {
  test('is not kept when the text is unlocked: the reviewer is told and offered it', async () => {
    const context = await newsroom.contextFor(browser, reviewer, WIDE);
    const documentId = await article('Rents: locked while typing');
    const page = watchForBreakage(await context.newPage(), problems);
    const mine = await new ReviewPage(page).open(server.url, newsroom.workspaceId, documentId);
    const theirs = await new ReviewPage(moderatorPage).open(
      server.url,
      newsroom.workspaceId,
      documentId,
    );

    // Offline, the page cannot learn of the lock: she types, and the server drops it on return.
    await context.setOffline(true);
    await page.locator('.connection-badge[data-status="offline"]').waitFor();
    await mine.typeAtEndOf('Critics say', ' Typed while locked.');
    await setLocked(documentId, true);
    await context.setOffline(false);
    await page.getByText('Source text locked').waitFor();
    await page.getByText('Live · read-only: your recent changes are not saved').waitFor();
    expect(await theirs.text()).not.toContain('Typed while locked.');

    await setLocked(documentId, false);
    const dialog = mine.unkeptDialog;
    await dialog.waitFor();
    await dialog.getByText('while you could not edit this document').waitFor();
    expect(
      await dialog.getByRole('textbox', { name: 'The text that was not kept' }).inputValue(),
    ).toBe('Typed while locked.');
    await screenshot(page, 'local-copies-03-refused-dialog', false);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The page runs on a fresh copy of the server's text, writable again, without it — and
    // the copy this browser keeps again holds the server's text, not the refused one.
    await page.getByText('Draft editing on').waitFor();
    await mine.waitLive();
    expect(await mine.text()).not.toContain('Typed while locked.');
    const stored = localCopyName(reviewer.id, documentId);
    await expect.poll(() => storedArticleText(page, stored)).toContain('Critics say');
    expect(await storedArticleText(page, stored)).not.toContain('Typed while locked.');
    await mine.typeAtEndOf('The council said', ' Typed after the unlock.');
    await expect.poll(() => theirs.text()).toContain('Typed after the unlock.');
    expect(await theirs.text()).not.toContain('Typed while locked.');
    expect(await mine.text()).toEqual(await theirs.text());
    await context.close();
  });
});

describe('who keeps a copy', () => {
  test('a viewer keeps no copy, and logging out deletes every copy', async () => {
    const documentId = await article('Rents: who keeps a copy');
    const viewerContext = await newsroom.contextFor(browser, viewer, WIDE);
    const viewerPage = watchForBreakage(await viewerContext.newPage(), problems);
    await new ReviewPage(viewerPage).open(server.url, newsroom.workspaceId, documentId);
    const lockedId = await article('Rents: locked for the reviewer', true);

    const page = await reviewerTab();
    await new ReviewPage(page).open(server.url, newsroom.workspaceId, documentId);
    await expect.poll(() => localCopyNames(page)).toContain(localCopyName(reviewer.id, documentId));
    await new ReviewPage(page).open(server.url, newsroom.workspaceId, lockedId);
    await page.getByText('Source text locked').waitFor();
    expect(await localCopyNames(page)).not.toContain(localCopyName(reviewer.id, lockedId));
    expect(await localCopyNames(viewerPage)).toEqual([]);
    await viewerContext.close();

    await page.getByRole('button', { name: /Account:/ }).click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await expect.poll(() => localCopyNames(page)).toEqual([]);
    await page.close();
  });
});

describe('afterwards', () => {
  test('nothing broke in any browser', () => {
    expect(problems).toEqual([]);
  });
});
