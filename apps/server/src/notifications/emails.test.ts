// E-mail end to end against a real SMTP server started here (smtp-server): notification
// digests (content, batching, preferences, the unsubscribe link and header) and password
// reset by e-mail (same answer for unknown addresses, rate limited, the link works), each in
// the recipient's language (users.locale; for a reset, else the request's Accept-Language).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFor, buildDocumentWithText, docFrom } from '../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../testing/factories.ts';
import { type SmtpInbox, startSmtpInbox } from '../testing/smtpInbox.ts';
import { buildTestApp, type TestApp } from '../testing/testApp.ts';

let t: TestApp;
let smtp: SmtpInbox;
let workspaceId: string;
let owner: TestUser;
let documentId: string;
let update: Uint8Array;

beforeAll(async () => {
  smtp = await startSmtpInbox();
  t = await buildTestApp({
    env: { SMTP_URL: smtp.url, EMAIL_DIGEST_MINUTES: '15', NOTIFICATION_SCAN_MS: '3600000' },
  });
  ({ owner, workspaceId } = await buildWorkspace(t));
  ({ documentId, update } = await buildDocumentWithText(t.db.sql, {
    workspaceId,
    createdBy: owner.id,
    markdown: 'The minister said unemployment fell by 40% last year.',
  }));
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

function as(user: TestUser, method: string, url: string, payload?: object) {
  return t.request({
    method: method as 'GET',
    url,
    cookie: user.cookie,
    ...(payload ? { payload } : {}),
  });
}

/** Assigns a new claim to `reviewer`: one "assigned" notification for them. */
async function assignNewClaim(reviewer: TestUser, statement: string) {
  const created = await as(owner, 'POST', `/api/documents/${documentId}/claims`, {
    anchor: anchorFor(docFrom(update), 'unemployment fell by 40%'),
    statement,
  });
  expect(created.statusCode, created.body).toBe(201);
  const claim = created.json() as { id: string; version: number };
  const assigned = await as(owner, 'POST', `/api/claims/${claim.id}/assign`, {
    version: claim.version,
    reviewerIds: [reviewer.id],
  });
  expect(assigned.statusCode, assigned.body).toBe(200);
  return claim;
}

/** Lets the digest interval pass for this person (as if EMAIL_DIGEST_MINUTES went by). */
async function digestIntervalPasses(user: TestUser) {
  await t.db.sql`
    UPDATE notification_settings SET last_digest_at = now() - interval '16 minutes'
    WHERE user_id = ${user.id}`;
}

describe('digests', () => {
  it('batches notifications into one e-mail, at most once per interval, with an unsubscribe link', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    const first = await assignNewClaim(reviewer, 'Unemployment fell 40% in a year');
    await assignNewClaim(reviewer, 'Wages stalled');
    await t.app.notificationScanner.runOnce();
    const digest = await smtp.waitFor(reviewer.email);
    expect(digest.subject).toBe('2 new notifications in Factdesk');
    expect(digest.text).toContain(
      'Olivia Owner assigned you claim “Unemployment fell 40% in a year”',
    );
    expect(digest.text).toContain('Olivia Owner assigned you claim “Wages stalled”');
    expect(digest.text).toContain(
      `http://localhost:3000/w/${workspaceId}/d/${documentId}?claim=${first.id}`,
    );
    expect(digest.html).toContain('<a href="http://localhost:3000/w/');
    const unsubscribePage = /Unsubscribe from all Factdesk e-mails: (\S+)/.exec(
      digest.text ?? '',
    )?.[1];
    expect(unsubscribePage).toMatch(/^http:\/\/localhost:3000\/unsubscribe\/[\w.-]+$/);
    const header = (key: string) => digest.headerLines.find((line) => line.key === key)?.line;
    expect(header('list-unsubscribe')).toMatch(
      /^List-Unsubscribe:\s+<http:\/\/localhost:3000\/api\/unsubscribe\/[\w.-]+>/,
    );
    expect(header('list-unsubscribe-post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );

    // A third notification within the interval waits for the next digest.
    await assignNewClaim(reviewer, 'Prices rose by 9%');
    await t.app.notificationScanner.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(reviewer.email)).toHaveLength(1);
    await digestIntervalPasses(reviewer);
    await t.app.notificationScanner.runOnce();
    const second = await smtp.waitFor(reviewer.email, { count: 2 });
    expect(second.subject).toBe('Olivia Owner assigned you claim “Prices rose by 9%”');

    // The one-click link works with no login, and no e-mail comes after it.
    const token = decodeURIComponent(unsubscribePage?.split('/unsubscribe/')[1] ?? '');
    const forged = await t.request({
      method: 'POST',
      url: `/api/unsubscribe/${token.slice(0, -2)}xx`,
    });
    expect(forged.statusCode).toBe(404);
    const unsubscribed = await t.request({ method: 'POST', url: `/api/unsubscribe/${token}` });
    expect(unsubscribed.statusCode, unsubscribed.body).toBe(200);
    const settings = await as(reviewer, 'GET', '/api/me/notification-settings');
    expect(settings.json()).toMatchObject({
      emailKinds: [],
      emailAvailable: true,
      digestMinutes: 15,
    });
    await assignNewClaim(reviewer, 'Exports doubled');
    await digestIntervalPasses(reviewer);
    await t.app.notificationScanner.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(reviewer.email)).toHaveLength(2);
    // The inbox still has it.
    const inbox = await as(reviewer, 'GET', '/api/me/notifications');
    expect(inbox.json().notifications[0].claimTitle).toBe('Exports doubled');
  });

  it('a kind turned off in the preferences sends no e-mail; the others still do', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    const saved = await as(reviewer, 'PUT', '/api/me/notification-settings', {
      emailKinds: ['mentioned'],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const claim = await assignNewClaim(reviewer, 'Turned off by preference');
    await t.app.notificationScanner.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(reviewer.email)).toHaveLength(0);
    const mention = await as(owner, 'POST', `/api/claims/${claim.id}/comments`, {
      body: `Over to you, <@${reviewer.id}|R>`,
    });
    expect(mention.statusCode, mention.body).toBe(201);
    await t.app.notificationScanner.runOnce();
    const mail = await smtp.waitFor(reviewer.email);
    expect(mail.subject).toBe(
      'Olivia Owner mentioned you in a comment on claim “Turned off by preference”',
    );
  });

  it('two scans at once (as two instances would run them) send one digest', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    await assignNewClaim(reviewer, 'Scanned twice');
    const scanner = t.app.notificationScanner;
    await Promise.all([scanner.runOnce(), scanner.runOnce(), scanner.runOnce()]);
    await smtp.waitFor(reviewer.email);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(reviewer.email)).toHaveLength(1);
  });

  it('someone removed from the workspace gets no digest about its claims', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    await assignNewClaim(reviewer, 'Before they left');
    const removed = await as(
      owner,
      'DELETE',
      `/api/workspaces/${workspaceId}/members/${reviewer.id}`,
    );
    expect(removed.statusCode, removed.body).toBe(204);
    await t.app.notificationScanner.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(reviewer.email)).toHaveLength(0);
    const [row] = await t.db
      .sql`SELECT emailed_at FROM notifications WHERE user_id = ${reviewer.id}`;
    expect(row?.emailed_at).not.toBeNull();
  });

  it('a decided blind round reaches its reviewers by e-mail, without the decision', async () => {
    const [r1, r2] = [
      await buildMember(t, owner, workspaceId, 'reviewer'),
      await buildMember(t, owner, workspaceId, 'reviewer'),
    ] as const;
    const created = await as(owner, 'POST', `/api/documents/${documentId}/claims`, {
      anchor: anchorFor(docFrom(update), 'unemployment fell by 40%'),
      statement: 'Split decision',
    });
    let claim = created.json() as { id: string; version: number };
    for (const [url, payload] of [
      ['blind-reviews', { blindReviews: 2 }],
      ['assign', { reviewerIds: [r1.id, r2.id] }],
    ] as const) {
      const answer = await as(owner, 'POST', `/api/claims/${claim.id}/${url}`, {
        version: claim.version,
        ...payload,
      });
      expect(answer.statusCode, answer.body).toBe(200);
      claim = answer.json();
    }
    const started = await as(r1, 'POST', `/api/claims/${claim.id}/start`, {
      version: claim.version,
    });
    expect(started.statusCode, started.body).toBe(200);
    for (const [who, verdict] of [
      [r1, 'true'],
      [r2, 'false'],
    ] as const) {
      const { version } = (await as(owner, 'GET', `/api/claims/${claim.id}`)).json();
      const proposed = await as(who, 'POST', `/api/claims/${claim.id}/propose`, {
        version,
        verdict,
      });
      expect(proposed.statusCode, proposed.body).toBe(200);
      claim = proposed.json();
    }
    const decided = await as(owner, 'POST', `/api/claims/${claim.id}/adjudicate`, {
      version: claim.version,
      verdict: 'mostly_true',
      rationale: 'Decisionpangolin',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await t.app.notificationScanner.runOnce();
    for (const reviewer of [r1, r2]) {
      const digest = await smtp.waitFor(reviewer.email);
      expect(digest.text).toContain(
        'Olivia Owner decided claim “Split decision” you reviewed blind',
      );
      expect(`${digest.subject} ${digest.text} ${digest.html}`).not.toMatch(/mostly|pangolin/i);
    }
  });

  it('a reviewer taken off a claim before the digest is not e-mailed its assignment', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    const claim = await assignNewClaim(reviewer, 'Taken off again');
    const unassigned = await as(owner, 'POST', `/api/claims/${claim.id}/unassign`, {
      version: claim.version + 1,
      reviewerIds: [reviewer.id],
    });
    expect(unassigned.statusCode, unassigned.body).toBe(200);
    await t.app.notificationScanner.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(reviewer.email)).toHaveLength(0);
  });

  it('refuses a preference that is not a kind', async () => {
    const refused = await as(owner, 'PUT', '/api/me/notification-settings', {
      emailKinds: ['everything'],
    });
    expect(refused.statusCode).toBe(400);
  });
});

