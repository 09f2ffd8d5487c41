import { describe, expect, it } from 'vitest';
import type { RoleDefinition } from '../model/types';
import {
  PROVIDER_OPERATIONS,
  catalogProviders,
  countRoleBreadth,
  checkActionName,
  coversProvider,
  findOperations,
  nearestActions,
  roleBreadth,
  rolesGrantingAction,
  searchActions,
} from './action-catalog';
import { BUILT_IN_ROLES, findBuiltInRole } from './builtin-roles';
import { ROLE_BREADTH_ROWS } from './generated/role-breadth.data';
import { customRole, permission } from '../testing/rbac';

const PULL = 'Microsoft.ContainerRegistry/registries/pull/read';
const BLOB_READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';

function role(name: string): RoleDefinition {
  const found = findBuiltInRole(name);
  if (found === undefined) throw new Error(`no built-in role ${name}`);
  return found;
}

describe('the action catalog', () => {
  it('holds the operations of the 13 providers of the dump, with names, descriptions and planes', () => {
    expect(catalogProviders()).toHaveLength(13);
    expect(catalogProviders()).toContain('Microsoft.MachineLearningServices');
    expect(PROVIDER_OPERATIONS.length).toBeGreaterThan(6000);
    const [pull] = findOperations(PULL);
    expect(pull).toMatchObject({ name: PULL, dataAction: false });
    expect(pull?.displayName).not.toBe('');
    expect(findOperations(BLOB_READ, true)).toHaveLength(1);
    expect(findOperations(BLOB_READ, false)).toHaveLength(0);
  });

  it('keeps a name that is both an action and a data action once per plane', () => {
    const keysRead = findOperations('microsoft.keyvault/vaults/keys/read');
    expect(keysRead.map((op) => op.dataAction).sort()).toEqual([false, true]);
  });

  it('knows which providers it covers', () => {
    expect(coversProvider('Microsoft.Storage/storageAccounts/read')).toBe(true);
    expect(coversProvider('Microsoft.Sql/servers/read')).toBe(false);
  });
});

describe('searchActions', () => {
  it('finds an action by words of its name or description, exact name first', () => {
    expect(searchActions(PULL)[0]?.name).toBe(PULL);
    const found = searchActions('registries pull');
    expect(found.map((op) => op.name)).toContain(PULL);
    expect(found.every((op) => op.name.toLowerCase().includes('registries'))).toBe(true);
  });

  it('filters by plane and caps the list', () => {
    const data = searchActions('blobs', { dataAction: true, limit: 5 });
    expect(data).toHaveLength(5);
    expect(data.every((op) => op.dataAction)).toBe(true);
  });

  it('returns nothing for an empty query or words no operation has', () => {
    expect(searchActions('   ')).toEqual([]);
    expect(searchActions('zzqx-not-a-word')).toEqual([]);
  });
});

describe('nearestActions', () => {
  it('suggests the real action for a typo', () => {
    expect(nearestActions('Microsoft.ContainerRegistry/registries/pul/read')[0]?.name).toBe(PULL);
    expect(nearestActions('microsoft.storage/storageaccounts/listkey/action')[0]?.name).toBe(
      'Microsoft.Storage/storageAccounts/listkeys/action',
    );
  });

  it('looks across providers when the provider itself is misspelled', () => {
    expect(nearestActions('Microsoft.Storge/storageAccounts/read')[0]?.name).toBe('Microsoft.Storage/storageAccounts/read');
  });

  it('stays quiet for a real action, and for a provider the catalog does not hold', () => {
    expect(nearestActions(PULL)).toEqual([]);
    expect(nearestActions('Microsoft.Sql/servers/databases/reed')).toEqual([]);
  });
});

