// Evidence that stays alive, in the browser: the server checks each evidence link in the
// background (stand-in sites on 127.0.0.1, allowed for the test) and the claim panel says, live
// and after a reload, which link works, which is dead and which has moved.
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
import { launchBrowser, screenshot, WIDE, watchForBreakage } from './pages/browser.ts';
import { ClaimPanel } from './pages/ClaimPanel.ts';

const webDist = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

let sites: Server;
let site: string;
let server: TestServer;
let browser: Browser;
let newsroom: Newsroom;
let moderator: NewsroomUser;
let page: Page;
let panel: ClaimPanel;
let documentId: string;
let claim: Claim;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(`${webDist}index.html`)) {
    throw new Error('apps/web/dist is missing: run "pnpm --filter @factdesk/web build" first.');
  }
  sites = createServer((request, response) => {
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
    },
  });
  newsroom = await Newsroom.open(server.url);
  moderator = await newsroom.member('moderator', 'Mona Moderator');
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