describe('the recipient’s language', () => {
  it('a person who chose French gets the digest’s own words in French', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    expect((await as(reviewer, 'PATCH', '/api/me', { locale: 'fr' })).statusCode).toBe(200);
    await assignNewClaim(reviewer, 'Les salaires stagnent');
    await assignNewClaim(reviewer, 'Les prix ont doublé');
    await t.app.notificationScanner.runOnce();
    const digest = await smtp.waitFor(reviewer.email);
    expect(digest.subject).toBe('2 nouvelles notifications dans Factdesk');
    expect(digest.text).toMatch(/^Bonjour .+,\n/);
    // The items too: each notification worded in French, not the inbox's English.
    expect(digest.text).toContain(
      'vous a attribué l’affirmation «\u202fLes salaires stagnent\u202f»',
    );
    expect(digest.text).toContain(
      'vous a attribué l’affirmation «\u202fLes prix ont doublé\u202f»',
    );
    expect(digest.text).not.toContain('assigned you');
    expect(digest.text).toContain(
      'Choisir les e-mails que vous recevez\u00a0: http://localhost:3000/settings/notifications',
    );
    expect(digest.text).toMatch(
      /Vous désabonner de tous les e-mails de Factdesk\u00a0: http:\/\/localhost:3000\/unsubscribe\//,
    );
    expect(digest.html).toContain('<html lang="fr">');
    expect(digest.html).toContain('>Choisir les e-mails que vous recevez</a>');
  });

  it('a reset e-mail goes in the account’s language, with its expiry date in that language', async () => {
    const member = await buildMember(t, owner, workspaceId, 'viewer');
    expect((await as(member, 'PATCH', '/api/me', { locale: 'fr' })).statusCode).toBe(200);
    const asked = await t.request({
      method: 'POST',
      url: '/api/password-resets/by-email',
      headers: { 'accept-language': 'en-US' },
      payload: { email: member.email },
      remoteAddress: '10.0.0.21',
    });
    expect(asked.statusCode).toBe(202);
    // The answer is in the request's language: it must not tell whether the account exists.
    expect(asked.json().message).toMatch(/^If an account has this address/);
    const mail = await smtp.waitFor(member.email);
    expect(mail.subject).toBe('Réinitialisez votre mot de passe Factdesk');
    expect(mail.text).toContain('Pour choisir un nouveau mot de passe, ouvrez\u00a0:');
    const year = new Date(Date.now() + 24 * 3_600_000).getUTCFullYear();
    expect(mail.text).toMatch(
      new RegExp(`pendant 24 heures \\(jusqu’au \\d{1,2} [a-zéû]+ ${year} à \\d{2}:\\d{2} UTC\\)`),
    );
  });

  it('an account that never chose a language gets the request’s language', async () => {
    const member = await buildMember(t, owner, workspaceId, 'viewer');
    const ask = (language: string) =>
      t.request({
        method: 'POST',
        url: '/api/password-resets/by-email',
        headers: { 'accept-language': language },
        payload: { email: member.email },
        remoteAddress: '10.0.0.22',
      });
    const french = await ask('fr-FR,fr;q=0.9');
    expect(french.json().message).toMatch(/^Si un compte a cette adresse/);
    const mail = await smtp.waitFor(member.email);
    expect(mail.subject).toBe('Réinitialisez votre mot de passe Factdesk');
    expect(mail.text).toMatch(/^Bonjour /);

    await ask('en-GB');
    const english = await smtp.waitFor(member.email, { count: 2 });
    expect(english.subject).toBe('Reset your Factdesk password');
    expect(english.text).toMatch(/for 24 hours \(until [A-Z][a-z]+ \d{1,2}, \d{4} at .+ UTC\)/);
  });
});

