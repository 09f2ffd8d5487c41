import type { EntityId } from '../model/ids';
import type { Estate, StorageNetworkSetting } from '../model/types';
import { updateEntity } from './shared';

/** The storage network settings, in words. */
export const STORAGE_NETWORK_SETTINGS = [
  { value: 'public', label: 'All networks' },
  { value: 'selected_networks', label: 'Selected networks' },
  { value: 'trusted_services', label: 'Selected networks + trusted Azure services' },
  { value: 'private_endpoint', label: 'Private endpoints only' },
] as const satisfies readonly { value: StorageNetworkSetting; label: string }[];

export interface SetStorageAccessParams {
  storageAccount: EntityId;
  /** Left out: kept as it is. */
  network?: StorageNetworkSetting;
  /** Left out: kept as it is. */
  allowSharedKeyAccess?: boolean;
}

/** Sets a storage account's network setting and whether it accepts shared keys (account keys and SAS signed with them). */
export function setStorageAccess(estate: Estate, params: SetStorageAccessParams): Estate {
  return updateEntity(estate, 'storageAccount', params.storageAccount, (account) => {
    const network = params.network ?? account.network;
    const allowSharedKeyAccess = params.allowSharedKeyAccess ?? account.allowSharedKeyAccess;
    if (network === account.network && allowSharedKeyAccess === account.allowSharedKeyAccess) return account;
    return { ...account, network, allowSharedKeyAccess };
  });
}
