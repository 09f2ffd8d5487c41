import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { answerAddOrOpen, openStarter, panels, watchProblems } from './support/app';

test.describe.configure({ timeout: 120_000 });

// Microsoft's secure end-to-end workspace quickstart (compiled Bicep) with its parameters file: the storage module
// deploys a blob and a file private endpoint into snet-training, the key vault, registry and workspace modules one
// each, all approved automatically.
const QUICKSTART = new URL(
  '../../shared/corpus/azure-quickstart-templates/quickstarts/microsoft.machinelearningservices/machine-learning-end-to-end-secure/',
  import.meta.url,
);
const FILES = ['azuredeploy.json', 'azuredeploy.parameters.json'].map((name) => ({
  name,
  mimeType: 'application/json',
  buffer: readFileSync(new URL(name, QUICKSTART)),
}));

/** Chooses, in the inspector's chooser, the entity whose id (the option's value) matches `id`. */
async function inspect(page: Page, id: RegExp): Promise<void> {
  const chooser = panels(page).getByTestId('inspect-entity');
  // The panel loads on demand: wait for the estate's entities to be offered.
  const matching = async () =>
    (await chooser.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).find((v) => id.test(v));
  await expect.poll(matching, { timeout: 30_000 }).toBeDefined();
  const value = await matching();
  await chooser.selectOption(value ?? '');
}

test("the inspector lists a resource's private endpoints: service, subnet, approval state and where each was read", async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  const side = panels(page);
  await side.getByRole('tab', { name: 'Inspector' }).click();
  // The starter sample says nothing of its storage account's private endpoints: unknown, not "none".
  await inspect(page, /\/providers\/Microsoft\.Storage\/storageAccounts\/[^/#]+$/i);
  await expect(side.getByTestId('private-endpoints')).toHaveText('unknown: the input does not say');

  await page.getByTestId('open-files-input').setInputFiles(FILES);
  await answerAddOrOpen(page, 'Open instead');
  await expect(page.getByTestId('deployment-target-form')).toBeVisible({ timeout: 30_000 });

  await inspect(page, /\/providers\/Microsoft\.Storage\/storageAccounts\/stgenunique6[^/#]+$/i);
  const storage = side.getByTestId('private-endpoints');
  const endpoints = storage.getByTestId('private-endpoint');
  await expect(endpoints).toHaveCount(2);
  const blob = endpoints.filter({ hasText: /-st-blob/ });
  await expect(blob).toContainText('Service: blob');
  await expect(blob).toContainText(/Subnet: snet-training in vnet-gen-unique-6-/);
  await expect(blob).toContainText('Approval: Approved');
  await expect(blob).toHaveAttribute('data-endpoint', /\/providers\/Microsoft\.Network\/privateEndpoints\/ple-gen-unique-6-.*-st-blob$/i);
  // Where each was read: the endpoint resource in the storage module of the compiled template.
  await expect(blob.getByTestId('private-endpoint-source')).toHaveText(
    'Read from: azuredeploy.json:801:13 at resources[3].properties.template.resources[1]',
  );
  await expect(endpoints.filter({ hasText: /-st-file/ })).toContainText('Service: file');
  await expect(endpoints.filter({ hasText: /-st-file/ }).getByTestId('private-endpoint-source')).toHaveText(
    'Read from: azuredeploy.json:832:13 at resources[3].properties.template.resources[2]',
  );
  await expect(storage).not.toContainText('unknown');

  // The workspace's own endpoint (amlworkspace), read from the networking module nested in its module.
  await inspect(page, /\/providers\/Microsoft\.MachineLearningServices\/workspaces\/mlw-gen-unique-6-[^/#]+$/i);
  await expect(side.getByTestId('private-endpoint')).toHaveCount(1);
  await expect(side.getByTestId('private-endpoint')).toContainText('Service: amlworkspace');
  await expect(side.getByTestId('private-endpoint-source')).toHaveText(
    'Read from: azuredeploy.json:1554:21 at resources[6].properties.template.resources[1].properties.template.resources[0]',
  );
  expect(problems).toEqual([]);
});
