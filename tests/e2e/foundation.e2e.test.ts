// The foundation as a newsroom team meets it in a browser: the first account sets up the
// first workspace, its owner invites a reviewer, the reviewer joins through the link, and
// each of them sees what their role allows. Real server, real database, Debian's chromium.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../apps/server/src/testing/testServer.ts';
import { launchBrowser, NARROW, screenshot, WIDE, watchForBreakage } from './pages/browser.ts';
import { InvitePage } from './pages/InvitePage.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { MembersPage } from './pages/MembersPage.ts';
import { SignupPage } from './pages/SignupPage.ts';
import { TokensPage } from './pages/TokensPage.ts';
import { WorkspacePage } from './pages/WorkspacePage.ts';

const webDist = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

const owner = {
  email: 'olive.owner@example.com',
  displayName: 'Olive Owner',
  password: 'correct horse battery',
  workspaceName: 'Politics desk',
};
const reviewer = {
  email: 'rita.reviewer@example.com',
  displayName: 'Rita Reviewer',
  password: 'staple battery horse',
};

let server: TestServer;
let browser: Browser;
let ownerContext: BrowserContext;
let reviewerContext: BrowserContext;
let ownerPage: Page;
let reviewerPage: Page;
let workspaceId: string;
let inviteLink: string;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(`${webDist}index.html`)) {
    throw new Error('apps/web/dist is missing: run "pnpm --filter @factdesk/web build" first.');
  }
  server = await startTestServer({ webDist });
  browser = await launchBrowser();
  ownerContext = await browser.newContext({ viewport: WIDE });
  reviewerContext = await browser.newContext({ viewport: WIDE });
  ownerPage = watchForBreakage(await ownerContext.newPage(), problems);
  reviewerPage = watchForBreakage(await reviewerContext.newPage(), problems);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a newsroom team sets up Factdesk in the browser', () => {
  test('the first account names the first workspace and becomes its owner', async () => {
    const signup = await new SignupPage(ownerPage).open(server.url);
    await signup.fill(owner);
    await screenshot(ownerPage, '01-signup');
    await signup.submit();

    const workspace = new WorkspacePage(ownerPage);
    expect(await workspace.title()).toBe('Documents');
    await ownerPage.getByRole('button', { name: 'Workspace: Politics desk' }).waitFor();
    expect(await workspace.roleLine()).toContain('Owner');
    await ownerPage.getByRole('heading', { name: 'No documents yet' }).waitFor();
    await ownerPage.getByRole('link', { name: 'Invite your team' }).waitFor();
    workspaceId = workspace.workspaceId();
    await screenshot(ownerPage, '02-workspace-home-owner');
  });

  test('the owner creates a one-use reviewer invite link from Members', async () => {
    await new WorkspacePage(ownerPage).openMembers();
    const members = new MembersPage(ownerPage);
    await members.memberRow(owner.displayName);
    expect(await members.roleSelect(owner.displayName).inputValue()).toBe('owner');
    expect(await members.removeButtons.count()).toBe(1);

    inviteLink = await members.createInvite({ role: 'reviewer' });
    expect(inviteLink).toMatch(new RegExp(`^${server.url}/invite/\\S+$`));
    const rows = await members.inviteRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Reviewer');
    expect(rows[0]).toContain('Active');
    expect(rows[0]).toContain('0 of 1');
    await screenshot(ownerPage, '03-members-owner-invite');
  });

  test('the invited reviewer signs up through the link and lands in the workspace', async () => {
    const invite = await new InvitePage(reviewerPage).open(inviteLink);
    const summary = await invite.summary();
    expect(summary).toContain('Politics desk');
    expect(summary).toContain('Reviewer');
    await screenshot(reviewerPage, '04-invite');

    await invite.signUpToJoin();
    const signup = new SignupPage(reviewerPage);
    expect(await signup.workspaceName.count()).toBe(0);
    await signup.fill(reviewer);
    await signup.submit();

    const workspace = new WorkspacePage(reviewerPage);
    expect(workspace.workspaceId()).toBe(workspaceId);
    expect(await workspace.title()).toBe('Documents');
    await reviewerPage.getByRole('button', { name: 'Workspace: Politics desk' }).waitFor();
    expect(await workspace.roleLine()).toContain('Reviewer');
  });

  test('a reviewer sees the members read-only: no role selects, no remove, no invites', async () => {
    const workspace = new WorkspacePage(reviewerPage);
    await workspace.openMembers();
    const members = new MembersPage(reviewerPage);
    // Both rows shown means the page has loaded what it is going to show.
    await members.memberRow(owner.displayName);
    const self = await members.memberRow(reviewer.displayName);
    expect(await self.textContent()).toContain('Reviewer');

    expect(await members.roleSelects.count()).toBe(0);
    expect(await members.removeButtons.count()).toBe(0);
    expect(await members.invitesHeading.count()).toBe(0);
    expect(await reviewerPage.getByRole('form', { name: 'New invite link' }).count()).toBe(0);
    expect(await workspace.navigation.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await screenshot(reviewerPage, '05-members-reviewer');
  });

  test('the owner’s members page shows the new member as a reviewer', async () => {
    const members = await new MembersPage(ownerPage).open(server.url, workspaceId);
    await members.memberRow(reviewer.displayName);
    expect(await members.roleSelect(reviewer.displayName).inputValue()).toBe('reviewer');
    const rows = await members.inviteRows();
    expect(rows[0]).toContain('Used up');
    expect(rows[0]).toContain('1 of 1');
    await screenshot(ownerPage, '06-members-owner');
  });

  test('on a phone the navigation folds behind the menu button', async () => {
    const phone = watchForBreakage(await ownerContext.newPage(), problems);
    await phone.setViewportSize(NARROW);
    const members = await new MembersPage(phone).open(server.url, workspaceId);
    await members.memberRow(reviewer.displayName);
    const workspace = new WorkspacePage(phone);
    expect(await workspace.navigation.isVisible()).toBe(false);
    await screenshot(phone, '07-narrow-members-owner');

    await workspace.menuButton.click();
    expect(await workspace.menuButton.getAttribute('aria-expanded')).toBe('true');
    await workspace.navigation.getByRole('link', { name: 'Members' }).waitFor();
    await screenshot(phone, '08-narrow-navigation-open', false);
    await workspace.navigation.getByRole('link', { name: 'Documents' }).click();
    await phone.getByRole('heading', { name: 'No documents yet' }).waitFor();
    // The menu closes once you have picked a page (after its slide-out transition).
    await workspace.navigation.waitFor({ state: 'hidden', timeout: 2000 });
    await phone.close();
  });

  test('an API token is shown once, works as a bearer token and stops working when revoked', async () => {
    const tokens = await new TokensPage(ownerPage).open(server.url);
    const secret = await tokens.create('CMS integration');
    const me = () =>
      fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await me()).status).toBe(200);

    await ownerPage.reload();
    await tokens.row('CMS integration').waitFor();
    expect(await ownerPage.getByText(secret).count()).toBe(0);
    expect(await ownerPage.getByRole('textbox', { name: 'New API token' }).count()).toBe(0);

    await tokens.revoke('CMS integration');
    expect((await me()).status).toBe(401);
  });

  test('a wrong password is answered with a sentence, not an error code', async () => {
    const context = await browser.newContext({ viewport: WIDE });
    const page = watchForBreakage(await context.newPage(), problems);
    const login = await new LoginPage(page).open(server.url);
    await login.logIn(owner.email, 'not the password at all');
    expect(await login.alertText()).toBe('Email or password is incorrect.');
    await screenshot(login.page, '09-login-error');
    await context.close();
  });

  test('no page threw an error or broke the Content-Security-Policy along the way', () => {
    expect(problems).toEqual([]);
  });
});
