// A workspace's daily work in the browser: a moderator imports articles (file and paste),
// finds them in the list, sees a claim in the progress bar, assigns claims on the board (menu,
// drag and drop, bulk with a due date), the reviewer finds them in "My queue", and the export
// dialog downloads a report. Real server, real database, Debian's chromium.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anchorFor } from '../../apps/server/src/testing/claimFactories.ts';
import { openClient, synced } from '../../apps/server/src/testing/syncClients.ts';
import { startTestServer, type TestServer } from '../../apps/server/src/testing/testServer.ts';
import { BoardPage } from './pages/BoardPage.ts';
import { launchBrowser, NARROW, screenshot, WIDE, watchForBreakage } from './pages/browser.ts';
import { DocumentsPage } from './pages/DocumentsPage.ts';
import { QueuePage } from './pages/QueuePage.ts';

const builtWeb = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));
/** A copy of the build, so a rebuild of apps/web/dist during the run cannot pull files away. */
let webDist: string;

const OWNER = { email: 'otto.owner@example.com', displayName: 'Otto Owner' };
const MODERATOR = { email: 'mona.moderator@example.com', displayName: 'Mona Moderator' };
const REVIEWER = { email: 'rita.reviewer@example.com', displayName: 'Rita Reviewer' };
const PASSWORD = 'correct horse battery staple';

const BUDGET_TITLE = 'City budget doubles school spending';
const BUDGET_MD = `# ${BUDGET_TITLE}

The mayor said the city doubled school spending in two years.

Officials also claimed that crime fell by 40 percent since 2020.

Unemployment is at a record low, the council noted.
`;
const PASTED_TITLE = 'Bridge repairs finished early';
const PASTED_HTML = `<h1>Bridges</h1><p>The transport office said every bridge repair finished three months early.</p>`;

const QUOTE_A = 'the city doubled school spending';
const QUOTE_B = 'crime fell by 40 percent';
const QUOTE_C = 'Unemployment is at a record low';

let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let moderatorPage: Page;
let reviewerPage: Page;
let workspaceId: string;
let budgetId: string;
let token: string;
let reviewerToken: string;
const problems: string[] = [];

/** An account signed up through the API inside a browser context, which keeps its cookie. */
async function signUp(
  context: BrowserContext,
  person: { email: string; displayName: string },
  extra: Record<string, string>,
) {
  const response = await context.request.post(`${server.url}/api/auth/signup`, {
    data: { ...person, password: PASSWORD, ...extra },
    headers: { origin: server.url },
  });
  if (!response.ok()) throw new Error(`signup failed: ${await response.text()}`);
  return (await response.json()) as { workspaces: Array<{ id: string }> };
}

