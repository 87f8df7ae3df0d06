// /w/:workspaceId/members: the members table and, for owners, the invite links.
import type { Page } from 'playwright-core';

export interface InviteOptions {
  role: 'owner' | 'moderator' | 'reviewer' | 'viewer';
  expiresInDays?: number;
  maxUses?: number;
}

export class MembersPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, workspaceId: string): Promise<this> {
    await this.page.goto(`${baseUrl}/w/${workspaceId}/members`);
    await this.page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    return this;
  }

  get table() {
    return this.page.getByRole('table').first();
  }

  /** The row of a member, found by display name; waits for the table to show it. */
  async memberRow(displayName: string) {
    const row = this.table.getByRole('row').filter({ hasText: displayName });
    await row.waitFor();
    return row;
  }

  roleSelect(displayName: string) {
    return this.page.getByRole('combobox', { name: `Role of ${displayName}` });
  }

  get roleSelects() {
    return this.page.getByRole('combobox', { name: /^Role of / });
  }

  get removeButtons() {
    return this.page.getByRole('button', { name: /^Remove / });
  }

  /** Issues a one-time password reset link for a member and returns it as shown (once). */
  async issueResetLink(displayName: string): Promise<string> {
    await this.page.getByRole('button', { name: `Reset link for ${displayName}` }).click();
    const link = this.page.getByRole('textbox', { name: `Reset link for ${displayName}` });
    await link.waitFor();
    return link.inputValue();
  }

  get resetLinkButtons() {
    return this.page.getByRole('button', { name: /^Reset link for / });
  }

  get invitesHeading() {
    return this.page.getByRole('heading', { name: 'Invite links' });
  }

  /** Creates an invite link and returns it as shown (once) on the page. */
  async createInvite(options: InviteOptions): Promise<string> {
    const form = this.page.getByRole('form', { name: 'New invite link' });
    await form.getByLabel('Role').selectOption(options.role);
    if (options.expiresInDays !== undefined) {
      await form.getByLabel('Expires after (days)').fill(String(options.expiresInDays));
    }
    if (options.maxUses !== undefined) {
      await form.getByLabel('Maximum uses').fill(String(options.maxUses));
    }
    await form.getByRole('button', { name: 'Create invite link' }).click();
    const link = this.page.getByRole('textbox', { name: 'Invite link' });
    await link.waitFor();
    return link.inputValue();
  }

  /** The invite links table: one line of text per invite. */
  async inviteRows(): Promise<string[]> {
    const table = this.page.getByRole('table').nth(1);
    await table.waitFor();
    const rows = table.getByRole('row');
    const texts = await rows.allTextContents();
    return texts.slice(1);
  }
}
