// Publishing verdicts in the browser: an owner edits the verdict scale with a preview of how
// existing verdicts map (approved ones keep what they were approved with); a moderator who
// proposed a verdict is told why they cannot approve it; an owner overrides the four-eyes
// rule only after confirming, and the claim's history says so. Real server, real database,
// Debian's chromium.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClaimAnchor, VerdictScale } from '@factdesk/model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anchorFor } from '../../apps/server/src/testing/claimFactories.ts';
import { openClient, synced } from '../../apps/server/src/testing/syncClients.ts';
import { startTestServer, type TestServer } from '../../apps/server/src/testing/testServer.ts';
import { Newsroom, type NewsroomUser } from './fixtures/newsroom.ts';
import { launchBrowser, screenshot, WIDE, watchForBreakage } from './pages/browser.ts';
import { ClaimPanel } from './pages/ClaimPanel.ts';
import { VerdictScaleEditor } from './pages/VerdictScaleEditor.ts';

const webDist = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

const ARTICLE = [
  'The mayor said crime fell by 40 percent last year.',
  '',
  'He added that every school now has a nurse and that rents halved.',
].join('\n');

let server: TestServer;
let browser: Browser;
let newsroom: Newsroom;
let moderator: NewsroomUser;
let reviewer: NewsroomUser;
let documentId: string;
const problems: string[] = [];
const claims: Record<string, string> = {};

interface ApiClaim {
  id: string;
  version: number;
}

/** A claim on `exact`, created, started and proposed by `by`; approved by `approver` if given. */
async function claimWithVerdict(
  exact: string,
  verdict: string,
  by: NewsroomUser,
  approver?: NewsroomUser,
): Promise<string> {
  let claim = await newsroom.call<ApiClaim>(by, 'POST', `/api/documents/${documentId}/claims`, {
    anchor: await anchorInServerText(exact),
    statement: exact,
  });
  claim = await newsroom.call<ApiClaim>(by, 'POST', `/api/claims/${claim.id}/start`, {
    version: claim.version,
  });
  claim = await newsroom.call<ApiClaim>(by, 'POST', `/api/claims/${claim.id}/propose`, {
    version: claim.version,
    verdict,
  });
  if (approver) {
    await newsroom.call(approver, 'POST', `/api/claims/${claim.id}/approve`, {
      version: claim.version,
    });
  }
  return claim.id;
}

/** An anchor into the server's own copy of the text, read as a client reads it. */
async function anchorInServerText(exact: string): Promise<ClaimAnchor> {
  const { token } = await newsroom.call<{ token: string }>(
    newsroom.owner,
    'POST',
    '/api/me/tokens',
    {
      name: `e2e ${exact}`,
    },
  );
  const client = openClient(`${server.url.replace('http', 'ws')}/collab`, documentId, token);
  try {
    await synced(client);
    return anchorFor(client.doc, exact);
  } finally {
    client.destroy();
  }
}

async function openAs(user: NewsroomUser): Promise<Page> {
  const context = await newsroom.contextFor(browser, user, WIDE);
  return watchForBreakage(await context.newPage(), problems);
}

