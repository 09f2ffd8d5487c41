import { describe, expect, it } from 'vitest';
import { emptyEstate } from '../../engine/model/estate';
import { entityId, systemIdentityId, type RoleId } from '../../engine/model/ids';
import type { Estate } from '../../engine/model/types';
import { buildGraphModel, COLUMN_WIDTH } from './graph-model';

const RG = '/subscriptions/0000/resourceGroups/rg-ml';
const ids = {
  rg: entityId(RG),
  ws: entityId(`${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws`),
  st: entityId(`${RG}/providers/Microsoft.Storage/storageAccounts/st`),
  kv: entityId(`${RG}/providers/Microsoft.KeyVault/vaults/kv`),
  cpu: entityId(`${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/cpu`),
  uai: entityId(`${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai`),
  alice: entityId('user:alice'),
};
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c' as RoleId;
const DATA_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' as RoleId;

function sampleEstate(): Estate {
  const estate = emptyEstate('test estate', 'observed');
  estate.resourceGroups.push({
    id: ids.rg,
    kind: 'resourceGroup',
    name: 'rg-ml',
    armId: RG,
    subscription: entityId('/subscriptions/0000'),
  });
  estate.workspaces.push({
    id: ids.ws,
    kind: 'workspace',
    name: 'ws',
    armId: ids.ws,
    resourceGroup: ids.rg,
    workspaceKind: 'default',
    identity: { system: true, userAssigned: [] },
    storageAccount: ids.st,
    keyVault: ids.kv,
    // Not in the estate: must be skipped, not drawn dangling.
    containerRegistry: entityId(`${RG}/providers/Microsoft.ContainerRegistry/registries/missing`),
    publicNetworkAccess: 'Enabled',
    managedNetwork: { isolationMode: 'disabled' },
    systemDatastoresAuthMode: 'accesskey',
  });
  estate.storageAccounts.push({
    id: ids.st,
    kind: 'storageAccount',
    name: 'st',
    armId: ids.st,
    resourceGroup: ids.rg,
    isHnsEnabled: false,
    allowSharedKeyAccess: true,
    network: 'public',
  });
  estate.keyVaults.push({
    id: ids.kv,
    kind: 'keyVault',
    name: 'kv',
    armId: ids.kv,
    resourceGroup: ids.rg,
    enableRbacAuthorization: true,
    accessPolicies: [],
    publicNetworkAccess: 'Enabled',
  });
  estate.computes.push({
    id: ids.cpu,
    kind: 'compute',
    name: 'cpu',
    armId: ids.cpu,
    workspace: ids.ws,
    computeType: 'amlcompute',
    identity: { system: false, userAssigned: [ids.uai] },
  });
  estate.userAssignedIdentities.push({
    id: ids.uai,
    kind: 'userAssignedIdentity',
    name: 'uai',
    armId: ids.uai,
    resourceGroup: ids.rg,
  });
  estate.systemAssignedIdentities.push({
    id: systemIdentityId(ids.ws),
    kind: 'systemAssignedIdentity',
    name: 'ws (system)',
    owner: ids.ws,
  });
  estate.users.push({ id: ids.alice, kind: 'user', name: 'alice@contoso.com' });
  estate.roleDefinitions.push({
    id: CONTRIBUTOR,
    name: 'Contributor',
    roleType: 'BuiltInRole',
    permissions: [],
    assignableScopes: ['/'],
  });
  estate.roleAssignments.push(
    // Scope written in another casing than the entity id: ARM ids compare case-insensitively.
    {
      id: entityId('ra-1'),
      principal: ids.alice,
      role: CONTRIBUTOR,
      scope: RG.toUpperCase(),
      origin: 'observed',
    },
    { id: entityId('ra-2'), principal: ids.uai, role: DATA_READER, scope: `${ids.st}/`, origin: 'planned' },
    {
      id: entityId('ra-3'),
      principal: ids.alice,
      role: CONTRIBUTOR,
      scope: '/subscriptions/elsewhere',
      origin: 'observed',
    },
  );
  return estate;
}

