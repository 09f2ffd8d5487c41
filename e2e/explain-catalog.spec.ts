import { expect, test, type Page } from '@playwright/test';
import { panels, watchProblems } from './support/app';

// Opening a sample analyses it and lays the graph out; the Explain panel then loads the role and action
// catalogs as their own chunk: more than the default 30 s on a small machine.
test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1280, height: 800 } });

async function openExplain(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: /Starter: one team workspace/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 30_000 });
  const side = panels(page);
  await side.getByRole('tab', { name: 'Explain access' }).click();
  const explain = side.getByTestId('explain-panel');
  await expect(explain.getByLabel('Action', { exact: true })).toBeVisible({ timeout: 30_000 });
  return explain;
}

test('the action picker searches Azure\'s action catalog and a pick sets the action and its plane', async ({ page }) => {
  const problems = watchProblems(page);
  const explain = await openExplain(page);
  const action = explain.getByLabel('Action', { exact: true });
  await action.fill('blobs read');
  const matches = explain.getByRole('list', { name: 'Matching actions' });
  const blobRead = matches.getByRole('button', { name: /^Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/read\s*read blobs · data action$/ });
  await expect(blobRead).toBeVisible();
  await blobRead.click();
  await expect(action).toHaveValue('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read');
  await expect(explain.getByLabel('Data plane (DataActions)')).toBeChecked();
  // A real action needs no picker any more.
  await expect(matches).toHaveCount(0);

  // A typo gets the nearest real action, one click away.
  await action.fill('Microsoft.ContainerRegistry/registries/pul/read');
  await explain.getByLabel('Control plane (Actions)').check();
  const check = explain.getByTestId('action-check');
  await expect(check).toContainText('Not an operation Azure publishes. Did you mean');
  await check.getByRole('button', { name: 'Microsoft.ContainerRegistry/registries/pull/read' }).click();
  await expect(action).toHaveValue('Microsoft.ContainerRegistry/registries/pull/read');
  await expect(check).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('"Roles that grant this" lists the built-in roles that grant an action, least first', async ({ page }) => {
  const problems = watchProblems(page);
  const explain = await openExplain(page);
  await explain.getByLabel('Action', { exact: true }).fill('Microsoft.ContainerRegistry/registries/pull/read');
  await explain.getByRole('button', { name: 'Roles that grant this' }).click();
  const roles = explain.getByTestId('granting-roles');
  const rows = roles.getByRole('listitem');
  await expect(rows.first()).toContainText('AcrPull');
  await expect(rows.first()).toContainText('built-in · 1 operation');
  await expect(rows.nth(1)).toContainText('AcrPush');
  await expect(rows).toHaveCount(10);
  // The widest come last: Owner's `*` grants every control-plane operation of the catalog.
  await roles.getByRole('button', { name: /^Show all \d+$/ }).click();
  await expect(rows.last()).toContainText('Owner');
  await expect(rows.nth(-2)).toContainText('Contributor');
  expect(problems).toEqual([]);
});
