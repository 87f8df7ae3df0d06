// /invite/:token, as someone who is not signed in yet.
import type { Page } from 'playwright-core';

export class InvitePage {
  constructor(readonly page: Page) {}

  async open(link: string): Promise<this> {
    await this.page.goto(link);
    await this.page.getByRole('heading', { name: 'You’re invited' }).waitFor();
    return this;
  }

  /** "You are invited to join Politics desk as a Reviewer …" */
  async summary(): Promise<string> {
    return (await this.page.getByText('You are invited to join').textContent()) ?? '';
  }

  async signUpToJoin(): Promise<void> {
    await this.page.getByRole('link', { name: 'Sign up to join' }).click();
    await this.page.getByRole('heading', { name: 'Create your account' }).waitFor();
  }
}
