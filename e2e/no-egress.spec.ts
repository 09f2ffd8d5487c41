import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectClean, watchContext, type Watch } from './fixtures/xss/guards';
import { answerAddOrOpen, dropFile, panels } from './support/app';

/*
 * Nothing leaves: every flow a user has, driven the way a user drives it (roles and names, so that new
 * features do not break the walk), while the context records every request, dialog, console error and CSP
 * violation. Any request to a host other than the app's own fails the test.
 */

test.describe.configure({ mode: 'serial', timeout: 300_000 });
test.use({ viewport: { width: 1280, height: 800 }, actionTimeout: 20_000 });

const STARTER = 'Contoso churn team';
const SMALL = `version: 1
name: Small estate
users:
  - name: dana
`;

let flows = 0;
let requests = 0;

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function flow(name: string, body: () => Promise<void>) {
  await test.step(name, body);
  flows += 1;
}

async function waitForGraph(page: Page) {
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
}

async function openStarter(page: Page) {
  await page.goto('/?sample=starter');
  await expect(heading(page)).toHaveText(STARTER, { timeout: 30_000 });
  await waitForGraph(page);
}

function finish(watch: Watch, what: string) {
  requests += watch.requests.length;
  expectClean(watch, what);
}

test.afterAll(() => {
  console.log(`no-egress: ${flows} flows watched, ${requests} requests recorded, none to another host`);
});

