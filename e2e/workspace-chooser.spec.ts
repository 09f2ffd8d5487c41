import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { answerAddOrOpen, openStarter, STARTER_NAME, watchProblems } from './support/app';

// Two real `az ml workspace show -o json` exports and a job YAML that names no workspace (as `az ml job create
// --workspace-name` leaves it to the command line): which workspace the job belongs to is the user's to say.
const PROD = readFileSync(new URL('../src/engine/io/azcli/fixtures/workspace-show.json', import.meta.url), 'utf8');
const DEV = PROD.replaceAll('ws-prod', 'ws-dev').replaceAll('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-0000000000d1');
const JOB = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
name: train
command: python train.py
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
compute: azureml:gpu-cluster
`;
const FILES = [
  { name: 'job.yml', mimeType: 'application/yaml', buffer: Buffer.from(JOB) },
  { name: 'prod.json', mimeType: 'application/json', buffer: Buffer.from(PROD) },
  { name: 'dev.json', mimeType: 'application/json', buffer: Buffer.from(DEV) },
];

test('a job YAML with no workspace among two workspaces opens nothing, and the chooser reads it again in the one chosen', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  await page.getByTestId('open-files-input').setInputFiles(FILES);
  await answerAddOrOpen(page, 'Open instead');

  const chooser = page.getByRole('dialog', { name: 'Choose the workspace' });
  await expect(chooser).toBeVisible({ timeout: 30_000 });
  await expect(chooser).toContainText('job.yml does not say which workspace');
  await expect(chooser.getByRole('button')).toHaveText([/^ws-dev/, /^ws-prod/, 'Not now']);
  // Nothing was imported: the estate shown is still the sample, and the error is located at the job.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STARTER_NAME);

  await chooser.getByRole('button', { name: /^ws-dev/ }).click();
  await expect(chooser).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(STARTER_NAME, { timeout: 30_000 });
  await expect(page.getByTestId('load-report').filter({ hasText: 'could not be opened' })).toHaveCount(0);
  await expect(page.locator('[data-testid^="rf__node-"][data-testid*="ws-dev/jobs/train" i]')).toBeAttached({ timeout: 30_000 });
  await expect(page.locator('[data-testid^="rf__node-"][data-testid*="ws-prod/jobs/train" i]')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('closing the chooser leaves the refusal and its located error, and the sample as it was', async ({ page }) => {
  await openStarter(page);
  await page.getByTestId('open-files-input').setInputFiles(FILES);
  await answerAddOrOpen(page, 'Open instead');
  const chooser = page.getByRole('dialog', { name: 'Choose the workspace' });
  await expect(chooser).toBeVisible({ timeout: 30_000 });
  await chooser.getByRole('button', { name: 'Not now' }).click();
  await expect(chooser).toBeHidden();
  const report = page.getByTestId('load-report');
  await expect(report).toContainText('could not be opened');
  await expect(report).toContainText('job.yml');
  await expect(report).toContainText('holds 2 workspaces');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STARTER_NAME);
});
