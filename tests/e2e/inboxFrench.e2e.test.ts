// A French reviewer's inbox in French, live: an assignment, a mention and a moderator's
// decision on a blind round arrive while the inbox is open and read as French sentences
// (worded in the browser from the notification's facts). Then the moderator's dashboard
// Agreement section in French, with the reason a figure is missing. Real server, chromium.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBrowserSession } from './fixtures/browserSession.ts';
import type { NewsroomUser } from './fixtures/newsroom.ts';
import { screenshot } from './pages/browser.ts';

const session = useBrowserSession();
let moderator: NewsroomUser;
let reviewer: NewsroomUser;
let second: NewsroomUser;
let page: Page;
let claimId: string;

beforeAll(async () => {
  const { newsroom } = session;
  moderator = await newsroom.member('moderator', 'Mona Moderatrice');
  reviewer = await newsroom.member('reviewer', 'Rémi Vérificateur');
  second = await newsroom.member('reviewer', 'Sam Second');
  const documentId = await newsroom.importArticle(
    moderator,
    'Tarifs du rail',
    'L’opérateur dit que les tarifs ont augmenté de 2 % seulement.',
  );
  [claimId = ''] = await newsroom.createClaims(moderator, documentId, ['augmenté de 2 %']);
  page = await session.pageAs(reviewer, undefined, 'fr-FR');
});

async function version(): Promise<number> {
  return (
    await session.newsroom.call<{ version: number }>(moderator, 'GET', `/api/claims/${claimId}`)
  ).version;
}

describe('a French inbox', () => {
  test('assigned, mentioned and decided arrive live, in French', async () => {
    const { newsroom, server } = session;
    await page.goto(`${server.url}/w/${newsroom.workspaceId}`);
    const bell = page.getByRole('button', { name: /^Notifications/ });
    await bell.click();
    const popup = page.getByRole('region', { name: 'Notifications' });
    await popup.waitFor();

    await newsroom.call(moderator, 'POST', `/api/claims/${claimId}/blind-reviews`, {
      version: await version(),
      blindReviews: 2,
    });
    await newsroom.call(moderator, 'POST', `/api/claims/${claimId}/assign`, {
      version: await version(),
      reviewerIds: [reviewer.id, second.id],
    });
    await popup
      .getByText(/^Mona Moderatrice vous a attribué l’affirmation «\u202f.+\u202f»$/)
      .waitFor();

    await newsroom.call(moderator, 'POST', `/api/claims/${claimId}/comments`, {
      body: `<@${reviewer.id}|Rémi> la source ?`,
    });
    await popup
      .getByText(/^Mona Moderatrice vous a mentionné dans un commentaire sur l’affirmation «/)
      .waitFor();

    await newsroom.call(reviewer, 'POST', `/api/claims/${claimId}/start`, {
      version: await version(),
    });
    for (const [who, verdict] of [
      [reviewer, 'true'],
      [second, 'false'],
    ] as const) {
      await newsroom.call(who, 'POST', `/api/claims/${claimId}/propose`, {
        version: await version(),
        verdict,
        rationale: 'Justificationsecrète',
      });
    }
    await newsroom.call(moderator, 'POST', `/api/claims/${claimId}/adjudicate`, {
      version: await version(),
      verdict: 'mostly_true',
      rationale: 'Décisionsecrète',
    });
    const decided = popup.getByText(
      /^Mona Moderatrice a tranché l’affirmation «\u202f.+\u202f», que vous avez vérifiée à l’aveugle$/,
    );
    await decided.waitFor();
    // Relative times in French, and nothing of the decision in the inbox.
    expect(await popup.locator('.inbox-time').first().textContent()).toMatch(/instant|minute/);
    // The subline separates the document from the time, as the catalog says (it once ran
    // them together: "Tarifs du rail  à l’instant").
    expect(await popup.locator('.inbox-meta').first().textContent()).toMatch(
      /^Tarifs du rail · (à l’instant|il y a \d+ minutes?)$/,
    );
    expect(await popup.textContent()).not.toMatch(/plutôt vrai|secrète|mostly/i);
    await page.getByRole('button', { name: 'Notifications, 3 non lues' }).waitFor();
    // The documents list behind the inbox follows the decision too, without reload (its
    // counts once stayed stale until the next 30 s refresh).
    await page.getByText('1 sur 1 affirmation approuvée').waitFor({ timeout: 5_000 });
    await screenshot(page, 'inbox-fr', false);
    expect(session.problems).toEqual([]);
  });

  test('the dashboard’s Agreement section words the server’s figures and method in French', async () => {
    const { newsroom, server } = session;
    const dashboard = await session.pageAs(moderator, undefined, 'fr-FR');
    await dashboard.goto(`${server.url}/w/${newsroom.workspaceId}/dashboard`);
    const section = dashboard.getByRole('region', { name: 'Accord' });
    await section.getByRole('table').first().waitFor();
    // One claim the two reviewers split on: the figures rest on 1 claim.
    await section
      .getByText(/1 affirmation/)
      .first()
      .waitFor();
    await section.getByText('Comment lire ces chiffres').click();
    await section
      .getByText(/^Calcul des intervalles\u00a0: kappa, intervalle à 95[\u00a0\u202f]%/)
      .waitFor();
    await section.getByText(/1[\u00a0\u202f]000 rééchantillonnages/).waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(dashboard, 'dashboard-agreement-fr');
    expect(session.problems).toEqual([]);
  });
});
