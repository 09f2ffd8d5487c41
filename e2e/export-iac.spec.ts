import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openStarter } from './support/app';

test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1280, height: 800 } });

// The starter's cluster identity lacks AcrPull on the workspace registry: both files must grant exactly that.
const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d';

async function download(page: Page, name: RegExp) {
  await page.getByRole('banner').getByRole('button', { name: 'Export', exact: true }).click();
  const item = page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name });
  const [file] = await Promise.all([page.waitForEvent('download'), item.click()]);
  return { name: file.suggestedFilename(), path: await file.path() };
}

test('the missing grants download as a Bicep zip that unzips cleanly, and as Terraform', async ({ page }) => {
  await openStarter(page);

  const bicep = await download(page, /Bicep/);
  expect(bicep.name).toMatch(/-bicep\.zip$/);
  // Python's zipfile is an independent reader: it checks the structure and every file's CRC.
  const listing = JSON.parse(
    execFileSync('python3', [
      '-c',
      'import sys,json,zipfile;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print(json.dumps({n:z.read(n).decode() for n in z.namelist()}))',
      bicep.path,
    ]).toString(),
  ) as Record<string, string>;
  expect(Object.keys(listing)).toContain('main.bicep');
  const modules = Object.keys(listing).filter((name) => name.startsWith('modules/'));
  expect(modules.length).toBeGreaterThan(0);
  for (const module of modules) expect(listing['main.bicep']).toContain(module);
  const allBicep = Object.values(listing).join('\n');
  expect(allBicep).toContain('Microsoft.Authorization/roleAssignments');
  expect(allBicep).toContain(ACR_PULL);

  const terraform = await download(page, /Terraform/);
  expect(terraform.name).toMatch(/\.tf$/);
  const tf = await readFile(terraform.path, 'utf8');
  expect(tf).toContain('resource "azurerm_role_assignment"');
  expect(tf).toMatch(/# AcrPull for uai-train on acrchurnprod[^\n]*\nresource "azurerm_role_assignment"[^}]*role_definition_name\s*=\s*"AcrPull"/);
});
