import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis/analyze';
import type { EntityId } from '../../model/ids';
import type { Estate } from '../../model/types';
import { readInputs } from '../inputs';

// Shapes from the quickstart templates (machine-learning-workspace-vnet, machine-learning-advanced): a storage
// account whose firewall is set from parameters, and a workspace's network switches.
function templateWith(storageProperties: Record<string, unknown>, workspaceProperties: Record<string, unknown>) {
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {
      bypass: { type: 'string' },
      allowPublic: { type: 'bool' },
      access: { type: 'string' },
    },
    resources: [
      {
        type: 'Microsoft.Storage/storageAccounts',
        apiVersion: '2022-05-01',
        name: 'stdemo',
        kind: 'StorageV2',
        properties: storageProperties,
      },
      {
        type: 'Microsoft.MachineLearningServices/workspaces',
        apiVersion: '2024-04-01',
        name: 'mlw-demo',
        identity: { type: 'SystemAssigned' },
        properties: {
          storageAccount: "[resourceId('Microsoft.Storage/storageAccounts', 'stdemo')]",
          ...workspaceProperties,
        },
      },
    ],
  });
}

function read(storage: Record<string, unknown>, workspace: Record<string, unknown> = {}): Estate {
  const result = readInputs([{ file: 'azuredeploy.json', text: templateWith(storage, workspace) }]);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!result.estate) throw new Error('no estate');
  return result.estate;
}

const unknownOf = (estate: Estate, id: EntityId | undefined) => (id === undefined ? [] : (estate.provenance?.unknown[id] ?? []));
const ruleIds = (estate: Estate) => analyze(estate).findings.map((f) => f.ruleId);

describe('storage networkAcls in a template', () => {
  it('without bypass, has Azure\'s default AzureServices: trusted services are let through', () => {
    const estate = read({ networkAcls: { defaultAction: 'Deny' } });
    expect(estate.storageAccounts[0]?.network).toBe('trusted_services');
    expect(unknownOf(estate, estate.storageAccounts[0]?.id)).toEqual([]);
  });

  it('with bypass None, admits selected networks only', () => {
    const estate = read({ networkAcls: { defaultAction: 'Deny', bypass: 'None' } });
    expect(estate.storageAccounts[0]?.network).toBe('selected_networks');
    expect(ruleIds(estate)).toContain('AML-NET-004');
  });

  it('with a bypass from a parameter without a value, leaves the network setting unknown and no finding on it', () => {
    const estate = read({ networkAcls: { defaultAction: 'Deny', bypass: "[parameters('bypass')]" } });
    expect(unknownOf(estate, estate.storageAccounts[0]?.id)).toEqual(['network']);
    expect(ruleIds(estate)).not.toContain('AML-NET-004');
  });
});

describe('a workspace\'s public access in a template', () => {
  it('reads allowPublicAccessWhenBehindVnet: true opens a workspace whose publicNetworkAccess is Disabled', () => {
    const estate = read({}, { publicNetworkAccess: 'Disabled', allowPublicAccessWhenBehindVnet: true });
    expect(estate.workspaces[0]?.allowPublicAccessWhenBehindVnet).toBe(true);
    const finding = analyze(estate).findings.find((f) => f.ruleId === 'AML-GOV-003');
    expect(finding?.message).toContain('(allowPublicAccessWhenBehindVnet is true)');
  });

  it('with publicNetworkAccess Disabled and the switch false, is closed', () => {
    const estate = read({}, { publicNetworkAccess: 'Disabled', allowPublicAccessWhenBehindVnet: false });
    expect(ruleIds(estate)).not.toContain('AML-GOV-003');
  });

  it('with publicNetworkAccess from a parameter without a value, is unknown: no finding says it is public', () => {
    const estate = read({}, { publicNetworkAccess: "[parameters('access')]", allowPublicAccessWhenBehindVnet: "[parameters('allowPublic')]" });
    expect(unknownOf(estate, estate.workspaces[0]?.id)).toEqual(['publicNetworkAccess', 'allowPublicAccessWhenBehindVnet']);
    expect(ruleIds(estate)).not.toContain('AML-GOV-003');
  });

  it('without publicNetworkAccess, has Azure\'s default Enabled and is reported', () => {
    expect(ruleIds(read({}))).toContain('AML-GOV-003');
  });
});
