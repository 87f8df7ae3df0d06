// /reset/:token: a one-time password reset link, opened by someone who cannot log in.
import type { Page } from 'playwright-core';

export class ResetPasswordPage {
  constructor(readonly page: Page) {}

  async open(link: string): Promise<this> {
    await this.page.goto(link);
    await this.page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    return this;
  }

  /** "For Rita Reviewer (rita…@example.com). This link works once, until …" */
  async intro(): Promise<string> {
    return (await this.page.getByText('This link works once').textContent()) ?? '';
  }

  /** Types the password twice and sends the form with Enter, as a keyboard user would. */
  async setPassword(password: string): Promise<void> {
    await this.page.getByLabel('New password', { exact: true }).fill(password);
    await this.page.getByLabel('Repeat the new password').fill(password);
    await this.page.getByLabel('Repeat the new password').press('Enter');
  }

  /** The heading and sentence shown for a link that cannot be used. */
  async refusal(): Promise<{ heading: string; alert: string }> {
    const heading = this.page.getByRole('heading', { name: 'This reset link cannot be used' });
    await heading.waitFor();
    return {
      heading: (await heading.textContent()) ?? '',
      alert: (await this.page.getByRole('alert').textContent()) ?? '',
    };
  }
}
