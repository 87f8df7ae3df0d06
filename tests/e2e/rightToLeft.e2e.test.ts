// Arabic and Hebrew articles read right to left wherever their words are shown: in the editor
// (each paragraph takes the direction of its own first letters, so an English line in an
// Arabic piece stays left to right), in the claim panel, on the board, in the queue and in
// search results. Real server and database, Debian's chromium.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useBrowserSession } from './fixtures/browserSession.ts';
import type { NewsroomUser } from './fixtures/newsroom.ts';
import { BoardPage } from './pages/BoardPage.ts';
import { screenshot } from './pages/browser.ts';
import { ClaimPanel } from './pages/ClaimPanel.ts';
import { QueuePage } from './pages/QueuePage.ts';
import { ReviewPage } from './pages/ReviewPage.ts';

const ARABIC_CLAIM = 'انخفضت البطالة إلى النصف منذ عام 2020';
const HEBREW_CLAIM = 'מחירי הדיור עלו בשלושים אחוז';
const ARTICLE = [
  '# تقرير الاقتصاد',
  '',
  `قال الوزير إن ${ARABIC_CLAIM} في كل المدن.`,
  '',
  'The English summary stays left to right.',
  '',
  `${HEBREW_CLAIM} לפי הלשכה.`,
].join('\n');

const session = useBrowserSession();
const { problems } = session;
let moderator: NewsroomUser;
let reviewer: NewsroomUser;
let page: Page;
let documentId: string;
let claimIds: string[];

beforeAll(async () => {
  const { newsroom } = session;
  moderator = await newsroom.member('moderator', 'Mona Moderator');
  reviewer = await newsroom.member('reviewer', 'Rita Reviewer');
  documentId = await newsroom.importArticle(moderator, 'تقرير الاقتصاد', ARTICLE);
  claimIds = await newsroom.createClaims(moderator, documentId, [ARABIC_CLAIM, HEBREW_CLAIM]);
  for (const claimId of claimIds) await newsroom.assign(moderator, claimId, [reviewer]);
  page = await session.pageAs(reviewer);
});

afterAll(() => {
  expect(problems).toEqual([]);
});

/** The direction the browser resolved for an element (dir="auto" included). */
function direction(element: Locator): Promise<string> {
  return element.evaluate((node) => (node.matches(':dir(rtl)') ? 'rtl' : 'ltr'));
}

/**
 * Which side of its box a line of text hugs: the gap between the text and the box's left
 * edge compared with the gap on the right (the text is narrower than the box).
 */
function alignment(element: Locator): Promise<'left' | 'right'> {
  return element.evaluate((node) => {
    const box = node.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(node);
    const text = range.getBoundingClientRect();
    return text.left - box.left > box.right - text.right ? 'right' : 'left';
  });
}

describe('an article in Arabic and Hebrew', () => {
  test('is laid out right to left in the editor, paragraph by paragraph', async () => {
    const view = await new ReviewPage(page).open(
      session.server.url,
      session.newsroom.workspaceId,
      documentId,
    );
    const paragraph = (words: string) => view.article.locator('p', { hasText: words });
    expect(await alignment(view.article.locator('h1'))).toBe('right');
    expect(await alignment(paragraph('قال الوزير'))).toBe('right');
    expect(await alignment(paragraph(HEBREW_CLAIM))).toBe('right');
    expect(await alignment(paragraph('The English summary'))).toBe('left');
    await screenshot(page, 'rtl-editor');
  });

  test('reads right to left in the claim panel', async () => {
    const panel = await new ClaimPanel(page).open(
      session.server.url,
      session.newsroom.workspaceId,
      documentId,
      claimIds[0],
    );
    const quote = panel.root.locator('.claim-quote-text');
    expect(await direction(quote)).toBe('rtl');
    expect(await alignment(quote)).toBe('right');
    await screenshot(page, 'rtl-panel');
  });

  test('reads right to left on the board and in the queue', async () => {
    const board = await new BoardPage(page).open(session.server.url, session.newsroom.workspaceId);
    const card = board.card('Rita Reviewer', ARABIC_CLAIM.slice(0, 20));
    const cardQuote = card.locator('.claim-quote');
    expect(await direction(cardQuote)).toBe('rtl');
    expect(await alignment(cardQuote)).toBe('right');
    expect(await direction(card.locator('.board-card-document'))).toBe('rtl');
    await screenshot(page, 'rtl-board');

    const queue = await new QueuePage(page).open(session.server.url);
    await queue.texts(2);
    const hebrew = queue.items.filter({ hasText: HEBREW_CLAIM }).locator('.claim-quote');
    expect(await direction(hebrew)).toBe('rtl');
    expect(await alignment(hebrew)).toBe('right');
    await screenshot(page, 'rtl-queue');
  });

  test('reads right to left in search results', async () => {
    await page.goto(
      `${session.server.url}/w/${session.newsroom.workspaceId}/search?q=${encodeURIComponent('البطالة')}`,
    );
    const snippet = page.locator('a.search-hit-link .search-snippet').first();
    await snippet.waitFor();
    expect(await direction(snippet)).toBe('rtl');
    expect(await direction(page.locator('.search-group-title a').first())).toBe('rtl');
    await screenshot(page, 'rtl-search');
  });
});
