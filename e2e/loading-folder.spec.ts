import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { answerAddOrOpen } from './support/app';

const SCREENSHOTS = 'e2e/output/screenshots';
/** Real az ml files from Azure/azureml-examples, in nested folders, with a README and two kinds that are skipped. */
const FOLDER = 'e2e/fixtures/folder/ml-repo';

test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1280, height: 800 } });

/** Every file under the fixture folder, with its path from the folder's parent (`ml-repo/compute/cpu.yml`). */
function folderFiles(): { path: string; text: string }[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  return walk(FOLDER).map((file) => ({ path: relative(join(FOLDER, '..'), file).split('\\').join('/'), text: readFileSync(file, 'utf8') }));
}

/**
 * Drops the fixture folder on the page. A script cannot build a real folder drop (browsers make directory
 * entries only for what the user drags from the desktop), so the drop carries directory entries shaped like
 * Chromium's FileSystemDirectoryEntry, holding real File objects: the app's own walk (readEntries in
 * batches, entry.file, skipping non-YAML) and its load path run on them unchanged.
 */
async function dropFolder(page: Page) {
  await page.evaluate((files) => {
    type Node = { name: string; fullPath: string; children?: Map<string, Node>; file?: File };
    const root: Node = { name: 'ml-repo', fullPath: '/ml-repo', children: new Map() };
    for (const { path, text } of files) {
      const parts = path.split('/').slice(1);
      let node = root;
      parts.forEach((part, index) => {
        const fullPath = `${node.fullPath}/${part}`;
        if (index === parts.length - 1) node.children!.set(part, { name: part, fullPath, file: new File([text], part, { type: 'application/yaml' }) });
        else {
          if (!node.children!.has(part)) node.children!.set(part, { name: part, fullPath, children: new Map() });
          node = node.children!.get(part)!;
        }
      });
    }
    const entry = (node: Node): unknown =>
      node.file
        ? { isFile: true, isDirectory: false, name: node.name, fullPath: node.fullPath, file: (done: (file: File) => void) => setTimeout(() => done(node.file!), 0) }
        : {
            isFile: false,
            isDirectory: true,
            name: node.name,
            fullPath: node.fullPath,
            createReader: () => {
              const all = [...node.children!.values()].map(entry);
              let offset = 0;
              // Two at a time, then an empty batch: the app must keep asking, as with a real large folder.
              return { readEntries: (done: (batch: unknown[]) => void) => setTimeout(() => done(all.slice(offset, (offset += 2))), 0) };
            },
          };
    const transfer = {
      types: ['Files'],
      files: [],
      dropEffect: 'none',
      items: [{ kind: 'file', type: '', webkitGetAsEntry: () => entry(root), getAsFile: () => null }],
    };
    for (const type of ['dragenter', 'dragover', 'drop']) {
      const event = new DragEvent(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: transfer });
      document.body.dispatchEvent(event);
    }
  }, folderFiles());
}

async function expectFolderEstate(page: Page) {
  // The estate is what the files describe: the workspace, its two computes, the endpoint and the datastore.
  for (const name of ['Workspace mlw-basic-prod', 'Compute cluster basic-example', 'Compute instance basic-example-i', 'Online endpoint my-endpoint', 'Datastore blob_credless_example'])
    await expect(page.getByRole('group', { name, exact: true })).toBeVisible({ timeout: 30_000 });
  const report = page.getByTestId('load-report');
  await expect(report).toBeVisible();
  await expect(report.getByRole('heading')).toContainText('opened, with notes');
  // A kind that carries no access is skipped and said so, at its file. An environment asset is read now (the
  // jobs and deployments that name it take its image), so it is not among the skipped.
  await expect(report.getByTestId('diagnostic').filter({ hasText: 'ml-repo/endpoints/online/model.yml:1' })).toContainText('skipped: a model');
  await expect(report.getByTestId('diagnostic').filter({ hasText: 'ml-repo/endpoints/online/environment.yml' })).toHaveCount(0);
  // The README is not an estate file: left out, and counted.
  await expect(report).toContainText('1 file in the folder is not YAML or JSON and was left out.');
}

test('dropping a folder of az ml YAML opens what it describes and reports what it skipped', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No estate open');
  await dropFolder(page);
  await expectFolderEstate(page);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('No estate open');
  await page.screenshot({ path: `${SCREENSHOTS}/loading-folder-drop.png` });
});

test('"Open folder" reads a chosen folder the same way', async ({ page }) => {
  await page.goto('/?sample=starter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso churn team', { timeout: 30_000 });
  // Through the button, as a user does; Playwright hands the chooser a real directory, with each file's
  // relative path.
  const chooser = page.waitForEvent('filechooser', { timeout: 5_000 });
  await page.getByRole('button', { name: 'Open folder' }).click();
  await (await chooser).setFiles(FOLDER);
  await answerAddOrOpen(page, 'Open instead');
  await expectFolderEstate(page);
  // The folder replaced the sample; it was not merged into it.
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Contoso churn team');
  await expect(page.getByRole('group', { name: /acrchurnprod$/ })).toHaveCount(0);
});
