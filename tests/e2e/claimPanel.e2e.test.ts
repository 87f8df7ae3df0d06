// The claim panel as a newsroom uses it in a browser: a moderator opens a claim made through
// the API, starts the review, adds evidence (an unsafe link is refused in the form with the
// server's sentence), comments, and proposes a verdict with a Markdown rationale while a
// reviewer changes the claim underneath — the conflict is named and the draft kept. The
// history tells it all. Real server and database, stock y-websocket client, Debian's chromium.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Claim, Evidence } from '@factdesk/model';
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
  request,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anchorFor } from '../../apps/server/src/testing/claimFactories.ts';
import { openClient, synced } from '../../apps/server/src/testing/syncClients.ts';
import { startTestServer, type TestServer } from '../../apps/server/src/testing/testServer.ts';
import { launchBrowser, NARROW, screenshot, WIDE, watchForBreakage } from './pages/browser.ts';
import { ClaimPanel } from './pages/ClaimPanel.ts';
import { selectInEditor } from './pages/editorSelection.ts';

const webDist = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

const ARTICLE = [
  '# Rents and wages',
  '',
  'The minister said rents doubled in ten years while wages stayed flat.',
  '',
  'Unemployment fell to 3 percent last spring, the lowest since 1970.',
  '',
  'قال الوزير إن الإيجارات تضاعفت.',
].join('\n');

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let owner: APIRequestContext;
let rita: APIRequestContext;
let workspaceId: string;
let documentId: string;
let rentsClaim: Claim;
let ritaId: string;
let token: string;
const problems: string[] = [];

/** A JSON call as the given person; fails the test with the server's sentence. */
async function call<T>(who: APIRequestContext, method: string, path: string, data?: unknown) {
  const response = await who.fetch(`${server.url}/api${path}`, {
    method,
    headers: { origin: server.url },
    ...(data === undefined ? {} : { data }),
  });
  if (!response.ok())
    throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

/** Until every CSS transition and animation on the page has finished (a drawer sliding in). */
function animationsDone(on: Page): Promise<unknown> {
  return on.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  );
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
  owner = context.request;
  rita = await request.newContext();

  const me = await call<{ workspaces: { id: string }[] }>(owner, 'POST', '/auth/signup', {
    email: 'olive.owner@example.com',
    displayName: 'Olive Owner',
    password: 'correct horse battery',
    workspaceName: 'Politics desk',
  });
  workspaceId = me.workspaces[0]?.id ?? '';
  const invite = await call<{ token: string }>(
    owner,
    'POST',
    `/workspaces/${workspaceId}/invites`,
    {
      role: 'reviewer',
      expiresInDays: 7,
      maxUses: 1,
    },
  );
  const ritaMe = await call<{ user: { id: string } }>(rita, 'POST', '/auth/signup', {
    email: 'rita.reviewer@example.com',
    displayName: 'Rita Reviewer',
    password: 'staple battery horse',
    inviteToken: invite.token,
  });
  ritaId = ritaMe.user.id;

  const document = await call<{ id: string }>(
    owner,
    'POST',
    `/workspaces/${workspaceId}/documents`,
    {
      format: 'md',
      title: 'Rents and wages',
      content: ARTICLE,
    },
  );
  documentId = document.id;

  // Anchors are Yjs relative positions into the server's own copy: read it as a client would.
  token = (await call<{ token: string }>(owner, 'POST', '/me/tokens', { name: 'e2e' })).token;
  const client = openClient(`${server.url.replace('http', 'ws')}/collab`, documentId, token);
  await synced(client);
  rentsClaim = await call<Claim>(owner, 'POST', `/documents/${documentId}/claims`, {
    anchor: anchorFor(client.doc, 'rents doubled in ten years'),
    statement: 'Rents doubled between 2014 and 2024.',
    claimant: { name: 'Housing minister', type: 'person' },
    tags: ['housing'],
  });
  await call<Claim>(owner, 'POST', `/documents/${documentId}/claims`, {
    anchor: anchorFor(client.doc, 'Unemployment fell to 3 percent'),
  });
  await call<Claim>(owner, 'POST', `/documents/${documentId}/claims`, {
    anchor: anchorFor(client.doc, 'الإيجارات تضاعفت'),
  });
  client.destroy();
  rentsClaim = await call<Claim>(owner, 'POST', `/claims/${rentsClaim.id}/assign`, {
    version: rentsClaim.version,
    reviewerIds: [ritaId],
    dueAt: '2020-01-31T23:59:59.000Z',
  });
});

