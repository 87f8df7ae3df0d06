// Blind double review with several people, each in their own browser: two reviewers give
// their verdicts without seeing each other's — neither in the page nor in what the server
// answers the page — until both have proposed; then the verdicts disagree and a moderator
// decides side by side. Real server, real database, Debian's chromium.
import type { Claim } from '@factdesk/model';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBrowserSession } from './fixtures/browserSession.ts';
import type { NewsroomUser } from './fixtures/newsroom.ts';
import { describeFindings, seriousFindings } from './pages/accessibility.ts';
import { screenshot } from './pages/browser.ts';
import { ClaimPanel } from './pages/ClaimPanel.ts';

const ARTICLE = [
  '# Minister: unemployment halved',
  '',
  'The minister said unemployment fell by half in two years.',
  '',
  'Economists disagree about the series she used.',
].join('\n');
const CLAIMED = 'unemployment fell by half in two years';
const RITA_SAYS = 'Ritasecret: the labour survey shows a fall of a fifth only.';
const RAVI_SAYS = 'Ravisecret: the claimant count did halve.';

const session = useBrowserSession();
let moderator: NewsroomUser;
let rita: NewsroomUser;
let ravi: NewsroomUser;
let documentId: string;
let claimId: string;
let ritaPage: Page;
let raviPage: Page;
let moderatorPage: Page;

/** What the server answers this page for the claim, fetched from inside the page (its session). */
async function claimAsPage(page: Page): Promise<{ claim: Claim; raw: string }> {
  const raw = await page.evaluate(async (id) => {
    const answers = await Promise.all(
      [`/api/claims/${id}`, `/api/claims/${id}/history`, `/api/claims/${id}/evidence`].map(
        async (path) => (await fetch(path)).text(),
      ),
    );
    return answers.join('\n');
  }, claimId);
  const claim = (await page.evaluate(
    async (id) => (await fetch(`/api/claims/${id}`)).json(),
    claimId,
  )) as Claim;
  return { claim, raw };
}

/** The claim's panel in this person's page. */
function openPanel(page: Page): Promise<ClaimPanel> {
  return new ClaimPanel(page).open(
    session.server.url,
    session.newsroom.workspaceId,
    documentId,
    claimId,
  );
}

beforeAll(async () => {
  const { newsroom } = session;
  moderator = await newsroom.member('moderator', 'Mona Moderator');
  rita = await newsroom.member('reviewer', 'Rita Reviewer');
  ravi = await newsroom.member('reviewer', 'Ravi Reviewer');
  documentId = await newsroom.importArticle(moderator, 'Minister: unemployment halved', ARTICLE);
  [claimId = ''] = await newsroom.createClaims(moderator, documentId, [CLAIMED]);
});

