import { expect, test, type Page } from '@playwright/test';
import { answerAddOrOpen, openStarter } from './support/app';

const SCREENSHOTS = 'e2e/output/screenshots';

// Each flow opens and analyses a sample, and some scan or edit several times: more than the default 30 s on a small machine.
test.describe.configure({ timeout: 120_000 });
// The size the layout is designed to be readable at.
test.use({ viewport: { width: 1280, height: 800 } });

/** Four problems in three places: a missing resource group, an unknown principal, a misspelt role, an unknown scope. */
const BROKEN = `version: 1
name: broken estate
workspaces:
  - name: ws
    identity:
      type: system_assigned
role_assignments:
  - principal: ghost
    role: Storage Blob Data Raeder
    scope: ws
`;

const SMALL = `version: 1
name: Small estate
users:
  - name: dana
`;

const MORE = `version: 1
name: More people
users:
  - name: eve
groups:
  - name: readers
    members: [eve]
`;

/** Drops files on the page the way a browser does: dragenter, dragover, then drop, with a real DataTransfer. */
async function dropFiles(page: Page, files: { name: string; text: string }[], options: { screenshotWhileDragging?: string } = {}) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([file.text], file.name, { type: 'application/yaml' }));
    return transfer;
  }, files);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await expect(page.getByText('Drop estate files to open them')).toBeVisible();
  if (options.screenshotWhileDragging) await page.screenshot({ path: options.screenshotWhileDragging });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

test('the first visit offers the samples and the ways to open your own', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No estate open');
  const gallery = page.getByRole('region', { name: /See who can reach what/ });
  await expect(gallery.getByRole('button', { name: /Starter: one team workspace/ })).toBeVisible();
  await expect(gallery.getByRole('button', { name: /Open estate files/ })).toBeVisible();
  await expect(gallery.getByRole('button', { name: 'Paste' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/loading-gallery.png` });
  await gallery.getByRole('button', { name: /Starter: one team workspace/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 30_000 });
  // The URL now names the sample, so a reload or a link opens it again.
  await expect(page).toHaveURL(/[?&]sample=starter/);
});

test('a dropped broken file shows every problem with its location and leaves the estate alone', async ({ page }) => {
  await openStarter(page);
  const nodes = await page.locator('.react-flow__node').count();

  await dropFiles(page, [{ name: 'broken.yaml', text: BROKEN }], { screenshotWhileDragging: `${SCREENSHOTS}/loading-drop-overlay.png` });

  const report = page.getByTestId('load-report');
  // The report comes once the reading worker has started, read and checked the file: on a busy machine that
  // takes longer than the default wait, like opening a sample does.
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report).toHaveAttribute('role', 'alert');
  await expect(report).toContainText('broken.yaml could not be opened');
  const problems = report.getByTestId('diagnostic');
  await expect(problems).toHaveCount(4);
  // Each problem carries file:line:column and the field path.
  for (const problem of await problems.all()) await expect(problem).toContainText(/broken\.yaml:\d+:\d+/);
  await expect(report).toContainText('role_assignments[0].principal');
  await expect(report).toContainText('role_assignments[0].role');
  await expect(report).toContainText('did you mean `Storage Blob Data Reader`');
  await page.screenshot({ path: `${SCREENSHOTS}/loading-broken-file.png` });

  // The estate is untouched: same name, same graph, no history step.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team');
  await expect(page.locator('.react-flow__node')).toHaveCount(nodes);
  await expect(page.getByTestId('undo')).toBeDisabled();

  await report.getByRole('button', { name: 'Dismiss' }).click();
  await expect(report).toHaveCount(0);
});

test('a good file and a broken one dropped together open nothing', async ({ page }) => {
  await openStarter(page);
  await dropFiles(page, [
    { name: 'small.yaml', text: SMALL },
    { name: 'broken.yaml', text: BROKEN },
  ]);
  await expect(page.getByTestId('load-report')).toContainText('2 files could not be opened', { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team');
});

test('several files chosen with the file picker are merged into one estate', async ({ page }) => {
  await openStarter(page);
  await page.getByTestId('open-files-input').setInputFiles([
    { name: 'small.yaml', mimeType: 'application/yaml', buffer: Buffer.from(SMALL) },
    { name: 'more.yaml', mimeType: 'application/yaml', buffer: Buffer.from(MORE) },
  ]);
  await answerAddOrOpen(page, 'Open instead');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Small estate/);
  await expect(page.getByText('small.yaml, more.yaml')).toBeVisible();
  // Both files' people are there, and a file is not a sample: the URL forgets the sample.
  await expect(page.locator('[data-testid^="rf__node-"][data-testid$="dana"]')).toBeAttached();
  await expect(page.locator('[data-testid^="rf__node-"][data-testid$="eve"]')).toBeAttached();
  await expect(page).not.toHaveURL(/sample=/);
});

test('pasted text opens, and problems in it are shown in the dialog next to the text', async ({ page }) => {
  await openStarter(page);
  await page.getByRole('button', { name: 'Paste', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste an estate' });
  await expect(dialog).toBeVisible();
  const text = dialog.getByLabel('Estate as YAML or JSON');
  await expect(text).toBeFocused();

  await text.fill(BROKEN);
  await dialog.getByRole('button', { name: /^Open( instead)?$/ }).click();
  await expect(dialog.getByRole('alert')).toContainText('Nothing was opened');
  await expect(dialog.getByTestId('diagnostic').first()).toContainText(/pasted\.yaml:\d+:\d+/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team');
  await page.screenshot({ path: `${SCREENSHOTS}/loading-paste-errors.png` });

  await text.fill(SMALL);
  await dialog.getByRole('button', { name: /^Open( instead)?$/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Small estate');
  // Opening a document starts a new history: nothing to undo.
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('a large file shows progress while it is read and checked', async ({ page }) => {
  await openStarter(page);
  // A few hundred people with long descriptions make a file of several megabytes without a huge graph.
  const blurb = 'x'.repeat(20_000);
  const users = Array.from({ length: 200 }, (_, index) => `  - name: user-${index}\n    description: ${blurb}\n`).join('');
  const big = `version: 1\nname: Many people\nusers:\n${users}`;
  // The card may come and go faster than a poll: a mutation observer records every stage it showed.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const status of document.querySelectorAll('[role="status"]')) {
        const text = status.textContent ?? '';
        if (text.includes('many.yaml') && !seen.includes(text)) seen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId('open-files-input').setInputFiles([{ name: 'many.yaml', mimeType: 'application/yaml', buffer: Buffer.from(big) }]);
  await answerAddOrOpen(page, 'Open instead');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Many people', { timeout: 60_000 });
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(seen.some((text) => /^(Reading|Checking|Analysing) many\.yaml/.test(text)), `progress shown: ${seen.join(' | ')}`).toBe(true);
  // Once done, the card is gone.
  await expect(page.getByRole('status').filter({ hasText: /many\.yaml/ })).toHaveCount(0);
});
