import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openStarter, watchProblems } from './support/app';

// Opening and analysing a sample, then a second page from a share link: more than the default 30 s on a small machine.
test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1280, height: 800 } });

const ESTATE_NAME = 'Contoso churn team';
const PULL_FINDING = 'Compute cluster cannot pull images from the workspace registry';

const findingsTab = (page: Page) =>
  page.getByRole('complementary', { name: 'Panels' }).getByRole('tab', { name: /Findings/ });

async function exportItem(page: Page, name: RegExp) {
  await page.getByRole('banner').getByRole('button', { name: 'Export', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Export' });
  await expect(menu).toBeVisible();
  return menu.getByRole('menuitem', { name });
}

test('the Markdown review report downloads with the estate and its findings', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  const item = await exportItem(page, /Review report/);
  const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  expect(text).toContain(ESTATE_NAME);
  expect(text).toContain(PULL_FINDING);
  expect(problems).toEqual([]);
});

test('the menu works from the keyboard and exports YAML, the az script and the graph as SVG and PNG', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await openStarter(page);
  const button = page.getByRole('banner').getByRole('button', { name: 'Export', exact: true });
  await button.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: 'Export' });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();

  for (const [name, pattern, expected] of [
    [/Estate \(YAML\)/, /\.yaml$/, ESTATE_NAME],
    [/Remediation script/, /\.sh$/, 'az '],
    [/Graph view \(SVG\)/, /\.svg$/, '<foreignObject'],
  ] as const) {
    const item = await exportItem(page, name);
    const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
    expect(download.suggestedFilename()).toMatch(pattern);
    expect(await readFile(await download.path(), 'utf8')).toContain(expected);
  }
  const png = await exportItem(page, /Graph view \(PNG\)/);
  const [picture] = await Promise.all([page.waitForEvent('download'), png.click()]);
  expect(picture.suggestedFilename()).toMatch(/\.png$/);
  const bytes = await readFile(await picture.path());
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(1000);
  await picture.saveAs('e2e/output/screenshots/export-graph.png');
  expect(problems).toEqual([]);
});

test('a share link opens the same estate in a new page, and a damaged one opens nothing', async ({
  page,
  context,
}) => {
  const problems = watchProblems(page);
  await openStarter(page);
  // The graph can be drawn before the worker's analysis arrives: wait for the count before reading it.
  await expect(findingsTab(page)).toHaveText(/Findings\s*\d+$/, { timeout: 30_000 });
  const findings = (await findingsTab(page).textContent())?.replace(/\D+/g, '');
  expect(findings).toMatch(/^\d+$/);

  await (await exportItem(page, /Copy share link/)).click();
  const field = page.getByTestId('share-link');
  await expect(field).toBeVisible();
  const url = await field.inputValue();
  expect(url).toMatch(/#estate=[A-Za-z0-9_-]+$/);
  expect(url).not.toContain('?');
  expect(url.length).toBeLessThan(32_000);

  const other = await context.newPage();
  const otherProblems = watchProblems(other);
  await other.goto(url);
  // This page shares the first one's storage, so its saved session (the same estate, from the sample) may show
  // first: the header naming the link as the source is what says the link itself was opened.
  await expect(other.getByRole('banner').getByText('shared link')).toBeVisible({ timeout: 30_000 });
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(ESTATE_NAME);
  // The count shows once the analysis worker has analysed the opened estate.
  await expect(findingsTab(other)).toHaveText(new RegExp(`Findings\\s*${findings}$`), { timeout: 30_000 });
  // The link is taken out of the address once opened, so a reload keeps the working copy.
  await expect.poll(() => new URL(other.url()).hash).toBe('');
  expect(otherProblems).toEqual([]);

  const broken = await context.browser()!.newContext();
  const fresh = await broken.newPage();
  await fresh.goto(
    `${url.slice(0, url.indexOf('#'))}#estate=${url.slice(url.indexOf('=') + 1, url.indexOf('=') + 60)}`,
  );
  await expect(fresh.getByRole('alert')).toContainText(/shared link .* is damaged/);
  await expect(fresh.getByRole('alert')).toContainText('Nothing was opened');
  await expect(fresh.getByRole('heading', { level: 1 })).toHaveText('No estate open');
  await broken.close();
  expect(problems).toEqual([]);
});
