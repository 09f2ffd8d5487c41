import type { EntityId } from '../model/ids';
import type { Estate } from '../model/types';
import { updateEntity } from './shared';

export type KeyVaultPermissionModel = 'rbac' | 'access-policies';

export interface SetKeyVaultPermissionModelParams {
  keyVault: EntityId;
  model: KeyVaultPermissionModel;
}

/**
 * Switches a key vault between the Azure RBAC permission model and vault access policies. The access
 * policies are kept either way, as Azure keeps them: they are ignored under RBAC and count again when
 * the vault goes back to access policies.
 */
export function setKeyVaultPermissionModel(estate: Estate, params: SetKeyVaultPermissionModelParams): Estate {
  const enableRbacAuthorization = params.model === 'rbac';
  return updateEntity(estate, 'keyVault', params.keyVault, (vault) =>
    vault.enableRbacAuthorization === enableRbacAuthorization ? vault : { ...vault, enableRbacAuthorization },
  );
}
