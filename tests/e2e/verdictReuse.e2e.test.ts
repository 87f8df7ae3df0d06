// Verdict reuse as a reviewer meets it: she highlights a passage of document B that rewords a
// claim already approved in document A, the panel's "Same claim elsewhere" shows that claim
// with its verdict and document, she reuses its verdict from the keyboard after confirming,
// and the panel says where it came from. Real server and database, Debian's chromium.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Claim } from '@factdesk/model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anchorFor } from '../../apps/server/src/testing/claimFactories.ts';
import { openClient, synced } from '../../apps/server/src/testing/syncClients.ts';
import { startTestServer, type TestServer } from '../../apps/server/src/testing/testServer.ts';
import { Newsroom, type NewsroomUser } from './fixtures/newsroom.ts';
import { launchBrowser, screenshot, WIDE, watchForBreakage } from './pages/browser.ts';
import { ClaimPanel } from './pages/ClaimPanel.ts';
import { selectInEditor } from './pages/editorSelection.ts';
import { ReviewPage } from './pages/ReviewPage.ts';

const webDist = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

let server: TestServer;
let browser: Browser;
let page: Page;
let newsroom: Newsroom;
let rita: NewsroomUser;
let approvedA: Claim;
let documentB: string;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(`${webDist}index.html`)) {
    throw new Error('apps/web/dist is missing: run "pnpm --filter @factdesk/web build" first.');
  }
  server = await startTestServer({ webDist });
  newsroom = await Newsroom.open(server.url);
  const { owner, workspaceId } = newsroom;
  const mo = await newsroom.member('moderator', 'Mo Moderator');
  rita = await newsroom.member('reviewer', 'Rita Reviewer');

  // Document A: a claim Rita checked and Mo approved, with its evidence.
  const documentA = (
    await newsroom.call<{ id: string }>(owner, 'POST', `/api/workspaces/${workspaceId}/documents`, {
      format: 'md',
      title: 'Le bilan du ministre',
      language: 'fr',
      content: 'Selon le ministre, le chômage a baissé de 10 % en un an.',
    })
  ).id;
  documentB = (
    await newsroom.call<{ id: string }>(owner, 'POST', `/api/workspaces/${workspaceId}/documents`, {
      format: 'md',
      title: 'Le discours du député',
      language: 'fr',
      content: 'Le député affirme que sur un an, le chômage a reculé de 10 %, un record.',
    })
  ).id;
  const { token } = await newsroom.call<{ token: string }>(rita, 'POST', '/api/me/tokens', {
    name: 'e2e',
  });
  const client = openClient(`${server.url.replace('http', 'ws')}/collab`, documentA, token);
  await synced(client);
  let claim = await newsroom.call<Claim>(rita, 'POST', `/api/documents/${documentA}/claims`, {
    anchor: anchorFor(client.doc, 'le chômage a baissé de 10 % en un an'),
    statement: 'Le chômage a baissé de 10 % en un an.',
  });
  client.destroy();
  claim = await newsroom.call<Claim>(rita, 'POST', `/api/claims/${claim.id}/start`, {
    version: claim.version,
  });
  const added = await newsroom.call<{ claim: Claim }>(
    rita,
    'POST',
    `/api/claims/${claim.id}/evidence`,
    {
      version: claim.version,
      url: 'https://www.insee.fr/fr/statistiques/chomage',
      title: 'Taux de chômage au sens du BIT',
      kind: 'official_data',
      stance: 'refutes',
    },
  );
  claim = await newsroom.call<Claim>(rita, 'POST', `/api/claims/${claim.id}/propose`, {
    version: added.claim.version,
    verdict: 'false',
    rationale: 'L’Insee mesure une baisse de 0,3 point, pas de 10 %.',
  });
  approvedA = await newsroom.call<Claim>(mo, 'POST', `/api/claims/${claim.id}/approve`, {
    version: claim.version,
  });

  browser = await launchBrowser();
  const context = await newsroom.contextFor(browser, rita, WIDE);
  page = watchForBreakage(await context.newPage(), problems);
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('reusing a verdict from another document', () => {
  test('a highlight that rewords an approved claim gets its verdict, with where it came from', async () => {
    const review = await new ReviewPage(page).open(server.url, newsroom.workspaceId, documentB);
    await selectInEditor(page, 'sur un an, le chômage a reculé de 10 %');
    await page.getByRole('button', { name: 'New claim' }).click();

    const panel = new ClaimPanel(page);
    await panel.root.getByRole('heading', { level: 2, name: 'Claim' }).waitFor();
    const elsewhere = panel.section('Same claim elsewhere');
    const suggestion = elsewhere.getByRole('listitem').filter({ hasText: 'Le bilan du ministre' });
    await suggestion.waitFor();
    expect(await suggestion.locator('.verdict-chip').textContent()).toBe('False');
    expect(await suggestion.textContent()).toContain('Le chômage a baissé de 10 % en un an.');
    expect(
      await suggestion.getByRole('link', { name: 'Le bilan du ministre' }).getAttribute('href'),
    ).toBe(`/w/${newsroom.workspaceId}/d/${approvedA.documentId}?claim=${approvedA.id}`);
    await elsewhere.scrollIntoViewIfNeeded();
    await screenshot(page, 'verdict-reuse-01-suggestion', false);

    // From the keyboard: focus reaches the button, Enter opens the confirmation.
    const reuse = suggestion.getByRole('button', { name: 'Reuse this verdict' });
    await reuse.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Reuse this verdict?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('still needs approval');
    await screenshot(page, 'verdict-reuse-02-confirm', false);
    await dialog.getByRole('button', { name: 'Reuse “False”' }).click();
    await dialog.waitFor({ state: 'detached' });

    const verdict = panel.section('Verdict');
    await verdict.getByText('Reused from a claim in “Le bilan du ministre”').waitFor();
    expect(await verdict.locator('.verdict-chip').textContent()).toBe('False');
    expect(await verdict.textContent()).toContain('Verdict proposed');
    expect(await verdict.textContent()).toContain('L’Insee mesure une baisse de 0,3 point');
    await panel.section('Evidence').getByText('Taux de chômage au sens du BIT').waitFor();
    await panel.historyShows('reused the verdict False from the claim');
    await elsewhere.getByText('This claim’s verdict was reused from it.').waitFor();
    await verdict.scrollIntoViewIfNeeded();
    await screenshot(page, 'verdict-reuse-03-reused', false);
    expect(review).toBeDefined();
    expect(problems).toEqual([]);
  });
});
