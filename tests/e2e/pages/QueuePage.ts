// /queue: "My queue", the signed-in person's assigned claims.
import type { Page } from 'playwright-core';

export class QueuePage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/queue`);
    await this.page.getByRole('heading', { level: 1, name: 'My queue' }).waitFor();
    return this;
  }

  get items() {
    return this.page.locator('ol.queue-list > li');
  }

  /** Each claim's text as shown, in the order of the queue; waits for `count` of them. */
  async texts(count: number): Promise<string[]> {
    await this.items.nth(count - 1).waitFor();
    return this.items.allTextContents();
  }
}
