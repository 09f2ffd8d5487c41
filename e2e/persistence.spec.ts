import { expect, test, type Page } from '@playwright/test';

test.use({ viewport: { width: 1280, height: 800 } });

async function openStarter(page: Page) {
  await page.goto('/?sample=starter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 20_000 });
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

/** Reads the saved session (or any key) straight from IndexedDB. */
async function savedKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('aml-access-map', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('kv').objectStore('kv').getAllKeys();
          request.onsuccess = () => {
            resolve(request.result.map(String));
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

async function savedLabel(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      new Promise<string | undefined>((resolve) => {
        const open = indexedDB.open('aml-access-map', 1);
        open.onerror = () => resolve(undefined);
        open.onsuccess = () => {
          const request = open.result.transaction('kv').objectStore('kv').get('session');
          request.onsuccess = () => {
            const record = request.result as { past?: { label: string }[] } | undefined;
            resolve(record?.past?.at(-1)?.label);
            open.result.close();
          };
          request.onerror = () => resolve(undefined);
        };
      }),
  );
}

test('a what-if edit survives a reload, and Ctrl+Z takes it back afterwards', async ({ page }) => {
  await openStarter(page);
  // A real control: the inspector's shared-key switch for the storage account.
  await page.locator('.react-flow__node').filter({ has: page.locator('[title="stchurnprod"]') }).click();
  const sharedKeys = page.getByRole('checkbox', { name: 'Shared key access' });
  await expect(sharedKeys).toBeChecked();
  await sharedKeys.uncheck();
  await expect(sharedKeys).not.toBeChecked();
  await expect.poll(() => savedLabel(page)).toMatch(/stchurnprod/);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 20_000 });
  await expect(page.getByTestId('session-notice')).toContainText('1 what-if change');
  // The selection came back too, so the inspector shows the same storage account.
  await expect(page.getByRole('checkbox', { name: 'Shared key access' })).not.toBeChecked();

  // Nothing has focus after a reload, so the shortcut goes to the page, not to a text field.
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('checkbox', { name: 'Shared key access' })).toBeChecked();
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByRole('checkbox', { name: 'Shared key access' })).not.toBeChecked();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('checkbox', { name: 'Shared key access' })).toBeChecked();
});

test('a corrupt saved state is kept aside, reported, and the sample opens instead', async ({ page }) => {
  await openStarter(page);
  await expect.poll(() => savedKeys(page)).toContain('session');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('aml-access-map', 1);
        open.onsuccess = () => {
          const transaction = open.result.transaction('kv', 'readwrite');
          transaction.objectStore('kv').put({ format: 'aml-access-map.session', version: 1, estate: '{ not json', past: [] }, 'session');
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
  );

  await page.reload();
  const notice = page.getByTestId('session-notice');
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toContainText('Your saved work could not be restored');
  await expect(notice).toContainText('kept aside, not deleted');
  await expect(notice.getByRole('button', { name: 'Download the unreadable data' })).toBeVisible();
  // The default sample is what opens.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 20_000 });
  await expect(page.locator('.react-flow').getByTestId('node-workspace')).toBeVisible();
  // Nothing was deleted: the record sits under its own key.
  const keys = await savedKeys(page);
  expect(keys.some((key) => key.startsWith('unreadable-session:'))).toBe(true);

  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: 'Download the unreadable data' }).click();
  expect((await download).suggestedFilename()).toMatch(/^aml-access-map-unreadable-session-.*\.json$/);
});

test('"Reset to sample" asks first, keeps the edits when declined, and still works after a reload', async ({ page }) => {
  await openStarter(page);
  await page.locator('.react-flow__node').filter({ has: page.locator('[title="stchurnprod"]') }).click();
  const sharedKeys = page.getByRole('checkbox', { name: 'Shared key access' });
  await sharedKeys.uncheck();
  await expect.poll(() => savedLabel(page)).toMatch(/stchurnprod/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 20_000 });

  const reset = page.getByRole('button', { name: 'Reset to sample' });
  await expect(reset).toBeEnabled();
  const questions: string[] = [];
  page.once('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await reset.click();
  await expect.poll(() => questions.length).toBe(1);
  expect(questions[0]).toMatch(/Discard/);
  await expect(page.getByRole('checkbox', { name: 'Shared key access' })).not.toBeChecked();

  page.once('dialog', (dialog) => void dialog.accept());
  await reset.click();
  await expect(page.getByRole('checkbox', { name: 'Shared key access' })).toBeChecked();
  await expect(reset).toBeDisabled();
});
