import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openStarter, panels, watchProblems } from './support/app';

// Opening a sample and re-analysing after each what-if: more than the default 30 s on a small machine.
test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1280, height: 800 } });

const PULL_FINDING = 'Compute cluster cannot pull images from the workspace registry';

async function openFindings(page: Page) {
  await panels(page).getByRole('tab', { name: 'Findings' }).click();
  await expect(page.getByTestId('findings-panel')).toBeVisible({ timeout: 30_000 });
}

const header = (page: Page) => page.getByRole('banner');

test('Try this fix closes the finding as a what-if, and undo brings it back', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  await openFindings(page);
  const panel = page.getByTestId('findings-panel');
  const item = panel.locator('li[data-rule-id="AML-ACR-004"]').first();
  await item.getByRole('button', { name: new RegExp(PULL_FINDING) }).click();
  const addedGrant = page.locator('.react-flow__edge[aria-label*="holds AcrPull on acrchurnprod, planned"]');
  await expect(addedGrant).toHaveCount(0);
  await item.getByTestId('try-fix').click();
  // The graph draws the grant the fix added, marked planned, even in the Overview that bundles fine grants.
  await expect(addedGrant.first()).toBeAttached({ timeout: 30_000 });

  // The finding is gone, the edit is named after it, and the header counts one what-if change.
  await expect(panel.getByRole('status')).toContainText('The finding you had selected is gone');
  await expect(panel.locator('li[data-rule-id="AML-ACR-004"]')).toHaveCount(0);
  await expect(header(page)).toContainText('1 what-if change');
  await expect(header(page).getByRole('button', { name: /^Undo/ })).toHaveAttribute('title', new RegExp(`Fix: ${PULL_FINDING}`));

  // Ctrl+Z outside a text field undoes it: the finding is detected again.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect(panel.locator('li[data-rule-id="AML-ACR-004"]')).toHaveCount(1);
  await expect(header(page)).not.toContainText('what-if change');
  expect(problems).toEqual([]);
});

test('Fix all in view lists the changes first, applies them as one step, and one undo takes them back', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  await openFindings(page);
  const panel = page.getByTestId('findings-panel');
  const before = await panel.locator('li[data-finding-id]').count();

  await panel.getByTestId('fix-all-in-view').click();
  const preview = panel.getByTestId('fix-all-preview');
  const changes = preview.getByTestId('fix-all-changes').locator('li');
  await expect(changes.first()).toContainText(/^Grant .+ to .+ on .+|^Let .+ in the access policy of .+/);
  const count = await changes.count();
  expect(count).toBeGreaterThan(0);
  // The same changes can be exported before anything is applied.
  await preview.getByText('Export as az, Bicep or Terraform').click();
  await expect(preview.locator('pre')).toContainText('az role assignment create');

  await preview.getByRole('button', { name: `Apply ${count} change${count === 1 ? '' : 's'}` }).click();
  await expect(preview).toBeHidden();
  await expect(header(page)).toContainText('1 what-if change');
  await expect.poll(() => panel.locator('li[data-finding-id]').count(), { timeout: 30_000 }).toBeLessThan(before);
  // Every grant fix in view was applied: nothing is left to fix by a grant.
  await expect(panel.getByTestId('fix-all-in-view')).toHaveCount(0);

  await header(page).getByRole('button', { name: /^Undo/ }).click();
  await expect.poll(() => panel.locator('li[data-finding-id]').count(), { timeout: 30_000 }).toBe(before);
  expect(problems).toEqual([]);
});

test('a review mark is not a what-if change, and "Fixed" on a finding still detected says so', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  await panels(page).getByRole('tab', { name: 'Review' }).click();
  const item = page.getByTestId('review-panel').locator('li[data-rule-id="AML-ACR-004"]').first();
  await item.getByRole('button', { name: `Review ${PULL_FINDING}` }).click();
  const form = item.getByRole('form', { name: `Review of ${PULL_FINDING}` });
  await form.getByRole('radio', { name: 'Fixed' }).check();
  await form.getByRole('button', { name: 'Save review' }).click();

  await expect(item.locator('[data-review-status="fixed"]')).toHaveText('Fixed · still detected');
  await expect(header(page)).toContainText('1 review mark');
  await expect(header(page)).not.toContainText('what-if change');
  expect(problems).toEqual([]);
});

test('a least-privilege finding: Try this fix swaps the wide role for the narrow ones, and the warning closes', async ({ page }) => {
  const problems = watchProblems(page);
  // The endpoint sample, with its identity given Contributor on the whole resource group.
  const sample = await readFile('public/samples/endpoint-user-assigned.yaml', 'utf8');
  const wide = sample.replace('role_assignments:\n', 'role_assignments:\n  - principal: id-ep-credit-scoring\n    role: Contributor\n    scope: rg-lending-ml\n');
  await page.goto('/');
  await header(page).getByRole('button', { name: 'Paste', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste an estate' });
  await dialog.getByLabel('Estate as YAML or JSON').fill(wide);
  await dialog.getByRole('button', { name: /^Open( instead)?$/ }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  await openFindings(page);
  const panel = page.getByTestId('findings-panel');
  const finding = panel.locator('li[data-rule-id="AML-GOV-009"]');
  await expect(finding).toHaveCount(1, { timeout: 30_000 });
  await finding.locator('button[aria-expanded]').click();
  await expect(finding).toContainText('need only AcrPull on registry crlendingml');
  await finding.getByTestId('try-fix').click();

  await expect(panel.locator('li[data-rule-id="AML-GOV-009"]')).toHaveCount(0);
  await expect(header(page)).toContainText('1 what-if change');
  expect(problems).toEqual([]);
});
