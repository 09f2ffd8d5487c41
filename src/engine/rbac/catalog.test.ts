import { describe, expect, it } from 'vitest';
import type { RoleId } from '../model/ids';
import type { RoleDefinition } from '../model/types';
import { BUILT_IN_ROLES } from './builtin-roles';
import { findOperations } from './action-catalog';
import { WELL_KNOWN_ACTIONS, createRoleCatalog } from './catalog';

const custom: RoleDefinition = {
  id: 'AAAAAAAA-1111-2222-3333-444444444444' as RoleId,
  name: 'ML Endpoint Invoker',
  roleType: 'CustomRole',
  permissions: [
    {
      actions: [
        'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/score/action',
        'Microsoft.Custom/things/*',
      ],
      notActions: [],
      dataActions: ['Microsoft.Custom/things/data/read'],
      notDataActions: [],
    },
  ],
  assignableScopes: ['/subscriptions/s1'],
};

describe('createRoleCatalog', () => {
  it('holds every built-in role and the custom ones', () => {
    const catalog = createRoleCatalog([custom]);
    expect(catalog.all()).toHaveLength(BUILT_IN_ROLES.length + 1);
    expect(catalog.get('7f951dda-4ed3-4680-a7ca-43fe172d538d' as RoleId)?.name).toBe('AcrPull');
    expect(catalog.get('aaaaaaaa-1111-2222-3333-444444444444' as RoleId)?.name).toBe('ML Endpoint Invoker');
  });

  it('finds a role by its GUID in any casing, asked again, and nothing for an unknown GUID asked twice', () => {
    const catalog = createRoleCatalog([custom]);
    for (let i = 0; i < 2; i++) {
      expect(catalog.get('7F951DDA-4ED3-4680-A7CA-43FE172D538D' as RoleId)?.name).toBe('AcrPull');
      expect(catalog.get('7f951dda-4ed3-4680-a7ca-43fe172d538d' as RoleId)?.name).toBe('AcrPull');
      expect(catalog.get('AAAAAAAA-1111-2222-3333-444444444444' as RoleId)?.name).toBe('ML Endpoint Invoker');
      expect(catalog.get('bbbbbbbb-1111-2222-3333-444444444444' as RoleId)).toBeUndefined();
    }
  });

  it('resolves names, aliases, GUIDs and definition ids', () => {
    const catalog = createRoleCatalog([custom]);
    expect(catalog.resolve('ml endpoint invoker')?.id).toBe(custom.id);
    expect(
      catalog.resolve(
        '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/aaaaaaaa-1111-2222-3333-444444444444',
      )?.name,
    ).toBe('ML Endpoint Invoker');
    expect(catalog.resolve('owner')?.name).toBe('Owner');
    expect(catalog.resolve('Azure Machine Learning Workspace Connection Secret Reader')?.name).toBe(
      'Azure Machine Learning Workspace Connection Secrets Reader',
    );
    expect(catalog.resolve('nope')).toBeUndefined();
  });

  it('lets an exported definition replace the built-in copy with the same GUID', () => {
    const newerReader: RoleDefinition = {
      id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' as RoleId,
      name: 'Reader',
      roleType: 'BuiltInRole',
      permissions: [
        { actions: ['*/read', 'Microsoft.Support/*'], notActions: [], dataActions: [], notDataActions: [] },
      ],
      assignableScopes: ['/'],
    };
    const catalog = createRoleCatalog([newerReader]);
    expect(catalog.all()).toHaveLength(BUILT_IN_ROLES.length);
    expect(catalog.resolve('Reader')?.permissions[0]?.actions).toContain('Microsoft.Support/*');
  });

  it('lists concrete actions from roles and the curated list, sorted and without wildcards or duplicates', () => {
    const actions = createRoleCatalog([custom]).knownActions();
    expect(actions).toContain('Microsoft.ContainerRegistry/registries/pull/read');
    expect(actions).toContain('Microsoft.Custom/things/data/read');
    expect(actions).toContain('Microsoft.MachineLearningServices/workspaces/computes/listKeys/action');
    expect(actions).toContain('Microsoft.Resources/deployments/write');
    expect(actions.some((a) => a.includes('*'))).toBe(false);
    const lowered = actions.map((a) => a.toLowerCase());
    expect(new Set(lowered).size).toBe(actions.length);
    expect([...lowered].sort()).toEqual(lowered);
  });
});

describe('WELL_KNOWN_ACTIONS', () => {
  it('names only real operations of the action catalog, each in its own plane', () => {
    for (const known of WELL_KNOWN_ACTIONS) expect(findOperations(known.action, known.data), known.action).toHaveLength(1);
  });

  it('tags blob and secret reads as data actions and management operations as control actions', () => {
    const tag = (action: string): boolean | undefined =>
      WELL_KNOWN_ACTIONS.find((w) => w.action === action)?.data;
    expect(tag('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read')).toBe(true);
    expect(tag('Microsoft.KeyVault/vaults/secrets/getSecret/action')).toBe(true);
    expect(tag('Microsoft.ContainerRegistry/registries/pull/read')).toBe(false);
    expect(tag('Microsoft.Authorization/roleAssignments/write')).toBe(false);
    for (const suffix of [
      'read',
      'write',
      'delete',
      'score/action',
      'token/action',
      'listKeys/action',
      'regenerateKeys/action',
    ]) {
      expect(tag(`Microsoft.MachineLearningServices/workspaces/onlineEndpoints/${suffix}`), suffix).toBe(
        false,
      );
    }
    for (const action of [
      'Microsoft.MachineLearningServices/workspaces/computes/write',
      'Microsoft.MachineLearningServices/workspaces/datastores/listsecrets/action',
      'Microsoft.MachineLearningServices/workspaces/connections/listsecrets/action',
      'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
      'Microsoft.MachineLearningServices/workspaces/metrics/resource/write',
      'Microsoft.MachineLearningServices/workspaces/privateEndpointConnections/read',
      'Microsoft.MachineLearningServices/workspaces/privateEndpointConnections/write',
    ]) {
      expect(tag(action), action).toBe(false);
    }
    expect(new Set(WELL_KNOWN_ACTIONS.map((w) => w.action.toLowerCase())).size).toBe(
      WELL_KNOWN_ACTIONS.length,
    );
  });
});