test('the gallery and every sample in it', async ({ context, page, baseURL }) => {
  const watch = await watchContext(context, baseURL!);
  const index = (await (await page.request.get('/samples/index.json')).json()) as { id: string; title: string }[];
  expect(index.length).toBeGreaterThan(1);

  await flow('open the first sample from the gallery', async () => {
    await page.goto('/');
    const gallery = page.getByRole('region', { name: /See who can reach what/ });
    await gallery.getByRole('button', { name: new RegExp(index[0]!.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
    await expect(heading(page)).not.toHaveText('No estate open', { timeout: 30_000 });
    await waitForGraph(page);
  });
  for (const sample of index.slice(1)) {
    await flow(`open sample ${sample.id} from the picker`, async () => {
      const before = await heading(page).innerText();
      await page.getByLabel('Sample', { exact: true }).selectOption({ label: sample.title });
      await expect(heading(page)).not.toHaveText(before, { timeout: 30_000 });
      await waitForGraph(page);
      await expect(page).toHaveURL(new RegExp(`sample=${sample.id}`));
    });
  }
  finish(watch, 'samples');
});

test('loading: files, paste, drop, a broken file', async ({ context, page, baseURL }) => {
  const watch = await watchContext(context, baseURL!);
  await openStarter(page);

  await flow('open files with the file picker', async () => {
    await page.getByTestId('open-files-input').setInputFiles([{ name: 'small.yaml', mimeType: 'application/yaml', buffer: Buffer.from(SMALL) }]);
    await answerAddOrOpen(page, 'Open instead');
    await expect(heading(page)).toHaveText('Small estate', { timeout: 30_000 });
  });
  await flow('paste an estate', async () => {
    await page.getByRole('button', { name: 'Paste', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Paste an estate' });
    await dialog.getByLabel('Estate as YAML or JSON').fill(SMALL.replace('Small estate', 'Pasted estate'));
    await dialog.getByRole('button', { name: /^Open( instead)?$/ }).click();
    await expect(heading(page)).toHaveText('Pasted estate', { timeout: 30_000 });
  });
  await flow('drop a file', async () => {
    await dropFile(page, 'dropped.yaml', SMALL.replace('Small estate', 'Dropped estate'));
    await expect(heading(page)).toHaveText('Dropped estate', { timeout: 30_000 });
  });
  await flow('drop a broken file', async () => {
    await dropFile(page, 'broken.yaml', 'version: 1\nname: [unclosed\n');
    // Reading and checking run in a worker: on a busy machine the report takes as long as an open does.
    await expect(page.getByTestId('load-report')).toBeVisible({ timeout: 30_000 });
    await expect(heading(page)).toHaveText('Dropped estate');
  });
  finish(watch, 'loading');
});

test('exploring: panels, explain, search, focus, theme', async ({ context, page, baseURL }) => {
  const watch = await watchContext(context, baseURL!);
  await openStarter(page);
  const side = panels(page);

  await flow('findings and their details', async () => {
    await side.getByRole('tab', { name: /Findings/ }).click();
    await side.getByTestId('findings-panel').locator('li[data-finding-id] > button').first().click();
    await expect(side.getByTestId('finding-details')).toBeVisible();
    // Every fix format the details offer.
    const fixTabs = side.getByRole('tablist', { name: 'Fix as' });
    for (const tab of await fixTabs.getByRole('tab').all()) {
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
    }
  });
  await flow('paths', async () => {
    await side.getByRole('tab', { name: /Paths/ }).click();
    await expect(side.getByRole('tab', { name: /Paths/ })).toHaveAttribute('aria-selected', 'true');
    const first = side.locator('[data-path-id]').first();
    await first.locator(':scope > button').click();
  });
  await flow('explain access', async () => {
    await side.getByRole('tab', { name: 'Explain access' }).click();
    const explain = side.getByTestId('explain-panel');
    await explain.getByLabel('Principal').fill('carol');
    await explain.getByLabel('Action', { exact: true }).fill('Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write');
    await explain.getByLabel('Scope').fill('ws-churn');
    await expect(explain.getByTestId('decision')).toHaveAttribute('data-effect', 'allowed');
  });
  await flow('search', async () => {
    const search = page.getByRole('searchbox', { name: 'Find a node by name' });
    await search.fill('uai-tr');
    await search.press('Enter');
    await expect(page.getByRole('search').getByText(/uai-train/).first()).toBeVisible();
  });
  await flow('focus mode', async () => {
    // The search above selected uai-train: focus draws what it involves.
    const focus = page.getByRole('button', { name: 'Focus' });
    await focus.click();
    await expect(focus).toHaveAttribute('aria-pressed', 'true');
    await focus.click();
    await expect(focus).toHaveAttribute('aria-pressed', 'false');
  });
  await flow('legend', async () => {
    await page.getByRole('button', { name: 'Legend' }).click();
    await page.getByRole('button', { name: 'Legend' }).click();
  });
  await flow('theme toggle', async () => {
    const toggle = page.getByRole('button', { name: 'Dark mode' });
    const before = await toggle.getAttribute('aria-pressed');
    await toggle.click();
    await expect(toggle).not.toHaveAttribute('aria-pressed', before ?? '');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', before ?? '');
  });
  finish(watch, 'exploring');
});

test('what-if edits, undo, redo, reset and a reload', async ({ context, page, baseURL }) => {
  const watch = await watchContext(context, baseURL!);
  await openStarter(page);
  const side = panels(page);

  await flow('grant a role in the inspector', async () => {
    await side.getByRole('tab', { name: 'Inspector' }).click();
    await side.getByTestId('inspect-entity').selectOption({ label: 'uai-train' });
    const form = side.getByTestId('add-assignment');
    const role = form.getByRole('combobox', { name: 'Role' });
    await role.fill('pull/read');
    await expect(form.getByRole('option').first()).toContainText('AcrPull');
    await role.press('Enter');
    await form.getByLabel('Scope').selectOption({ label: 'acrchurnprod' });
    await form.getByRole('button', { name: 'Add planned assignment' }).click();
    await expect(page.getByTestId('undo')).toBeEnabled();
  });
  await flow('change a setting', async () => {
    await page.locator('.react-flow__node').filter({ has: page.locator('[title="stchurnprod"]') }).first().click();
    await side.getByRole('checkbox', { name: 'Shared key access' }).uncheck();
    await expect(side.getByRole('checkbox', { name: 'Shared key access' })).not.toBeChecked();
  });
  await flow('undo and redo with buttons and keys', async () => {
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('redo')).toBeEnabled();
    await page.getByTestId('redo').click();
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+Shift+z');
  });
  await flow('reload restores the work', async () => {
    // Saving waits for a pause in the edits: reload once the history is in storage.
    await expect.poll(() => savedSteps(page)).toBeGreaterThan(0);
    await page.reload();
    await expect(heading(page)).toHaveText(STARTER, { timeout: 30_000 });
    await expect(page.getByTestId('undo')).toBeEnabled();
  });
  await flow('reset to the sample', async () => {
    watch.expectDialog(/Discard/);
    await page.getByRole('button', { name: /^Reset/ }).click();
    await expect(page.getByRole('button', { name: /^Reset/ })).toBeDisabled();
  });
  finish(watch, 'editing');
});

test('every export, and opening a share link', async ({ context, page, baseURL }) => {
  const watch = await watchContext(context, baseURL!);
  await openStarter(page);
  const exportButton = page.getByRole('banner').getByRole('button', { name: 'Export', exact: true });
  await exportButton.click();
  const names = (await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem').allInnerTexts()).map((text) => text.split('\n')[0]!.trim());
  await page.keyboard.press('Escape');
  expect(names.length).toBeGreaterThanOrEqual(6);
  let shareLink: string | undefined;

  for (const name of names) {
    await flow(`export: ${name}`, async () => {
      await exportButton.click();
      const item = page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
      if (/share link/i.test(name)) {
        await item.click();
        shareLink = await page.getByTestId('share-link').inputValue();
        expect(shareLink).toContain('#');
        return;
      }
      const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
      expect((await readFile(await download.path())).length).toBeGreaterThan(0);
    });
  }
  await flow('open the share link in a new page', async () => {
    expect(shareLink).toBeDefined();
    const other = await context.newPage();
    await other.goto(shareLink!);
    await expect(heading(other)).toHaveText(STARTER, { timeout: 30_000 });
    await waitForGraph(other);
    await other.close();
  });
  finish(watch, 'exports');
});

test('the watch itself sees a foreign request, a dialog and a CSP violation', async ({ context, page, baseURL }) => {
  const watch = await watchContext(context, baseURL!);
  // On the app: a fetch to another host is refused by the CSP, and the refusal is seen.
  await openStarter(page);
  await page.evaluate(() => fetch('https://example.invalid/x').catch(() => undefined));
  await expect.poll(() => watch.violations.length).toBeGreaterThan(0);
  expect(watch.violations[0]).toMatch(/^connect-src https:\/\/example\.invalid/);
  // On a page without the policy, the request does go out, and is recorded as foreign; a dialog is caught.
  const bare = await context.newPage();
  await bare.setContent('<img src="http://192.0.2.1:9/leak.png"><script>alert("caught")</script>');
  await expect.poll(() => watch.foreign).toContain('http://192.0.2.1:9/leak.png');
  await expect.poll(() => watch.dialogs).toEqual(['alert: caught']);
  await bare.close();
});

/** How many undo steps the saved session holds, read straight from IndexedDB. */
function savedSteps(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('aml-access-map', 1);
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const request = open.result.transaction('kv').objectStore('kv').get('session');
          request.onsuccess = () => {
            resolve((request.result as { past?: unknown[] } | undefined)?.past?.length ?? 0);
            open.result.close();
          };
          request.onerror = () => resolve(0);
        };
      }),
  );
}
