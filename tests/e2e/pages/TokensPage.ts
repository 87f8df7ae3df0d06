// /settings/tokens: personal API tokens.
import type { Page } from 'playwright-core';

export class TokensPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/settings/tokens`);
    await this.page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    return this;
  }

  /** Creates a token and returns the secret shown once. */
  async create(name: string): Promise<string> {
    await this.page.getByLabel('Token name').fill(name);
    await this.page.getByRole('button', { name: 'Create token' }).click();
    const secret = this.page.getByRole('textbox', { name: 'New API token' });
    await secret.waitFor();
    return secret.inputValue();
  }

  row(name: string) {
    return this.page.getByRole('row').filter({ hasText: name });
  }

  async revoke(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Revoke token ${name}` }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await this.row(name).waitFor({ state: 'detached' });
  }
}
