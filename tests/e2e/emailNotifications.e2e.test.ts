// E-mail from the browser's side, against a real SMTP server started here: "Forgot password?"
// on the login page e-mails a reset link that works; a notification digest arrives, and its
// unsubscribe link, opened signed out, turns e-mail off — as the settings page then shows.
import { beforeAll, describe, expect, test } from 'vitest';
import { type SmtpInbox, startSmtpInbox } from '../../apps/server/src/testing/smtpInbox.ts';
import { useBrowserSession } from './fixtures/browserSession.ts';
import type { NewsroomUser } from './fixtures/newsroom.ts';
import { screenshot } from './pages/browser.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { ResetPasswordPage } from './pages/ResetPasswordPage.ts';

let smtp: SmtpInbox;
beforeAll(async () => {
  smtp = await startSmtpInbox();
  return () => smtp.close();
});
// Registered after the SMTP server's hook, so the server starts with its address.
const session = useBrowserSession({
  env: () => ({ SMTP_URL: smtp.url, NOTIFICATION_SCAN_MS: '200', EMAIL_DIGEST_MINUTES: '15' }),
});
let reviewer: NewsroomUser;

beforeAll(async () => {
  reviewer = await session.newsroom.member('reviewer', 'Rita Reviewer');
});

describe('e-mail', () => {
  test('Forgot password? e-mails a link that sets a new password', async () => {
    const page = await session.pageAs(undefined);
    await new LoginPage(page).open(session.server.url);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot password' }).waitFor();
    await page.getByLabel('Email').fill(reviewer.email);
    await page.getByLabel('Email').press('Enter');
    await page
      .getByText('If an account has this address, an e-mail with a reset link is on its way')
      .waitFor();
    const mail = await smtp.waitFor(reviewer.email);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/reset\/\S+)/.exec(mail.text ?? '')?.[1] ?? '';
    expect(link).not.toBe('');
    const reset = await new ResetPasswordPage(page).open(link);
    await reset.setPassword('a new password from the e-mail');
    await page.waitForURL(`${session.server.url}/`);
    const login = await session.pageAs(undefined);
    await new LoginPage(login).open(session.server.url);
    await new LoginPage(login).logIn(reviewer.email, 'a new password from the e-mail');
    await login.waitForURL(`${session.server.url}/`);
  });

  test('a digest arrives, and its unsubscribe link turns e-mail off without logging in', async () => {
    const { newsroom } = session;
    // Someone else: the reset above ended every session of the first reviewer.
    const reviewer = await newsroom.member('reviewer', 'Ravi Reviewer');
    const moderator = await newsroom.member('moderator', 'Mona Moderator');
    const documentId = await newsroom.importArticle(
      moderator,
      'Rail fares',
      '# Rail fares\n\nThe operator said fares rose by only 2% this year.',
    );
    const [claimId = ''] = await newsroom.createClaims(moderator, documentId, [
      'fares rose by only 2%',
    ]);
    await newsroom.assign(moderator, claimId, [reviewer]);
    const digest = await smtp.waitFor(reviewer.email);
    expect(digest.subject).toBe('Mona Moderator assigned you claim “fares rose by only 2%”');
    const unsubscribe =
      /Unsubscribe from all Factdesk e-mails: (\S+)/.exec(digest.text ?? '')?.[1] ?? '';
    const page = await session.pageAs(undefined);
    await page.goto(unsubscribe);
    await page.getByText('You are unsubscribed').waitFor();
    await screenshot(page, 'notifications-03-unsubscribed', false);

    const settings = await session.pageAs(reviewer);
    await settings.goto(`${session.server.url}/settings/notifications`);
    await settings.getByRole('group', { name: 'E-mail me when' }).waitFor();
    const boxes = settings.getByRole('checkbox');
    expect(await boxes.count()).toBe(7); // one per kind, the adjudicated one included
    for (const box of await boxes.all()) expect(await box.isChecked()).toBe(false);
    // Back on for mentions, saved.
    await settings.getByRole('checkbox', { name: 'Someone mentions you in a comment' }).check();
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByText('Saved.').waitFor();
    await screenshot(settings, 'notifications-04-email-settings', false);
    expect(
      await newsroom.call<{ emailKinds: string[] }>(
        reviewer,
        'GET',
        '/api/me/notification-settings',
      ),
    ).toMatchObject({ emailKinds: ['mentioned'] });
    expect(session.problems).toEqual([]);
  });
});
