// Evidence that stays alive, in the browser: the server checks each evidence link in the
// background (stand-in sites on 127.0.0.1, allowed for the test) and the claim panel says, live
// and after a reload, which link works, which is dead and which has moved; the board flags the
// claim; "Check again" and "Archive now" (a stand-in archive service on the same server, down
// then up) work from the keyboard, and another editor sees the archived copy without a reload.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Claim, Evidence } from '@factdesk/model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anchorFor } from '../../apps/server/src/testing/claimFactories.ts';
import { openClient, synced } from '../../apps/server/src/testing/syncClients.ts';
import { startTestServer, type TestServer } from '../../apps/server/src/testing/testServer.ts';
import { Newsroom, type NewsroomUser } from './fixtures/newsroom.ts';
import { BoardPage } from './pages/BoardPage.ts';
import { launchBrowser, screenshot, WIDE, watchForBreakage } from './pages/browser.ts';
import { ClaimPanel } from './pages/ClaimPanel.ts';

const webDist = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

let sites: Server;
let site: string;
let server: TestServer;
let browser: Browser;
let newsroom: Newsroom;
let moderator: NewsroomUser;
let reviewer: NewsroomUser;
let page: Page;
let panel: ClaimPanel;
let documentId: string;
let claim: Claim;
const problems: string[] = [];
/** What /flaky answers; the archive service's state. */
let flakyStatus = 410;
let archiveDown = true;