describe('roleBreadth', () => {
  it('counts the catalog operations a role grants, wildcards expanded', () => {
    expect(roleBreadth(role('AcrPull'))).toBe(1);
    expect(roleBreadth(role('AcrPush'))).toBe(2);
    // Contributor's NotActions take some operations back from `*`; Owner keeps them all.
    expect(roleBreadth(role('Owner'))).toBeGreaterThan(roleBreadth(role('Contributor')));
    expect(roleBreadth(role('Contributor'))).toBeGreaterThan(roleBreadth(role('Reader')));
    expect(roleBreadth(role('Owner'))).toBe(PROVIDER_OPERATIONS.filter((op) => !op.dataAction).length);
  });

  it('reads the generated count for every built-in role, and it is what the catalogs count', () => {
    // The generator writes countRoleBreadth's answers; a dump regenerated without them would disagree here.
    for (const builtIn of BUILT_IN_ROLES) expect(roleBreadth(builtIn), builtIn.name).toBe(countRoleBreadth(builtIn));
    expect(ROLE_BREADTH_ROWS).toHaveLength(BUILT_IN_ROLES.length);
  });

  it('counts a role that is not the catalog\'s own object, even one with a built-in GUID', () => {
    // An estate's copy of Reader that lost its permissions is counted as it is, not as the catalog's Reader.
    const reader = role('Reader');
    const emptied: RoleDefinition = { ...reader, permissions: [permission({ actions: ['Microsoft.ContainerRegistry/registries/pull/read'] })] };
    expect(roleBreadth(emptied)).toBe(1);
    expect(roleBreadth(reader)).toBeGreaterThan(1);
  });

  it('counts data actions through DataActions only', () => {
    const custom = customRole('11111111-1111-1111-1111-111111111111', 'Blob reader by control plane', [permission({ actions: [BLOB_READ] })]);
    expect(roleBreadth(custom)).toBe(0);
  });
});

describe('rolesGrantingAction', () => {
  it('lists the roles that grant an action, least first, Owner and Contributor last of all', () => {
    const granting = rolesGrantingAction(PULL, false);
    expect(granting[0]?.role.name).toBe('AcrPull');
    expect(granting[0]?.matchedPattern).toBe(PULL);
    expect(granting[1]?.role.name).toBe('AcrPush');
    const names = granting.map((g) => g.role.name);
    expect(names.slice(-2)).toEqual(['Contributor', 'Owner']);
    for (let i = 1; i < granting.length; i++)
      expect(granting[i]?.breadth ?? 0).toBeGreaterThanOrEqual(granting[i - 1]?.breadth ?? 0);
  });

  it('answers a data action with data roles only', () => {
    const granting = rolesGrantingAction(BLOB_READ, true);
    expect(granting[0]?.role.name).toBe('Storage Blob Data Reader');
    expect(granting.map((g) => g.role.name)).not.toContain('Owner');
  });

  it('leaves out a role whose NotActions take the action back', () => {
    const names = rolesGrantingAction('Microsoft.MachineLearningServices/workspaces/computes/write', false).map((g) => g.role.name);
    expect(names).toContain('AzureML Compute Operator');
    expect(names).not.toContain('AzureML Data Scientist');
  });

  it('marks a grant that holds only under the role block\'s ABAC condition', () => {
    const granting = rolesGrantingAction('Microsoft.Authorization/roleAssignments/write', false);
    const kvDataAdmin = granting.find((g) => g.role.name === 'Key Vault Data Access Administrator');
    expect(kvDataAdmin?.condition).toContain('roleAssignments');
    expect(granting.find((g) => g.role.name === 'Owner')?.condition).toBeUndefined();
  });

  it('ranks custom roles given alongside', () => {
    const narrow = customRole('22222222-2222-2222-2222-222222222222', 'Pull only (custom)', [permission({ actions: [PULL] })]);
    const granting = rolesGrantingAction(PULL, false, [role('Owner'), narrow]);
    expect(granting.map((g) => g.role.name)).toEqual(['Pull only (custom)', 'Owner']);
  });

  it('returns nothing for an action no role grants', () => {
    expect(rolesGrantingAction('Microsoft.Nothing/nowhere/read', true)).toEqual([]);
  });
});

describe('checkActionName', () => {
  it('says nothing about a real action in its plane, or about a provider the catalog does not hold', () => {
    expect(checkActionName(PULL, false)).toBeUndefined();
    expect(checkActionName(BLOB_READ, true)).toBeUndefined();
    expect(checkActionName('Microsoft.Sql/servers/reed', false)).toBeUndefined();
  });

  it('names the other plane when the action belongs to it', () => {
    expect(checkActionName(BLOB_READ, false)).toMatchObject({ otherPlane: true, suggestions: [] });
  });

  it('suggests the nearest real actions for a typo, and says so when none is close', () => {
    expect(checkActionName('Microsoft.ContainerRegistry/registries/pul/read', false)?.suggestions[0]).toBe(PULL);
    const far = checkActionName('Microsoft.Storage/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', false);
    expect(far).toMatchObject({ otherPlane: false, suggestions: [] });
    expect(far?.note).toContain('no real one is close');
  });
});
