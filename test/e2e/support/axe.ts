// The accessibility scan every end-to-end file runs: axe's WCAG 2.2 A and AA rules (and, where asked, its best
// practices), reporting the serious and critical violations as one line each.

import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * What Chromium logs when axe tries to run inside a print preview's frame, which allows no script: the files that
 * fail on console errors set this one aside.
 */
export const AXE_IN_SANDBOX = /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/;

export interface AxeScan {
  /**
   * Left out of the scan: by default every frame. The preview frames run no script, so axe cannot look inside them;
   * the form's HTML they show is scanned with the export. Null scans everything.
   */
  exclude?: string | null;
  /** Only this part of the page. */
  include?: string;
  /** axe's best-practice rules as well. */
  bestPractice?: boolean;
}

export async function seriousAccessibilityViolations(page: Page, scan: AxeScan = {}): Promise<string[]> {
  const tags = [
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
    ...(scan.bestPractice ? ['best-practice'] : []),
  ];
  let builder = new AxeBuilder({ page }).withTags(tags);
  const exclude = scan.exclude === undefined ? 'iframe' : scan.exclude;
  if (exclude !== null) builder = builder.exclude(exclude);
  if (scan.include) builder = builder.include(scan.include);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}
