import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { SECRET_INPUTS, SECRET_VALUES, leakedIn } from './fixtures/secrets/inputs';
import { expectClean, watchContext } from './fixtures/xss/guards';
import { answerAddOrOpen } from './support/app';

/*
 * Files carrying account keys, SAS tokens, client secrets, passwords and PATs (native, az ml YAML, az CLI
 * JSON) are opened together; then the store as saved in IndexedDB, localStorage, the page itself, every
 * export and the share link are searched for the values, as they are and URL-encoded or base64-encoded.
 */

test.describe.configure({ timeout: 180_000 });
test.use({ viewport: { width: 1280, height: 800 }, actionTimeout: 20_000 });

/** Everything in the app's IndexedDB databases, every store, as JSON. */
function indexedDbDump(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: unknown[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        out.push({ db: info.name, store: name, values });
      }
      db.close();
    }
    return JSON.stringify(out);
  });
}

test('credentials in imported files appear nowhere: store, saved state, page, exports, share link', async ({ context, page, baseURL }) => {
  const watch = await watchContext(context, baseURL!);
  expect(leakedIn(SECRET_INPUTS.map((input) => input.text).join('\n'))).toEqual([...SECRET_VALUES]);

  await page.goto('/?sample=starter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 30_000 });
  await page.getByTestId('open-files-input').setInputFiles(
    SECRET_INPUTS.map((input) => ({ name: input.name, mimeType: input.name.endsWith('.json') ? 'application/json' : 'application/yaml', buffer: Buffer.from(input.text) })),
  );
  await answerAddOrOpen(page, 'Open instead');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Contoso churn team', { timeout: 60_000 });
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  // The drops are reported (as warnings), so the user knows the files carried secrets.
  await expect(page.getByText(/secret|credential/i).first()).toBeVisible();
  await expect(page.getByRole('banner')).not.toContainText('could not be opened');

  // A what-if edit, so the history is saved too.
  const side = page.getByRole('complementary', { name: 'Panels' });
  await side.getByRole('tab', { name: 'Inspector' }).click();
  await side.getByTestId('inspect-entity').selectOption({ label: 'stchurnprod' });
  await side.getByRole('checkbox', { name: 'Shared key access' }).uncheck();

  const places: Record<string, string> = {};
  await expect.poll(async () => (await indexedDbDump(page)).includes('stchurnprod') && (await indexedDbDump(page)).includes('"past":[{')).toBe(true);
  places.indexedDb = await indexedDbDump(page);
  places.localStorage = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  places.sessionStorage = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
  places.page = await page.content();

  // Every export the menu offers, whatever it offers.
  const exportButton = page.getByRole('banner').getByRole('button', { name: 'Export', exact: true });
  await exportButton.click();
  const items = (await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem').allInnerTexts()).map((text) => text.split('\n')[0]!.trim());
  await page.keyboard.press('Escape');
  expect(items.length).toBeGreaterThanOrEqual(6);
  let link = '';
  for (const name of items) {
    await exportButton.click();
    const item = page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
    if (/share link/i.test(name)) {
      await item.click();
      link = await page.getByTestId('share-link').inputValue();
      continue;
    }
    const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
    places[`export ${name}`] = (await readFile(await download.path())).toString('latin1');
  }

  // The share link, as it is and decoded (base64url, then raw deflate, as the app packs it).
  expect(link).toMatch(/#estate=/);
  places['share link'] = link;
  const packed = link.slice(link.indexOf('#estate=') + '#estate='.length);
  places['share link, decoded'] = inflateRawSync(Buffer.from(packed, 'base64url')).toString('utf8');
  expect(places['share link, decoded']).toContain('stchurnprod');

  // Opened from the link, the estate still holds none.
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  places['page opened from the link'] = await other.content();

  for (const [where, text] of Object.entries(places)) expect(leakedIn(text), where).toEqual([]);
  console.log(`secrets: ${SECRET_VALUES.length} values from ${SECRET_INPUTS.length} files, searched in ${Object.keys(places).length} places (4 encodings each): none found`);
  expectClean(watch, 'secrets');
});
