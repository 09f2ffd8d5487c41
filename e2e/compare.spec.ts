import { expect, test, type Page } from '@playwright/test';
import { openStarter } from './support/app';

const SCREENSHOTS = 'e2e/output/screenshots';
const AFTER = 'e2e/fixtures/compare/after.yaml';
const BROKEN = 'e2e/fixtures/compare/broken.yaml';

// Opening the sample, reading the second estate and laying both out takes a while on a small machine.
test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1440, height: 900 } });

async function compareWith(page: Page, file: string) {
  await page.getByRole('button', { name: 'Compare with…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare with another estate' });
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('compare-files-input').setInputFiles(file);
  return dialog;
}

test('comparing with an edited estate lists and marks what changed, and stopping restores the view', async ({ page }) => {
  await openStarter(page);
  const nodesBefore = await page.locator('.react-flow__node').count();
  await compareWith(page, AFTER);

  const panel = page.getByTestId('changes-panel');
  await expect(page.getByRole('tab', { name: 'Changes' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByTestId('compare-before')).toHaveText('Contoso churn team (open)');
  await expect(panel.getByTestId('compare-after')).toHaveText('Contoso churn team, with the AcrPull fix (after.yaml)');

  // The added grant, the path it repairs and the finding it closes.
  const grants = panel.getByTestId('changes-grants');
  await expect(grants.getByRole('button', { name: /added\s*uai-train: AcrPull\s*on acrchurnprod/ })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId('changes-paths').getByRole('button', { name: /outcome changed.*missing → granted/ }).first()).toBeVisible();
  await expect(panel.getByTestId('changes-findings').getByRole('button', { name: /closed · warning.*AML-ACR-004 · .*cpu-cluster/ })).toBeVisible();
  await expect(panel.getByTestId('changes-entities').getByRole('button', { name: /added\s*erin/ })).toBeVisible();

  // The graph marks them, in words as well as in style.
  await expect(page.getByTestId('graph-status')).toContainText('comparing: the after estate');
  const erin = page.locator('.react-flow__node.change-added[aria-label$="erin, added"]');
  await expect(erin).toBeVisible();
  const addedGrant = page.locator('.react-flow__edge.change-added.rel-roleAssignment');
  await expect(addedGrant).toHaveCount(1);
  await expect(addedGrant).toHaveAttribute('aria-label', /^uai-train holds AcrPull on acrchurnprod.*\(added\)$/);
  await expect(page.locator('.react-flow__edge.change-changed').first()).toBeAttached();
  // Zoomed out, labels are hidden as too small to read; the edge's tooltip says what changed.
  await expect(addedGrant.locator('title')).toHaveText(/added: AcrPull/);

  // Choosing a line selects it on the graph and keeps the list in view.
  const grantLine = grants.getByRole('button', { name: /uai-train: AcrPull/ });
  await grantLine.click();
  await expect(grantLine).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('tab', { name: 'Changes' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.react-flow__node.selected')).toHaveAttribute('aria-label', /uai-train/);
  // Choosing it brings the view close enough for labels, which say the change in words too.
  await expect(page.locator('.react-flow__edge-text', { hasText: 'added: AcrPull' })).toBeVisible();

  await page.getByRole('button', { name: 'Legend' }).click();
  await expect(page.getByTestId('legend-changes')).toContainText('− removed');
  await page.screenshot({ path: `${SCREENSHOTS}/compare-changes.png` });
  await page.getByRole('button', { name: 'Legend' }).click();

  // Swapped, the new user is something the after side no longer has.
  await page.getByRole('button', { name: 'Swap', exact: true }).click();
  await expect(panel.getByTestId('compare-before')).toHaveText('Contoso churn team, with the AcrPull fix (after.yaml)');
  await expect(page.locator('.react-flow__node.change-removed[aria-label$="erin, removed"]')).toBeVisible();
  await expect(panel.getByTestId('changes-grants').getByRole('button', { name: /removed\s*uai-train: AcrPull/ })).toBeVisible();

  await page.getByRole('banner').getByRole('button', { name: 'Stop comparing' }).click();
  await expect(page.getByRole('tab', { name: 'Changes' })).toHaveCount(0);
  await expect(page.locator('.react-flow__node.has-change, .react-flow__edge.has-change')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team');
  await expect(page.getByRole('banner')).not.toContainText('what-if change');
  await expect(page.getByTestId('undo')).toBeDisabled();
  await expect(page.locator('.react-flow__node')).toHaveCount(nodesBefore);
  await expect(page.getByRole('button', { name: 'Compare with…' })).toBeEnabled();
});

test('a broken second estate shows located errors and nothing changes', async ({ page }) => {
  await openStarter(page);
  const nodesBefore = await page.locator('.react-flow__node').count();
  const dialog = await compareWith(page, BROKEN);

  const problems = dialog.getByTestId('compare-problems');
  await expect(problems).toBeVisible({ timeout: 30_000 });
  await expect(problems).toContainText('Nothing is compared');
  const located = problems.getByTestId('diagnostic').filter({ hasText: /broken\.yaml:\d+/ });
  expect(await located.count()).toBeGreaterThan(0);
  await expect(problems).toContainText('ghost');

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('tab', { name: 'Changes' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Compare with…' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team');
  await expect(page.locator('.react-flow__node.has-change')).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(nodesBefore);
});

test('plan versus reality: the open estate as the plan, the other as what exists, each difference with both fixes', async ({ page }) => {
  await openStarter(page);
  await compareWith(page, AFTER);
  const panel = page.getByTestId('changes-panel');
  await expect(panel.getByTestId('changes-grants')).toBeVisible({ timeout: 30_000 });
  await panel.getByRole('button', { name: 'Plan versus reality' }).click();
  const plan = panel.getByTestId('plan-versus-reality');
  // The AcrPull grant exists in "reality" on a registry the plan declares, and the plan does not declare it: drift.
  const drift = plan.getByTestId('plan-drift');
  await expect(drift).toContainText('AcrPull for uai-train on acrchurnprod', { timeout: 30_000 });
  await expect(drift.getByTestId('plan-difference').first()).toContainText('az role assignment delete');
  await expect(drift.getByTestId('plan-difference').first()).toContainText('Or update the plan:');
  await panel.getByRole('button', { name: 'Show all changes' }).click();
  await expect(panel.getByTestId('changes-grants')).toBeVisible();
});
