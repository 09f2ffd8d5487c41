import { describe, expect, it } from 'vitest';
import { emptyEstate } from './estate';
import { entityId, systemIdentityId, type EntityId, type RoleId } from './ids';
import type { Estate, RoleAssignment, Workspace } from './types';
import { validateEstate } from './validate';

const SUB = entityId('/subscriptions/11111111-2222-4333-8444-555555555555');
const RG = entityId(`${SUB}/resourceGroups/rg`);
const WS = entityId(`${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws`);
const ST = entityId(`${RG}/providers/Microsoft.Storage/storageAccounts/st`);
const KV = entityId(`${RG}/providers/Microsoft.KeyVault/vaults/kv`);
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7' as RoleId;

function workspace(overrides: Partial<Workspace> = {}): Workspace {
  return {
    id: WS,
    kind: 'workspace',
    name: 'ws',
    armId: WS,
    resourceGroup: RG,
    workspaceKind: 'default',
    identity: { system: true, userAssigned: [] },
    publicNetworkAccess: 'Enabled',
    managedNetwork: { isolationMode: 'disabled' },
    systemDatastoresAuthMode: 'accesskey',
    ...overrides,
  };
}

function assignment(overrides: Partial<RoleAssignment> = {}): RoleAssignment {
  return {
    id: entityId(`${WS}/providers/Microsoft.Authorization/roleAssignments/1`),
    principal: entityId('user:alice'),
    role: READER,
    scope: WS,
    origin: 'planned',
    ...overrides,
  };
}

/** A small sound estate: subscription, group, workspace with its identity, storage, a user and one assignment. */
function sound(): Estate {
  const estate = emptyEstate('t');
  estate.subscriptions.push({
    id: SUB,
    kind: 'subscription',
    name: 's',
    armId: SUB,
    subscriptionId: '11111111-2222-4333-8444-555555555555',
  });
  estate.resourceGroups.push({ id: RG, kind: 'resourceGroup', name: 'rg', armId: RG, subscription: SUB });
  estate.workspaces.push(workspace({ storageAccount: ST }));
  estate.storageAccounts.push({
    id: ST,
    kind: 'storageAccount',
    name: 'st',
    armId: ST,
    resourceGroup: RG,
    isHnsEnabled: false,
    allowSharedKeyAccess: true,
    network: 'public',
  });
  estate.keyVaults.push({
    id: KV,
    kind: 'keyVault',
    name: 'kv',
    armId: KV,
    resourceGroup: RG,
    enableRbacAuthorization: true,
    accessPolicies: [],
    publicNetworkAccess: 'Enabled',
  });
  estate.systemAssignedIdentities.push({
    id: systemIdentityId(WS),
    kind: 'systemAssignedIdentity',
    name: 'ws',
    owner: WS,
  });
  estate.users.push({
    id: entityId('user:alice'),
    kind: 'user',
    name: 'alice',
    source: { file: 'e.yaml', line: 30, column: 5, path: 'users[0]' },
  });
  estate.roleAssignments.push(assignment());
  return estate;
}

