import { expect, test, type Page } from '@playwright/test';
import { panels, watchProblems } from './support/app';

const SCREENSHOTS = 'e2e/output/screenshots';

// Each flow opens and analyses a sample and edits it: more than the default 30 s on a small machine.
test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1280, height: 800 } });

const card = (page: Page) => page.getByTestId('tour-card');
/** A node of the graph by the end of its entity id (ARM ids are long; their last segments are enough). */
const node = (page: Page, idEnd: string) =>
  page.locator(`[data-testid^="rf__node-"][data-testid$="${idEnd}"]`);

async function graphReady(page: Page) {
  // Reading, analysing and laying out a sample takes a while on a small CI machine.
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
}

async function openTours(page: Page) {
  await page.getByRole('button', { name: 'Tours', exact: true }).click();
  return page.getByTestId('tour-list');
}

async function expectStep(page: Page, stepId: string, count: string) {
  await expect(card(page)).toHaveAttribute('data-step-id', stepId, { timeout: 30_000 });
  await expect(card(page).getByTestId('tour-step-count')).toHaveText(count);
}

test('runs "Why can’t my endpoint pull its image?" to the end by doing what each step asks', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await page.goto('/');
  const list = await openTours(page);
  await list.getByRole('button', { name: /Start: Why can’t my endpoint pull its image\?/ }).click();
  await graphReady(page);
  await expectStep(page, 'overview', 'Step 1 of 5');
  // The card moved focus to itself, is announced, and leaves the graph usable.
  await expect(card(page).getByRole('heading', { name: 'An endpoint with its own identity' })).toBeFocused();
  await expect(page).toHaveURL(/[?&]tour=endpoint-image-pull&step=overview/);
  await expect(node(page, '/onlineEndpoints/ep-credit-scoring')).toHaveClass(/is-highlighted/);
  await card(page).getByRole('button', { name: 'Next' }).click();

  // Step 2 waits for the broken path to be opened: click the deployment on the graph, then its path in the inspector.
  await expectStep(page, 'open-path', 'Step 2 of 5');
  await expect(card(page).getByTestId('tour-waiting')).toContainText(
    'Waiting for you to open the path from scorecard-v7 to crlendingml',
  );
  await expect(card(page).getByRole('button', { name: 'Next' })).toBeDisabled();
  await node(page, '/deployments/scorecard-v7').click();
  const side = panels(page);
  await side.locator('li[data-path-id^="deployment-image-pull|"]').getByRole('button').click();
  await expectStep(page, 'why', 'Step 3 of 5');
  await card(page).getByRole('button', { name: 'Next' }).click();

  // Step 4 waits for AcrPull: the finding's own fix, tried from the Findings panel, as the step suggests.
  await expectStep(page, 'grant-acrpull', 'Step 4 of 5');
  await expect(node(page, '/userAssignedIdentities/id-ep-credit-scoring')).toHaveClass(/is-highlighted/);
  await expect(node(page, '/registries/crlendingml')).toHaveClass(/is-highlighted/);
  await page.screenshot({ path: `${SCREENSHOTS}/tour-waiting-for-action.png` });
  await side.getByRole('tab', { name: /^Findings/ }).click();
  const finding = side.locator('li[data-rule-id="AML-EPI-002"]').filter({ hasText: 'crlendingml' });
  await finding.locator('button[aria-expanded]').click();
  await finding.getByTestId('try-fix').click();

  // The pull is granted, so the tour moves on by itself to the last step.
  await expectStep(page, 'what-is-left', 'Step 5 of 5');
  await expect(node(page, '/storageAccounts/stlendingml')).toHaveClass(/is-highlighted/);
  await card(page).getByRole('button', { name: 'Finish' }).click();
  await expect(card(page)).toHaveCount(0);
  await expect(page).not.toHaveURL(/[?&]tour=/);
  await expect(page.getByRole('button', { name: 'Tours', exact: true })).toBeFocused();
  const after = await openTours(page);
  await expect(after.getByTestId('tour-item-endpoint-image-pull').getByTestId('tour-progress')).toHaveText(
    'Finished',
  );
  expect(problems).toEqual([]);
});