async function inviteToken(context: BrowserContext, role: string): Promise<string> {
  const response = await context.request.post(
    `${server.url}/api/workspaces/${workspaceId}/invites`,
    { data: { role }, headers: { origin: server.url } },
  );
  if (!response.ok()) throw new Error(`invite failed: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** A claim made as the editor makes it: an anchor into the document's synced Y.Doc. */
async function createClaim(documentId: string, exact: string, statement: string) {
  const client = openClient(`${server.url.replace(/^http/, 'ws')}/collab`, documentId, token);
  try {
    await synced(client);
    const response = await fetch(`${server.url}/api/documents/${documentId}/claims`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ anchor: anchorFor(client.doc, exact), statement }),
    });
    if (response.status !== 201) throw new Error(`claim failed: ${await response.text()}`);
  } finally {
    client.destroy();
  }
}

function yesterday(): string {
  const date = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

beforeAll(async () => {
  if (!existsSync(`${builtWeb}index.html`)) {
    throw new Error('apps/web/dist is missing: run "pnpm --filter @factdesk/web build" first.');
  }
  webDist = `${mkdtempSync(join(tmpdir(), 'factdesk-web-'))}/`;
  cpSync(builtWeb, webDist, { recursive: true });
  server = await startTestServer({ webDist });
  browser = await launchBrowser();
  const [ownerContext, moderatorContext, reviewerContext] = await Promise.all(
    [0, 1, 2].map(() => browser.newContext({ viewport: WIDE, acceptDownloads: true })),
  );
  if (!ownerContext || !moderatorContext || !reviewerContext) throw new Error('no contexts');
  contexts = [ownerContext, moderatorContext, reviewerContext];

  const owner = await signUp(ownerContext, OWNER, { workspaceName: 'Metro desk' });
  workspaceId = owner.workspaces[0]?.id ?? '';
  await signUp(moderatorContext, MODERATOR, {
    inviteToken: await inviteToken(ownerContext, 'moderator'),
  });
  await signUp(reviewerContext, REVIEWER, {
    inviteToken: await inviteToken(ownerContext, 'reviewer'),
  });
  const created = await moderatorContext.request.post(`${server.url}/api/me/tokens`, {
    data: { name: 'e2e claims' },
    headers: { origin: server.url },
  });
  token = ((await created.json()) as { token: string }).token;
  const reviewerCreated = await reviewerContext.request.post(`${server.url}/api/me/tokens`, {
    data: { name: 'e2e review' },
    headers: { origin: server.url },
  });
  reviewerToken = ((await reviewerCreated.json()) as { token: string }).token;

  moderatorPage = watchForBreakage(await moderatorContext.newPage(), problems);
  reviewerPage = watchForBreakage(await reviewerContext.newPage(), problems);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (webDist) rmSync(webDist, { recursive: true, force: true });
});

describe('a desk imports, assigns and reviews articles in the browser', () => {
  test('an empty workspace says who you are and offers the import', async () => {
    const list = await new DocumentsPage(moderatorPage).open(server.url, workspaceId);
    await moderatorPage.getByRole('heading', { name: 'No documents yet' }).waitFor();
    expect(await moderatorPage.getByText('Your role').textContent()).toContain('Moderator');
    expect(await list.page.getByRole('link', { name: 'Invite your team' }).count()).toBe(0);
    await screenshot(moderatorPage, 'w01-documents-empty-moderator');
  });

  test('a moderator imports a Markdown file; its format comes from the extension', async () => {
    const list = new DocumentsPage(moderatorPage);
    await list.openImport();
    await list.upload({
      name: 'budget.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(BUDGET_MD),
    });
    expect(await list.formatSelect.inputValue()).toBe('md');
    await list.fillDetails({
      sourceUrl: 'https://example.com/news/budget',
      outlet: 'Metro Daily',
      author: 'Jane Reporter',
      publishedAt: '2026-11-30',
      language: 'en',
    });
    await screenshot(moderatorPage, 'w02-import-dialog-file', false);
    budgetId = await list.importAndOpen();
  });

  test('an empty pasted import is answered with the server’s sentence beside the text', async () => {
    const list = await new DocumentsPage(moderatorPage).open(server.url, workspaceId);
    await list.openImport();
    await list.submitImport();
    const alert = list.importDialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('content is empty: paste or upload the article text.');
    expect(await list.importDialog.getByLabel('Article text').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await screenshot(moderatorPage, 'w03-import-dialog-error', false);
  });

  test('pasted HTML is recognised and imported with the given title', async () => {
    const list = new DocumentsPage(moderatorPage);
    await list.paste(PASTED_HTML);
    expect(await list.formatSelect.inputValue()).toBe('html');
    await list.fillDetails({ title: PASTED_TITLE, outlet: 'Harbour News' });
    await list.importAndOpen();
  });

  test('the list shows both documents with their metadata, and search narrows it', async () => {
    const list = await new DocumentsPage(moderatorPage).open(server.url, workspaceId);
    const budget = await list.row(BUDGET_TITLE);
    const text = (await budget.textContent()) ?? '';
    expect(text).toContain('Metro Daily');
    expect(text).toContain('by Jane Reporter');
    expect(text).toContain('Text locked');
    expect(await list.claimsText(BUDGET_TITLE)).toContain('No claims yet');
    await list.row(PASTED_TITLE);
    expect(await list.rows.count()).toBe(2);

    await list.search('budget');
    await expect.poll(() => list.rows.count()).toBe(1);
    await list.row(BUDGET_TITLE);
    await list.search('harbour');
    await expect
      .poll(() => list.rows.allTextContents())
      .toEqual([expect.stringContaining(PASTED_TITLE)]);
    await list.search('no such article');
    await moderatorPage.getByText('No documents match “no such article”.').waitFor();
    await list.search('');
    await expect.poll(() => list.rows.count()).toBe(2);
  });

  test('claims made through the API show in the document’s progress bar', async () => {
    await createClaim(budgetId, QUOTE_A, 'School spending doubled in two years');
    await createClaim(budgetId, QUOTE_B, 'Crime fell 40% since 2020');
    await createClaim(budgetId, QUOTE_C, 'Record low unemployment');
    const list = await new DocumentsPage(moderatorPage).open(server.url, workspaceId);
    await expect.poll(() => list.claimsText(BUDGET_TITLE)).toContain('3 claims: 3 open.');
    await screenshot(moderatorPage, 'w04-documents-list');
  });

  test('on the board a moderator assigns from the menu, by dragging, and in bulk with a due date', async () => {
    await new DocumentsPage(moderatorPage).page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Board' })
      .click();
    const board = new BoardPage(moderatorPage);
    await board.waitForLanes();
    for (const quote of [QUOTE_A, QUOTE_B, QUOTE_C]) {
      await board.card('Unassigned', quote).waitFor();
    }

    await board.assignFromMenu('Unassigned', QUOTE_A, REVIEWER.displayName);
    await board.notice(`is assigned to ${REVIEWER.displayName}`);
    const assigned = board.card(REVIEWER.displayName, QUOTE_A);
    await assigned.waitFor();
    expect(await board.card('Unassigned', QUOTE_A).count()).toBe(0);

    await board.dragCard('Unassigned', QUOTE_B, MODERATOR.displayName);
    await board.notice(`is assigned to ${MODERATOR.displayName}`);
    await board.card(MODERATOR.displayName, QUOTE_B).waitFor();

    await board.select(MODERATOR.displayName, QUOTE_B);
    await board.select('Unassigned', QUOTE_C);
    await screenshot(moderatorPage, 'w05-board-selection');
    await board.assignSelected(REVIEWER.displayName, yesterday());
    await board.notice(`2 claims assigned to ${REVIEWER.displayName}.`);
    const overdue = board.card(REVIEWER.displayName, QUOTE_C);
    await overdue.waitFor();
    expect(await overdue.textContent()).toContain('Overdue');
    expect(await board.card(REVIEWER.displayName, QUOTE_B).textContent()).toContain('Overdue');
    await screenshot(moderatorPage, 'w06-board');
  });

  test('a board assignment over a stale claim shows the server’s sentence and the claim as it is now', async () => {
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const me = (await (await fetch(`${server.url}/api/me`, { headers: bearer })).json()) as {
      user: { id: string };
    };
    const claims = (await (
      await fetch(`${server.url}/api/workspaces/${workspaceId}/claims`, { headers: bearer })
    ).json()) as Array<{ id: string; version: number; anchor: { quote: { exact: string } } }>;
    const claimA = claims.find((claim) => claim.anchor.quote.exact === QUOTE_A);
    if (!claimA) throw new Error('claim A is missing');
    // The board refetches its claims when a colleague changes one (a live event, then a GET):
    // those fetches are held until the assignment is made, so the board still shows the older
    // version, as it does when the event is slower than the person. Without this the refetch
    // won the race on a slow machine, the board assigned the fresh version and nothing
    // conflicted.
    const isBoardClaims = (url: URL) => url.pathname === `/api/workspaces/${workspaceId}/claims`;
    const held: Route[] = [];
    let holding = true;
    await moderatorPage.route(isBoardClaims, (route) =>
      holding ? held.push(route) : route.continue(),
    );
    // Someone else assigns it while this board still shows the older version.
    const behind = await fetch(`${server.url}/api/claims/${claimA.id}/assign`, {
      method: 'POST',
      headers: bearer,
      body: JSON.stringify({ version: claimA.version, reviewerIds: [me.user.id] }),
    });
    expect(behind.status).toBe(200);

    const board = new BoardPage(moderatorPage);
    await board.assignFromMenu(REVIEWER.displayName, QUOTE_A, OWNER.displayName);
    const alert = moderatorPage.getByRole('alert').filter({ hasText: 'cannot assign' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/the claim changed since version \d+/);
    holding = false;
    await Promise.all(held.map((route) => route.continue()));
    await moderatorPage.unroute(isBoardClaims);
    await board.card(MODERATOR.displayName, QUOTE_A).waitFor();
    expect(await board.card(OWNER.displayName, QUOTE_A).count()).toBe(0);
  });

  test('the reviewer’s queue lists the assigned claims, overdue first, each linking to it', async () => {
    const queue = await new QueuePage(reviewerPage).open(server.url);
    const texts = await queue.texts(3);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('Overdue');
    expect(texts[1]).toContain('Overdue');
    expect(texts[2]).toContain(QUOTE_A);
    expect(texts[2]).toContain('School spending doubled in two years');
    expect(texts[2]).toContain(BUDGET_TITLE);
    expect(texts[2]).toContain('Assigned');
    const link = queue.items.nth(2).getByRole('link');
    expect(await link.getAttribute('href')).toMatch(
      new RegExp(`^/w/${workspaceId}/d/${budgetId}\\?claim=[0-9a-f-]{36}$`),
    );
    await screenshot(reviewerPage, 'w07-queue');
  });

  test('a verdict and an open editor show in the list: tones, a sentence, initials', async () => {
    const as = (bearer: string) => ({
      authorization: `Bearer ${bearer}`,
      'content-type': 'application/json',
    });
    const post = async (bearer: string, path: string, body: unknown) => {
      const response = await fetch(`${server.url}/api${path}`, {
        method: 'POST',
        headers: as(bearer),
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${await response.text()}`);
      return (await response.json()) as { version: number };
    };
    const claims = (await (
      await fetch(`${server.url}/api/me/queue`, { headers: as(reviewerToken) })
    ).json()) as Array<{ id: string; version: number; anchor: { quote: { exact: string } } }>;
    const claimC = claims.find((claim) => claim.anchor.quote.exact === QUOTE_C);
    if (!claimC) throw new Error('claim C is not in the queue');
    const started = await post(reviewerToken, `/claims/${claimC.id}/start`, {
      version: claimC.version,
    });
    const proposed = await post(reviewerToken, `/claims/${claimC.id}/propose`, {
      version: started.version,
      verdict: 'false',
      rationale: 'The statistics office reports a rise.',
    });
    await post(token, `/claims/${claimC.id}/approve`, { version: proposed.version });

    // The reviewer has the document open in an editor (a stock y-websocket client).
    const editor = openClient(
      `${server.url.replace(/^http/, 'ws')}/collab`,
      budgetId,
      reviewerToken,
    );
    try {
      await synced(editor);
      const list = await new DocumentsPage(moderatorPage).open(server.url, workspaceId);
      await expect
        .poll(() => list.claimsText(BUDGET_TITLE))
        .toContain('3 claims: 1 approved, 2 assigned. Verdicts: 1 False; 2 without a verdict.');
      const openNow = (await list.row(BUDGET_TITLE)).getByRole('list', { name: 'Open now' });
      expect(await openNow.getByRole('listitem').allTextContents()).toEqual(['RRRita Reviewer']);
      expect(await openNow.getByRole('listitem').getAttribute('title')).toBe(REVIEWER.displayName);
      await screenshot(moderatorPage, 'w04b-documents-list-verdicts');
    } finally {
      editor.destroy();
    }
  });

  test('a reviewer has no Board in the navigation and sees the board read-only', async () => {
    const navigation = reviewerPage.getByRole('navigation', { name: 'Main' });
    await navigation.getByRole('link', { name: 'My queue' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Board' }).count()).toBe(0);
    const board = await new BoardPage(reviewerPage).open(server.url, workspaceId);
    await board.card(REVIEWER.displayName, QUOTE_A).waitFor();
    expect(await reviewerPage.getByRole('button', { name: /^Assign / }).count()).toBe(0);
    expect(await reviewerPage.getByRole('checkbox').count()).toBe(0);
    expect(await board.card(REVIEWER.displayName, QUOTE_A).getAttribute('draggable')).toBe('false');
  });

  test('a moderator archives a document, finds it under Archived, and deletes it', async () => {
    const list = await new DocumentsPage(moderatorPage).open(server.url, workspaceId);
    await moderatorPage.getByRole('button', { name: `Archive “${PASTED_TITLE}”` }).click();
    await moderatorPage.getByText(`“${PASTED_TITLE}” was archived.`).waitFor();
    await expect.poll(() => list.rows.count()).toBe(1);

    await moderatorPage.getByLabel('Show').selectOption('archived');
    await moderatorPage.waitForURL(/archived=1/);
    expect(await (await list.row(PASTED_TITLE)).textContent()).toContain('Archived');
    await moderatorPage.getByRole('button', { name: `Delete “${PASTED_TITLE}”` }).click();
    const confirm = moderatorPage.getByRole('dialog', { name: `Delete “${PASTED_TITLE}”?` });
    await confirm.getByRole('button', { name: 'Delete document' }).click();
    await moderatorPage.getByText('No archived documents.').waitFor();
    const gone = await fetch(
      `${server.url}/api/workspaces/${workspaceId}/documents?archived=true`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(await gone.json()).toEqual([]);
  });

  test('the export dialog’s link downloads the HTML report', async () => {
    const list = await new DocumentsPage(moderatorPage).open(server.url, workspaceId);
    await list.openExport(BUDGET_TITLE);
    const dialog = list.exportDialog;
    expect(await dialog.getByRole('radio', { name: /^HTML/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: /^Approved claims only/ }).isChecked()).toBe(
      true,
    );
    expect(await dialog.getByRole('checkbox', { name: 'Evidence of each claim' }).isChecked()).toBe(
      true,
    );
    await dialog.getByRole('radio', { name: /^All claims/ }).check();
    await screenshot(moderatorPage, 'w08-export-dialog', false);
    const [download] = await Promise.all([
      moderatorPage.waitForEvent('download'),
      dialog.getByRole('link', { name: 'Download HTML' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.html$/);
    const html = readFileSync(await download.path(), 'utf8');
    expect(html).toContain(BUDGET_TITLE);
    expect(html).toContain(QUOTE_A);
  });

  test('the export dialog downloads the report of a saved text version', async () => {
    const saved = await fetch(`${server.url}/api/documents/${budgetId}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Before publication' }),
    });
    expect(saved.status).toBe(201);
    const version = (await saved.json()) as { id: string };
    const list = await new DocumentsPage(moderatorPage).open(server.url, workspaceId);
    await list.openExport(BUDGET_TITLE);
    const select = list.exportVersionSelect;
    expect(await select.inputValue()).toBe('');
    // Listed by name and date (the import's own version too), picked like any select.
    const option = select.locator(`option[value="${version.id}"]`);
    await option.waitFor({ state: 'attached' });
    expect(await option.textContent()).toMatch(/^Before publication — \S/);
    expect(await select.locator('option', { hasText: 'As imported' }).count()).toBe(1);
    await select.selectOption(version.id);
    await list.exportDialog.getByRole('radio', { name: /^JSON/ }).check();
    await moderatorPage.getByText('the same report every time').waitFor();
    await screenshot(moderatorPage, 'w08b-export-dialog-version', false);
    const [download] = await Promise.all([
      moderatorPage.waitForEvent('download'),
      list.exportDialog.getByRole('link', { name: 'Download JSON' }).click(),
    ]);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(data.textVersion).toMatchObject({ id: version.id, name: 'Before publication' });
  });

  test('on a phone the list, the import dialog, the board and the queue fit the screen', async () => {
    const phone = watchForBreakage(await contexts[1]!.newPage(), problems);
    await phone.setViewportSize(NARROW);
    const list = await new DocumentsPage(phone).open(server.url, workspaceId);
    await list.row(BUDGET_TITLE);
    await screenshot(phone, 'w09-narrow-documents');
    await list.openImport();
    await screenshot(phone, 'w10-narrow-import-dialog', false);
    await list.importDialog.getByRole('button', { name: 'Cancel' }).click();
    await new BoardPage(phone).open(server.url, workspaceId);
    await new BoardPage(phone).card(REVIEWER.displayName, QUOTE_A).waitFor();
    await screenshot(phone, 'w11-narrow-board');
    const reviewerPhone = watchForBreakage(await contexts[2]!.newPage(), problems);
    await reviewerPhone.setViewportSize(NARROW);
    const phoneQueue = await new QueuePage(reviewerPhone).open(server.url);
    await phoneQueue.texts(2);
    await screenshot(reviewerPhone, 'w12-narrow-queue');
    for (const page of [phone, reviewerPhone]) {
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
    }
  });

  test('no page threw an error or broke the Content-Security-Policy along the way', () => {
    expect(problems).toEqual([]);
  });
});
