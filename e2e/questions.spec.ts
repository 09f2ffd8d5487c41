import { expect, test, type Page } from '@playwright/test';
import { openStarter, panels, watchProblems } from './support/app';

// Opening the starter and loading the questions module: more than the default 30 s on a small machine.
test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1280, height: 800 } });

const SUB = '/subscriptions/3f2a1c44-5b6d-4e7f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-ml-prod';
// As `az` prints an ARM refusal: uai-train (the starter's training identity, by its ids) may not pull.
const REFUSAL = `ERROR: (AuthorizationFailed) The client '0b6c7d8e-1f20-4a31-9b42-c53d64e75f01' with object id '1c7d8e9f-2031-4b42-8c53-d64e75f60a12' does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/pull/read' over scope '${SUB}/providers/Microsoft.ContainerRegistry/registries/acrchurnprod' or the scope is invalid. If access was recently granted, please refresh your credentials.
Code: AuthorizationFailed`;

async function ask(page: Page, question: string) {
  const side = panels(page);
  await side.getByRole('tab', { name: 'Explain access' }).click();
  await side.getByTestId('explain-question').getByText(question, { exact: true }).click();
  return side;
}

test('why was I refused: the decoder finds the principal, the least role, and Try this fix flips the decision', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  const side = await ask(page, 'Why refused?');
  await side.getByLabel('Error text').fill(REFUSAL);
  const answer = side.getByTestId('refusal-answer');
  await expect(answer).toContainText('uai-train', { timeout: 30_000 });
  await expect(answer).toContainText('Microsoft.ContainerRegistry/registries/pull/read');
  await expect(answer).toContainText('Denied');
  await expect(side.getByTestId('least-role')).toContainText('AcrPull');

  await side.getByTestId('try-least-role').click();
  await expect(page.getByRole('banner')).toContainText('1 what-if change');
  await expect(side.getByTestId('least-role')).toHaveCount(0);
  await expect(answer).toContainText('Allowed');
  expect(problems).toEqual([]);
});

test('an unreadable text gets a message, not a guess', async ({ page }) => {
  await openStarter(page);
  const side = await ask(page, 'Why refused?');
  await side.getByLabel('Error text').fill('Something went wrong, please try again later.');
  await expect(side.getByTestId('refusal-unread')).toBeVisible({ timeout: 30_000 });
});

test('who can read the training data: routes through Azure ML are listed with their steps', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  const side = await ask(page, 'Who can do A?');
  await side.getByLabel('Action', { exact: true }).fill('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read');
  await side.getByRole('radio', { name: 'Data plane (DataActions)' }).check();
  await side.getByLabel('Scope', { exact: true }).fill('stchurnprod');
  const answer = side.getByTestId('who-can-answer');
  await expect(answer).toContainText(/\d+ principals? can/, { timeout: 30_000 });
  await expect(answer).toContainText('as a compute identity, by submitting jobs');
  // RBAC only: the routes through Azure ML go.
  await answer.getByRole('radio', { name: 'RBAC only' }).check();
  await expect(answer).not.toContainText('as a compute identity, by submitting jobs');

  const what = await ask(page, 'What can X do?');
  await what.getByLabel('Principal', { exact: true }).fill('uai-train');
  await what.getByLabel('Scope', { exact: true }).fill('stchurnprod');
  await expect(what.getByTestId('what-can-answer')).toContainText('Microsoft.Storage', { timeout: 30_000 });
  expect(problems).toEqual([]);
});

test('a denied "Can X do A?" offers the least role, and Try this fix flips the decision', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  const side = await ask(page, 'Can X do A?');
  await side.getByLabel('Principal', { exact: true }).fill('uai-train');
  await side.getByLabel('Action', { exact: true }).fill('Microsoft.ContainerRegistry/registries/pull/read');
  await side.getByLabel('Scope', { exact: true }).fill('acrchurnprod');
  await expect(side.getByText('Denied', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await expect(side.getByTestId('least-role')).toContainText('AcrPull');
  await side.getByTestId('try-least-role').click();
  await expect(side.getByText('Allowed', { exact: true }).first()).toBeVisible();
  await expect(side.getByTestId('least-role')).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText('1 what-if change');
  expect(problems).toEqual([]);
});
