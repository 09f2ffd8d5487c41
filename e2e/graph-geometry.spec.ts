// Issue 16: the first view of every sample is readable. Measured from the rendered page (support/graph-geometry.ts):
// no edge through a box that is not one of its ends, no edge label over another label or a box, labels on their
// edge, every box whole in view, headers that say the kind once, text at least 11 px. The layout and the router are
// deterministic, so these are exact figures, not timing.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateEstate } from '../bench/generate';
import { writeNativeEstate } from '../src/engine/io/native';
import { measureGraph, waitForGraphAtRest } from './support/graph-geometry';

const samples = (JSON.parse(readFileSync('public/samples/index.json', 'utf8')) as { id: string }[]).map((s) => s.id);

test.use({ viewport: { width: 1440, height: 900 } });

for (const id of samples) {
  test(`the first view of the ${id} sample has no crossing, overlap or cut-off box, and text of 11 px or more`, async ({ page }) => {
    await page.goto(`/?sample=${encodeURIComponent(id)}`);
    await waitForGraphAtRest(page);
    const figures = await measureGraph(page);
    expect(figures.edges, 'edges drawn').toBeGreaterThan(0);
    expect(
      {
        crossings: figures.crossings,
        labelOverlaps: figures.labelOverlaps,
        labelOnBox: figures.labelOnBox,
        labelOffEdge: figures.labelOffEdge,
        cutOff: figures.cutOff,
        badHeaders: figures.badHeaders,
      },
      figures.examples.join('; '),
    ).toEqual({ crossings: 0, labelOverlaps: 0, labelOnBox: 0, labelOffEdge: 0, cutOff: 0, badHeaders: 0 });
    expect(figures.minFontPx).toBeGreaterThanOrEqual(11);
    // An edge label is drawn at 11 px or more, or not at all (the edge's tooltip names it then).
    if (figures.labels > 0) expect(figures.minLabelFontPx).toBeGreaterThanOrEqual(11);

    // Closer in, where edge labels are drawn: still no crossing, and labels on their edges, clear of boxes and of each other.
    const zoomIn = page.getByRole('button', { name: 'Zoom In' });
    let near = figures;
    for (let step = 0; step < 10 && near.labels === 0; step++) {
      await zoomIn.click();
      await waitForGraphAtRest(page);
      near = await measureGraph(page);
    }
    expect(near.labels, 'edge labels drawn once zoomed in').toBeGreaterThan(0);
    expect(near.minLabelFontPx).toBeGreaterThanOrEqual(11);
    expect(
      { crossings: near.crossings, labelOverlaps: near.labelOverlaps, labelOnBox: near.labelOnBox, labelOffEdge: near.labelOffEdge },
      near.examples.join('; '),
    ).toEqual({ crossings: 0, labelOverlaps: 0, labelOnBox: 0, labelOffEdge: 0 });
  });
}

test('the lens lives in the address and a bundle of grants opens Who can reach', async ({ page }) => {
  await page.goto('/?sample=starter&lens=paths');
  await waitForGraphAtRest(page);
  const lens = page.getByRole('group', { name: 'Lens' });
  await expect(lens.getByRole('button', { name: 'Paths' })).toHaveAttribute('aria-pressed', 'true');
  await lens.getByRole('button', { name: 'Overview' }).click();
  await expect(page).not.toHaveURL(/lens=/);
  await lens.getByRole('button', { name: 'Who can reach' }).click();
  await expect(page).toHaveURL(/lens=reach/);
});

