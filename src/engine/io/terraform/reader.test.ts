import { describe, expect, it } from 'vitest';
import type { Estate } from '../../model/types';
import { readInputs } from '../inputs';
import { readTerraformJson } from './index';
import planText from './fixtures/plan.json?raw';
import stateText from './fixtures/state.json?raw';

const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555';
const RG = `${SUB}/resourceGroups/rg-ml`;
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-prod`;
const UAI = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-ws`;
const NEW = `${SUB}/resourceGroups/rg-ml-new`;
const NEW_WS = `${NEW}/providers/Microsoft.MachineLearningServices/workspaces/ws-new`;

function errors<T extends { severity: string }>(result: { diagnostics: T[] }): T[] {
  return result.diagnostics.filter((d) => d.severity === 'error');
}

describe('terraform show -json: state', () => {
  const result = readTerraformJson(stateText, 'state.json');
  // Through readInputs, so that principals known only by object id take the kind another item gives them.
  const estate = readInputs([{ file: 'state.json', text: stateText }]).estate as Estate;

  it('reads the azurerm resources of an Azure ML estate as what exists', () => {
    expect(errors(result)).toEqual([]);
    expect(estate.assignmentsOrigin).toBe('observed');
    expect(estate.workspaces[0]).toMatchObject({
      id: WS,
      identity: { system: true, userAssigned: [UAI] },
      primaryUserAssignedIdentity: UAI,
      publicNetworkAccess: 'Disabled',
      managedNetwork: { isolationMode: 'allow_only_approved_outbound' },
      storageAccount: `${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod`,
    });
    expect(estate.systemAssignedIdentities[0]?.principalId).toBe('aaaaaaaa-0000-4000-8000-000000000001');
    expect(estate.storageAccounts[0]).toMatchObject({
      allowSharedKeyAccess: false,
      network: 'trusted_services',
    });
    expect(estate.containerRegistries[0]).toMatchObject({
      adminUserEnabled: true,
      trustedServicesAllowed: true,
    });
    expect(estate.computes.map((c) => [c.name, c.computeType, c.disableLocalAuth])).toEqual([
      ['cpu-cluster', 'amlcompute', true],
      ['ci-alice', 'computeinstance', false],
    ]);
    expect(estate.computes[1]?.assignedUser).toBe('user:eeeeeeee-0000-4000-8000-000000000001');
    expect(estate.datastores[0]).toMatchObject({
      datastoreType: 'azure_blob',
      credentialKind: 'account_key',
      accountName: 'stmlprod',
      containerName: 'training',
    });
  });

  it('joins inline and separate key vault access policies, and reads role assignments by object id', () => {
    expect(estate.keyVaults[0]?.accessPolicies.map((p) => [p.principal, p.secrets])).toEqual([
      [UAI, ['get', 'list']],
      ['user:eeeeeeee-0000-4000-8000-000000000001', ['get', 'list', 'set', 'delete']],
    ]);
    expect(estate.roleAssignments.map((a) => [a.principal, a.role, a.origin])).toEqual([
      [UAI, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe', 'observed'],
      ['user:eeeeeeee-0000-4000-8000-000000000001', 'f6c7c914-8db3-469d-8ca1-694a8f32e121', 'observed'],
    ]);
  });

  it('keeps no sensitive value and lists what it does not model', () => {
    const written = JSON.stringify(estate);
    expect(written).not.toContain('c2VjcmV0LWtleS12YWx1ZS1ub3QtcmVhbC0xMjM0NTY3ODkwYWJjZGVm');
    expect(written).not.toContain('bm90LWEtcmVhbC1wYXNzd29yZC0wMTIzNDU2Nzg5');
    expect(written).not.toContain('InstrumentationKey');
    expect(result.skipped).toEqual([expect.objectContaining({ kind: 'azurerm_virtual_network' })]);
  });
});

describe('terraform show -json: plan', () => {
  const result = readTerraformJson(planText, 'plan.json');
  const estate = result.estate as Estate;

  it('reads a plan as a design, building ids Terraform knows only after apply from names and the configuration', () => {
    expect(errors(result)).toEqual([]);
    expect(estate.assignmentsOrigin).toBe('planned');
    expect(estate.workspaces[0]).toMatchObject({
      id: NEW_WS,
      publicNetworkAccess: 'Disabled',
      keyVault: `${NEW}/providers/Microsoft.KeyVault/vaults/kv-ml-new`,
    });
    expect(estate.computes[0]).toMatchObject({
      workspace: NEW_WS,
      identity: {
        system: false,
        userAssigned: [`${NEW}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-jobs`],
      },
    });
    expect(estate.onlineEndpoints[0]).toMatchObject({
      id: `${NEW_WS}/onlineEndpoints/score`,
      authMode: 'aad_token',
      endpointKind: 'kubernetes',
    });
  });

  it('follows principal ids known only after apply to the identity the configuration names', () => {
    expect(estate.roleAssignments.map((a) => [a.principal, a.role, a.origin])).toEqual([
      [
        `${NEW}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-jobs`,
        '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
        'planned',
      ],
      [`${NEW_WS}#system-identity`, '4633458b-17de-408a-b874-0445c86b69e6', 'planned'],
      ['group:eeeeeeee-0000-4000-8000-000000000002', 'f6c7c914-8db3-469d-8ca1-694a8f32e121', 'planned'],
    ]);
  });

  it('leaves a value known only after apply unset, and says so, instead of taking a default as given', () => {
    const storage = result.diagnostics.filter((d) => d.message.includes('azurerm_storage_account.ml'));
    expect(storage.map((d) => d.message)).toEqual([
      expect.stringContaining(
        '`public_network_access_enabled` of azurerm_storage_account.ml is known only after apply',
      ),
      expect.stringContaining(
        '`shared_access_key_enabled` of azurerm_storage_account.ml is known only after apply',
      ),
    ]);
    const merged = readInputs([{ file: 'plan.json', text: planText }]);
    expect(errors(merged)).toEqual([]);
    expect(merged.estate?.storageAccounts).toHaveLength(1);
  });

  it('leaves out a role assignment whose principal cannot be known before apply', () => {
    const plan = JSON.parse(planText) as {
      configuration: {
        root_module: { resources: { address: string; expressions: Record<string, unknown> }[] };
      };
    };
    const team = plan.configuration.root_module.resources.find(
      (r) => r.address === 'azurerm_role_assignment.jobs_blob',
    );
    if (team) team.expressions.principal_id = { references: ['var.unknown'] };
    const changed = readTerraformJson(JSON.stringify(plan), 'plan.json');
    expect(changed.estate?.roleAssignments).toHaveLength(2);
    expect(changed.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining(
          'azurerm_role_assignment.jobs_blob cannot be placed: `principal_id`',
        ),
      }),
    );
  });

  it('places a plan where its deployment target says', () => {
    const placed = readTerraformJson(planText, 'plan.json', {
      deployment: { subscriptionId: '99999999-2222-3333-4444-555555555555' },
    });
    expect(placed.estate?.workspaces[0]?.id).toBe(
      '/subscriptions/99999999-2222-3333-4444-555555555555/resourceGroups/rg-ml-new/providers/Microsoft.MachineLearningServices/workspaces/ws-new',
    );
  });
});

describe('terraform show -json: errors', () => {
  it('refuses a document that is not Terraform output, where it is', () => {
    const result = readTerraformJson('{"format_version": 3}', 'x.json');
    expect(result.estate).toBeUndefined();
    expect(errors(result)[0]?.message).toContain('terraform show -json');
  });
});
