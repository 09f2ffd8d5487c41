import { expect, test, type Locator, type Page } from '@playwright/test';

const SCREENSHOTS = 'e2e/output/screenshots';

test.use({ viewport: { width: 1280, height: 800 } });

async function openStarter(page: Page) {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto('/?sample=starter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 20_000 });
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  return problems;
}

/** The graph node (React Flow's wrapper) whose card shows this entity or virtual node name. */
function graphNode(page: Page, name: string): Locator {
  return page.locator('.react-flow__node').filter({ has: page.locator(`[title="${name}"]`) }).first();
}

test('draws the starter estate: kinds, containers, a missing path, and a legend', async ({ page }) => {
  const problems = await openStarter(page);
  const graph = page.locator('.react-flow');

  for (const kind of ['workspace', 'storageAccount', 'keyVault', 'containerRegistry', 'compute', 'onlineEndpoint', 'datastore', 'job', 'user', 'group', 'userAssignedIdentity', 'systemAssignedIdentity', 'resourceGroup'])
    await expect(graph.getByTestId(`node-${kind}`).first(), kind).toBeVisible();
  await expect(graph.locator('[data-visual="serverlessCompute"]')).toBeVisible();
  await expect(graph.locator('[data-visual="pipelineStep"]').first()).toBeVisible();
  // Nodes have names a screen reader announces.
  await expect(graph.getByRole('group', { name: 'Workspace ws-churn' })).toBeVisible();

  // At least one access path is missing: drawn red and dashed.
  const missing = graph.locator('.react-flow__edge.status-missing .react-flow__edge-path').first();
  await expect(missing).toBeAttached();
  const style = await missing.evaluate((path) => {
    const computed = getComputedStyle(path);
    const probe = document.createElement('span');
    probe.style.color = 'var(--color-red-600)';
    document.body.append(probe);
    const red = getComputedStyle(probe).color;
    probe.remove();
    return { stroke: computed.stroke, dash: computed.strokeDasharray, red };
  });
  expect(style.dash).not.toBe('none');
  expect(style.stroke).toBe(style.red);

  await page.screenshot({ path: `${SCREENSHOTS}/main-view.png` });

  // The legend explains every style.
  await page.getByRole('button', { name: 'Legend' }).click();
  const legend = page.locator('#graph-legend');
  await expect(legend.getByText('Missing', { exact: true })).toBeVisible();
  await expect(legend.getByText('Serverless compute', { exact: true })).toBeVisible();
  await expect(legend.getByText('Role assignment Azure ML makes by itself')).toBeVisible();
  await page.getByRole('button', { name: 'Legend' }).click();

  expect(problems).toEqual([]);
});

test('finds a node by name, selects it and centres it', async ({ page }) => {
  await openStarter(page);
  const search = page.getByRole('searchbox', { name: 'Find a node by name' });
  await search.fill('uai-tr');
  await search.press('Enter');
  await expect(page.getByRole('search').getByText(/User-assigned identity uai-train/)).toBeVisible();

  const node = graphNode(page, 'uai-train');
  await expect(node).toHaveClass(/selected/);
  await expect(node).toHaveClass(/is-found/);
  // setCenter animates: wait until the node sits in the middle of the graph's viewport.
  const pane = page.locator('.react-flow');
  await expect
    .poll(async () => {
      const [a, b] = await Promise.all([node.boundingBox(), pane.boundingBox()]);
      if (!a || !b) return Infinity;
      return Math.hypot(a.x + a.width / 2 - (b.x + b.width / 2), a.y + a.height / 2 - (b.y + b.height / 2));
    })
    .toBeLessThan(30);
});

test('search opens the closed boxes a node is in', async ({ page }) => {
  await openStarter(page);
  const graph = page.locator('.react-flow');
  await graph.getByRole('button', { name: 'Close resource group rg-ml-prod' }).click();
  await expect(graph.getByTestId('node-compute')).toHaveCount(0);
  const search = page.getByRole('searchbox', { name: 'Find a node by name' });
  await search.fill('cpu-cluster');
  await search.press('Enter');
  await expect(graphNode(page, 'cpu-cluster')).toHaveClass(/selected/);
  await expect(graph.locator('[data-container="resourceGroup"]')).toHaveAttribute('data-collapsed', 'false');
});

test('nodes are reachable and selectable from the keyboard', async ({ page }) => {
  await openStarter(page);
  const node = graphNode(page, 'kv-churn-prod');
  await node.focus();
  await expect(node).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(node).toHaveClass(/selected/);
  // The rest of the app hears about it: the inspector shows the vault.
  await expect(page.getByRole('tab', { name: /Inspector/ })).toHaveAttribute('aria-selected', 'true');
});

test('closes and opens a resource group', async ({ page }) => {
  await openStarter(page);
  const graph = page.locator('.react-flow');
  await expect(graph.getByTestId('node-compute').first()).toBeVisible();

  const close = graph.getByRole('button', { name: 'Close resource group rg-ml-prod' });
  await close.click();
  const group = graph.locator('[data-container="resourceGroup"]');
  await expect(group).toHaveAttribute('data-collapsed', 'true');
  await expect(graph.getByTestId('node-compute')).toHaveCount(0);
  await expect(graph.getByTestId('node-workspace')).toHaveCount(0);
  await expect(group).toContainText(/\d+ inside/);
  // Role assignments on things inside the closed group now end at the group, counted.
  await expect(graph.locator('.react-flow__edge').first()).toBeAttached();

  const open = graph.getByRole('button', { name: 'Open resource group rg-ml-prod' });
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  await open.click();
  await expect(group).toHaveAttribute('data-collapsed', 'false');
  await expect(graph.getByTestId('node-compute').first()).toBeVisible();
});

test('focus mode draws only what the selection involves', async ({ page }) => {
  await openStarter(page);
  const status = page.getByTestId('graph-status');
  await expect(status).toContainText(/^(\d+) of \1 boxes/);
  await graphNode(page, 'cpu-cluster').click();
  await page.getByRole('button', { name: 'Focus' }).click();
  await expect(page.getByRole('button', { name: 'Focus' })).toHaveAttribute('aria-pressed', 'true');
  await expect(status).toContainText('focus');
  const [drawn, total] = (await status.innerText()).match(/\d+/g)!.map(Number);
  expect(drawn).toBeLessThan(total!);
  await expect(graphNode(page, 'uai-train')).toBeVisible();
  await expect(graphNode(page, 'alice')).toHaveCount(0);
  await page.getByRole('button', { name: 'Focus' }).click();
  await expect(graphNode(page, 'alice')).toBeVisible();
});
