// Issue 16, room to work: the header stays on one row at 1024 px and the graph keeps most of the width; the
// panel tabs fit on one line at 1440 px; the panels can be hidden and resized; Tab reaches the graph's toolbar
// before its boxes, and a box reached with Tab is never left under the minimap.
import { expect, test, type Page } from '@playwright/test';
import { openStarter, panels } from './support/app';
import { waitForGraphAtRest } from './support/graph-geometry';

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

test('at 1024x700 the header is one row and the graph keeps most of the width', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openStarter(page);
  const header = await box(page, 'header');
  expect(header.height).toBeLessThan(64);
  const graph = await box(page, 'main#graph');
  expect(graph.width).toBeGreaterThan(1024 * 0.55);
  // The folded actions are one click away.
  await page.getByRole('banner').getByRole('button', { name: 'More' }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: /Compare with/ })).toBeVisible();
});

test('at 1440 px the panel tabs sit on one line', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openStarter(page);
  const tops = await panels(page).getByRole('tab').evaluateAll((tabs) => tabs.map((tab) => Math.round(tab.getBoundingClientRect().top)));
  expect(tops.length).toBeGreaterThanOrEqual(5);
  expect(new Set(tops).size).toBe(1);
});

test('the panels hide, come back, and resize from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openStarter(page);
  const before = (await box(page, 'aside#panels')).width;
  const resizer = page.getByRole('separator', { name: 'Resize the panels' });
  await resizer.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await box(page, 'aside#panels')).width).toBe(before + 48);
  await page.getByRole('button', { name: 'Hide the panels' }).click();
  await expect.poll(async () => (await box(page, 'main#graph')).width).toBeGreaterThan(1350);
  await page.getByRole('button', { name: 'Show the panels' }).click();
  await expect.poll(async () => (await box(page, 'aside#panels')).width).toBe(before + 48);
});

test('Tab reaches the graph toolbar before the boxes, and no box it reaches is under the minimap', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openStarter(page);
  await waitForGraphAtRest(page);
  await page.locator('main#graph').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('graph-toolbar').locator(':focus')).toHaveCount(1);
  const minimap = await box(page, '.react-flow__minimap');
  let boxes = 0;
  for (let presses = 0; presses < 120 && boxes < 32; presses++) {
    await page.keyboard.press('Tab');
    const focused = page.locator('.react-flow__node:focus');
    if ((await focused.count()) === 0) continue;
    boxes += 1;
    // The app moves a covered box into view on the next frame: give it two.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const rect = (await focused.boundingBox())!;
    const covered = rect.x < minimap.x + minimap.width && minimap.x < rect.x + rect.width && rect.y < minimap.y + minimap.height && minimap.y < rect.y + rect.height;
    expect(covered, `box ${await focused.getAttribute('data-id')} under the minimap`).toBe(false);
  }
  expect(boxes).toBeGreaterThan(10);
});

// The toolbar's buttons that are drawn (not folded into the closed More menu, not inside the closed Links list).
const TOOLBAR_ROW_TOPS = `[...document.querySelectorAll('[data-testid="graph-toolbar"] .graph-toolbar-row :is(button, summary, input[type="search"])')]
  .filter((element) => element.checkVisibility())
  .map((element) => Math.round(element.getBoundingClientRect().top))`;

for (const viewport of [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]) {
  test(`at ${viewport.width} px with the panels open the graph toolbar is one row and the first view starts below it`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openStarter(page);
    await waitForGraphAtRest(page);
    const tops = (await page.evaluate(TOOLBAR_ROW_TOPS)) as number[];
    expect(tops.length).toBeGreaterThanOrEqual(7);
    expect(new Set(tops).size, `button tops ${tops.join(', ')}`).toBe(1);
    const toolbar = await box(page, '[data-testid="graph-toolbar"]');
    const nodeTops = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().top));
    expect(nodeTops.length).toBeGreaterThan(0);
    expect(Math.min(...nodeTops)).toBeGreaterThan(toolbar.y + toolbar.height);
    // What does not fit is one click away, in the More menu.
    const more = page.getByTestId('graph-toolbar').getByRole('button', { name: 'More' });
    if (viewport.width < 1440) {
      await more.click();
      await expect(page.getByTestId('graph-toolbar').getByRole('button', { name: 'Close all' })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('graph-toolbar').getByRole('button', { name: 'Close all' })).toBeHidden();
    } else {
      await expect(more).toBeHidden();
    }
  });
}
