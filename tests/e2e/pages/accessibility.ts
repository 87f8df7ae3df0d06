// An automated accessibility audit of what a page shows now: axe-core, run inside the page,
// against WCAG 2.x A and AA rules. Only serious and critical findings fail a test; the rest
// are reported by `audit` for a person to judge.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type AxeCore from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface Finding {
  rule: string;
  impact: string;
  help: string;
  /** CSS selectors of the offending elements (at most five). */
  targets: string[];
}

/** Every WCAG A/AA finding on the page as it is now. */
export async function audit(page: Page): Promise<Finding[]> {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy does not apply.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof AxeCore }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
  });
}

/** The findings that must not ship: serious or critical. */
export async function seriousFindings(page: Page): Promise<Finding[]> {
  return (await audit(page)).filter(
    (finding) => finding.impact === 'serious' || finding.impact === 'critical',
  );
}

/** The findings, one readable line each, so a failure names what to fix. */
export function describeFindings(findings: Finding[]): string[] {
  return findings.map((f) => `${f.impact} ${f.rule}: ${f.help} — ${f.targets.join(', ')}`);
}
