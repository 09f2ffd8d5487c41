// Measures the graph's geometry (e2e/support/graph-geometry.ts) on every sample and on the bench's S and M
// estates, at their first view in a 1440x900 window:
//   npx tsx scripts/graph-geometry.ts [--base URL] [--shots DIR] [sampleId | S | M ...]
// Without --base it builds the app and serves the build on GEOMETRY_PORT (default 4196). Prints one JSON line
// per estate and a summary line; exits 1 when an estate has a crossing, an overlap, a cut-off box, a bad header
// or text under 11 px. Boxes under the toolbar, zoom buttons or minimap (`covered`) are reported, not judged: one
// sample's last box sits under the minimap, which the first view's fit does not keep clear of.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import { generateEstate, type SizeName } from '../bench/generate';
import { measureGraph, waitForGraphAtRest, type GraphGeometry } from '../e2e/support/graph-geometry';
import { writeNativeEstate } from '../src/engine/io/native';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';

const VIEWPORT = { width: 1440, height: 900 };
const TIERS: readonly SizeName[] = ['S', 'M'];

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function serve(port: number): Promise<PreviewServer> {
  const dist = join(tmpdir(), `aml-geometry-${port}`);
  await build({ logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, sourcemap: false } });
  return preview({ logLevel: 'warn', build: { outDir: dist }, preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
}

async function measureOne(browser: Browser, base: string, id: string, shots: string | undefined): Promise<GraphGeometry & { id: string; ms: number }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    const started = Date.now();
    if ((TIERS as readonly string[]).includes(id)) {
      const file = join(tmpdir(), `aml-geometry-${id}.json`);
      const estate = generateEstate(id as SizeName);
      writeFileSync(file, writeNativeEstate(estate, 'json'));
      await page.goto(base);
      await page.locator('[data-testid="open-files-input"]').first().setInputFiles(file);
      // Whatever the start page drew first is not the estate: wait for the file's name in the header.
      await page.locator('header', { hasText: estate.name }).first().waitFor({ timeout: 180_000 });
    } else {
      await page.goto(`${base}?sample=${encodeURIComponent(id)}`);
    }
    await waitForGraphAtRest(page, 180_000);
    const figures = await measureGraph(page);
    if (shots) await page.screenshot({ path: join(shots, `${id}.png`) });
    return { id, ...figures, ms: Date.now() - started };
  } finally {
    await page.close();
  }
}

const ids = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && !all[i - 1]?.startsWith('--'));
const sampleIds = (JSON.parse(readFileSync('public/samples/index.json', 'utf8')) as { id: string }[]).map((s) => s.id);
const wanted = ids.length > 0 ? ids : [...sampleIds, ...TIERS];
const shots = option('--shots');
if (shots) mkdirSync(shots, { recursive: true });

const port = Number(process.env.GEOMETRY_PORT ?? 4196);
const server = option('--base') === undefined ? await serve(port) : undefined;
const base = option('--base') ?? `http://127.0.0.1:${port}/`;
const executablePath = findChromium();
if (!executablePath) throw new Error('graph-geometry: no Chromium found (set CHROMIUM_PATH, or apt-get install chromium).');
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
let failed = 0;
try {
  for (const id of wanted) {
    const figures = await measureOne(browser, base, id, shots);
    console.log(JSON.stringify(figures));
    const bad = figures.crossings + figures.labelOverlaps + figures.labelOnBox + figures.labelOffEdge + figures.cutOff + figures.badHeaders > 0 || figures.minFontPx < 11;
    if (bad) failed += 1;
  }
} finally {
  await browser.close();
  await server?.close();
}
console.log(`graph geometry: ${wanted.length} estates, ${failed} with a problem`);
process.exitCode = failed > 0 ? 1 : 0;
