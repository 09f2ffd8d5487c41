// Issue 16: the whole graph (or the current lens) exports as a figure for a design document: every box at full
// size whatever part is in view, without the toolbar, the minimap or the zoom buttons, at a chosen scale.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openStarter, watchProblems } from './support/app';
import { waitForGraphAtRest } from './support/graph-geometry';

test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1440, height: 900 } });

async function exportItem(page: Page, name: RegExp) {
  await page.getByRole('banner').getByRole('button', { name: 'Export', exact: true }).click();
  return page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name });
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the whole graph exports as SVG without toolbar or minimap, and as PNG at 2× and 4×', async ({ page }) => {
  const problems = watchProblems(page);
  await openStarter(page);
  await waitForGraphAtRest(page);
  const svgItem = await exportItem(page, /Whole graph \(SVG\)/);
  const [download] = await Promise.all([page.waitForEvent('download'), svgItem.click()]);
  expect(download.suggestedFilename()).toMatch(/-graph-whole\.svg$/);
  const svg = await readFile(await download.path(), 'utf8');
  expect(svg).toContain('<foreignObject');
  expect(svg).toContain('uai-train');
  // The page's CSS comes along (it names every class); the drawing itself must hold no toolbar or minimap.
  const drawing = svg.replace(/<style>[\s\S]*?<\/style>/, '');
  for (const chrome of ['react-flow__minimap', 'react-flow__controls', 'graph-toolbar', 'Find a node']) expect(drawing).not.toContain(chrome);
  const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
  expect(width).toBeGreaterThan(0);

  const sizes: number[] = [];
  for (const scale of [2, 4]) {
    const item = await exportItem(page, new RegExp(`Whole graph \\(PNG, ${scale}×\\)`));
    const [picture] = await Promise.all([page.waitForEvent('download'), item.click()]);
    const bytes = await readFile(await picture.path());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    sizes.push(pngSize(bytes).width);
    if (scale === 2) await picture.saveAs('e2e/output/screenshots/export-graph-whole.png');
  }
  // The PNG is the SVG's picture at the chosen scale.
  expect(sizes[0]).toBe(width * 2);
  expect(sizes[1]).toBe(width * 4);
  expect(problems).toEqual([]);
});
