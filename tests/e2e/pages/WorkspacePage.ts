// The signed-in shell around a workspace: top bar, navigation, the workspace's front page.
import type { Page } from 'playwright-core';

export class WorkspacePage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  get navigation() {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  get menuButton() {
    return this.page.getByRole('button', { name: 'Menu', exact: true });
  }

  /** The workspace's id, from the address. */
  workspaceId(): string {
    const match = /\/w\/([0-9a-f-]{36})/.exec(this.page.url());
    if (!match?.[1]) throw new Error(`Not in a workspace: ${this.page.url()}`);
    return match[1];
  }

  async title(): Promise<string> {
    await this.heading.waitFor();
    return (await this.heading.textContent()) ?? '';
  }

  /** "Your role Owner Manages workspace settings…" */
  async roleLine(): Promise<string> {
    const line = this.page.getByText('Your role');
    await line.waitFor();
    return (await line.textContent()) ?? '';
  }

  async openMembers(): Promise<void> {
    await this.navigation.getByRole('link', { name: 'Members' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
  }
}
