import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import roleAssignmentList from '../engine/io/azcli/fixtures/role-assignment-list.json';
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

// The Entra ID passthrough AI hub quickstart grants the user it is given roles on the hub's key vault, named
// guid(resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName')), parameters('userObjectId'), <role id>).
const PASSTHROUGH = resolve(FOLDER, '../aistudio-entraid-passthrough');
const USER = 'eeeeeeee-0000-4000-8000-000000000007';
const VAULT = `${TARGET}/providers/Microsoft.KeyVault/vaults/kv-hub-demo-2rop`;
const VAULT_GRANT = `${VAULT}/providers/Microsoft.Authorization/roleAssignments/b59237aa-51db-592c-b51f-bb8a8e07e46a`;
/** `az role assignment list` of that grant as Azure made it: the fixture's first entry, moved onto the vault. */
const exportedGrant = {
  ...roleAssignmentList[0],
  id: VAULT_GRANT.replace('/resourceGroups/', '/resourcegroups/'),
  name: 'b59237aa-51db-592c-b51f-bb8a8e07e46a',
  principalId: USER,
  principalName: 'dana@contoso.com',
  principalType: 'User',
  roleDefinitionId: '/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/00482a5a-887f-4fb3-b363-3b7fe8e74483',
  roleDefinitionName: 'Key Vault Secrets Officer',
  scope: VAULT.replace('/resourceGroups/', '/resourcegroups/'),
};
const passthroughFiles = {
  'azuredeploy.json': readFileSync(resolve(PASSTHROUGH, 'azuredeploy.json'), 'utf8'),
  'azuredeploy.parameters.json': readFileSync(resolve(PASSTHROUGH, 'azuredeploy.parameters.json'), 'utf8'),
  'role-assignments.json': JSON.stringify([exportedGrant], null, 2),
};

describe('role assignments named with guid(...)', () => {
  it('with the deployment target and the parameters, get the id Azure gives them, and meet the exported grant', async () => {
    const options = {
      parameters: ['azuredeploy.parameters.json', `userObjectId=${USER}`, 'aiHubName=hub-demo'],
      deployment: deploymentTargetOption(TARGET),
    };
    // Read alone, the planned grant already has the exported grant's id (grants merge by principal, role and
    // scope whatever their ids, so it is the id that shows the name was computed).
    const alone = await loadEstate(['azuredeploy.json'], memoryIo(passthroughFiles).io, options);
    expect(alone.estate?.roleAssignments.filter((a) => a.scope === VAULT).map((a) => a.id)).toEqual([VAULT_GRANT]);
    const { estate } = await loadEstate(['azuredeploy.json', 'role-assignments.json'], memoryIo(passthroughFiles).io, options);
    const onVault = estate?.roleAssignments.filter((a) => a.scope === VAULT);
    expect(onVault?.map((a) => [a.id, a.principal, a.role])).toEqual([[VAULT_GRANT, `user:${USER}`, '00482a5a-887f-4fb3-b363-3b7fe8e74483']]);
  });

  it('without the target, keep a stand-in name that no exported grant has', async () => {
    const { estate } = await loadEstate(['azuredeploy.json'], memoryIo(passthroughFiles).io, {
      parameters: ['azuredeploy.parameters.json', `userObjectId=${USER}`, 'aiHubName=hub-demo'],
    });
    const grants = estate?.roleAssignments.filter((a) => a.role === '00482a5a-887f-4fb3-b363-3b7fe8e74483') ?? [];
    expect(grants).toHaveLength(1);
    expect(grants[0]?.id.startsWith(
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/deployment-resource-group/providers/Microsoft.KeyVault/vaults/kv-hub-demo-<substring(uniqueString(resourceGroup().id),0,4)>/providers/Microsoft.Authorization/roleAssignments/',
    )).toBe(true);
    expect(grants[0]?.id.endsWith('b59237aa-51db-592c-b51f-bb8a8e07e46a')).toBe(false);
  });
});
