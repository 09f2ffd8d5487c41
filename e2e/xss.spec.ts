import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import MarkdownIt from 'markdown-it';
import { XSS_PAYLOADS } from './fixtures/xss-payloads';
import { expectClean, watchContext, xssMarkers, type Watch } from './fixtures/xss/guards';
import { buildXssEstate } from './fixtures/xss/xss-estate';
import { dropFile, panels } from './support/app';

/*
 * Nothing runs: the starter sample with an injection payload in every name, description, tag, display name
 * and review note, opened in the app (dropped, pasted, from a share link) and exported as Markdown and SVG,
 * which are then opened the way their readers open them. No payload may run: no dialog, no `window.__xss`,
 * no new script, frame or handler attribute, no CSP violation (a blocked injection is still an injection).
 */

test.describe.configure({ mode: 'serial', timeout: 240_000 });
test.use({ viewport: { width: 1280, height: 800 }, actionTimeout: 20_000 });

const estate = buildXssEstate();
const TITLE = /^Injected estate /;
const surfaces: string[] = [];


test.afterAll(() => {
  console.log(
    `xss: ${XSS_PAYLOADS.length} payloads in ${estate.fields} fields, tried on ${surfaces.length} surfaces (${surfaces.join(', ')}): ${XSS_PAYLOADS.length * surfaces.length} payload-surface pairs`,
  );
});

async function expectNothingRan(page: Page, watch: Watch, what: string) {
  expect(await xssMarkers(page), `${what}: window.__xss`).toEqual([undefined, undefined]);
  expectClean(watch, what);
}

/** Shows the estate every way the app can: graph, findings with their fixes, paths, inspector, explain, search. */
async function walkTheApp(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE, { timeout: 60_000 });
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  const side = panels(page);

  await side.getByRole('tab', { name: /Findings/ }).click();
  const findings = side.getByTestId('findings-panel').locator('li[data-finding-id] > button');
  await expect(findings.first()).toBeVisible();
  const findingCount = Math.min(await findings.count(), 6);
  for (let index = 0; index < findingCount; index += 1) {
    await findings.nth(index).click();
    const details = side.getByTestId('finding-details');
    await expect(details).toBeVisible();
    for (const tab of await details.getByRole('tablist', { name: 'Fix as' }).getByRole('tab').all()) await tab.click();
  }

  await side.getByRole('tab', { name: /Paths/ }).click();
  const paths = side.locator('[data-path-id]');
  const pathCount = Math.min(await paths.count(), 6);
  for (let index = 0; index < pathCount; index += 1) await paths.nth(index).locator(':scope > button').click();

  await side.getByRole('tab', { name: 'Inspector' }).click();
  const picker = side.getByTestId('inspect-entity');
  const options = (await picker.locator('option').allTextContents()).filter((text) => text.trim() !== '');
  // Every kind of entity shows up among the first ones; a few dozen keep the walk short.
  for (const label of options.slice(0, 30)) await picker.selectOption({ label });

  await side.getByRole('tab', { name: 'Explain access' }).click();
  const explain = side.getByTestId('explain-panel');
  await explain.getByLabel('Principal').fill(estate.names.find((name) => name.includes('onerror'))!);
  await explain.getByLabel('Action', { exact: true }).fill('Microsoft.Storage/storageAccounts/read');
  await explain.getByLabel('Scope').fill(XSS_PAYLOADS[2]!);

  const review = side.getByRole('tab', { name: /Review/ });
  if ((await review.count()) > 0) await review.first().click();

  const search = page.getByRole('searchbox', { name: 'Find a node by name' });
  await search.fill('<img');
  await search.press('Enter');
  await search.fill('javascript');
  await search.press('Enter');
}

