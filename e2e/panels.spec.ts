import { expect, test, type Page } from '@playwright/test';
import { panels, watchProblems } from './support/app';

const SCREENSHOTS = 'e2e/output/screenshots';

// Each flow opens and analyses a sample, and some scan or edit several times: more than the default 30 s on a small machine.
test.describe.configure({ timeout: 120_000 });
// The size the layout is designed to be readable at.
test.use({ viewport: { width: 1280, height: 800 } });

// The starter sample's story: the training cluster runs as uai-train, which nobody granted AcrPull on the
// workspace registry. The finding, the path and the graph edge below are that one missing grant.
const PULL_FINDING = /Compute cluster cannot pull images from the workspace registry/;
const PULL_PATH = '[data-path-id^="compute-image-pull|"][data-path-id*="/computes/cpu-cluster|"]';
const PULL_EDGE = '[data-testid^="rf__edge-accessPath:"][data-testid*="/computes/cpu-cluster->"][data-testid$="/registries/acrchurnprod"]';
const CLUSTER_NODE = '[data-testid$="/workspaces/ws-churn/computes/cpu-cluster"][data-testid^="rf__node-"]';

async function openStarterFromGallery(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: /Starter: one team workspace/ }).click();
  // The first open reads the sample, analyses it and lays the graph out: on a small CI machine that takes a while.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 30_000 });
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
}


test('a sample opened from the gallery shows its findings, grouped by severity', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarterFromGallery(page);
  const side = panels(page);
  await side.getByRole('tab', { name: /Findings/ }).click();
  const findings = side.getByTestId('findings-panel');
  await expect(findings.getByRole('heading', { name: /Errors \(\d+\)/ })).toBeVisible();
  await expect(findings.getByRole('button', { name: PULL_FINDING })).toBeVisible();
  // Filtering by severity leaves only errors.
  await findings.getByRole('checkbox', { name: /Warnings/ }).uncheck();
  await findings.getByRole('checkbox', { name: /Notes/ }).uncheck();
  await expect(findings.locator('[data-finding-id]')).not.toHaveCount(0);
  for (const severity of await findings.locator('li[data-finding-id] [data-severity]').all()) await expect(severity).toHaveAttribute('data-severity', 'error');
  await page.screenshot({ path: `${SCREENSHOTS}/panels-findings.png` });
  expect(problems).toEqual([]);
});

