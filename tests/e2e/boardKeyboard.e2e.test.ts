// Keyboard triage on the board: from the first card, the arrows and j/k move between cards
// in reading order (across the status columns and down the lanes), the focused card is
// outlined, and Enter opens the claim in its document. No mouse anywhere. Real server and
// database, Debian's chromium.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBrowserSession } from './fixtures/browserSession.ts';
import { BoardPage } from './pages/BoardPage.ts';
import { screenshot } from './pages/browser.ts';

const WORDS = ['Waiting lists fell by half', 'Ten new wards opened', 'Nurses got a raise'];

const session = useBrowserSession();
let page: Page;

beforeAll(async () => {
  const { newsroom } = session;
  const { owner } = newsroom;
  const rita = await newsroom.member('reviewer', 'Rita Reviewer');
  const documentId = await newsroom.importArticle(owner, 'Hospital budget', `${WORDS.join('. ')}.`);
  const claimIds = await newsroom.createClaims(owner, documentId, WORDS);
  // The last claim goes to Rita: one card in her lane, two unassigned.
  await newsroom.assign(owner, claimIds[2] ?? '', [rita]);
  page = await session.pageAs(owner);
});

/** The quote of the card whose link has focus. */
const focusedQuote = () =>
  page.evaluate(() => {
    const link = document.activeElement;
    return link?.classList.contains('board-card-link') ? (link.textContent?.trim() ?? '') : null;
  });

describe('keyboard triage on the board', () => {
  test('moves between cards with arrows and j/k, shows where it is, and opens with Enter', async () => {
    await new BoardPage(page).open(session.server.url, session.newsroom.workspaceId);
    // The hint keeps the catalog's space before "·" after the count ("3 claims · arrows…").
    await page.locator('.board-summary').getByText('3 claims').waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the laid-out text is the point: textContent keeps a space the layout collapsed
    expect(await page.locator('.board-keys').innerText()).toMatch(/^ · arrows or j k to move/);
    // Tab from the top of the page to the first card's link, as a keyboard user does.
    for (let presses = 0; presses < 40 && (await focusedQuote()) === null; presses++) {
      await page.keyboard.press('Tab');
    }
    const order: string[] = [];
    order.push((await focusedQuote()) ?? '');
    expect(order[0]).toMatch(/\S/);

    await page.keyboard.press('j');
    order.push((await focusedQuote()) ?? '');
    await page.keyboard.press('ArrowDown');
    order.push((await focusedQuote()) ?? '');
    // Three different cards, in the board's reading order, and every quote among them.
    expect(new Set(order).size).toBe(3);
    for (const words of WORDS) expect(order.some((quote) => quote.includes(words))).toBe(true);
    // At the end it stays put; k, ↑ and ← go back.
    await page.keyboard.press('ArrowRight');
    expect(await focusedQuote()).toBe(order[2]);
    await page.keyboard.press('k');
    expect(await focusedQuote()).toBe(order[1]);
    await page.keyboard.press('ArrowLeft');
    expect(await focusedQuote()).toBe(order[0]);
    await page.keyboard.press('ArrowRight');
    expect(await focusedQuote()).toBe(order[1]);

    // The focused card is outlined whole.
    const outline = await page.evaluate(() => {
      const card = document.activeElement?.closest('.board-card');
      return card ? getComputedStyle(card).outlineStyle : 'none';
    });
    expect(outline).toBe('solid');
    await screenshot(page, 'board-keyboard-focus', false);

    await page.keyboard.press('Enter');
    await page.waitForURL(/\/d\/[^/?]+\?claim=/);
    // The claim opens in its document's panel.
    await page
      .getByRole('complementary', { name: 'Claims' })
      .getByText(order[1] ?? '', { exact: false })
      .first()
      .waitFor();
    expect(session.problems).toEqual([]);
  });
});
