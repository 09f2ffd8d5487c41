import type { EntityId } from '../model/ids';
import type { Estate, PublicNetworkAccess } from '../model/types';
import { updateEntity, withSettings } from './shared';

/** A setting left out is kept as it is. */
export interface SetRegistryAccessParams {
  registry: EntityId;
  adminUserEnabled?: boolean;
  publicNetworkAccess?: PublicNetworkAccess;
}

/** Turns a container registry's admin user on or off and opens or closes its public endpoint. */
export function setRegistryAccess(estate: Estate, params: SetRegistryAccessParams): Estate {
  const { adminUserEnabled, publicNetworkAccess } = params;
  return updateEntity(estate, 'containerRegistry', params.registry, (registry) =>
    withSettings(registry, { adminUserEnabled, publicNetworkAccess }),
  );
}
