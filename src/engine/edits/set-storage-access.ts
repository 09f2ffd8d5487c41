import type { EntityId } from '../model/ids';
import type { Estate, StorageNetworkSetting } from '../model/types';
import { updateEntity, withSettings } from './shared';

/** The storage network settings, in words. */
export const STORAGE_NETWORK_SETTINGS = [
  { value: 'public', label: 'All networks' },
  { value: 'selected_networks', label: 'Selected networks' },
  { value: 'trusted_services', label: 'Selected networks + trusted Azure services' },
  { value: 'private_endpoint', label: 'Private endpoints only' },
] as const satisfies readonly { value: StorageNetworkSetting; label: string }[];

/** A setting left out is kept as it is. */
export interface SetStorageAccessParams {
  storageAccount: EntityId;
  network?: StorageNetworkSetting;
  allowSharedKeyAccess?: boolean;
}

/** Sets a storage account's network setting and whether it accepts shared keys (account keys and SAS signed with them). */
export function setStorageAccess(estate: Estate, params: SetStorageAccessParams): Estate {
  const { network, allowSharedKeyAccess } = params;
  return updateEntity(estate, 'storageAccount', params.storageAccount, (account) =>
    withSettings(account, { network, allowSharedKeyAccess }),
  );
}