beforeAll(async () => {
  if (!existsSync(`${webDist}index.html`)) {
    throw new Error('apps/web/dist is missing: run "pnpm --filter @factdesk/web build" first.');
  }
  server = await startTestServer({ webDist });
  newsroom = await Newsroom.open(server.url);
  moderator = await newsroom.member('moderator', 'Mona Moderator');
  reviewer = await newsroom.member('reviewer', 'Rita Reviewer');
  browser = await launchBrowser();
  documentId = (
    await newsroom.call<{ id: string }>(
      moderator,
      'POST',
      `/api/workspaces/${newsroom.workspaceId}/documents`,
      { format: 'md', content: ARTICLE, title: 'Mayor on crime' },
    )
  ).id;
  claims.approved = await claimWithVerdict(
    'crime fell by 40 percent',
    'false',
    reviewer,
    moderator,
  );
  claims.moderators = await claimWithVerdict('every school now has a nurse', 'mixed', moderator);
  claims.owners = await claimWithVerdict('rents halved', 'misleading', newsroom.owner);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('verdict scale editor', () => {
  test('an owner renames, re-rates, re-colours and re-orders verdicts, seeing how existing ones map', async () => {
    const page = await openAs(newsroom.owner);
    const editor = await new VerdictScaleEditor(page).open(server.url, newsroom.workspaceId);
    expect(await editor.labels()).toEqual([
      'True',
      'Mostly true',
      'Mixed',
      'Misleading',
      'False',
      'Unverifiable',
    ]);
    await editor.rename('False', 'Pants on fire');
    await editor.rate('Mixed', '2.5');
    await editor.colour('True', '#0a7d3b');
    await editor.moveUp('Unverifiable');

    // The preview: the approved False keeps its label and rating; proposed verdicts follow.
    const rows = editor.mapping.getByRole('row');
    const falseRow = rows.filter({ hasText: 'False (rated 1)' });
    await falseRow.waitFor();
    expect(await falseRow.textContent()).toContain('Pants on fire (rated 1)');
    expect(await falseRow.textContent()).toContain(
      '1 approved keep the label and rating they were approved with.',
    );
    const mixedRow = rows.filter({ hasText: 'Mixed (rated 3)' });
    expect(await mixedRow.textContent()).toContain('Mixed (rated 2.5)');
    expect(await mixedRow.textContent()).toContain('1 not yet approved follow the new scale.');
    // A verdict claims use cannot be removed.
    expect(
      await editor.root.getByRole('button', { name: 'Remove Pants on fire' }).isDisabled(),
    ).toBe(true);
    await screenshot(page, 'verdict-scale-editor');

    await editor.save();
    await page.reload();
    await editor.labelField(0).waitFor();
    expect(await editor.labels()).toEqual([
      'True',
      'Mostly true',
      'Mixed',
      'Misleading',
      'Unverifiable',
      'Pants on fire',
    ]);
    const saved = await newsroom.call<{ scale: VerdictScale }>(
      newsroom.owner,
      'GET',
      `/api/workspaces/${newsroom.workspaceId}/verdict-scale`,
    );
    expect(saved.scale.labels.find((l) => l.key === 'unverifiable')?.ratingValue).toBeNull();
    expect(saved.scale.labels.find((l) => l.key === 'mixed')?.ratingValue).toBe(2.5);
    expect(saved.scale.labels.find((l) => l.key === 'true')?.color).toBe('#0a7d3b');

    // The approved claim still reads as it was approved.
    const approved = await newsroom.call<{ approvedVerdict: { label: string } }>(
      newsroom.owner,
      'GET',
      `/api/claims/${claims.approved}`,
    );
    expect(approved.approvedVerdict.label).toBe('False');
    await page.context().close();
  });
});

describe('four-eyes approval', () => {
  test('a moderator is told why they cannot approve the verdict they proposed', async () => {
    const page = await openAs(moderator);
    const panel = await new ClaimPanel(page).open(
      server.url,
      newsroom.workspaceId,
      documentId,
      claims.moderators,
    );
    const notice = panel.root.getByText('You proposed this verdict.');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('four-eyes rule');
    expect(await panel.button('Approve verdict').isDisabled()).toBe(true);
    expect(await panel.root.getByRole('button', { name: 'Override and approve…' }).count()).toBe(0);
    // Returning it stays possible.
    expect(await panel.button('Return with a reason…').isEnabled()).toBe(true);
    await screenshot(page, 'four-eyes-refused');
    await page.context().close();
  });

  test('an owner overrides the rule only after confirming; the history says so', async () => {
    const page = await openAs(newsroom.owner);
    const panel = await new ClaimPanel(page).open(
      server.url,
      newsroom.workspaceId,
      documentId,
      claims.owners,
    );
    await panel.root.getByText('As an owner you may override the rule').waitFor();
    expect(await panel.button('Approve verdict').isDisabled()).toBe(true);
    await panel.root.getByRole('button', { name: 'Override and approve…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve your own verdict?' });
    await dialog.waitFor();
    await screenshot(page, 'four-eyes-override-confirm', false);
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const before = await newsroom.call<{ status: string }>(
      newsroom.owner,
      'GET',
      `/api/claims/${claims.owners}`,
    );
    expect(before.status).toBe('verdict_proposed');

    await panel.root.getByRole('button', { name: 'Override and approve…' }).click();
    await dialog.getByRole('button', { name: 'Override and approve' }).click();
    await panel.root.getByText('overriding the four-eyes rule', { exact: false }).first().waitFor();
    await panel.historyShows('approved the verdict Misleading, overriding the four-eyes rule');
    const after = await newsroom.call<{ status: string; approvalOverride: boolean }>(
      newsroom.owner,
      'GET',
      `/api/claims/${claims.owners}`,
    );
    expect(after).toMatchObject({ status: 'approved', approvalOverride: true });
    await screenshot(page, 'four-eyes-overridden');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
