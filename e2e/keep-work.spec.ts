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
