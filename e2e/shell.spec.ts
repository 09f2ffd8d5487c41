import { expect, test, type Page } from '@playwright/test';

const SCREENSHOTS = 'e2e/output/screenshots';

/**
 * Records what would betray a broken build or a leaky page: requests to any other origin (the app promises
 * to keep estates in the browser), uncaught errors, and console errors or warnings (CSP violations land there).
 */
function watchPage(page: Page, baseURL: string | undefined) {
  const ownHost = new URL(baseURL ?? 'http://127.0.0.1:4173').host;
  const foreignRequests: string[] = [];
  const problems: string[] = [];
  const isForeign = (raw: string) => {
    const url = new URL(raw);
    // data: and blob: URLs never leave the browser; ws: and http: to this host are both the app's own.
    if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
    return url.host !== ownHost;
  };
  page.on('request', (request) => {
    if (isForeign(request.url())) foreignRequests.push(request.url());
  });
  page.on('websocket', (socket) => {
    if (isForeign(socket.url())) foreignRequests.push(socket.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return { foreignRequests, problems };
}

test('draws the starter sample as a graph without talking to any other host', async ({ page, baseURL }) => {
  const watched = watchPage(page, baseURL);
  let ownRequests = 0;
  page.on('request', () => (ownRequests += 1));

  // The first visit shows the sample gallery; a link names the sample to open straight away.
  await page.goto('/?sample=starter');

  // The sample has loaded once its estate name replaces the placeholder heading.
  const title = page.getByRole('heading', { level: 1 });
  // Reading, analysing and laying out the sample can take several seconds on a small CI machine.
  await expect(title).not.toHaveText('No estate open', { timeout: 30_000 });
  await expect(title).not.toBeEmpty();

  const graph = page.getByRole('main');
  await expect(graph.getByTestId('node-workspace').first()).toBeVisible();
  await expect(graph.getByTestId('node-storageAccount').first()).toBeVisible();
  await expect(graph.getByTestId('node-compute').first()).toBeVisible();
  // The same nodes are reachable by their accessible names, as a screen reader user would find them.
  await expect(graph.getByRole('group', { name: /^Workspace / }).first()).toBeVisible();
  await expect(graph.getByRole('group', { name: /^Storage account / }).first()).toBeVisible();
  await expect(graph.getByRole('group', { name: /^Compute / }).first()).toBeVisible();
  await expect(graph.locator('.react-flow__edge').first()).toBeAttached();

  await page.screenshot({ path: `${SCREENSHOTS}/shell.png`, fullPage: true });

  expect(watched.foreignRequests, 'requests to other hosts').toEqual([]);
  expect(watched.problems, 'console errors, warnings and uncaught exceptions').toEqual([]);
  // Guard the guard: the watcher did see traffic (the page, its bundle, the index, the sample).
  expect(ownRequests).toBeGreaterThanOrEqual(4);
});

test('lists every sample of the index in the picker', async ({ page, request }) => {
  const index = (await (await request.get('/samples/index.json')).json()) as Array<{ title: string }>;
  await page.goto('/?sample=starter');
  // The header's picker, not the compare dialog's own sample list.
  const picker = page.getByRole('banner').getByRole('combobox', { name: 'Sample', exact: true });
  await expect(picker).toBeEnabled();
  await expect(picker.locator('option')).toHaveText(index.map((sample) => sample.title));
});

test('selecting a node shows its details', async ({ page }) => {
  await page.goto('/?sample=starter');
  // A leaf node: the workspace is drawn as a container, whose middle is covered by the nodes inside it.
  const storage = page.getByTestId('node-storageAccount').first();
  await expect(storage).toBeVisible({ timeout: 30_000 });
  const name = (await storage.locator('span[title]').first().getAttribute('title')) ?? '';
  await storage.click();
  const details = page.getByRole('complementary', { name: 'Panels' });
  await expect(details.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
});

test('shows where a sample fails to parse', async ({ page, baseURL }) => {
  const watched = watchPage(page, baseURL);
  await page.route('**/samples/index.json', (route) =>
    route.fulfill({
      json: [
        { id: 'broken', title: 'Broken sample', summary: 'A file with a syntax error.', file: 'broken.yaml' },
      ],
    }),
  );
  await page.route('**/samples/broken.yaml', (route) =>
    route.fulfill({
      contentType: 'text/yaml',
      body: 'version: 1\nname: broken\nworkspaces:\n  - name: [unclosed\n',
    }),
  );

  await page.goto('/?sample=broken');

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Broken sample could not be read');
  // Located: the file name and a line number, so the user can jump to the problem.
  await expect(alert.getByTestId('diagnostics')).toContainText(/broken\.yaml:\d+/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No estate open');
  await page.screenshot({ path: `${SCREENSHOTS}/parse-error.png`, fullPage: true });
  expect(watched.foreignRequests).toEqual([]);
});
