// /w/:workspaceId/d/:documentId — the review workspace: the shared article with claim
// highlights, the people in it, the connection, the lock, and the claim panel beside it.
import type { Locator, Page } from 'playwright-core';

export class ReviewPage {
  constructor(readonly page: Page) {}

  /** `timeout`: how long going live may take (a megabyte-sized article takes seconds to render). */
  async open(
    baseUrl: string,
    workspaceId: string,
    documentId: string,
    { timeout }: { timeout?: number } = {},
  ): Promise<this> {
    await this.page.goto(`${baseUrl}/w/${workspaceId}/d/${documentId}`);
    await this.waitLive(timeout);
    return this;
  }

  get article(): Locator {
    return this.page.getByRole('textbox', { name: /^Article text/ });
  }

  get connection(): Locator {
    return this.page.locator('.connection-badge');
  }

  get lockBadge(): Locator {
    return this.page.locator('.lock-badge');
  }

  /** "Your changes were not kept": what the server refused, or a dropped read-only copy. */
  get unkeptDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Your changes were not kept' });
  }

  /** The article's text as a reader sees it, one line per block. */
  async text(): Promise<string> {
    return (await this.paragraphs()).join('\n');
  }

  get panel(): Locator {
    return this.page.getByRole('complementary', { name: 'Claims' });
  }

  /** Waits until the text has arrived and the connection is live. */
  async waitLive(timeout?: number): Promise<void> {
    await this.page.locator('.connection-badge[data-status="connected"]').waitFor({ timeout });
    await this.page.getByText(/^Live/).waitFor({ timeout });
  }

  /** The article's blocks as a reader sees them (other people's caret labels left out). */
  async paragraphs(): Promise<string[]> {
    return this.article.locator('p, h1, h2, h3, li, blockquote').evaluateAll((blocks) =>
      blocks
        .filter((block) => !block.querySelector('p'))
        .map((block) => {
          const copy = block.cloneNode(true) as HTMLElement;
          for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove();
          return (copy.textContent ?? '').trim();
        }),
    );
  }

  /** The names in "In this document now". */
  async presentNames(): Promise<string[]> {
    return this.page.locator('.presence-name').allTextContents();
  }

  /** The colour class of each person in the presence list, in its order (by name). */
  async presenceColours(): Promise<string[]> {
    return this.page
      .locator('.presence-avatar')
      .evaluateAll((avatars) =>
        avatars.map(
          (avatar) => [...avatar.classList].find((c) => c.startsWith('caret-color-')) ?? '',
        ),
      );
  }

  /** Selects `needle` in the article, as dragging the mouse over it would. */
  async select(needle: string): Promise<void> {
    await this.article.evaluate((root, text) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) =>
          node.parentElement?.closest('.collab-caret')
            ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_ACCEPT,
      });
      const nodes: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      const at = nodes
        .map((node) => node.data)
        .join('')
        .indexOf(text);
      if (at < 0) throw new Error(`"${text}" is not in the article`);
      const range = document.createRange();
      let offset = 0;
      for (const node of nodes) {
        const end = offset + node.data.length;
        if (at >= offset && at < end) range.setStart(node, at - offset);
        if (at + text.length > offset && at + text.length <= end) {
          range.setEnd(node, at + text.length - offset);
          break;
        }
        offset = end;
      }
      (root as HTMLElement).focus();
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }, needle);
  }

  get newClaimButton(): Locator {
    return this.page.getByRole('button', { name: 'New claim', exact: true });
  }

  /** Select `needle` and make it a claim with the button beside the selection. */
  async createClaim(needle: string): Promise<void> {
    await this.select(needle);
    await this.newClaimButton.click();
  }

  /**
   * With the keyboard alone: the caret is put before `needle` (as a click would), then
   * Shift+→ selects it and Ctrl+Alt+C makes it a claim.
   */
  async createClaimWithKeyboard(needle: string): Promise<void> {
    await this.select(needle);
    await this.article.evaluate(() => window.getSelection()?.collapseToStart());
    for (const _ of needle) await this.page.keyboard.press('Shift+ArrowRight');
    await this.page.keyboard.press('Control+Alt+KeyC');
  }

  /** Presses Tab until the focused element is a button named `name`; false if never. */
  async tabTo(name: string, limit = 40): Promise<boolean> {
    for (let i = 0; i < limit; i++) {
      await this.page.keyboard.press('Tab');
      const focused = await this.page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return element?.tagName === 'BUTTON' ? (element.textContent ?? '').trim() : '';
      });
      if (focused === name) return true;
    }
    return false;
  }

  get highlights(): Locator {
    return this.article.locator('.claim-highlight');
  }

  /**
   * The highlighted passages, one per claim, in text order. A claim's text can span several
   * elements (bold inside it, another claim overlapping it), so its pieces are joined.
   */
  async highlightedTexts(): Promise<string[]> {
    return this.article.evaluate((root) => {
      const pieces = new Map<string, string>();
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('.collab-caret')) continue;
        for (
          let element = node.parentElement?.closest<HTMLElement>('[data-claim-id]');
          element && root.contains(element);
          element = element.parentElement?.closest<HTMLElement>('[data-claim-id]')
        ) {
          const id = element.dataset.claimId ?? '';
          pieces.set(id, (pieces.get(id) ?? '') + (node as Text).data);
        }
      }
      return [...pieces.values()];
    });
  }

  /** Waits until some claim highlights exactly `text`. */
  async waitForHighlight(text: string, timeout = 10_000): Promise<void> {
    const until = Date.now() + timeout;
    while (!(await this.highlightedTexts()).includes(text)) {
      if (Date.now() > until) {
        throw new Error(
          `No claim highlights "${text}": ${JSON.stringify(await this.highlightedTexts())}`,
        );
      }
      await this.page.waitForTimeout(100);
    }
  }

  /** Types at the end of the paragraph containing `text` (the caret put there as a click would). */
  async typeAtEndOf(text: string, typed: string): Promise<void> {
    await this.article.evaluate((root, needle) => {
      const block = [...root.querySelectorAll('p')].find((p) => p.textContent?.includes(needle));
      if (!block) throw new Error(`No paragraph contains "${needle}"`);
      const range = document.createRange();
      range.selectNodeContents(block);
      range.collapse(false);
      (root as HTMLElement).focus();
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }, text);
    await this.page.keyboard.type(typed);
  }
}
