import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { panels, watchProblems } from './support/app';

// Real `az ml workspace show -o json` of a workspace with a system-assigned identity, and
// `az role assignment list -o json` without the role Azure ML gives that identity on its group (R3).
const fixture = (name: string) => readFileSync(new URL(`../src/engine/rules/fixtures/${name}`, import.meta.url), 'utf8');
const WORKSPACE_SHOW = fixture('workspace-show-sai.json');
const ASSIGNMENTS_WITHOUT_AUTOMATIC = JSON.stringify(
  (JSON.parse(fixture('role-assignment-list-sai.json')) as { principalType: string }[]).filter((a) => a.principalType !== 'ServicePrincipal'),
  null,
  2,
);

async function openFindings(page: Page) {
  const side = panels(page);
  await side.getByRole('tab', { name: /Findings/ }).click();
  return side.getByTestId('findings-panel');
}

test('pasting az ml workspace show of a system-assigned workspace shows no error, and says grants are not judged', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Paste', exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Paste an estate' });
  await dialog.getByLabel('Estate as YAML or JSON').fill(WORKSPACE_SHOW);
  await dialog.getByRole('button', { name: /^Open( instead)?$/ }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('estate-provenance')).toContainText('role assignments absent (grants not judged)');
  await expect(page.getByTestId('estate-provenance')).toContainText('resources export');
  const findings = await openFindings(page);
  await expect(findings.locator('li[data-rule-id="AML-GOV-003"]')).toBeVisible({ timeout: 30_000 });
  await expect(findings.getByRole('heading', { name: /Errors \(\d+\)/ })).toHaveCount(0);
  await expect(findings.locator('li[data-rule-id="AML-WS-003"]')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('with az role assignment list missing the grant Azure ML makes itself, that finding shows, and no error about it', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/');
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([file.text], file.name, { type: 'application/json' }));
    return transfer;
  }, [
    { name: 'workspace.json', text: WORKSPACE_SHOW },
    { name: 'role-assignments.json', text: ASSIGNMENTS_WITHOUT_AUTOMATIC },
  ]);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByTestId('estate-provenance')).toContainText('role assignments export', { timeout: 30_000 });
  const findings = await openFindings(page);
  const automatic = findings.locator('li[data-rule-id="AML-WS-002"]');
  await expect(automatic).toBeVisible({ timeout: 30_000 });
  await automatic.getByRole('button').first().click();
  await expect(page.getByText(/Azure ML normally grants it Azure AI Administrator on the group/).first()).toBeVisible();
  await expect(findings.locator('li[data-rule-id="AML-WS-003"]')).toHaveCount(0);
  await expect(findings.getByRole('heading', { name: /Errors \(\d+\)/ })).toHaveCount(0);
  expect(problems).toEqual([]);
});
