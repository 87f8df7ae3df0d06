// /w/:workspaceId/search: the app bar's search box ("/" focuses it) and the results page,
// one section per document, one link per hit, matching words in <mark>.
import type { Page } from 'playwright-core';

export class SearchPage {
  constructor(readonly page: Page) {}

  get box() {
    return this.page.getByRole('searchbox', { name: 'Search this workspace' });
  }

  /** Presses "/" where nothing is being typed, types the words and presses Enter. */
  async searchWithSlash(words: string): Promise<this> {
    await this.page.keyboard.press('/');
    await this.box.pressSequentially(words);
    await this.page.keyboard.press('Enter');
    await this.page.getByRole('heading', { level: 1, name: `Search: “${words}”` }).waitFor();
    return this;
  }

  get groups() {
    return this.page.locator('section.search-group');
  }

  /** The documents' titles, in the order shown; waits for `count` of them. */
  async groupTitles(count: number): Promise<string[]> {
    await this.groups.nth(count - 1).waitFor();
    return this.page.locator('.search-group-title a').allTextContents();
  }

  group(title: string) {
    return this.groups.filter({
      has: this.page.locator('.search-group-title', { hasText: title }),
    });
  }

  hitLinks() {
    return this.page.locator('a.search-hit-link');
  }
}
