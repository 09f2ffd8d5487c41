import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import storageAccountList from '../engine/io/azcli/fixtures/storage-account-list.json';
import { deploymentTargetOption } from './deployment-target';
import { loadEstate } from './load';
import { memoryIo } from './testing/io';

// Microsoft's private-IP workspace quickstart (compiled Bicep) names every dependency from the resource group's id:
// its storage account is format('sa{0}', uniqueString(resourceGroup().id)). Beside it, `az storage account list -o json`
// of the account that deployment made in rg-ml: sa2rop75qtetyka, the name ARM gives for that resource group (the hash
// is checked against Microsoft's vectors in src/engine/io/arm/hashes.test.ts).
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const FOLDER = resolve(
  repoRoot,
  '../shared/corpus/azure-quickstart-templates/quickstarts/microsoft.machinelearningservices/machine-learning-private-ip',
);
const TARGET = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml';
const STORAGE = `${TARGET}/providers/Microsoft.Storage/storageAccounts/sa2rop75qtetyka`;
const files = {
  'azuredeploy.json': readFileSync(resolve(FOLDER, 'azuredeploy.json'), 'utf8'),
  'azuredeploy.parameters.json': readFileSync(resolve(FOLDER, 'azuredeploy.parameters.json'), 'utf8'),
  'storage.json': JSON.stringify(storageAccountList, null, 2),
};
const inputs = ['azuredeploy.json', 'storage.json'];
const parameters = ['azuredeploy.parameters.json'];

describe('names built with uniqueString(resourceGroup().id)', () => {
  it('with the deployment target, are the deployed names: the template and the export merge into one storage account', async () => {
    const { estate, diagnostics } = await loadEstate(inputs, memoryIo(files).io, {
      parameters,
      deployment: deploymentTargetOption(TARGET),
    });
    expect(estate?.storageAccounts.map((s) => s.armId)).toEqual([STORAGE]);
    expect(estate?.workspaces.map((w) => [w.name, w.storageAccount])).toEqual([['workspace2rop75qtetyka', STORAGE]]);
    expect(diagnostics.map((d) => d.message).join('\n')).not.toContain('uniqueString');
  });

  it('without it, stay placeholders in the stand-in resource group, apart from the exported account', async () => {
    const { estate, diagnostics } = await loadEstate(inputs, memoryIo(files).io, { parameters });
    expect(estate?.storageAccounts.map((s) => s.armId)).toEqual([
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/deployment-resource-group/providers/Microsoft.Storage/storageAccounts/sa<uniqueString(resourceGroup().id)>',
      STORAGE,
    ]);
    expect(diagnostics.map((d) => d.message)).toContain(
      '`uniqueString(resourceGroup().id)` hashes a value not known here (where the template is deployed, a parameter without a value, or a value Azure decides at deployment); it is kept as the placeholder `<uniqueString(resourceGroup().id)>`',
    );
  });
});
