import type { EntityId } from '../model/ids';
import type { Estate, PublicNetworkAccess } from '../model/types';
import { updateEntity } from './shared';

export interface SetRegistryAccessParams {
  registry: EntityId;
  /** Left out: kept as it is. */
  adminUserEnabled?: boolean;
  /** Left out: kept as it is. */
  publicNetworkAccess?: PublicNetworkAccess;
}

/** Turns a container registry's admin user on or off and opens or closes its public endpoint. */
export function setRegistryAccess(estate: Estate, params: SetRegistryAccessParams): Estate {
  return updateEntity(estate, 'containerRegistry', params.registry, (registry) => {
    const adminUserEnabled = params.adminUserEnabled ?? registry.adminUserEnabled;
    const publicNetworkAccess = params.publicNetworkAccess ?? registry.publicNetworkAccess;
    if (adminUserEnabled === registry.adminUserEnabled && publicNetworkAccess === registry.publicNetworkAccess) return registry;
    return { ...registry, adminUserEnabled, publicNetworkAccess };
  });
}