afterAll(async () => {
  await rita?.dispose();
  await browser?.close();
  await server?.close();
});

describe('the claim panel of the document page', () => {
  test('lists the claims in text order with their verdict, status, reviewers and due date', async () => {
    const panel = await new ClaimPanel(page).open(server.url, workspaceId, documentId);
    await panel.items.nth(2).waitFor();
    const texts = await panel.items.allTextContents();
    expect(texts[0]).toContain('rents doubled in ten years');
    expect(texts[0]).toContain('No verdict');
    expect(texts[0]).toContain('Assigned');
    expect(texts[0]).toContain('Rita Reviewer');
    expect(texts[0]).toContain('Overdue');
    expect(texts[1]).toContain('Unemployment fell to 3 percent');
    expect(texts[1]).toContain('Unassigned');
    expect(texts[2]).toContain('الإيجارات تضاعفت');
    expect(await panel.quickFilter('Unassigned').textContent()).toBe('Unassigned 2');

    await panel.quickFilter('Unassigned').click();
    expect(await panel.items.count()).toBe(2);
    await panel.root.getByRole('combobox').first().selectOption('assigned');
    await panel.root.getByText('No claim matches these filters.').waitFor();
    await panel.button('Show all claims').click();
    expect(await panel.items.count()).toBe(3);
    await screenshot(page, 'claim-panel-01-list-wide', false);
  });

  test('opens a claim with its quote in context, statement, claimant and tags', async () => {
    const panel = new ClaimPanel(page);
    await panel.openClaim('rents doubled');
    expect(page.url()).toContain(`claim=${rentsClaim.id}`);
    const quote = panel.root.locator('blockquote').first();
    expect(await quote.textContent()).toContain(
      'The minister said rents doubled in ten years while',
    );
    expect(await quote.getAttribute('dir')).toBe('auto');
    const facts = await panel.root.getByRole('region', { name: 'Statement' }).textContent();
    expect(facts).toContain('Rents doubled between 2014 and 2024.');
    expect(facts).toContain('Housing minister (Person)');
    expect(facts).toContain('housing');
    await panel.button('Start review').click();
    await panel.rationale.waitFor();
  });

  test('an unsafe evidence link is refused in the form; two good ones are added', async () => {
    const panel = new ClaimPanel(page);
    let posted = 0;
    page.on('request', (sent) => {
      if (sent.method() === 'POST' && sent.url().endsWith('/evidence')) posted++;
    });
    const form = await panel.fillEvidence({ url: 'javascript:alert(1)', title: 'Trap' });
    await form.getByRole('button', { name: 'Add link' }).click();
    await form.getByText('Link must be an http or https URL (not javascript).').waitFor();
    expect(await form.getByLabel('Link').getAttribute('aria-invalid')).toBe('true');
    expect(posted).toBe(0);

    await panel.fillEvidence({
      url: 'https://stats.example.org/rents/2024',
      title: 'Rent index 2014–2024',
      publisher: 'National statistics office',
      kind: 'official_data',
      stance: 'refutes',
      excerpt: 'Rents rose 41 percent over the decade.',
    });
    await form.getByRole('button', { name: 'Add link' }).click();
    await panel.evidenceItems.filter({ hasText: 'Rent index 2014–2024' }).waitFor();
    await form.waitFor({ state: 'detached' });

    await panel.fillEvidence({ url: 'https://bücher.example/mieten', stance: 'context' });
    await form.getByRole('button', { name: 'Add link' }).click();
    await panel.evidenceItems.nth(1).waitFor();
    expect(posted).toBe(2);

    const links = panel.section('Evidence').getByRole('link');
    expect(await links.first().getAttribute('rel')).toBe('noopener noreferrer');
    expect(await links.first().getAttribute('target')).toBe('_blank');
    const second = await panel.evidenceItems.nth(1).textContent();
    expect(second).toContain('bücher.example');
    const stored = await call<Evidence[]>(owner, 'GET', `/claims/${rentsClaim.id}/evidence`);
    expect(stored.map((evidence) => evidence.url)).toEqual([
      'https://stats.example.org/rents/2024',
      'https://xn--bcher-kva.example/mieten',
    ]);
  });

  test('a comment appears in the thread, and one from a colleague arrives live', async () => {
    const panel = new ClaimPanel(page);
    await panel.comment('Checking the 2014 base year with the statistics office.');
    const comments = panel.section('Comments').getByRole('listitem');
    await comments.filter({ hasText: 'Checking the 2014 base year' }).waitFor();
    await call(rita, 'POST', `/claims/${rentsClaim.id}/comments`, {
      body: 'The office confirmed: 41 percent.',
    });
    await comments.filter({ hasText: 'Rita Reviewer' }).waitFor();
    expect(await comments.count()).toBe(2);
  });

  test('a stale verdict is refused with who changed what, and the typed rationale stays', async () => {
    const panel = new ClaimPanel(page);
    await panel.pickVerdict('Mostly true');
    const rationale =
      '**Rents rose 41%**, not 100%: see [the index](https://stats.example.org/rents/2024).';
    await panel.rationale.fill(rationale);
    const preview = await panel.previewHtml();
    expect(preview).toContain('<strong>Rents rose 41%</strong>');
    expect(preview).toContain('rel="noopener noreferrer"');

    // Meanwhile Rita, assigned to the claim, proposes her own verdict through the API.
    const current = await call<Claim>(rita, 'GET', `/claims/${rentsClaim.id}`);
    await call(rita, 'POST', `/claims/${rentsClaim.id}/propose`, {
      version: current.version,
      verdict: 'false',
      rationale: 'The minister exaggerated.',
    });
    await panel.root.getByText('This claim changed since you started writing.').waitFor();
    await screenshot(page, 'claim-panel-02-stale-draft-wide', false);
    await panel.button('Propose verdict').click();
    const alert = panel.root.getByRole('alert').filter({ hasText: 'Your change was not saved' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'Rita Reviewer changed this claim while you were editing: verdict is now False',
    );
    expect(await panel.rationale.inputValue()).toBe(rationale);
    await screenshot(page, 'claim-panel-03-conflict-wide', false);

    // The moderator sends Rita's verdict back and proposes the kept draft.
    await panel.button('Return with a reason…').click();
    await panel.root.getByLabel('Why it goes back').fill('The index says 41 percent.');
    await panel.button('Return to review').click();
    await panel.button('Propose verdict').waitFor();
    expect(await panel.rationale.inputValue()).toBe(rationale);
    expect(await panel.root.getByRole('radio', { name: 'Mostly true' }).isChecked()).toBe(true);
    await panel.button('Propose verdict').click();
    await panel.button('Approve verdict').waitFor();
    const verdict = panel.section('Verdict');
    expect(await verdict.locator('.rationale strong').textContent()).toBe('Rents rose 41%');
    expect(await verdict.textContent()).toContain('Mostly true');
  });

  test('the history tells who did what, in sentences', async () => {
    const panel = new ClaimPanel(page);
    await panel.historyShows('Olive Owner proposed the verdict Mostly true.');
    const history = (await panel.historyItems.allTextContents()).join('\n');
    for (const sentence of [
      'Olive Owner created the claim.',
      'Olive Owner assigned Rita Reviewer, due',
      'Olive Owner started the review.',
      'Olive Owner added evidence: Rent index 2014–2024.',
      'Olive Owner added evidence: bücher.example.',
      'Olive Owner commented.',
      'Rita Reviewer commented.',
      'Rita Reviewer proposed the verdict False.',
      'Olive Owner returned the claim to review: “The index says 41 percent.”',
    ]) {
      expect(history).toContain(sentence);
    }
    await screenshot(page, 'claim-panel-04-detail-wide', false);
    await panel.section('History').scrollIntoViewIfNeeded();
    await screenshot(page, 'claim-panel-05-history-wide', false);
  });

  test('approving keeps only the moderator’s reopen; back returns to the list', async () => {
    const panel = new ClaimPanel(page);
    // Olive proposed this verdict herself: the four-eyes rule leaves her, an owner, only the
    // confirmed override (verdictPublishing.e2e.test.ts covers the rule itself).
    expect(await panel.button('Approve verdict').isDisabled()).toBe(true);
    await panel.button('Override and approve…').click();
    await page
      .getByRole('dialog', { name: 'Approve your own verdict?' })
      .getByRole('button', { name: 'Override and approve' })
      .click();
    await panel.button('Reopen claim').waitFor();
    expect(await panel.button('Add evidence').count()).toBe(0);
    await panel.back();
    const first = await panel.items.first().textContent();
    expect(first).toContain('Mostly true');
    expect(first).toContain('Approved');
    expect(first).not.toContain('Overdue');
  });

  test('a claim whose passage is deleted is flagged orphaned and re-anchored to a selection', async () => {
    const panel = new ClaimPanel(page);
    await call(owner, 'POST', `/documents/${documentId}/unlock`);
    // A colleague deletes the passage through a stock y-websocket client.
    const client = openClient(`${server.url.replace('http', 'ws')}/collab`, documentId, token);
    await synced(client);
    // tests/ has no yjs of its own: the article's paragraphs are walked by shape
    // (XmlElement children; an XmlText is the node with toDelta).
    type YNode = { toArray?(): YNode[]; toDelta?(): unknown; toString(): string };
    const paragraphs = (client.doc.getXmlFragment('article').toArray() as unknown as YNode[])
      .flatMap((node) => node.toArray?.() ?? [])
      .filter((node) => node.toDelta !== undefined);
    const paragraph = paragraphs.find((text) => text.toString().includes('Unemployment fell')) as
      | { delete(index: number, length: number): void }
      | undefined;
    if (!paragraph) throw new Error('the unemployment paragraph is missing');
    paragraph.delete(0, 'Unemployment fell to 3 percent '.length);

    const orphan = panel.item('Unemployment fell to 3 percent');
    await orphan.filter({ hasText: 'Orphaned' }).waitFor();
    await panel.quickFilter('Orphaned').click();
    expect(await panel.items.count()).toBe(1);
    await orphan.click();
    await panel.root.getByText('The quoted passage is no longer in the document').waitFor();
    await panel.button('Re-anchor to selection').click();
    await panel.root.getByText('Select the passage in the text first.').waitFor();
    await screenshot(page, 'claim-panel-06-orphan-wide', false);

    await selectInEditor(page, 'last spring');
    await panel.button('Re-anchor to selection').click();
    await panel.root.locator('.orphan-box').waitFor({ state: 'detached' });
    expect(await panel.root.locator('mark').textContent()).toBe('last spring');
    client.destroy();
    await panel.back();
    expect(await panel.quickFilter('Orphaned').textContent()).toBe('Orphaned 0');
    await panel.quickFilter('All').click();
    expect(await panel.item('last spring').textContent()).not.toContain('Orphaned');
  });

  test('in a 390px drawer the list and the detail fit the screen', async () => {
    const phone = watchForBreakage(await context.newPage(), problems);
    await phone.setViewportSize(NARROW);
    const panel = new ClaimPanel(phone);
    await phone.goto(`${server.url}/w/${workspaceId}/d/${documentId}`);
    const toggle = phone.getByRole('button', { name: /^Claims \(/ });
    await toggle.waitFor().catch(async (error: unknown) => {
      await screenshot(phone, 'claim-panel-failed-narrow', false);
      throw error;
    });
    await toggle.click();
    await panel.items.nth(2).waitFor();
    await animationsDone(phone); // the drawer's slide-in
    await screenshot(phone, 'claim-panel-07-list-narrow', false);
    await panel.openClaim('rents doubled');
    await animationsDone(phone);
    await screenshot(phone, 'claim-panel-08-detail-narrow', false);
    const overflow = await panel.root.evaluate(
      (element) => element.scrollWidth - element.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await panel.section('Evidence').scrollIntoViewIfNeeded();
    await screenshot(phone, 'claim-panel-09-evidence-narrow', false);
    await phone.close();
  });

  test('no page threw an error or broke the Content-Security-Policy', () => {
    expect(problems).toEqual([]);
  });
});
