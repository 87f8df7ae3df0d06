// Search as a newsroom uses it: "/" from the document list focuses the app bar's box, Enter
// opens the results — grouped by document, the matching words marked whatever their accents
// — arrow keys move between hits, and a claim's hit opens the document with that claim.
// Real server and database, stock y-websocket client, Debian's chromium.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Claim, SearchResults } from '@factdesk/model';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { anchorFor } from '../../apps/server/src/testing/claimFactories.ts';
import { openClient, synced } from '../../apps/server/src/testing/syncClients.ts';
import { startTestServer, type TestServer } from '../../apps/server/src/testing/testServer.ts';
import { launchBrowser, screenshot, WIDE, watchForBreakage } from './pages/browser.ts';
import { ClaimPanel } from './pages/ClaimPanel.ts';
import { SearchPage } from './pages/SearchPage.ts';

const webDist = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let workspaceId: string;
let englishId: string;
let palaceClaim: Claim;
const problems: string[] = [];

async function call<T>(method: string, path: string, data?: unknown) {
  const response = await context.request.fetch(`${server.url}/api${path}`, {
    method,
    headers: { origin: server.url },
    ...(data === undefined ? {} : { data }),
  });
  if (!response.ok())
    throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  if (!existsSync(`${webDist}index.html`)) {
    throw new Error('apps/web/dist is missing: run "pnpm --filter @factdesk/web build" first.');
  }
  server = await startTestServer({ webDist });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: WIDE });
  page = watchForBreakage(await context.newPage(), problems);
  page.setDefaultTimeout(10_000);

  const me = await call<{ workspaces: { id: string }[] }>('POST', '/auth/signup', {
    email: 'olive.owner@example.com',
    displayName: 'Olive Owner',
    password: 'correct horse battery',
    workspaceName: 'Politics desk',
  });
  workspaceId = me.workspaces[0]?.id ?? '';
  await call('POST', `/workspaces/${workspaceId}/documents`, {
    format: 'md',
    title: 'Le budget de l’Élysée',
    language: 'fr',
    content:
      'Le président a présenté à l’Élysée des réformes économiques.\n\nLes dépenses publiques augmenteront de 3 %.',
  });
  englishId = (
    await call<{ id: string }>('POST', `/workspaces/${workspaceId}/documents`, {
      format: 'md',
      title: 'Paris pension reform',
      language: 'en',
      content:
        'Officials at the Elysee said the pension age would rise to 64.\n\nUnions called a strike for Thursday.',
    })
  ).id;
  const { token } = await call<{ token: string }>('POST', '/me/tokens', { name: 'e2e' });
  const client = openClient(`${server.url.replace('http', 'ws')}/collab`, englishId, token);
  await synced(client);
  palaceClaim = await call<Claim>('POST', `/documents/${englishId}/claims`, {
    anchor: anchorFor(client.doc, 'the pension age would rise to 64'),
    statement: 'The Élysée will raise the pension age to 64.',
    claimant: { name: 'Élysée spokesperson', type: 'person' },
  });
  client.destroy();
  // Documents' text reaches search a few seconds after an import (SEARCH_TEXT_DELAY_MS).
  await vi.waitFor(
    async () => {
      const found = await call<SearchResults>('GET', `/workspaces/${workspaceId}/search?q=elysee`);
      expect(found.groups.flatMap((g) => g.hits.map((h) => h.kind))).toContain('text');
      expect(found.groups).toHaveLength(2);
    },
    { timeout: 30_000, interval: 250 },
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('searching the workspace', () => {
  test('“/”, words, Enter: results grouped by document with the matches marked; a claim hit opens the claim', async () => {
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    const search = new SearchPage(page);
    await search.searchWithSlash('elysee');
    expect(new URL(page.url()).pathname).toBe(`/w/${workspaceId}/search`);

    const titles = await search.groupTitles(2);
    expect(titles.sort()).toEqual(['Le budget de l’Élysée', 'Paris pension reform']);
    const english = search.group('Paris pension reform');
    // The claim's statement and claimant, and the article's text, each with its own mark.
    await expect
      .poll(() => english.locator('mark').allTextContents())
      .toEqual(expect.arrayContaining(['Élysée', 'Elysee']));
    expect(await search.group('Le budget de l’Élysée').locator('mark').allTextContents()).toEqual([
      'Élysée',
    ]);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/in 2 documents/);
    await screenshot(page, 'search-results');

    // Keyboard: Tab into the results, arrows between hits, Enter on the claim's hit.
    const links = search.hitLinks();
    const claimHref = `/w/${workspaceId}/d/${englishId}?claim=${palaceClaim.id}`;
    const count = await links.count();
    await links.first().focus();
    let focusedHref = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    for (let step = 0; step < count && focusedHref !== claimHref; step++) {
      await page.keyboard.press('ArrowDown');
      focusedHref = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    }
    expect(focusedHref).toBe(claimHref);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.search === `?claim=${palaceClaim.id}`);
    const panel = new ClaimPanel(page);
    await panel.root.getByRole('heading', { level: 2, name: 'Claim' }).waitFor();
    await panel.root.getByText('Élysée spokesperson').first().waitFor();
    expect(problems).toEqual([]);
  });

  test('“/” typed in a field stays in the field, and a search with no match says so', async () => {
    await page.goto(`${server.url}/w/${workspaceId}/search?q=${encodeURIComponent('zzyzx')}`);
    await page.getByRole('heading', { level: 2, name: 'Nothing found for “zzyzx”' }).waitFor();
    const box = new SearchPage(page).box;
    await box.fill('a');
    await box.press('/');
    expect(await box.inputValue()).toBe('a/');
    await screenshot(page, 'search-empty', false);
    expect(problems).toEqual([]);
  });
});
