import { expect, test, type Page } from '@playwright/test';
import { openStarter, panels, STARTER_NAME, watchProblems } from './support/app';

// Opening samples, editing and re-analysing: more than the default 30 s on a small machine.
test.describe.configure({ timeout: 150_000 });
test.use({ viewport: { width: 1280, height: 800 } });

const header = (page: Page) => page.getByRole('banner');
const question = (page: Page) => page.getByTestId('replace-dialog');

/** One what-if edit: the starter's pull finding fixed by its own fix. */
async function makeAnEdit(page: Page) {
  await panels(page).getByRole('tab', { name: 'Findings' }).click();
  const item = page.getByTestId('findings-panel').locator('li[data-rule-id="AML-ACR-004"]').first();
  await item.locator('button[aria-expanded]').click();
  await item.getByTestId('try-fix').click();
  await expect(header(page)).toContainText('1 what-if change');
}

async function chooseOtherSample(page: Page) {
  const picker = header(page).getByRole('combobox', { name: 'Sample', exact: true });
  const other = await picker.locator('option').nth(1).getAttribute('value');
  await picker.selectOption(other!);
}

test('switching sample with edits asks; cancel keeps everything, keep aside puts the work in the header list', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  await makeAnEdit(page);

  await chooseOtherSample(page);
  await expect(question(page)).toBeVisible();
  await expect(question(page)).toContainText('1 change in its history');
  await question(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(question(page)).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STARTER_NAME);
  await expect(header(page)).toContainText('1 what-if change');

  await chooseOtherSample(page);
  await question(page).getByRole('button', { name: 'Keep them aside' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(STARTER_NAME, { timeout: 30_000 });
  await expect(header(page)).not.toContainText('what-if change');
  await expect(page.getByTestId('session-notice')).toContainText('Your edits are kept aside');

  // The work is in the header's list, and downloads as an estate file holding the edit.
  await header(page).getByRole('button', { name: 'Kept aside (1)' }).click();
  const list = page.getByTestId('kept-aside-list');
  await expect(list).toContainText('Your edited estate, kept aside');
  const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: /Download/ }).first().click()]);
  expect(download.suggestedFilename()).toMatch(/^aml-access-map-set-aside-.*\.yaml$/);
  expect(problems).toEqual([]);
});

test('starting a tour over edits asks first, and discarding opens the tour on the sample as published', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  await makeAnEdit(page);
  await page.getByRole('button', { name: 'Tours', exact: true }).click();
  await page.getByTestId('tour-list').getByRole('button', { name: /^Start:/ }).first().click();
  await expect(question(page)).toBeVisible();
  await expect(question(page)).toContainText('start the tour');
  await expect(page.getByTestId('tour-card')).toHaveCount(0);
  await question(page).getByRole('button', { name: 'Discard them' }).click();
  await expect(page.getByTestId('tour-card')).toBeVisible({ timeout: 30_000 });
  await expect(header(page)).not.toContainText('what-if change');
  expect(problems).toEqual([]);
});

/** `az role assignment list -o json` for a person the starter does not have, on its resource group. */
const MORE_ASSIGNMENTS = JSON.stringify(
  [
    {
      condition: null,
      conditionVersion: null,
      createdBy: null,
      createdOn: '2026-11-02T09:12:40.000000+00:00',
      delegatedManagedIdentityResourceId: null,
      description: null,
      id: '/subscriptions/3f2a1c44-5b6d-4e7f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-ml-prod/providers/Microsoft.Authorization/roleAssignments/6c1b1c2e-8f61-4d0e-9a55-2f1f0c7d9e01',
      name: '6c1b1c2e-8f61-4d0e-9a55-2f1f0c7d9e01',
      principalId: '2e0e0000-0000-4000-8000-0000000000ff',
      principalName: 'zoe@contoso.com',
      principalType: 'User',
      resourceGroup: 'rg-ml-prod',
      roleDefinitionId:
        '/subscriptions/3f2a1c44-5b6d-4e7f-8a9b-0c1d2e3f4a5b/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
      roleDefinitionName: 'Reader',
      scope: '/subscriptions/3f2a1c44-5b6d-4e7f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-ml-prod',
      type: 'Microsoft.Authorization/roleAssignments',
      updatedBy: null,
      updatedOn: '2026-11-02T09:12:40.000000+00:00',
    },
  ],
  null,
  2,
);

test('pasting with “Add to the open estate” merges into it as one what-if step', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  await header(page).getByRole('button', { name: 'Paste', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste an estate' });
  await dialog.getByLabel('Estate as YAML or JSON').fill(MORE_ASSIGNMENTS);
  await dialog.getByRole('button', { name: 'Add to the open estate' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  // Still the starter, one step further, with the new person in it.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STARTER_NAME);
  await expect(header(page)).toContainText('1 what-if change');
  await expect(header(page).getByRole('button', { name: /^Undo/ })).toHaveAttribute('title', 'Undo: Add pasted.yaml');
  const zoe = page.locator('.react-flow__node').filter({ hasText: 'zoe@contoso.com' });
  await expect(zoe).toHaveCount(1, { timeout: 30_000 });

  await header(page).getByRole('button', { name: /^Undo/ }).click();
  await expect(zoe).toHaveCount(0);
  expect(problems).toEqual([]);
});
