// Getting back into an account without e-mail: the owner issues a one-time reset link from
// Members, the member opens it in their own browser, sets a new password and is signed in;
// the old password and the old sessions no longer work, and the link works only once.
// Real server, real database, Debian's chromium.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../apps/server/src/testing/testServer.ts';
import { Newsroom, type NewsroomUser } from './fixtures/newsroom.ts';
import { launchBrowser, screenshot, WIDE, watchForBreakage } from './pages/browser.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { MembersPage } from './pages/MembersPage.ts';
import { ResetPasswordPage } from './pages/ResetPasswordPage.ts';
import { WorkspacePage } from './pages/WorkspacePage.ts';

const webDist = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));
const NEW_PASSWORD = 'a fresh start for Rita';

let server: TestServer;
let browser: Browser;
let newsroom: Newsroom;
let reviewer: NewsroomUser;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(`${webDist}index.html`)) {
    throw new Error('apps/web/dist is missing: run "pnpm --filter @factdesk/web build" first.');
  }
  server = await startTestServer({ webDist });
  browser = await launchBrowser();
  newsroom = await Newsroom.open(server.url);
  reviewer = await newsroom.member('reviewer', 'Rita Reviewer');
  await newsroom.member('owner', 'Omar Owner');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The session cookie's user, or the status the server answered. */
async function whoIs(session: string): Promise<string | number> {
  const response = await fetch(`${server.url}/api/me`, {
    headers: { cookie: `factdesk_session=${session}` },
  });
  if (!response.ok) return response.status;
  return ((await response.json()) as { user: { email: string } }).user.email;
}

describe('account recovery with a reset link', () => {
  let link: string;

  test('the owner issues a reset link from Members and sees it once, with a copy button', async () => {
    const context = await newsroom.contextFor(browser, newsroom.owner, WIDE);
    const page = watchForBreakage(await context.newPage(), problems);
    const members = await new MembersPage(page).open(server.url, newsroom.workspaceId);
    await members.memberRow('Rita Reviewer');
    // Offered for the reviewer only: not for the owner themselves, nor for another owner.
    expect(await members.resetLinkButtons.count()).toBe(1);

    link = await members.issueResetLink('Rita Reviewer');
    expect(link).toMatch(new RegExp(`^${server.url}/reset/fdr_[A-Za-z0-9_-]{43}$`));
    await page.getByRole('button', { name: 'Copy reset link for rita reviewer' }).waitFor();
    await page.getByText('it is shown only once').waitFor();
    await screenshot(page, 'recovery-01-members-reset-link');
    await context.close();
  });

  test('the member sets a new password with it in their own browser and lands signed in', async () => {
    const context = await browser.newContext({ viewport: WIDE });
    const page: Page = watchForBreakage(await context.newPage(), problems);
    const reset = await new ResetPasswordPage(page).open(link);
    expect(await reset.intro()).toContain(reviewer.email);
    await screenshot(page, 'recovery-02-reset-page');

    await reset.setPassword(NEW_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    const workspace = new WorkspacePage(page);
    expect(workspace.workspaceId()).toBe(newsroom.workspaceId);
    expect(await workspace.roleLine()).toContain('Reviewer');
    await context.close();
  });

  test('the old password and the old session no longer work; the new password does', async () => {
    expect(await whoIs(reviewer.session)).toBe(401);

    const context = await browser.newContext({ viewport: WIDE });
    const page = watchForBreakage(await context.newPage(), problems);
    const login = await new LoginPage(page).open(server.url);
    await login.logIn(reviewer.email, reviewer.password);
    expect(await login.alertText()).toContain('Email or password is incorrect.');
    await page.getByText('Forgot your password? Ask an owner of your workspace').waitFor();

    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    await context.close();
  });

  test('the link works only once: opened again, it says so', async () => {
    const context = await browser.newContext({ viewport: WIDE });
    const page = watchForBreakage(await context.newPage(), problems);
    await page.goto(link);
    const { alert } = await new ResetPasswordPage(page).refusal();
    expect(alert).toContain('This reset link was already used.');
    await page.getByRole('link', { name: 'Log in' }).waitFor();
    await screenshot(page, 'recovery-03-used-link');
    await context.close();
    expect(problems).toEqual([]);
  });
});
