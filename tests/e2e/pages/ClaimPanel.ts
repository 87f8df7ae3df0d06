// The claim panel beside a document's text (/w/:workspaceId/d/:documentId): the list with
// its filters, and one claim's detail with verdict, evidence, comments and history.
import type { Locator, Page } from 'playwright-core';

export interface EvidenceInput {
  url: string;
  title?: string;
  publisher?: string;
  kind?: string;
  stance?: string;
  excerpt?: string;
}

export class ClaimPanel {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('#claim-panel');
  }

  async open(
    baseUrl: string,
    workspaceId: string,
    documentId: string,
    claimId?: string,
  ): Promise<this> {
    const query = claimId ? `?claim=${claimId}` : '';
    await this.page.goto(`${baseUrl}/w/${workspaceId}/d/${documentId}${query}`);
    await this.root
      .getByRole('heading', { level: 2, name: claimId ? 'Claim' : 'Claims' })
      .waitFor();
    return this;
  }

  /** The list's items (each one button), in the order shown. */
  get items(): Locator {
    return this.root.getByRole('list', { name: 'Claims' }).getByRole('button');
  }

  item(text: string): Locator {
    return this.items.filter({ hasText: text });
  }

  /** A quick filter button ("Mine 2"), by its name. */
  quickFilter(name: string): Locator {
    return this.root.getByRole('button', { name: new RegExp(`^${name} \\d+$`) });
  }

  async openClaim(text: string): Promise<void> {
    await this.item(text).click();
    await this.root.getByRole('heading', { level: 2, name: 'Claim' }).waitFor();
  }

  async back(): Promise<void> {
    await this.root.getByRole('button', { name: 'Back to claims' }).click();
    await this.root.getByRole('heading', { level: 2, name: 'Claims' }).waitFor();
  }

  section(heading: string): Locator {
    return this.root.locator('section').filter({
      has: this.page.getByRole('heading', { level: 3, name: heading, exact: true }),
    });
  }

  button(name: string): Locator {
    return this.root.getByRole('button', { name, exact: true });
  }

  get rationale(): Locator {
    return this.root.getByLabel('Rationale (Markdown)');
  }

  async pickVerdict(label: string): Promise<void> {
    await this.root.getByRole('radio', { name: label, exact: true }).check();
  }

  /** The rendered preview's HTML. */
  async previewHtml(): Promise<string> {
    await this.button('Preview').click();
    const html = await this.root.locator('.rationale-preview').innerHTML();
    await this.button('Write').click();
    return html;
  }

  evidenceForm(): Locator {
    return this.root.getByRole('form', { name: 'Add evidence' });
  }

  async fillEvidence(evidence: EvidenceInput): Promise<Locator> {
    const form = this.evidenceForm();
    if ((await form.count()) === 0) await this.button('Add evidence').click();
    await form.getByLabel('Link').fill(evidence.url);
    if (evidence.title) await form.getByLabel('Title').fill(evidence.title);
    if (evidence.publisher) await form.getByLabel('Publisher').fill(evidence.publisher);
    if (evidence.kind) await form.getByLabel('Kind').selectOption(evidence.kind);
    if (evidence.stance) await form.getByLabel('Stance').selectOption(evidence.stance);
    if (evidence.excerpt) await form.getByLabel('Excerpt').fill(evidence.excerpt);
    return form;
  }

  get evidenceItems(): Locator {
    return this.section('Evidence').getByRole('listitem');
  }

  async comment(text: string): Promise<void> {
    const form = this.root.getByRole('form', { name: 'Add a comment' });
    await form.getByLabel('Add a comment').fill(text);
    await form.getByRole('button', { name: 'Comment' }).click();
  }

  get historyItems(): Locator {
    return this.section('History').getByRole('listitem');
  }

  /** Waits until the history holds a sentence containing `text`. */
  async historyShows(text: string): Promise<void> {
    await this.historyItems.filter({ hasText: text }).first().waitFor();
  }
}
