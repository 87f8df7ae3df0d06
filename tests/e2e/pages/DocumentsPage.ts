// /w/:workspaceId: the document list, its search and filters, the import and export dialogs.
import type { Page } from 'playwright-core';

export interface ArticleDetails {
  title?: string;
  sourceUrl?: string;
  outlet?: string;
  author?: string;
  publishedAt?: string;
  language?: string;
}

export class DocumentsPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, workspaceId: string, query = ''): Promise<this> {
    await this.page.goto(`${baseUrl}/w/${workspaceId}${query}`);
    await this.page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    return this;
  }

  get importDialog() {
    return this.page.getByRole('dialog', { name: 'Import article' });
  }

  get exportDialog() {
    return this.page.getByRole('dialog', { name: 'Export verdict report' });
  }

  /** The export dialog's "Text version" select: the current text or a saved version. */
  get exportVersionSelect() {
    return this.exportDialog.getByLabel('Text version');
  }

  /** The list's own filter (the app bar's box is "Search this workspace"). */
  get searchBox() {
    return this.page.getByRole('searchbox', { name: 'Search', exact: true });
  }

  get rows() {
    return this.page.locator('table.documents-table tbody tr');
  }

  /** The row of a document, found by its title; waits for it. */
  async row(title: string) {
    const row = this.rows.filter({
      has: this.page.getByRole('link', { name: title, exact: true }),
    });
    await row.waitFor();
    return row;
  }

  /** What the row says about its claims, as a screen reader hears it. */
  async claimsText(title: string): Promise<string> {
    const row = await this.row(title);
    return (await row.locator('td[data-label="Claims"]').textContent()) ?? '';
  }

  async openImport(): Promise<void> {
    await this.page.getByRole('button', { name: 'Import article' }).first().click();
    await this.importDialog.waitFor();
  }

  async fillDetails(details: ArticleDetails): Promise<void> {
    const dialog = this.importDialog;
    const labels: Array<[keyof ArticleDetails, string]> = [
      ['title', 'Title'],
      ['sourceUrl', 'Source URL'],
      ['outlet', 'Outlet'],
      ['author', 'Author'],
      ['publishedAt', 'Publication date'],
      ['language', 'Language'],
    ];
    for (const [key, label] of labels) {
      const value = details[key];
      if (value !== undefined) await dialog.getByLabel(label).fill(value);
    }
  }

  async paste(text: string): Promise<void> {
    await this.importDialog.getByRole('radio', { name: 'Paste text' }).check();
    await this.importDialog.getByLabel('Article text').fill(text);
  }

  async upload(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.importDialog.getByRole('radio', { name: 'Upload a file' }).check();
    await this.importDialog.getByLabel('File', { exact: true }).setInputFiles(file);
    await this.importDialog.getByText(`${file.name} is ready to import.`).waitFor();
  }

  get formatSelect() {
    return this.importDialog.getByLabel('Format');
  }

  async submitImport(): Promise<void> {
    await this.importDialog.getByRole('button', { name: 'Import article' }).click();
  }

  /** Submits and waits for the new document's page; returns its id. */
  async importAndOpen(): Promise<string> {
    await this.submitImport();
    await this.page.waitForURL(/\/d\/[0-9a-f-]{36}/);
    const match = /\/d\/([0-9a-f-]{36})/.exec(this.page.url());
    if (!match?.[1]) throw new Error(`Not on a document: ${this.page.url()}`);
    return match[1];
  }

  async search(words: string): Promise<void> {
    await this.searchBox.fill(words);
    await this.page.waitForURL((url) => (url.searchParams.get('q') ?? '') === words);
  }

  async openExport(title: string): Promise<void> {
    await this.page.getByRole('button', { name: `Export “${title}”` }).click();
    await this.exportDialog.waitFor();
  }
}
