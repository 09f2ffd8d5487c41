import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openStarter } from './support/app';

const SCREENSHOTS = 'e2e/output/screenshots';

// Each flow opens and analyses a sample, and some scan or edit several times: more than the default 30 s on a small machine.
test.describe.configure({ timeout: 120_000 });
// The size the layout is designed to be readable at.
test.use({ viewport: { width: 1280, height: 800 } });

/**
 * Runs axe on the page and fails on serious or critical violations, listing each with the elements concerned.
 * No rule is turned off. One kind of element is left out, and only while something is selected: graph nodes
 * and edges (with the edges' labels) the selection dims on purpose (faded context around the highlighted path).
 * Their names stay in their accessible labels, and they return to full contrast as soon as the selection is
 * cleared; the scan with nothing selected checks them at full contrast.
 */
async function expectNoSeriousViolations(page: Page, what: string, options: { dimmedGraph?: boolean } = {}) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  // Edge labels are drawn in their own layer, outside their edge's element, so they are named on their own.
  if (options.dimmedGraph)
    builder = builder
      .exclude('.react-flow__node.is-dimmed')
      .exclude('.react-flow__edge.is-dimmed')
      .exclude('.graph-edge-label.is-dimmed');
  const results = await builder.analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const report = serious.map(
    (violation) => `${violation.impact} ${violation.id}: ${violation.help}\n${violation.nodes.map((node) => `  - ${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('\n')}`,
  );
  expect(report, `serious or critical accessibility violations in ${what}`).toEqual([]);
}

test('the gallery has no serious accessibility problems', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /Starter: one team workspace/ })).toBeVisible();
  await expectNoSeriousViolations(page, 'the gallery');
});

test('the main view has no serious accessibility problems, in light and dark', async ({ page }) => {
  await openStarter(page);
  await expectNoSeriousViolations(page, 'the main view with nothing selected');
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-main.png` });

  const side = page.getByRole('complementary', { name: 'Panels' });
  await side.getByRole('button', { name: /Compute cluster cannot pull images/ }).click();
  await expect(side.getByTestId('finding-details')).toBeVisible();
  await expectNoSeriousViolations(page, 'the main view with a finding open', { dimmedGraph: true });

  await side.getByRole('tab', { name: /Paths/ }).click();
  await side.locator('[data-path-id^="compute-image-pull|"] button').first().click();
  await expectNoSeriousViolations(page, 'the paths panel with a path open', { dimmedGraph: true });

  await side.getByRole('tab', { name: 'Inspector' }).click();
  await side.getByTestId('inspect-entity').selectOption({ label: 'cpu-cluster' });
  await expectNoSeriousViolations(page, 'the inspector', { dimmedGraph: true });

  await side.getByRole('tab', { name: 'Explain access' }).click();
  await side.getByLabel('Principal').fill('alice');
  await side.getByLabel('Action', { exact: true }).fill('Microsoft.ContainerRegistry/registries/pull/read');
  await side.getByLabel('Scope').fill('acrchurnprod');
  await expect(side.getByTestId('decision')).toBeVisible();
  await expectNoSeriousViolations(page, 'the explain panel', { dimmedGraph: true });

  await page.getByRole('button', { name: 'Dark mode' }).click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await side.getByRole('tab', { name: /Findings/ }).click();
  await side.getByRole('button', { name: /Compute cluster cannot pull images/ }).click();
  await expectNoSeriousViolations(page, 'the main view in dark mode', { dimmedGraph: true });
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-dark.png` });
});

test('the dark-mode choice follows the system until changed, and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openStarter(page);
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team');
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
});

test('everything is reachable from the keyboard, with a visible focus ring', async ({ page }) => {
  await openStarter(page);
  // The first Tabs land on the skip links; the second one jumps past the graph's many nodes to the panels.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the graph' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the panels' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { selected: true })).toBeFocused();

  // Without the shortcut, Tab still gets there, through the header and the graph.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 30_000 });
  await page.keyboard.press('Tab');

  // Tab through the header to the panel tabs, checking each stop shows a ring.
  const panelTabs = page.getByRole('tablist', { name: 'Panels' });
  let reached = false;
  for (let step = 0; step < 200 && !reached; step++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return 'none';
      const style = getComputedStyle(element);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
    const inGraph = await page.evaluate(() => document.activeElement?.closest('.react-flow') !== null);
    // React Flow draws its node focus ring on the card inside the node: checked by its own styles.
    if (!inGraph) expect(ring, 'focused element shows an outline').not.toMatch(/^none|0px$/);
    reached = await panelTabs.getByRole('tab', { selected: true }).evaluate((tab) => tab === document.activeElement);
  }
  expect(reached, 'the panel tabs are reachable with Tab').toBe(true);

  // Arrow keys move between tabs and show their panels.
  await page.keyboard.press('ArrowRight');
  await expect(panelTabs.getByRole('tab', { name: /Paths/ })).toBeFocused();
  await expect(panelTabs.getByRole('tab', { name: /Paths/ })).toHaveAttribute('aria-selected', 'true');
  // End and a Left from the first tab both land on the last tab, whichever that is (Review, with no comparison open).
  const lastTab = panelTabs.getByRole('tab').last();
  await expect(lastTab).toHaveText('Review');
  await page.keyboard.press('End');
  await expect(lastTab).toHaveAttribute('aria-selected', 'true');
  await expect(lastTab).toBeFocused();
  await page.keyboard.press('Home');
  await expect(panelTabs.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(lastTab).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-keyboard.png` });
});
