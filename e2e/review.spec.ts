import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openStarter, panels, savedLabel, watchProblems } from './support/app';

// Opening a sample, a reload, an export and a second page from a share link: more than the default 30 s on a small machine.
test.describe.configure({ timeout: 150_000 });
test.use({ viewport: { width: 1280, height: 800 } });

const ESTATE_NAME = 'Contoso churn team';
const PULL_FINDING = 'Compute cluster cannot pull images from the workspace registry';
// Markup in a reason must come out as text, in the panel and in the report.
const REASON = 'Sandbox only <b>until</b> the registry moves; see *ticket* 42';

const reviewTab = (page: Page) => panels(page).getByRole('tab', { name: 'Review' });
const pullItem = (page: Page) => page.getByTestId('review-panel').locator('li[data-rule-id="AML-ACR-004"]');

async function openReview(page: Page) {
  await reviewTab(page).click();
  await expect(page.getByTestId('review-panel')).toBeVisible({ timeout: 30_000 });
}

async function exportItem(page: Page, name: RegExp) {
  await page.getByRole('banner').getByRole('button', { name: 'Export', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Export' });
  await expect(menu).toBeVisible();
  return menu.getByRole('menuitem', { name });
}

test('accept a risk with a reason, keep it across a reload, export it in the report and share it', async ({ page, browser }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  await openReview(page);

  const panel = page.getByTestId('review-panel');
  await expect(panel.getByRole('heading', { name: 'Review summary' })).toBeVisible();
  await expect(panel).toContainText(/\d+ of \d+ findings are not reviewed yet; they count as to fix\./);
  await expect(panel.locator('[data-cell="warning:accepted-risk"]')).toHaveText('0');
  await expect(panel.getByText(/Identities: \d+ access paths? chosen on purpose, \d+ picked by default/)).toBeVisible();
  await expect(panel.getByRole('heading', { name: /^Container registry/ })).toBeVisible();

  // Mark the pull finding as an accepted risk, first without a reason.
  const item = pullItem(page);
  await expect(item).toContainText(PULL_FINDING);
  await expect(item.locator('[data-review-status]')).toHaveText('To fix (not reviewed)');
  await item.getByRole('button', { name: `Review ${PULL_FINDING}` }).click();
  const form = item.getByRole('form', { name: `Review of ${PULL_FINDING}` });
  await form.getByRole('radio', { name: 'Accepted risk' }).check();
  await form.getByRole('button', { name: 'Save review' }).click();
  await expect(form.getByRole('alert')).toHaveText(/needs a reason/);
  const reason = form.getByRole('textbox', { name: 'Reason (required)' });
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toBeFocused();
  // Nothing was recorded: the finding still counts as to fix.
  await expect(panel.locator('[data-cell="warning:accepted-risk"]')).toHaveText('0');

  await reason.fill(REASON);
  await form.getByRole('textbox', { name: 'Notes' }).fill('Owner: platform team');
  await form.getByRole('button', { name: 'Save review' }).click();
  await expect(form).toBeHidden();
  await expect(item.locator('[data-review-status]')).toHaveText('Accepted risk');
  await expect(item).toContainText(`Reason: ${REASON}`);
  await expect(item.locator('b')).toHaveCount(0);
  await expect(panel.locator('[data-cell="warning:accepted-risk"]')).toHaveText('1');

  // The filter shows only accepted risks.
  await panel.getByRole('combobox', { name: 'Show' }).selectOption('accepted-risk');
  await expect(panel.locator('li[data-finding-id]')).toHaveCount(1);
  await panel.getByRole('combobox', { name: 'Show' }).selectOption('all');

  // Saved with the estate: a reload brings it back.
  await expect.poll(() => savedLabel(page)).toMatch(/as accepted risk/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ESTATE_NAME, { timeout: 30_000 });
  await expect(page.getByTestId('session-notice')).toContainText('1 review mark you can undo', { timeout: 30_000 });
  await openReview(page);
  await expect(pullItem(page).locator('[data-review-status]')).toHaveText('Accepted risk', { timeout: 30_000 });
  await expect(pullItem(page)).toContainText(`Reason: ${REASON}`);

  // The Markdown report carries the status and the reason, escaped.
  const reportItem = await exportItem(page, /Review report/);
  const [download] = await Promise.all([page.waitForEvent('download'), reportItem.click()]);
  const report = await readFile(await download.path(), 'utf8');
  expect(report).toContain('## Design review');
  expect(report).toMatch(new RegExp(`AML-ACR-004: ${PULL_FINDING} \\| warning \\| accepted risk \\| Sandbox only &lt;b&gt;until&lt;/b&gt; the registry moves; see \\\\\\*ticket\\\\\\* 42 \\| Owner: platform team \\|`));
  expect(report).toContain('- **Review:** accepted risk');

  // A share link carries the review to another page, in a fresh context so nothing comes from this page's storage.
  await (await exportItem(page, /Copy share link/)).click();
  const url = await page.getByTestId('share-link').inputValue();
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const other = await fresh.newPage();
  const otherProblems = watchProblems(other);
  await other.goto(url);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(ESTATE_NAME, { timeout: 30_000 });
  // Opened from the link, not restored from storage (the fresh context has none).
  await expect(other.getByText(/· shared link$/)).toBeAttached();
  await openReview(other);
  await expect(pullItem(other).locator('[data-review-status]')).toHaveText('Accepted risk', { timeout: 30_000 });
  await expect(pullItem(other)).toContainText(`Reason: ${REASON}`);
  await other.screenshot({ path: 'e2e/output/screenshots/review-panel.png' });
  await fresh.close();

  expect(problems).toEqual([]);
  expect(otherProblems).toEqual([]);
});

test('undo takes a review change back, and "Show finding" selects the finding', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  await openReview(page);
  const item = pullItem(page);
  await item.getByRole('button', { name: `Review ${PULL_FINDING}` }).click();
  const form = item.getByRole('form', { name: `Review of ${PULL_FINDING}` });
  await form.getByRole('radio', { name: 'Fixed' }).check();
  await form.getByRole('button', { name: 'Save review' }).click();
  await expect(item.locator('[data-review-status]')).toHaveText('Fixed · still detected');

  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+z');
  await expect(item.locator('[data-review-status]')).toHaveText('To fix (not reviewed)');
  await page.keyboard.press('Control+Shift+z');
  await expect(item.locator('[data-review-status]')).toHaveText('Fixed · still detected');

  await item.getByRole('button', { name: `Show finding ${PULL_FINDING}` }).click();
  await expect(panels(page).getByRole('tab', { name: /Findings/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('li[data-rule-id="AML-ACR-004"][data-selected="true"]')).toBeVisible();
  expect(problems).toEqual([]);
});

test('the review panel, with a form open and its validation message showing, has no serious accessibility problems', async ({ page }) => {
  await openStarter(page);
  await openReview(page);
  const item = pullItem(page);
  await item.getByRole('button', { name: `Review ${PULL_FINDING}` }).click();
  const form = item.getByRole('form', { name: `Review of ${PULL_FINDING}` });
  // Keyboard only: the status radios, then Save with no reason.
  await form.getByRole('radio', { name: 'To fix' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(form.getByRole('radio', { name: 'Accepted risk' })).toBeChecked();
  await form.getByRole('button', { name: 'Save review' }).focus();
  await page.keyboard.press('Enter');
  await expect(form.getByRole('alert')).toBeVisible();
  await page.getByTestId('review-panel').locator('details summary').click();
  const results = await new AxeBuilder({ page })
    .include('[data-testid="review-panel"]')
    // The tab list scrolls sideways now that it holds more tabs than the panel is wide.
    .include('[role="tablist"][aria-label="Panels"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
});
