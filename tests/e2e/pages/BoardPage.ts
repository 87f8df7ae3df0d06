// /w/:workspaceId/board: lanes per reviewer, cards per claim, the assign menu and bulk bar.
import type { Page } from 'playwright-core';

export class BoardPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, workspaceId: string): Promise<this> {
    await this.page.goto(`${baseUrl}/w/${workspaceId}/board`);
    await this.waitForLanes();
    return this;
  }

  async waitForLanes(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: 'Board' }).waitFor();
    await this.lane('Unassigned').waitFor();
  }

  /** A person's lane (or "Unassigned"), a region named after them. */
  lane(name: string) {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** A card in a lane, by the start of its quote. */
  card(laneName: string, quote: string) {
    return this.lane(laneName).getByRole('article', { name: `Claim: ${quote}` });
  }

  async assignFromMenu(laneName: string, quote: string, person: string): Promise<void> {
    const card = this.card(laneName, quote);
    await card.getByRole('button', { name: /^Assign / }).click();
    await card.getByRole('button', { name: person, exact: true }).click();
  }

  /**
   * Drags a card onto another lane with the mouse, as a person does (HTML5 drag events).
   * Both must be on screen together: the target is scrolled into view first.
   */
  async dragCard(fromLane: string, quote: string, toLane: string): Promise<void> {
    const target = this.lane(toLane);
    await target.scrollIntoViewIfNeeded();
    const from = await this.card(fromLane, quote).boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error('card or lane is not visible');
    const mouse = this.page.mouse;
    // Grab the card by its lower edge, away from its link and buttons.
    await mouse.move(from.x + 12, from.y + from.height - 6);
    await mouse.down();
    await mouse.move(from.x + 30, from.y + from.height - 20, { steps: 4 });
    await mouse.move(to.x + to.width / 2, to.y + 16, { steps: 10 });
    await mouse.up();
  }

  async select(laneName: string, quote: string): Promise<void> {
    await this.card(laneName, quote).getByRole('checkbox').check();
  }

  async assignSelected(person: string, dueDate?: string): Promise<void> {
    const bar = this.page.getByRole('form', { name: 'Assign selected claims' });
    await bar.getByLabel('Assign selected to').selectOption({ label: person });
    if (dueDate) await bar.getByLabel(/^Due date/).fill(dueDate);
    await bar.getByRole('button', { name: 'Assign', exact: true }).click();
  }

  /** The polite confirmation the board gives after an assignment. */
  async notice(text: string | RegExp): Promise<void> {
    await this.page.getByRole('status').filter({ hasText: text }).waitFor();
  }
}
