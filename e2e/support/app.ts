// What most browser tests do first or check last, written once so that a change to the app's shell (the
// heading, the graph, the panels, the saved session) is followed in one place.
import { expect, type Page } from '@playwright/test';

export const STARTER_NAME = 'Contoso churn team';

/** Opens the starter sample by its link and waits for the graph: reading, analysing and laying out take a while on CI. */
export async function openStarter(page: Page): Promise<void> {
  await page.goto('/?sample=starter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STARTER_NAME, { timeout: 30_000 });
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
}

/** Collects console errors and uncaught exceptions; a test ends by expecting the list to be empty. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

/** The right-hand panels. */
export const panels = (page: Page) => page.getByRole('complementary', { name: 'Panels' });

/** The label of the last undo step in the session saved in IndexedDB: proof that an edit was saved. */
export async function savedLabel(page: Page): Promise<string | undefined> {
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

/** Drops one file on the page the way a browser does: dragenter, dragover, drop, with a real DataTransfer. */
export async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'application/yaml' }));
      return transfer;
    },
    { name, text },
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

/**
 * Answers "Add to the open estate, or open instead?", which the file and folder pickers ask while an estate
 * is open.
 */
export async function answerAddOrOpen(page: Page, answer: 'Open instead' | 'Add to the open estate'): Promise<void> {
  await page.getByTestId('add-or-open').getByRole('button', { name: answer }).click();
}