describe('validateEstate', () => {
  it('finds nothing wrong with a sound estate', () => {
    expect(validateEstate(sound())).toEqual([]);
  });

  it('reports duplicate ids, comparing ARM ids as Azure does', () => {
    const estate = sound();
    estate.storageAccounts.push({
      ...(estate.storageAccounts[0] as Estate['storageAccounts'][number]),
      id: entityId(ST.toUpperCase()),
      armId: ST.toUpperCase(),
      source: { file: 'e.yaml', line: 12, column: 5, path: 'storage_accounts[1]' },
    });
    const problems = validateEstate(estate);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      severity: 'error',
      file: 'e.yaml',
      line: 12,
      path: 'storage_accounts[1]',
    });
    expect(problems[0]?.message).toContain('has the same id as');
  });

  it('reports a reference to a missing id, and one to an entity of the wrong kind, at the field', () => {
    const estate = sound();
    estate.workspaces[0] = workspace({
      storageAccount: KV,
      keyVault: entityId(`${RG}/providers/Microsoft.KeyVault/vaults/gone`),
      source: { file: 'e.yaml', line: 8, column: 5, path: 'workspaces[0]' },
    });
    expect(validateEstate(estate).map((p) => [p.severity, p.path, p.line, p.message])).toEqual([
      [
        'error',
        'workspaces[0].storageAccount',
        8,
        `workspace \`ws\`: storageAccount should be a storageAccount, but ${KV} is a keyVault`,
      ],
      [
        'error',
        'workspaces[0].keyVault',
        8,
        `workspace \`ws\`: keyVault refers to ${RG}/providers/Microsoft.KeyVault/vaults/gone, which is not in the estate`,
      ],
    ]);
  });

  it('checks system-assigned identities against their owners', () => {
    const estate = sound();
    estate.workspaces[0] = workspace({ identity: { system: false, userAssigned: [] } });
    estate.systemAssignedIdentities.push({
      id: entityId('orphan#system-identity'),
      kind: 'systemAssignedIdentity',
      name: 'orphan',
      owner: entityId('orphan'),
    });
    expect(validateEstate(estate).map((p) => p.message)).toEqual([
      'system-assigned identity `ws` belongs to workspace `ws`, whose identity has no system-assigned part',
      'systemAssignedIdentity `orphan`: owner refers to orphan, which is not in the estate',
    ]);
    const missing = sound();
    missing.systemAssignedIdentities = [];
    expect(validateEstate(missing)).toEqual([
      expect.objectContaining({ severity: 'warning', path: 'workspaces[0].identity' }),
    ]);
  });

  it('checks role assignments: principal, role and scope', () => {
    const estate = sound();
    estate.roleAssignments.push(
      assignment({ id: entityId('a2'), principal: entityId('user:nobody') }),
      assignment({ id: entityId('a3'), principal: WS }),
      assignment({ id: entityId('a4'), role: '00000000-1111-4222-8333-444444444444' as RoleId }),
      assignment({ id: entityId('a5'), scope: 'rg' }),
      assignment({ id: entityId('a2') }),
    );
    expect(validateEstate(estate).map((p) => [p.severity, p.path])).toEqual([
      ['error', 'roleAssignments[1].principal'],
      ['error', 'roleAssignments[2].principal'],
      ['warning', 'roleAssignments[3].role'],
      ['error', 'roleAssignments[4].scope'],
      ['error', 'roleAssignments[5]'],
    ]);
  });

  it('accepts custom roles and reports clashing ones', () => {
    const estate = sound();
    const custom = '0f0f0f0f-0000-4000-8000-000000000001' as RoleId;
    estate.roleDefinitions.push({
      id: custom,
      name: 'Mine',
      roleType: 'CustomRole',
      permissions: [],
      assignableScopes: ['/'],
    });
    estate.roleAssignments.push(assignment({ id: entityId('a2'), role: custom }));
    expect(validateEstate(estate)).toEqual([]);
    estate.roleDefinitions.push({
      id: custom,
      name: 'mine',
      roleType: 'CustomRole',
      permissions: [],
      assignableScopes: ['/'],
    });
    expect(validateEstate(estate).map((p) => p.message)).toEqual([
      'role definition `mine` (0f0f0f0f-0000-4000-8000-000000000001) has the same id as role definition `Mine` (0f0f0f0f-0000-4000-8000-000000000001)',
      'two role definitions are named `mine`',
    ]);
  });

  it('checks deny assignment principals and group members', () => {
    const estate = sound();
    estate.groups.push({
      id: entityId('group:g'),
      kind: 'group',
      name: 'g',
      members: [entityId('user:alice'), entityId('user:ghost')],
    });
    estate.denyAssignments.push({
      id: entityId('d1'),
      name: 'd',
      scope: WS,
      permissions: { actions: ['*'], notActions: [], dataActions: [], notDataActions: [] },
      principals: [entityId('user:ghost')],
      excludePrincipals: [],
      doNotApplyToChildScopes: false,
    });
    expect(validateEstate(estate).map((p) => p.message)).toEqual([
      'group `g`: members[1] refers to user:ghost, which is not in the estate',
      'deny assignment `d`: user:ghost is not a principal in the estate',
    ]);
  });

  it('reports a resource whose armId and id disagree', () => {
    const estate = sound();
    estate.keyVaults[0] = { ...(estate.keyVaults[0] as Estate['keyVaults'][number]), armId: `${KV}-other` };
    expect(validateEstate(estate).map((p) => p.path)).toEqual(['keyVaults[0].armId']);
  });

  it('follows job, step and binding references', () => {
    const estate = sound();
    const job = entityId(`${WS}/jobs/j`);
    estate.jobs.push({
      id: job,
      kind: 'job',
      name: 'j',
      armId: job,
      workspace: WS,
      jobType: 'pipeline',
      compute: 'serverless',
      identity: { type: 'managed', userAssignedIdentity: entityId('missing-uai') as EntityId },
      inputs: [],
      outputs: [],
      steps: [
        {
          name: 's',
          compute: entityId(`${WS}/computes/none`),
          identity: { type: 'unset' },
          inputs: [{ name: 'x', datastore: entityId(`${WS}/datastores/none`) }],
          outputs: [],
        },
      ],
    });
    expect(validateEstate(estate).map((p) => p.path)).toEqual([
      'jobs[0].identity.userAssignedIdentity',
      'jobs[0].steps[0].compute',
      'jobs[0].steps[0].inputs[0].datastore',
    ]);
  });

  it('checks the declared callers of an endpoint, which the reference table lists', () => {
    const estate = sound();
    const endpoint = entityId(`${WS}/onlineEndpoints/ep`);
    estate.onlineEndpoints.push({
      id: endpoint,
      kind: 'onlineEndpoint',
      name: 'ep',
      armId: endpoint,
      workspace: WS,
      endpointKind: 'managed',
      authMode: 'aad_token',
      identity: { system: false, userAssigned: [] },
      enforceAccessToDefaultSecretStores: false,
      publicNetworkAccess: 'Enabled',
      callers: [entityId('user:alice'), entityId('user:nobody')],
    });
    expect(validateEstate(estate).map((p) => p.path)).toEqual(['onlineEndpoints[0].callers[1]']);
  });
});