describe('buildGraphModel', () => {
  it('draws one node per entity, with its kind and name', () => {
    const { nodes } = buildGraphModel(sampleEstate());
    expect(nodes).toHaveLength(8);
    expect(new Set(nodes.map((node) => node.id)).size).toBe(8);
    const workspace = nodes.find((node) => node.id === ids.ws);
    expect(workspace).toMatchObject({
      type: 'entity',
      data: { kind: 'workspace', name: 'ws', entityId: ids.ws },
    });
  });

  it('draws workspace dependencies, containment and identities, skipping references outside the estate', () => {
    const { edges } = buildGraphModel(sampleEstate());
    const pairs = edges
      .filter((edge) => edge.data?.relation !== 'roleAssignment')
      .map((edge) => [edge.data?.relation, edge.source, edge.target]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        ['dependsOn', ids.ws, ids.st],
        ['dependsOn', ids.ws, ids.kv],
        ['partOf', ids.cpu, ids.ws],
        ['hasIdentity', ids.cpu, ids.uai],
        ['hasIdentity', ids.ws, systemIdentityId(ids.ws)],
      ]),
    );
    expect(pairs).toHaveLength(5);
    const containment = edges.find((edge) => edge.data?.relation === 'partOf');
    expect(containment).toMatchObject({ ariaLabel: 'cpu in ws' });
    expect(containment?.label).toBeUndefined();
    expect(edges.find((edge) => edge.data?.relation === 'dependsOn')?.label).toBe('depends on');
    expect(
      edges.every((edge) => edge.target !== `${RG}/providers/Microsoft.ContainerRegistry/registries/missing`),
    ).toBe(true);
  });

  it('draws role assignments from principal to scope, named when the estate defines the role', () => {
    const model = buildGraphModel(sampleEstate());
    const roles = model.edges.filter((edge) => edge.data?.relation === 'roleAssignment');
    expect(roles.map((edge) => [edge.source, edge.target, edge.label])).toEqual([
      [ids.alice, ids.rg, 'Contributor'],
      [ids.uai, ids.st, 'role 2a2b9908…'],
    ]);
    expect(roles[0]?.ariaLabel).toBe('alice@contoso.com holds Contributor on rg-ml');
    expect(roles[1]?.className).toContain('edge-planned');
    expect(model.unplacedAssignments).toBe(1);
  });

  it('lays kinds out in columns, left to right from principals to scopes', () => {
    const { nodes } = buildGraphModel(sampleEstate());
    const x = (id: string) => nodes.find((node) => node.id === id)?.position.x;
    // user | compute | identities | workspace | dependencies | resource group: six columns, none empty.
    expect([ids.alice, ids.cpu, ids.uai, ids.ws, ids.st, ids.rg].map(x)).toEqual(
      [0, 1, 2, 3, 4, 5].map((column) => column * COLUMN_WIDTH),
    );
    expect(x(systemIdentityId(ids.ws))).toBe(x(ids.uai));
    // Two nodes in one column are centred around y = 0.
    const identities = nodes
      .filter((node) => node.position.x === 2 * COLUMN_WIDTH)
      .map((node) => node.position.y);
    expect(identities[0]).toBe(-identities[1]!);
  });

  it('closes up columns of kinds the estate does not have', () => {
    const estate = sampleEstate();
    estate.users = [];
    estate.roleAssignments = [];
    const { nodes } = buildGraphModel(estate);
    expect(nodes.find((node) => node.id === ids.cpu)?.position.x).toBe(0);
  });

  it('is deterministic', () => {
    expect(buildGraphModel(sampleEstate())).toEqual(buildGraphModel(sampleEstate()));
  });

  it('draws an empty estate as an empty graph', () => {
    expect(buildGraphModel(emptyEstate())).toEqual({ nodes: [], edges: [], unplacedAssignments: 0 });
  });
});