describe('password reset by e-mail', () => {
  it('e-mails a working reset link, and answers the same for an unknown address', async () => {
    const member = await buildMember(t, owner, workspaceId, 'viewer');
    expect(
      (await t.request({ method: 'GET', url: '/api/password-resets/by-email' })).json(),
    ).toEqual({
      available: true,
    });
    const known = await t.request({
      method: 'POST',
      url: '/api/password-resets/by-email',
      payload: { email: member.email.toUpperCase() },
    });
    const unknown = await t.request({
      method: 'POST',
      url: '/api/password-resets/by-email',
      payload: { email: 'nobody-here@example.com' },
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const mail = await smtp.waitFor(member.email);
    expect(mail.subject).toBe('Reset your Factdesk password');
    const link = /(http:\/\/localhost:3000\/reset\/\S+)/.exec(mail.text ?? '')?.[1];
    expect(link).toBeDefined();
    const token = decodeURIComponent(link?.split('/reset/')[1] ?? '');
    const used = await t.request({
      method: 'POST',
      url: `/api/password-resets/${token}`,
      payload: { newPassword: 'a brand new password' },
    });
    expect(used.statusCode, used.body).toBe(200);
    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: member.email, password: 'a brand new password' },
    });
    expect(login.statusCode).toBe(200);
    expect(smtp.to('nobody-here@example.com')).toHaveLength(0);
  });

  it('limits how often a link can be asked for one address', async () => {
    const ask = () =>
      t.request({
        method: 'POST',
        url: '/api/password-resets/by-email',
        payload: { email: 'limited@example.com' },
        remoteAddress: '10.0.0.9',
      });
    for (let i = 0; i < 3; i++) expect((await ask()).statusCode).toBe(202);
    const limited = await ask();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message).toMatch(/Too many password reset e-mails/);
  });
});
