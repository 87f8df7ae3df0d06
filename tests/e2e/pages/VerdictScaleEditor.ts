// The verdict scale editor on the workspace settings page (/w/:workspaceId/settings).
import type { Locator, Page } from 'playwright-core';

export class VerdictScaleEditor {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('form', { name: 'Verdict scale' });
  }

  async open(baseUrl: string, workspaceId: string): Promise<this> {
    await this.page.goto(`${baseUrl}/w/${workspaceId}/settings`);
    await this.root.getByLabel('Verdict 1', { exact: true }).waitFor();
    return this;
  }

  /** The verdict rows, in order. */
  get rows(): Locator {
    return this.root.locator('.scale-labels > li');
  }

  /** The row whose label field holds `label`. */
  async rowIndex(label: string): Promise<number> {
    const count = await this.rows.count();
    for (let i = 0; i < count; i++) {
      if ((await this.labelField(i).inputValue()) === label) return i;
    }
    throw new Error(`no verdict "${label}" in the editor`);
  }

  labelField(index: number): Locator {
    return this.root.getByLabel(`Verdict ${index + 1}`, { exact: true });
  }

  async labels(): Promise<string[]> {
    const count = await this.rows.count();
    const labels: string[] = [];
    for (let i = 0; i < count; i++) labels.push(await this.labelField(i).inputValue());
    return labels;
  }

  async rename(from: string, to: string): Promise<void> {
    await this.labelField(await this.rowIndex(from)).fill(to);
  }

  async rate(label: string, rating: string): Promise<void> {
    await this.rows
      .nth(await this.rowIndex(label))
      .getByLabel('Rating', { exact: true })
      .fill(rating);
  }

  async colour(label: string, hex: string): Promise<void> {
    const row = this.rows.nth(await this.rowIndex(label));
    await row.getByRole('checkbox', { name: 'From rating' }).uncheck();
    await row.getByLabel('Colour', { exact: true }).fill(hex);
  }

  async moveUp(label: string): Promise<void> {
    await this.root.getByRole('button', { name: `Move ${label} up` }).click();
  }

  get preview(): Locator {
    return this.root.getByRole('region', { name: 'Preview' });
  }

  get mapping(): Locator {
    return this.preview.getByRole('table', { name: 'How existing verdicts map' });
  }

  async save(): Promise<void> {
    await this.root.getByRole('button', { name: 'Save verdict scale' }).click();
    await this.root.getByText('Verdict scale saved.').waitFor();
  }
}
