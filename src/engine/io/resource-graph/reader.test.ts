import { describe, expect, it } from 'vitest';
import type { Estate } from '../../model/types';
import { readInputs } from '../inputs';
import { readResourceGraph } from './index';
import authorization from './fixtures/authorization.json';
import containers from './fixtures/containers.json';
import page1 from './fixtures/resources-page-1.json';
import page2 from './fixtures/resources-page-2.json';

const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555';
const RG = `${SUB}/resourceGroups/rg-ml`;
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-prod`;
const UAI = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-ws`;

const text = (value: unknown) => JSON.stringify(value, null, 2);

function readAll(files: Record<string, unknown>): { estate: Estate; result: ReturnType<typeof readInputs> } {
  const result = readInputs(
    Object.entries(files).map(([file, value]) => ({
      file,
      text: typeof value === 'string' ? value : text(value),
    })),
  );
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { estate: result.estate as Estate, result };
}

describe('Resource Graph results', () => {
  it('reads one page of `az graph query` output and maps the REST shapes', () => {
    const result = readResourceGraph(text(page1), 'page-1.json');
    const estate = result.estate as Estate;
    const ws = estate.workspaces[0];
    expect(ws).toMatchObject({
      id: WS,
      identity: { system: true, userAssigned: [UAI] },
      primaryUserAssignedIdentity: UAI,
      publicNetworkAccess: 'Disabled',
      systemDatastoresAuthMode: 'identity',
      managedNetwork: { isolationMode: 'allow_only_approved_outbound' },
      allowRoleAssignmentOnRg: true,
      keyVault: `${RG}/providers/Microsoft.KeyVault/vaults/kv-ml-prod`,
      customerManagedKey: {
        keyVault: `${RG}/providers/Microsoft.KeyVault/vaults/kv-cmk`,
        userAssignedIdentity: UAI,
      },
    });
    expect(estate.systemAssignedIdentities[0]?.principalId).toBe('aaaaaaaa-0000-4000-8000-000000000001');
    expect(estate.storageAccounts[0]).toMatchObject({
      allowSharedKeyAccess: false,
      network: 'trusted_services',
      isHnsEnabled: false,
    });
    expect(estate.containerRegistries[0]).toMatchObject({
      adminUserEnabled: true,
      publicNetworkAccess: 'Disabled',
      networkRestriction: 'private_endpoint',
      trustedServicesAllowed: true,
    });
    const vault = estate.keyVaults.find((v) => v.name === 'kv-ml-prod');
    expect(vault?.accessPolicies.map((p) => p.secrets.length)).toEqual([7, 2]);
    expect(result.skipped).toEqual([expect.objectContaining({ kind: 'microsoft.network/virtualnetworks' })]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'info', message: expect.stringContaining('skip token') }),
    ]);
  });

  it('merges pages from several files, resolving access policies to the identity they name', () => {
    const { estate } = readAll({
      'p1.json': page1,
      'p2.json': page2,
      'auth.json': authorization,
      'containers.json': containers,
    });
    expect(estate.workspaces).toHaveLength(1);
    expect(estate.computes.map((c) => [c.name, c.computeType])).toEqual([
      ['cpu-cluster', 'amlcompute'],
      ['ci-alice', 'computeinstance'],
    ]);
    expect(estate.computes[1]).toMatchObject({
      idleTimeBeforeShutdown: 'PT30M',
      assignedUser: 'user:eeeeeeee-0000-4000-8000-000000000001',
      disableLocalAuth: true,
    });
    expect(estate.onlineEndpoints[0]).toMatchObject({
      authMode: 'aad_token',
      identity: { system: true, userAssigned: [] },
    });
    expect(estate.aksClusters[0]?.clusterIdentity).toEqual({
      type: 'managed_identity',
      identity: { system: true, userAssigned: [] },
    });
    const vault = estate.keyVaults.find((v) => v.name === 'kv-ml-prod');
    expect(vault?.accessPolicies.map((p) => p.principal)).toEqual([
      UAI,
      'user:eeeeeeee-0000-4000-8000-000000000001',
    ]);
    expect(estate.roleAssignments.map((a) => a.principal)).toEqual([
      UAI,
      UAI,
      `${WS}#system-identity`,
      'user:eeeeeeee-0000-4000-8000-000000000001',
    ]);
    expect(estate.roleAssignments[1]?.conditionVersion).toBe('2.0');
    expect(estate.roleDefinitions.map((r) => r.name)).toEqual(['ML Job Operator']);
    expect(estate.subscriptions[0]).toMatchObject({
      name: 'ML Production',
      managementGroup: '/providers/Microsoft.Management/managementGroups/mg-ml',
    });
    expect(estate.managementGroups.find((g) => g.name === 'mg-ml')?.parent).toBe(
      '/providers/Microsoft.Management/managementGroups/99999999-8888-7777-6666-555555555555',
    );
    expect(estate.resourceGroups[0]).toMatchObject({ location: 'eastus', tags: { owner: 'ml-platform' } });
  });

  it('reads several pages in one file, as a list of pages or a YAML stream', () => {
    const asList = readResourceGraph(text([page1, page2]), 'pages.json');
    expect(asList.estate?.computes).toHaveLength(2);
    expect(asList.estate?.workspaces).toHaveLength(1);
    // The last page has no skip token, so nothing is said about missing pages.
    expect(asList.diagnostics.filter((d) => d.message.includes('skip token'))).toEqual([]);
    const stream = `${JSON.stringify(page1)}\n---\n${JSON.stringify(page2)}\n`;
    const asStream = readResourceGraph(stream, 'pages.yaml');
    expect(asStream.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(asStream.estate?.computes).toHaveLength(2);
  });

  it('reads a bare list of rows and the REST table format', () => {
    expect(readResourceGraph(text(page2.data), 'rows.json').estate?.userAssignedIdentities).toHaveLength(1);
    const columns = ['id', 'name', 'type', 'properties'].map((name) => ({ name, type: 'string' }));
    const rows = page2.data.map((row) => [row.id, row.name, row.type, row.properties]);
    const table = readResourceGraph(
      text({ totalRecords: rows.length, count: rows.length, data: { columns, rows } }),
      'table.json',
    );
    expect(table.estate?.computes.map((c) => c.name)).toEqual(['cpu-cluster', 'ci-alice']);
  });

  it('reports a row without a type where it is', () => {
    const source = text({ data: [{ id: WS, name: 'ws-prod' }] });
    const result = readResourceGraph(source, 'bad.json');
    expect(result.estate).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'error',
      file: 'bad.json',
      line: 3,
      path: 'data[0]',
      message: expect.stringContaining('`type`'),
    });
  });
});
