// The commenter role as a newsroom uses it: the desk chief reads an article under review and
// joins the discussion under a claim, live for the moderator, but cannot change the text or
// the claim — not in the page, and not through the document's socket (a stock y-websocket
// client with the commenter's own token). Real server and database, Debian's chromium.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  articleString,
  eventually,
  openClient,
  paragraphText,
  synced,
} from '../../apps/server/src/testing/syncClients.ts';
import { useBrowserSession } from './fixtures/browserSession.ts';
import type { NewsroomUser } from './fixtures/newsroom.ts';
import { screenshot } from './pages/browser.ts';
import { ClaimPanel } from './pages/ClaimPanel.ts';
import { ReviewPage } from './pages/ReviewPage.ts';

const ARTICLE = [
  '# Hospital waiting times',
  '',
  'The minister said waiting times halved since 2022.',
  '',
  'Nurses say the wards are as full as ever.',
].join('\n');
const CLAIMED = 'waiting times halved since 2022';

const session = useBrowserSession();
const { problems } = session;
let server: typeof session.server;
let newsroom: typeof session.newsroom;
let moderator: NewsroomUser;
let commenter: NewsroomUser;
let moderatorPage: Page;
let commenterPage: Page;
let documentId: string;
let claimId: string;

beforeAll(async () => {
  ({ server, newsroom } = session);
  moderator = await newsroom.member('moderator', 'Mona Moderator');
  commenter = await newsroom.member('commenter', 'Carl Commenter');
  documentId = await newsroom.importArticle(moderator, 'Waiting times', ARTICLE);
  // A draft open for editing: what stops the commenter is the role, not the lock.
  await newsroom.call(moderator, 'POST', `/api/documents/${documentId}/unlock`);
  [claimId = ''] = await newsroom.createClaims(moderator, documentId, [CLAIMED]);
  moderatorPage = await session.pageAs(moderator);
  commenterPage = await session.pageAs(commenter);
});

describe('a commenter in a document under review', () => {
  test('reads the text but may not edit it or make claims', async () => {
    const view = await new ReviewPage(commenterPage).open(
      server.url,
      newsroom.workspaceId,
      documentId,
    );
    expect(await view.lockBadge.textContent()).toContain('Read only · you can comment');
    expect(await view.article.getAttribute('aria-readonly')).toBe('true');
    await view.select('Nurses say');
    expect(await view.newClaimButton.count()).toBe(0);
    await view.article.press('End');
    await commenterPage.keyboard.type(' TYPED BY THE COMMENTER');
    expect(await view.text()).not.toContain('TYPED BY THE COMMENTER');
  });

  test('comments on the claim, and the moderator sees the comment without reloading', async () => {
    const moderatorPanel = await new ClaimPanel(moderatorPage).open(
      server.url,
      newsroom.workspaceId,
      documentId,
      claimId,
    );
    const panel = await new ClaimPanel(commenterPage).open(
      server.url,
      newsroom.workspaceId,
      documentId,
      claimId,
    );
    // Nothing that changes the claim is offered.
    for (const name of ['Start review', 'Assign reviewers', 'Propose verdict', 'Add evidence']) {
      expect(await panel.root.getByRole('button', { name }).count(), name).toBe(0);
    }
    await panel.comment('Which ministry figures? The 2022 baseline was a strike month.');
    await moderatorPanel
      .section('Comments')
      .getByText('The 2022 baseline was a strike month.')
      .waitFor();
    await panel.historyShows('Carl Commenter');
    await screenshot(commenterPage, 'commenter-01-comment', false);
  });

  test('an edit sent through the socket with the commenter’s token is never applied or stored', async () => {
    const wsUrl = `${server.url.replace('http', 'ws')}/collab`;
    const token = async (user: NewsroomUser) =>
      (await newsroom.call<{ token: string }>(user, 'POST', '/api/me/tokens', { name: 'socket' }))
        .token;
    const intruder = openClient(wsUrl, documentId, await token(commenter));
    const witness = openClient(wsUrl, documentId, await token(moderator));
    try {
      await Promise.all([synced(intruder), synced(witness)]);
      paragraphText(intruder.doc).insert(0, 'COMMENTER SOCKET EDIT ');
      // A barrier after it on the commenter's own socket: once the moderator sees the
      // commenter's awareness change, the server has read the edit before it.
      intruder.provider.awareness.setLocalStateField('barrier', 1);
      await eventually(
        () =>
          [...witness.provider.awareness.getStates().values()].some((state) => state.barrier === 1),
        'the commenter’s barrier to reach the moderator',
      );
      expect(articleString(witness.doc)).not.toContain('COMMENTER SOCKET EDIT');
    } finally {
      intruder.destroy();
      witness.destroy();
    }
    // Stored state, as a fresh reader loads it.
    const reader = openClient(wsUrl, documentId, await token(moderator));
    try {
      await synced(reader);
      expect(articleString(reader.doc)).toContain('waiting times halved');
      expect(articleString(reader.doc)).not.toContain('COMMENTER');
    } finally {
      reader.destroy();
    }
    const view = new ReviewPage(moderatorPage);
    await moderatorPage.goto(`${server.url}/w/${newsroom.workspaceId}/d/${documentId}`);
    await view.waitLive();
    expect(await view.text()).not.toContain('COMMENTER');
    expect(problems).toEqual([]);
  });
});