describe('two reviewers, blind; a moderator adjudicates', () => {
  test('a moderator asks for two independent verdicts in the workspace settings', async () => {
    moderatorPage = await session.pageAs(moderator);
    await moderatorPage.goto(`${session.server.url}/w/${session.newsroom.workspaceId}/settings`);
    const count = moderatorPage.getByLabel('Independent verdicts per claim');
    await count.selectOption('2');
    await moderatorPage.getByRole('button', { name: 'Save blind review' }).click();
    await moderatorPage.getByText('Blind review setting saved.').waitFor();
    const claim = await session.newsroom.call<Claim>(moderator, 'GET', `/api/claims/${claimId}`);
    expect(claim.blindReview).toMatchObject({ required: 2, override: null });
    await session.newsroom.call(moderator, 'POST', `/api/claims/${claimId}/assign`, {
      version: claim.version,
      reviewerIds: [rita.id, ravi.id],
    });
  });

  test('Rita proposes; her verdict stays hidden from Ravi in the page and in the API', async () => {
    ritaPage = await session.pageAs(rita);
    raviPage = await session.pageAs(ravi);
    const ritaPanel = await openPanel(ritaPage);
    const raviPanel = await openPanel(raviPage);
    await ritaPanel.root.getByText(/This claim takes 2 independent verdicts/).waitFor();
    await ritaPanel.button('Start review').click();
    await ritaPanel.pickVerdict('False');
    await ritaPanel.rationale.fill(RITA_SAYS);
    await ritaPanel.button('Propose verdict').click();
    await ritaPanel.root
      .getByText('Your verdict is hidden from the other reviewer until both have proposed.')
      .waitFor();
    await ritaPanel.root.getByText('Blind · 1 of 2 proposed').waitFor();
    await ritaPanel.root.getByText('Waiting for 1 more verdict.').waitFor();
    await screenshot(ritaPage, 'blind-01-rita-waiting', false);

    // Ravi's panel follows live: one verdict is in, and nothing of it shows.
    await raviPanel.root.getByText('Blind · 1 of 2 proposed').waitFor();
    expect(await raviPanel.root.textContent()).not.toContain('Ritasecret');
    await raviPanel
      .section('History')
      .getByText(/hidden until every reviewer has proposed/)
      .waitFor();
    const asRavi = await claimAsPage(raviPage);
    expect(asRavi.claim.independentVerdicts).toEqual([]);
    expect(asRavi.raw).not.toContain('Ritasecret');
    expect(asRavi.raw).not.toContain('"verdict":"false"');
    await screenshot(raviPage, 'blind-02-ravi-blind', false);
    expect(describeFindings(await seriousFindings(ritaPage))).toEqual([]);
  });

  test('Ravi proposes otherwise; both verdicts appear to both of them, live', async () => {
    const raviPanel = new ClaimPanel(raviPage);
    const ritaPanel = new ClaimPanel(ritaPage);
    await raviPanel.pickVerdict('True');
    await raviPanel.rationale.fill(RAVI_SAYS);
    await raviPanel.button('Propose verdict').click();
    for (const panel of [raviPanel, ritaPanel]) {
      await panel.root.getByRole('heading', { name: 'The verdicts disagree' }).waitFor();
      await panel.root.getByText('Ritasecret', { exact: false }).first().waitFor();
      await panel.root.getByText('Ravisecret', { exact: false }).first().waitFor();
    }
    // Reviewers compare, but only a moderator outside the round decides.
    expect(await ritaPanel.root.getByRole('form', { name: 'Decide the verdict' }).count()).toBe(0);
    const asRita = await claimAsPage(ritaPage);
    expect(asRita.claim.status).toBe('adjudication');
    expect(asRita.raw).toContain('Ravisecret');
  });

  test('the moderator may return it to the reviewers instead, by keyboard: a new round starts', async () => {
    const panel = await openPanel(moderatorPage);
    const adjudication = panel.root.locator('.adjudication');
    await adjudication.getByText(/Or return it to the reviewers/).waitFor();
    // From the decision's button, Tab reaches the return; Enter opens the reason, focused.
    await adjudication.getByRole('button', { name: 'Decide and approve' }).focus();
    await moderatorPage.keyboard.press('Tab');
    const focused = () => moderatorPage.evaluate(() => document.activeElement?.textContent ?? '');
    expect(await focused()).toBe('Return with a reason…');
    await moderatorPage.keyboard.press('Enter');
    const reason = adjudication.getByLabel(/Why it goes back/);
    await reason.waitFor();
    expect(await reason.evaluate((field) => field === document.activeElement)).toBe(true);
    await moderatorPage.keyboard.type('Compare the same series, then decide again.');
    await reason.scrollIntoViewIfNeeded();
    await screenshot(moderatorPage, 'blind-03a-return-reason', false);
    await moderatorPage.keyboard.press('Tab');
    expect(await focused()).toBe('Return to review');
    await moderatorPage.keyboard.press('Enter');

    // Back in review, in round 2, blind again: the panels say so, the reviewers' live.
    await panel.root.getByText('Blind · 0 of 2 proposed').waitFor();
    expect(await adjudication.count()).toBe(0);
    await new ClaimPanel(ritaPage).root.getByText('Blind · 0 of 2 proposed').waitFor();
    const claim = await session.newsroom.call<Claim>(moderator, 'GET', `/api/claims/${claimId}`);
    expect(claim).toMatchObject({
      status: 'in_review',
      blindReview: { round: 2, blind: true, proposedBy: [] },
      independentVerdicts: [],
    });
    const history = await session.newsroom.call<{ type: string; subject: { reason?: string } }[]>(
      moderator,
      'GET',
      `/api/claims/${claimId}/history`,
    );
    expect(history.find((event) => event.type === 'claim.returned')?.subject.reason).toBe(
      'Compare the same series, then decide again.',
    );
    await screenshot(moderatorPage, 'blind-03b-returned', false);

    // Round 2: they disagree again (through the API), and the claim waits for the moderator.
    let current = claim;
    for (const [who, verdict, rationale] of [
      [rita, 'false', RITA_SAYS],
      [ravi, 'true', RAVI_SAYS],
    ] as const) {
      current = await session.newsroom.call<Claim>(who, 'POST', `/api/claims/${claimId}/propose`, {
        version: current.version,
        verdict,
        rationale,
      });
    }
    expect(current).toMatchObject({ status: 'adjudication', blindReview: { round: 2 } });
  });

  test('the moderator decides side by side; the claim is approved with both inputs recorded', async () => {
    const panel = await openPanel(moderatorPage);
    const adjudication = panel.root.locator('.adjudication');
    await adjudication.getByRole('article', { name: 'Rita Reviewer’s verdict' }).waitFor();
    await adjudication.getByRole('article', { name: 'Ravi Reviewer’s verdict' }).waitFor();
    await adjudication.scrollIntoViewIfNeeded();
    await screenshot(moderatorPage, 'blind-03-adjudication', false);
    expect(describeFindings(await seriousFindings(moderatorPage))).toEqual([]);

    const form = panel.root.getByRole('form', { name: 'Decide the verdict' });
    // Keyboard: the decision's radios and the rationale are reachable without a mouse.
    await form.getByRole('radio', { name: 'Mixed', exact: true }).focus();
    await moderatorPage.keyboard.press('Space');
    await form
      .getByLabel('Rationale (Markdown)')
      .fill('Both series are real; the claim picks one.');
    await form.getByRole('button', { name: 'Decide and approve' }).click();
    await panel.root.getByText(/Decided by Mona Moderator/).waitFor();
    // Rita's page hears of the decision without a reload.
    await new ClaimPanel(ritaPage).root.getByText(/Decided by Mona Moderator/).waitFor();
    const history = await session.newsroom.call<{ type: string; subject: unknown }[]>(
      moderator,
      'GET',
      `/api/claims/${claimId}/history`,
    );
    const decided = history.find((event) => event.type === 'claim.adjudicated');
    expect(JSON.stringify(decided?.subject)).toContain('Ritasecret');
    expect(JSON.stringify(decided?.subject)).toContain('Ravisecret');
    await screenshot(moderatorPage, 'blind-04-decided', false);
    expect(session.problems).toEqual([]);
  });
});
