// The notification bell in the top bar and its inbox popup, as a person uses them.
import type { Locator, Page } from 'playwright-core';

export class NotificationInbox {
  readonly bell: Locator;
  readonly popup: Locator;

  constructor(readonly page: Page) {
    this.bell = page.getByRole('button', { name: /^Notifications/ });
    this.popup = page.getByRole('region', { name: 'Notifications' });
  }

  /** The unread count the bell's badge shows (0 when there is no badge). */
  async unread(): Promise<number> {
    const badge = this.bell.locator('.bell-count');
    if ((await badge.count()) === 0) return 0;
    return Number(await badge.textContent());
  }

  /** Waits until the bell's accessible name says `count` unread (without reloading). */
  async waitForUnread(count: number): Promise<void> {
    const name = count === 0 ? /^Notifications$/ : new RegExp(`^Notifications, ${count} unread$`);
    await this.page.getByRole('button', { name }).waitFor();
  }

  async open(): Promise<void> {
    if ((await this.bell.getAttribute('aria-expanded')) !== 'true') await this.bell.click();
    await this.popup.waitFor();
  }

  /** The inbox's items (each a link to its claim), newest first. */
  get items(): Locator {
    return this.popup.getByRole('listitem');
  }

  item(text: string | RegExp): Locator {
    return this.popup.getByRole('link', { name: text });
  }
}
