// /signup, with or without an invite.
import type { Page } from 'playwright-core';

export interface NewAccount {
  email: string;
  displayName: string;
  password: string;
  workspaceName?: string;
}

export class SignupPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/signup`);
    await this.page.getByRole('heading', { name: 'Create your account' }).waitFor();
    return this;
  }

  get workspaceName() {
    return this.page.getByLabel('Workspace name');
  }

  async fill(account: NewAccount): Promise<void> {
    await this.page.getByLabel('Email').fill(account.email);
    await this.page.getByLabel('Display name').fill(account.displayName);
    await this.page.getByLabel('Password').fill(account.password);
    if (account.workspaceName !== undefined) await this.workspaceName.fill(account.workspaceName);
  }

  /** Submits and waits for the workspace the new account lands in. */
  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Create account|Sign up and join)$/ }).click();
    await this.page.waitForURL(/\/w\/[0-9a-f-]{36}$/);
  }
}
