// The interface speaks the team's language: a browser set to French gets the app in French
// (headings, counts with French plurals, French dates), each person switches language in the
// user menu (at once, no reload), and the choice is kept on the account, so it follows them
// to a new browser. A browser in English keeps English. The server's own sentences (a refused
// login) come in the interface language too. Real server, database and chromium.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useBrowserSession } from './fixtures/browserSession.ts';
import type { NewsroomUser } from './fixtures/newsroom.ts';
import { describeFindings, seriousFindings } from './pages/accessibility.ts';
import { screenshot } from './pages/browser.ts';

const ARTICLE = [
  '# Le bilan du ministre',
  '',
  'Le chômage a baissé de 10 % en un an, selon le ministre.',
  '',
  'Les loyers ont doublé depuis 2020 dans les grandes villes.',
].join('\n');

/** "7 déc. 2026": a day, a French month abbreviation, a year. */
const FRENCH_DATE =
  /\b\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}\b/;

const session = useBrowserSession();
const { problems } = session;
let reviewer: NewsroomUser;
let documentId: string;

beforeAll(async () => {
  const { newsroom } = session;
  reviewer = await newsroom.member('reviewer', 'Rémi Vérificateur');
  documentId = await newsroom.importArticle(newsroom.owner, 'Le bilan du ministre', ARTICLE);
  await newsroom.createClaims(newsroom.owner, documentId, [
    'Le chômage a baissé de 10 %',
    'Les loyers ont doublé',
  ]);
});

afterAll(() => {
  expect(problems).toEqual([]);
});

const workspacePath = () => `${session.server.url}/w/${session.newsroom.workspaceId}`;

async function storedLocale(user: NewsroomUser): Promise<string | null> {
  const me = await session.newsroom.call<{ user: { locale: string | null } }>(
    user,
    'GET',
    '/api/me',
  );
  return me.user.locale;
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe('a browser set to French', () => {
  let page: Page;

  beforeAll(async () => {
    page = await session.pageAs(reviewer, undefined, 'fr-FR');
  });

  test('shows the app in French: headings, plural counts and dates', async () => {
    await page.goto(workspacePath());
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    expect(await htmlLang(page)).toBe('fr');
    await page
      .getByText(
        'Les articles importés pour vérification, avec l’avancement de leurs affirmations.',
      )
      .waitFor();
    // Two claims, both open: the French plural, with French typography before the colon.
    await page.getByText('2 affirmations\u00a0: 2 ouvertes. Pas encore de verdict.').waitFor();
    await page.getByText('0 sur 2 affirmations approuvées').waitFor();
    expect(await page.title()).toBe('Documents · Politics desk · Factdesk');

    await page.getByRole('link', { name: 'Membres' }).click();
    await page.getByRole('heading', { level: 1, name: 'Membres' }).waitFor();
    await page.getByRole('columnheader', { name: 'Arrivé le' }).waitFor();
    const joined = await page.locator('.table-members td.cell-muted').first().textContent();
    expect(joined).toMatch(FRENCH_DATE);
    expect(await page.title()).toBe('Membres · Politics desk · Factdesk');
    expect(await storedLocale(reviewer)).toBeNull();
    await screenshot(page, 'language-fr-members');
  });

  test('switches to English from the user menu at once, without a reload', async () => {
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await page.getByRole('button', { name: /^Compte\s*:/ }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.getByRole('columnheader', { name: 'Joined' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
    await page
      .getByRole('button', { name: 'English' })
      .and(page.locator('[aria-pressed="true"]'))
      .waitFor();
    await expect.poll(() => storedLocale(reviewer)).toBe('en');
  });

  test('keeps English after a reload and in a new French browser for the same person', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    expect(await htmlLang(page)).toBe('en');

    const elsewhere = await session.pageAs(reviewer, undefined, 'fr-FR');
    await elsewhere.goto(workspacePath());
    await elsewhere
      .getByText('Articles imported for fact-checking, with the progress of their claims.')
      .waitFor();
    await elsewhere.getByText('2 claims: 2 open. No verdicts yet.').waitFor();
    expect(await htmlLang(elsewhere)).toBe('en');
    await elsewhere.context().close();
  });

  test('switching back to Français applies at once too', async () => {
    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Membres' }).waitFor();
    expect(await htmlLang(page)).toBe('fr');
    await expect.poll(() => storedLocale(reviewer)).toBe('fr');
    // The menu stays open, its choice now marked, in French.
    await page
      .getByRole('button', { name: 'Français' })
      .and(page.locator('[aria-pressed="true"]'))
      .waitFor();
    await screenshot(page, 'language-fr-user-menu', false);
    await page.context().close();
  });
});

test('a browser in English sees English', async () => {
  const { newsroom } = session;
  const page = await session.pageAs(newsroom.owner);
  await page.goto(workspacePath());
  await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
  await page.getByText('2 claims: 2 open. No verdicts yet.').waitFor();
  expect(await htmlLang(page)).toBe('en');
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
  expect(await storedLocale(newsroom.owner)).toBeNull();
  await page.context().close();
});

test('a French browser sees the server’s refusal of a wrong password in French', async () => {
  const { newsroom } = session;
  const page = await session.pageAs(undefined, undefined, 'fr-FR');
  await page.goto(`${session.server.url}/login`);
  await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
  await page.getByLabel('E-mail').fill(newsroom.owner.email);
  await page.getByLabel('Mot de passe').fill('not the password at all');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const alert = page.getByRole('alert');
  await alert.getByText('L’adresse e-mail ou le mot de passe est incorrect.').waitFor();
  await screenshot(page, 'language-fr-login-refused');
  await page.context().close();

  // The same refusal in an English browser stays English.
  const english = await session.pageAs(undefined, undefined, 'en-US');
  await english.goto(`${session.server.url}/login`);
  await english.getByLabel('Email').fill(newsroom.owner.email);
  await english.getByLabel('Password').fill('not the password at all');
  await english.getByRole('button', { name: 'Log in' }).click();
  await english.getByRole('alert').getByText('Email or password is incorrect.').waitFor();
  await english.context().close();
});

test('French pages hold their longer words and pass the accessibility audit (screenshots)', async () => {
  const { newsroom } = session;
  const page = await session.pageAs(newsroom.owner, undefined, 'fr-FR');
  const base = workspacePath();
  const pages: Array<[string, string, string]> = [
    ['documents', base, 'Documents'],
    ['document', `${base}/d/${documentId}`, 'Le bilan du ministre'],
    ['board', `${base}/board`, 'Tableau'],
    ['dashboard', `${base}/dashboard`, 'Délai de verdict'],
    ['settings', `${base}/settings`, 'Paramètres'],
    ['queue', `${session.server.url}/queue`, 'Ma file'],
  ];
  for (const [name, url, heading] of pages) {
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
    // Nothing wider than the window: a long French label must wrap, not push the page sideways.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, name).toBeLessThanOrEqual(0);
    // The French words keep every page as accessible as the English ones (axe, WCAG A/AA).
    expect(describeFindings(await seriousFindings(page)), name).toEqual([]);
    await screenshot(page, `language-fr-${name}`);
  }
  await page.context().close();
});