test('a deep link opens the tour’s sample on that step, with what earlier steps changed and the right highlight', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await page.goto('/?tour=endpoint-image-pull&step=what-is-left');
  await graphReady(page);
  await expectStep(page, 'what-is-left', 'Step 5 of 5');
  // The AcrPull the earlier step asked for was applied as a what-if edit, so this step reads as it should.
  await expect(page.getByRole('banner')).toContainText('1 what-if change');
  await expect(node(page, '/storageAccounts/stlendingml')).toHaveClass(/is-highlighted/);
  await expect(node(page, '/vaults/kv-proseware-bureau')).toHaveClass(/is-highlighted/);
  await expect(page.locator('.react-flow__node.is-dimmed').first()).toBeAttached();
  await page.screenshot({ path: `${SCREENSHOTS}/tour-deep-link.png` });

  // A link into a waiting step of another tour: it waits, and "Do it for me" does the action.
  await page.goto('/?tour=training-job-identity&step=switch-identity');
  await expectStep(page, 'switch-identity', 'Step 7 of 9');
  await expect(card(page).getByTestId('tour-waiting')).toContainText(
    'Waiting for you to give cpu-cluster the user-assigned identity id-vision-train',
  );
  await expect(node(page, '/computes/cpu-cluster')).toHaveClass(/is-highlighted/);
  await card(page).getByRole('button', { name: 'Do it for me' }).click();
  await expectStep(page, 'result', 'Step 8 of 9');
  await expect(page.getByRole('banner')).toContainText('1 what-if change');

  // The last step asks a question with the new Explain control: who else reaches shelf_images, by any route.
  await card(page).getByRole('button', { name: 'Next' }).click();
  await expectStep(page, 'who-else', 'Step 9 of 9');
  const side = panels(page);
  await side.getByRole('tab', { name: 'Explain access' }).click();
  await side.getByTestId('explain-question').getByText('Who can do A?', { exact: true }).click();
  await side.getByLabel('Action', { exact: true }).fill('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read');
  await side.getByRole('radio', { name: 'Data plane (DataActions)' }).check();
  await side.getByLabel('Scope', { exact: true }).fill('shelf_images');
  await expect(side.getByTestId('who-can-answer')).toContainText('as a compute identity, by submitting jobs', { timeout: 30_000 });
  expect(problems).toEqual([]);
});

test('the first-visit gallery offers the tours, and a tour started from there opens its sample', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Choose a guided tour' }).click();
  const list = page.getByTestId('tour-list');
  await expect(list).toBeVisible();
  // Opened from the page, the list still hangs below the header's Tours button, inside the window.
  const box = await list.boundingBox();
  const tours = await page.getByRole('button', { name: 'Tours', exact: true }).boundingBox();
  expect(box && tours && box.y >= tours.y + tours.height && box.x >= 0 && box.x + box.width <= 1280).toBe(
    true,
  );
  await list.getByRole('button', { name: /Start: What identity does my training job use\?/ }).click();
  await graphReady(page);
  await expectStep(page, 'overview', 'Step 1 of 9');
  await expect(page).toHaveURL(/[?&]tour=training-job-identity&step=overview/);
  expect(problems).toEqual([]);
});

test('leaving a tour keeps its place; the list resumes it there, also after a reload', async ({ page }) => {
  await page.goto('/');
  let list = await openTours(page);
  await list.getByRole('button', { name: /Start: What identity does my training job use\?/ }).click();
  await graphReady(page);
  await expectStep(page, 'overview', 'Step 1 of 9');
  await card(page).getByRole('button', { name: 'Next' }).click();
  await expectStep(page, 'select-job', 'Step 2 of 9');
  await node(page, '/jobs/train-baseline').click();
  await expectStep(page, 'open-path', 'Step 3 of 9');

  // Back shows the done step without bouncing forward again.
  await card(page).getByRole('button', { name: 'Back' }).click();
  await expectStep(page, 'select-job', 'Step 2 of 9');
  await expect(card(page).getByTestId('tour-waiting')).toHaveAttribute('data-satisfied', 'true');
  await card(page).getByRole('button', { name: 'Next' }).click();
  await expectStep(page, 'open-path', 'Step 3 of 9');

  await card(page).getByRole('button', { name: 'Leave tour' }).click();
  await expect(card(page)).toHaveCount(0);
  await expect(page).not.toHaveURL(/[?&]tour=/);
  list = await openTours(page);
  const item = list.getByTestId('tour-item-training-job-identity');
  await expect(item.getByTestId('tour-progress')).toHaveText(/Left at step 3 of 9/);

  await page.reload();
  await graphReady(page);
  list = await openTours(page);
  await list
    .getByRole('button', { name: /Resume What identity does my training job use\? at step 3/ })
    .click();
  await expectStep(page, 'open-path', 'Step 3 of 9');
  await expect(page).toHaveURL(/[?&]tour=training-job-identity&step=open-path/);
});