test('the first view of the one-team estate (bench S, 152 things) shows every box whole and legible, its large sets summed up', async ({ page }) => {
  test.setTimeout(180_000);
  const estate = generateEstate('S');
  const file = join(tmpdir(), `graph-geometry-S-${process.pid}.json`);
  writeFileSync(file, writeNativeEstate(estate, 'json'));
  await page.goto('/');
  await page.locator('[data-testid="open-files-input"]').first().setInputFiles(file);
  await expect(page.locator('header', { hasText: estate.name }).first()).toBeVisible({ timeout: 120_000 });
  // The analysis arrives after the first draw; the Overview's bundles and wrong paths depend on it.
  await expect(page.getByRole('complementary', { name: 'Panels' }).getByRole('tab', { name: /Findings \d/ })).toBeVisible({ timeout: 120_000 });
  await waitForGraphAtRest(page, 120_000);
  const figures = await measureGraph(page);
  // 44 users, 11 clusters, 9 instances, 10 jobs and 5 endpoints (with their deployments) are five closed boxes:
  // what is left is drawn whole, below the toolbar, with names of 11 px or more.
  expect(figures.boxes).toBe(47);
  await expect(page.getByTestId('graph-status')).toContainText('47 of 157 boxes');
  for (const name of ['44 users', '11 clusters', '9 instances', '10 jobs', '5 endpoints'])
    await expect(page.locator('.react-flow__node-container[aria-label^="' + name + ', a group of"]')).toHaveCount(1);
  expect(figures.edges).toBeGreaterThan(0);
  expect(figures.edges).toBeLessThanOrEqual(150);
  expect(
    { crossings: figures.crossings, labelOverlaps: figures.labelOverlaps, labelOnBox: figures.labelOnBox, cutOff: figures.cutOff, covered: figures.covered, badHeaders: figures.badHeaders },
    figures.examples.join('; '),
  ).toEqual({ crossings: 0, labelOverlaps: 0, labelOnBox: 0, cutOff: 0, covered: 0, badHeaders: 0 });
  expect(figures.minFontPx).toBeGreaterThanOrEqual(11);
  if (figures.labels > 0) expect(figures.minLabelFontPx).toBeGreaterThanOrEqual(11);

  // A click on a summary box opens it, in place: its 11 clusters (and their identities) are drawn inside it.
  const clusters = page.locator('.react-flow__node-container[aria-label^="11 clusters"]');
  await clusters.locator('.container-header').click();
  await waitForGraphAtRest(page, 120_000);
  await expect(clusters).toHaveAttribute('aria-label', '11 clusters, a group of compute clusters');
  await expect(clusters.getByRole('button', { name: 'Close compute cluster 11 clusters' })).toBeVisible();
  expect((await measureGraph(page)).boxes).toBeGreaterThanOrEqual(47 + 11);

  // Search finds a thing inside a closed summary box: the box opens and the view centres on it.
  await page.getByRole('searchbox', { name: 'Find a node by name' }).fill('job-s000r00-003');
  await page.getByRole('searchbox', { name: 'Find a node by name' }).press('Enter');
  await expect(page.locator('.react-flow__node-container[aria-label="10 jobs, a group of jobs"]')).toBeVisible();

  // Opening every box draws all 157 (152 things and the five summary boxes): too many to show whole at a legible
  // size, so the view shows a part of them, still legible, rather than all of them too small to read.
  await page.getByRole('button', { name: 'Close all' }).click();
  await waitForGraphAtRest(page, 120_000);
  await page.getByRole('button', { name: 'Open all' }).click();
  await waitForGraphAtRest(page, 120_000);
  const opened = await measureGraph(page);
  expect(opened.boxes).toBe(157);
  expect({ badHeaders: opened.badHeaders, legible: opened.minFontPx >= 11 }, opened.examples.join('; ')).toEqual({ badHeaders: 0, legible: true });
});

test('a finding whose subject is in a closed summary box (bench S) opens that box and brings the subject into view', async ({ page }) => {
  test.setTimeout(180_000);
  const estate = generateEstate('S');
  const file = join(tmpdir(), `graph-geometry-S-reveal-${process.pid}.json`);
  writeFileSync(file, writeNativeEstate(estate, 'json'));
  await page.goto('/');
  await page.locator('[data-testid="open-files-input"]').first().setInputFiles(file);
  await expect(page.locator('header', { hasText: estate.name }).first()).toBeVisible({ timeout: 120_000 });
  const side = page.getByRole('complementary', { name: 'Panels' });
  await expect(side.getByRole('tab', { name: /Findings \d/ })).toBeVisible({ timeout: 120_000 });
  await waitForGraphAtRest(page, 120_000);

  // cpu-001 is one of the 11 clusters, drawn closed at first: no box of its own.
  const compute = estate.computes.find((c) => c.name === 'cpu-001');
  if (!compute) throw new Error('bench S has a cluster cpu-001');
  const box = page.locator(`.react-flow__node[data-id="${compute.id}"]`);
  const clusters = page.locator('.react-flow__node-container[aria-label^="11 clusters"]');
  await expect(clusters).toHaveAttribute('aria-label', '11 clusters, a group of compute clusters, closed');
  await expect(box).toHaveCount(0);

  // Its finding, picked in the Findings panel: the summary box opens, and cpu-001 is drawn, lit and in view.
  await side.getByRole('tab', { name: /Findings/ }).click();
  const finding = side.locator(`li[data-finding-id^="AML-ACR-004|${compute.id}|"]`);
  await finding.getByRole('button').first().click();
  await expect(clusters).toHaveAttribute('aria-label', '11 clusters, a group of compute clusters');
  await expect(box).toHaveClass(/is-highlighted/);
  await waitForGraphAtRest(page, 120_000);
  await expect(box).toBeInViewport();
  // The other summary boxes stay closed.
  await expect(page.locator('.react-flow__node-container[aria-label="10 jobs, a group of jobs, closed"]')).toHaveCount(1);

  // Closed again by hand, then cpu-001 picked from the finding's subjects: open again, and cpu-001 selected.
  await clusters.getByRole('button', { name: 'Close compute cluster 11 clusters' }).click();
  await expect(box).toHaveCount(0);
  await side.getByTestId('finding-details').getByRole('button', { name: 'cpu-001', exact: true }).first().click();
  await expect(box).toHaveClass(/selected/);
  await waitForGraphAtRest(page, 120_000);
  await expect(box).toBeInViewport();
});