test('dropped into the app, no payload runs anywhere it is shown', async ({ context, page, baseURL }) => {
  const watch = await watchContext(context, baseURL!);
  await page.goto('/?sample=starter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 30_000 });
  await dropFile(page, 'injected.yaml', estate.yaml);
  await walkTheApp(page);
  // The names are on screen as text, not as markup.
  await expect(page.locator('.react-flow').getByText(estate.names[0]!, { exact: true }).first()).toBeAttached();
  await expectNothingRan(page, watch, 'dropped estate');
  surfaces.push('drop');
});

test('pasted, then opened from its share link, no payload runs', async ({ context, page, baseURL }) => {
  const watch = await watchContext(context, baseURL!);
  await page.goto('/?sample=starter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Paste', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste an estate' });
  await dialog.getByLabel('Estate as YAML or JSON').fill(estate.yaml);
  await dialog.getByRole('button', { name: /^Open( instead)?$/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE, { timeout: 60_000 });
  await expectNothingRan(page, watch, 'pasted estate');
  surfaces.push('paste');

  await page.getByRole('banner').getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: /share link/i }).click();
  const link = await page.getByTestId('share-link').inputValue();
  const other = await context.newPage();
  await other.goto(link);
  await walkTheApp(other);
  await expectNothingRan(other, watch, 'share link');
  surfaces.push('share link');
});

test('the exported Markdown report, rendered as Markdown viewers do, runs nothing', async ({ context, page, baseURL }) => {
  const watch = await watchContext(context, baseURL!);
  await page.goto('/?sample=starter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 30_000 });
  await dropFile(page, 'injected.yaml', estate.yaml);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE, { timeout: 60_000 });
  await page.getByRole('banner').getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: /Review report/ }).click(),
  ]);
  const markdown = await readFile(await download.path(), 'utf8');
  // The report does carry the payloads (as text), or this test would prove nothing.
  expect(markdown).toContain('window.\\_\\_xss=1');

  // html:false is how most viewers render; html:true (raw HTML passed through) is the harsher test: the
  // report has to escape its text itself, not rely on the viewer.
  for (const html of [false, true]) {
    const rendered = new MarkdownIt({ html, linkify: true }).render(markdown);
    const viewer = await context.newPage();
    await viewer.setContent(`<!doctype html><meta charset="utf-8"><body>${rendered}</body>`);
    await expect(viewer.locator('body')).toContainText('Injected estate');
    expect(await riskyElements(viewer), `markdown (html: ${html})`).toEqual([]);
    expect(await xssMarkers(viewer)).toEqual([undefined, undefined]);
    await viewer.close();
  }
  // Guard the guard: the same payloads as raw HTML do trip the check.
  // Guard the guard: the same payloads as raw HTML do trip the check (in a context of their own, unwatched).
  const unwatched = await context.browser()!.newContext();
  const raw = await unwatched.newPage();
  raw.on('dialog', (dialog) => void dialog.dismiss());
  await raw.setContent(`<!doctype html><meta charset="utf-8"><body>${new MarkdownIt({ html: true }).render(XSS_PAYLOADS.join('\n\n'))}</body>`);
  expect((await riskyElements(raw)).length).toBeGreaterThan(10);
  await unwatched.close();
  expectClean(watch, 'markdown');
  surfaces.push('markdown (html off)', 'markdown (html on)');
});

test('the exported SVG, opened as a document, runs nothing', async ({ context, page, baseURL }) => {
  const watch = await watchContext(context, baseURL!);
  await page.goto('/?sample=starter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 30_000 });
  await dropFile(page, 'injected.yaml', estate.yaml);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE, { timeout: 60_000 });
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('banner').getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: 'Graph view (SVG)' }).click(),
  ]);
  const svg = await readFile(await download.path(), 'utf8');
  expect(svg).toContain('window.__xss');
  const file = join(await mkdtemp(join(tmpdir(), 'xss-svg-')), 'graph.svg');
  await writeFile(file, svg);
  const viewer = await context.newPage();
  watch.allow(pathToFileURL(file).href);
  await viewer.goto(pathToFileURL(file).href);
  await expect(viewer.locator('foreignObject')).toBeAttached();
  expect(await riskyElements(viewer), 'svg').toEqual([]);
  expect(await xssMarkers(viewer)).toEqual([undefined, undefined]);
  await viewer.close();
  // As an image (how most tools embed it) an SVG runs nothing anyway; as a document, checked above.
  expectClean(watch, 'svg');
  surfaces.push('svg');
});

/** Elements and attributes in a page that could run script, described. */
function riskyElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll('*'))) {
      const tag = element.localName.toLowerCase();
      if (['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta'].includes(tag)) {
        // The viewer page's own charset declaration is the only meta allowed.
        if (!(tag === 'meta' && element.getAttribute('charset') !== null)) found.push(element.outerHTML.slice(0, 160));
      }
      for (const attribute of Array.from(element.attributes)) {
        const value = attribute.value.replace(/\s/g, '');
        if (/^on/i.test(attribute.name)) found.push(`${tag} ${attribute.name}`);
        else if (/^(href|src|xlink:href|action|formaction|data|srcdoc)$/i.test(attribute.name) && /^(javascript|vbscript|data):/i.test(value))
          found.push(`${tag} ${attribute.name}=${attribute.value.slice(0, 80)}`);
      }
    }
    return found;
  });
}
