import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { answerAddOrOpen, openStarter, STARTER_NAME, watchProblems } from './support/app';

// Microsoft's workspace quickstart (compiled Bicep) with its parameters file, dropped together as a user would: the
// template does not say where it is deployed, so its resources sit in a stand-in subscription and resource group.
const QUICKSTART = new URL('../../shared/corpus/azure-quickstart-templates/quickstarts/microsoft.machinelearningservices/machine-learning-workspace/', import.meta.url);
const FILES = ['azuredeploy.json', 'azuredeploy.parameters.json'].map((name) => ({
  name,
  mimeType: 'application/json',
  buffer: readFileSync(new URL(name, QUICKSTART)),
}));
const TARGET = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-quickstart';
const node = (page: Page, idPart: string) => page.locator(`[data-testid^="rf__node-"][data-testid*="${idPart}" i]`);

test('a template opened with no deployment target is placed in the resource group the user gives', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  await page.getByTestId('open-files-input').setInputFiles(FILES);
  await answerAddOrOpen(page, 'Open instead');
  const form = page.getByTestId('deployment-target-form');
  await expect(form).toBeVisible({ timeout: 30_000 });
  await expect(form).toContainText('azuredeploy.json does not say where it is deployed');
  await expect(node(page, 'resourceGroups/deployment-resource-group').first()).toBeAttached();

  // A name is not a resource group id: refused beside the field, quoted, and nothing is read.
  const field = form.getByLabel('Where are these templates deployed?');
  await field.fill('rg-quickstart');
  await form.getByRole('button', { name: 'Place templates' }).click();
  await expect(form.getByRole('alert')).toHaveText(/"rg-quickstart" is not a resource group or subscription id/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');

  await field.fill(TARGET);
  await form.getByRole('button', { name: 'Place templates' }).click();
  await expect(node(page, 'resourceGroups/rg-quickstart').first()).toBeAttached({ timeout: 30_000 });
  await expect(node(page, 'resourceGroups/deployment-resource-group')).toHaveCount(0);
  await expect(page.getByTestId('deployment-target-form')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a template added to the open estate is placed as the same one step, which undo takes out', async ({ page }) => {
  await openStarter(page);
  await page.getByTestId('open-files-input').setInputFiles(FILES);
  await answerAddOrOpen(page, 'Add to the open estate');
  const form = page.getByTestId('deployment-target-form');
  await expect(form).toBeVisible({ timeout: 30_000 });
  await form.getByLabel('Where are these templates deployed?').fill(TARGET);
  await form.getByRole('button', { name: 'Place templates' }).click();
  await expect(node(page, 'resourceGroups/rg-quickstart').first()).toBeAttached({ timeout: 30_000 });
  await expect(node(page, 'resourceGroups/deployment-resource-group')).toHaveCount(0);
  // The sample is still there beside the placed template, and one undo takes the template out.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STARTER_NAME);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'resourceGroups/rg-quickstart')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
});