test('selecting a finding explains it and highlights its path on the graph', async ({ page }) => {
  await openStarterFromGallery(page);
  const side = panels(page);
  await side.getByRole('tab', { name: /Findings/ }).click();
  await side.getByRole('button', { name: PULL_FINDING }).click();

  const details = side.getByTestId('finding-details');
  await expect(details).toBeVisible();
  // The evidence is the RBAC decision, readable: denied, for uai-train, on the pull action.
  await expect(details.getByTestId('decision').first()).toHaveAttribute('data-effect', 'denied');
  await expect(details).toContainText('uai-train');
  await expect(details).toContainText('Microsoft.ContainerRegistry/registries/pull/read');
  // The fix comes as az, Bicep and Terraform; the tabs switch with the arrow keys.
  const fixTabs = details.getByRole('tablist', { name: 'Fix as' });
  await expect(fixTabs.getByRole('tab', { name: 'az CLI' })).toHaveAttribute('aria-selected', 'true');
  await expect(details.locator('pre')).toContainText('az role assignment create');
  await fixTabs.getByRole('tab', { name: 'az CLI' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(fixTabs.getByRole('tab', { name: 'Bicep' })).toHaveAttribute('aria-selected', 'true');
  await expect(details.locator('pre')).toContainText('Microsoft.Authorization/roleAssignments');
  // Sources open elsewhere, safely.
  const source = details.getByRole('link').first();
  await expect(source).toHaveAttribute('href', /^https:\/\//);
  await expect(source).toHaveAttribute('rel', 'noopener noreferrer');

  // On the graph: the cluster and the broken pull stand out, the rest steps back.
  await expect(page.locator(CLUSTER_NODE)).toHaveClass(/is-highlighted/);
  const edge = page.locator(PULL_EDGE);
  await expect(edge).toHaveClass(/is-highlighted/);
  await expect(edge).toHaveClass(/status-missing/);
  await expect(page.locator('.react-flow__node.is-dimmed').first()).toBeAttached();
  await page.screenshot({ path: `${SCREENSHOTS}/panels-finding-selected.png` });

  // Its path opens in the paths panel with the trace and the requirement's decision.
  await details.getByRole('button', { name: /cpu-cluster pulls images from acrchurnprod/ }).click();
  await expect(side.getByRole('tab', { name: /Paths/ })).toHaveAttribute('aria-selected', 'true');
  const path = side.locator(PULL_PATH);
  await expect(path).toHaveAttribute('data-status', 'missing');
  await expect(path.getByTestId('path-details')).toContainText('Why, step by step');
  await expect(path.getByTestId('requirement').first().getByTestId('decision')).toHaveAttribute('data-effect', 'denied');
  await page.screenshot({ path: `${SCREENSHOTS}/panels-path-selected.png` });
});

test('granting AcrPull in the inspector fixes the finding and turns the path green; undo brings it back', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarterFromGallery(page);
  const side = panels(page);
  const findingsTab = side.getByRole('tab', { name: /Findings/ });
  const countOf = async () => Number((await findingsTab.innerText()).replace(/\D+/g, ''));
  // The graph can be drawn before the worker's analysis arrives: wait for the count before reading it.
  await expect(findingsTab).toHaveText(/Findings\s*\d+$/, { timeout: 30_000 });
  const before = await countOf();

  // Inspect uai-train and give it AcrPull on the registry, finding the role by the action it grants.
  await side.getByRole('tab', { name: 'Inspector' }).click();
  await side.getByTestId('inspect-entity').selectOption({ label: 'uai-train' });
  await expect(side.getByTestId('inspector')).toContainText('uai-train');
  const matrix = side.getByTestId('capability-matrix');
  await expect(matrix.locator('[data-capability="pull"]').first()).toHaveAttribute('data-effect', 'denied');
  const form = side.getByTestId('add-assignment');
  const role = form.getByRole('combobox', { name: 'Role' });
  await role.fill('pull/read');
  await expect(form.getByRole('option').first()).toContainText('AcrPull');
  await role.press('Enter');
  await expect(role).toHaveValue('AcrPull');
  await form.getByLabel('Scope').selectOption({ label: 'acrchurnprod' });
  await form.getByRole('button', { name: 'Add planned assignment' }).click();

  // Everything derived follows: the matrix, the findings count, the path and the graph edge.
  await expect(matrix.locator('[data-capability="pull"]').first()).toHaveAttribute('data-effect', 'allowed');
  await expect.poll(countOf).toBe(before - 1);
  await expect(page.locator(PULL_EDGE)).toHaveClass(/status-granted/);
  await side.getByRole('tab', { name: /Paths/ }).click();
  await expect(side.locator(PULL_PATH)).toHaveAttribute('data-status', 'granted');
  await side.getByRole('tab', { name: /Findings/ }).click();
  await expect(side.getByRole('button', { name: PULL_FINDING })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/panels-what-if-fixed.png` });

  // Undo names the change, and takes it back.
  const undo = page.getByTestId('undo');
  await expect(undo).toHaveAttribute('title', /Grant AcrPull to uai-train/);
  await undo.click();
  await expect(side.getByRole('button', { name: PULL_FINDING })).toBeVisible();
  await expect.poll(countOf).toBe(before);
  await expect(page.locator(PULL_EDGE)).toHaveClass(/status-missing/);
  await expect(page.getByTestId('redo')).toBeEnabled();
  await page.screenshot({ path: `${SCREENSHOTS}/panels-what-if-undone.png` });
  expect(problems).toEqual([]);
});

test('switching the cluster to a system identity changes its pull path', async ({ page }) => {
  await openStarterFromGallery(page);
  const side = panels(page);
  await side.getByRole('tab', { name: 'Inspector' }).click();
  await side.getByTestId('inspect-entity').selectOption({ label: 'cpu-cluster' });
  await side.getByLabel('Identity type').selectOption('system');
  // Azure ML grants a cluster's system identity AcrPull itself: the pull no longer fails.
  await expect(page.locator(PULL_EDGE)).not.toHaveClass(/status-missing/);
  await side.getByRole('tab', { name: /Findings/ }).click();
  await expect(side.getByRole('button', { name: PULL_FINDING })).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(side.getByRole('button', { name: PULL_FINDING })).toBeVisible();
});

test('explain access answers any question with the reasons', async ({ page }) => {
  await openStarterFromGallery(page);
  const side = panels(page);
  await side.getByRole('tab', { name: 'Explain access' }).click();
  const explain = side.getByTestId('explain-panel');
  await explain.getByLabel('Principal').fill('carol');
  await explain.getByLabel('Action', { exact: true }).fill('Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write');
  await explain.getByLabel('Scope').fill('ws-churn');
  const decision = explain.getByTestId('decision');
  await expect(decision).toHaveAttribute('data-effect', 'allowed');
  // carol is Owner on the subscription and Contributor through ml-leads: both show, with where they come from.
  await expect(decision).toContainText('Owner');
  await expect(decision).toContainText('inherited from');
  await page.screenshot({ path: `${SCREENSHOTS}/panels-explain.png` });
  await explain.getByLabel('Principal').fill('nobody-at-all');
  await expect(explain).toContainText('No principal called “nobody-at-all”');
});