beforeAll(async () => {
  if (!existsSync(`${webDist}index.html`)) {
    throw new Error('apps/web/dist is missing: run "pnpm --filter @factdesk/web build" first.');
  }
  sites = createServer((request, response) => {
    const path = request.url ?? '/';
    // The stand-in archive service: Save Page Now's answer, a redirect to the copy, after a
    // moment (so "Archiving…" shows), or 503 while it is down.
    if (path.startsWith('/save/')) {
      if (archiveDown) return void response.writeHead(503).end();
      const copy = `/web/20261207/${path.slice('/save/'.length)}`;
      return void setTimeout(() => response.writeHead(302, { location: copy }).end(), 600);
    }
    if (path.startsWith('/web/')) return void response.end('<h1>Archived copy</h1>');
    if (path === '/flaky') return void response.writeHead(flakyStatus).end('flaky');
    if (request.url === '/statistics') return void response.end('<h1>Unemployment</h1>');
    if (request.url === '/old-report') {
      return void response.writeHead(301, { location: '/reports/2026' }).end();
    }
    if (request.url === '/reports/2026') return void response.end('<h1>Report</h1>');
    response.writeHead(410).end('gone');
  });
  await new Promise<void>((resolve) => sites.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${(sites.address() as AddressInfo).port}`;
  server = await startTestServer({
    webDist,
    env: {
      LINK_CHECK_HOURS: '24',
      LINK_CHECK_SCAN_MS: '200',
      OUTBOUND_ALLOW_ADDRESSES: '127.0.0.1',
      ARCHIVE_ENDPOINT: `${site}/save/`,
    },
  });
  newsroom = await Newsroom.open(server.url);
  moderator = await newsroom.member('moderator', 'Mona Moderator');
  reviewer = await newsroom.member('reviewer', 'Rita Reviewer');
  const document = await newsroom.call<{ id: string }>(
    moderator,
    'POST',
    `/api/workspaces/${newsroom.workspaceId}/documents`,
    { format: 'md', title: 'Jobs', content: 'Unemployment fell to 3 percent last spring.' },
  );
  documentId = document.id;
  const { token } = await newsroom.call<{ token: string }>(moderator, 'POST', '/api/me/tokens', {
    name: 'e2e',
  });
  const client = openClient(`${server.url.replace('http', 'ws')}/collab`, documentId, token);
  await synced(client);
  claim = await newsroom.call<Claim>(moderator, 'POST', `/api/documents/${documentId}/claims`, {
    anchor: anchorFor(client.doc, 'Unemployment fell to 3 percent'),
  });
  client.destroy();
  browser = await launchBrowser();
  const context = await newsroom.contextFor(browser, moderator, WIDE);
  page = watchForBreakage(await context.newPage(), problems);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  sites?.closeAllConnections();
  await new Promise((resolve) => sites?.close(resolve));
});

async function addEvidence(url: string, title: string): Promise<void> {
  // At the claim's current version (edits and archiving move it on).
  claim = await newsroom.call<Claim>(moderator, 'GET', `/api/claims/${claim.id}`);
  const added = await newsroom.call<{ claim: Claim }>(
    moderator,
    'POST',
    `/api/claims/${claim.id}/evidence`,
    { version: claim.version, url, title, kind: 'official_data', stance: 'supports' },
  );
  claim = added.claim;
}

describe('evidence links checked in the background', () => {
  test('the panel says, as the checker finds it, which link works, is dead or has moved', async () => {
    panel = await new ClaimPanel(page).open(server.url, newsroom.workspaceId, documentId, claim.id);
    await panel.root.getByText('No evidence links yet.').waitFor();
    await addEvidence(`${site}/statistics`, 'Labour statistics');
    await addEvidence(`${site}/withdrawn`, 'Withdrawn bulletin');
    await addEvidence(`${site}/old-report`, 'Annual report');

    const item = (title: string) => panel.evidenceItems.filter({ hasText: title });
    await item('Labour statistics')
      .getByText(/^Link works · checked/)
      .waitFor();
    await item('Withdrawn bulletin')
      .getByText(/Dead link — the page answers 410 \(gone\)/)
      .waitFor();
    const moved = item('Annual report').getByText(/Moved — now at/);
    await moved.waitFor();
    expect(await moved.getByRole('link').getAttribute('href')).toBe(`${site}/reports/2026`);
    await panel.section('Evidence').scrollIntoViewIfNeeded();
    await screenshot(page, 'evidence-links-01-checked', false);
  });

  test('after a reload the findings are still there', async () => {
    await page.reload();
    await panel.root.getByRole('heading', { level: 2, name: 'Claim' }).waitFor();
    await panel.evidenceItems
      .filter({ hasText: 'Withdrawn bulletin' })
      .getByText(/Dead link/)
      .waitFor();
    await panel.evidenceItems.filter({ hasText: 'Annual report' }).getByText(/Moved/).waitFor();
  });

  test('a dead link fixed by an editor is checked again and shown working', async () => {
    const list = await newsroom.call<Evidence[]>(
      moderator,
      'GET',
      `/api/claims/${claim.id}/evidence`,
    );
    const dead = list.find((evidence) => evidence.title === 'Withdrawn bulletin')!;
    expect(dead.link).toMatchObject({ state: 'dead', httpStatus: 410 });
    await newsroom.call(moderator, 'PATCH', `/api/evidence/${dead.id}`, {
      version: claim.version,
      url: `${site}/statistics`,
    });
    const fixed = panel.evidenceItems.filter({ hasText: 'Withdrawn bulletin' });
    await fixed.getByText(/^Link works · checked/).waitFor();
    expect(await fixed.getByText(/Dead link/).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

describe('the board, Check again and Archive now', () => {
  test('the board flags the claim with a dead and a moved link', async () => {
    await addEvidence(`${site}/flaky`, 'Jobs bulletin');
    await panel.evidenceItems
      .filter({ hasText: 'Jobs bulletin' })
      .getByText(/Dead link/)
      .waitFor();
    const board = await new BoardPage(page).open(server.url, newsroom.workspaceId);
    const card = board.card('Unassigned', 'Unemployment fell to 3 percent');
    await card.getByText('Dead link', { exact: true }).waitFor();
    await card.getByText('Moved', { exact: true }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'evidence-links-02-board', false);
  });

  test('Check again, from the keyboard, shows the link working once it is back', async () => {
    panel = await new ClaimPanel(page).open(server.url, newsroom.workspaceId, documentId, claim.id);
    const item = panel.evidenceItems.filter({ hasText: 'Jobs bulletin' });
    await item.getByText(/Dead link/).waitFor();
    flakyStatus = 200;
    const check = item.getByRole('button', { name: 'Check again: Jobs bulletin' });
    await check.focus();
    await page.keyboard.press('Enter');
    await item.getByText(/^Link works · checked/).waitFor();
    expect(await item.getByText(/Dead link/).count()).toBe(0);
  });

  test('Archive now says when the service is down, then shows the copy, also to another editor', async () => {
    // Rita, a reviewer assigned nothing, watches the same claim in her own browser.
    const other = await newsroom.contextFor(browser, reviewer, WIDE);
    const otherPage = watchForBreakage(await other.newPage(), problems);
    const otherPanel = await new ClaimPanel(otherPage).open(
      server.url,
      newsroom.workspaceId,
      documentId,
      claim.id,
    );
    const theirs = otherPanel.evidenceItems.filter({ hasText: 'Labour statistics' });
    await theirs.getByText(/^Link works/).waitFor();
    expect(await theirs.getByRole('link', { name: /Archived copy/ }).count()).toBe(0);

    const item = panel.evidenceItems.filter({ hasText: 'Labour statistics' });
    const archive = item.getByRole('button', { name: 'Archive now: Labour statistics' });
    await archive.focus();
    await page.keyboard.press('Enter');
    await item.getByText('The archive service answered 503; try again later.').waitFor();
    await panel.section('Evidence').scrollIntoViewIfNeeded();
    await screenshot(page, 'evidence-links-03-archive-failed', false);

    archiveDown = false;
    await archive.focus();
    await page.keyboard.press('Enter');
    await item.getByRole('button', { name: /Archiving/ }).waitFor();
    await panel.section('Evidence').scrollIntoViewIfNeeded();
    await screenshot(page, 'evidence-links-04-archiving', false);
    const copy = item.getByRole('link', { name: 'Archived copy of Labour statistics' });
    await copy.waitFor();
    expect(await copy.getAttribute('href')).toBe(`${site}/web/20261207/${site}/statistics`);
    expect(await item.getByText(/archive service answered/).count()).toBe(0);
    // The link's state stays beside it (the stored copy replaced the item, not its finding).
    await item.getByText(/^Link works · checked/).waitFor();
    await screenshot(page, 'evidence-links-05-archived', false);

    // Live: the other editor sees the copy without a reload.
    await theirs.getByRole('link', { name: 'Archived copy of Labour statistics' }).waitFor();
    await other.close();
    expect(problems).toEqual([]);
  });
});
