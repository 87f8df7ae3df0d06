// Debian's chromium driven by playwright-core (Playwright's own browser download is not
// used), plus where screenshots go.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const WIDE = { width: 1280, height: 800 };
export const NARROW = { width: 390, height: 844 };

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Kept in tests/e2e/artifacts/ (git-ignored) to look at after a run. The whole page by
 * default; `fullPage: false` for what one screen shows (overlays such as an open menu).
 */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage, animations: 'disabled' });
}

/**
 * Collects what must never happen in a page: an uncaught exception, or something the
 * server's Content-Security-Policy refused (an inline script or style, eval).
 */
export function watchForBreakage(page: Page, problems: string[]): Page {
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
      problems.push(`${page.url()}: ${message.text()}`);
    }
  });
  return page;
}
