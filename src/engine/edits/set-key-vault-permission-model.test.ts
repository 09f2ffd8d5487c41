import { describe, expect, it } from 'vitest';
import { setKeyVaultPermissionModel } from './set-key-vault-permission-model';
import { changedCollections, editsTestEstate } from '../testing/edits';

describe('setKeyVaultPermissionModel', () => {
  const estate = editsTestEstate();
  const vault = estate.keyVaults[0]!;

  it('switches to access policies and back, keeping the policies', () => {
    const policies = setKeyVaultPermissionModel(estate, { keyVault: vault.id, model: 'access-policies' });
    expect(changedCollections(estate, policies)).toEqual(['keyVaults']);
    expect(policies.keyVaults[0]).toEqual({ ...vault, enableRbacAuthorization: false });
    expect(setKeyVaultPermissionModel(policies, { keyVault: vault.id, model: 'rbac' }).keyVaults[0]).toEqual(vault);
  });

  it('returns the same estate when the model is already set', () => {
    expect(setKeyVaultPermissionModel(estate, { keyVault: vault.id, model: 'rbac' })).toBe(estate);
  });
});
