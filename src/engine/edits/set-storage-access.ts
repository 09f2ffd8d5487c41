import type { StorageNetworkSetting } from '../model/types';
import { settingsEdit, type Choices } from './shared';

/** The storage network settings, in words. */
export const STORAGE_NETWORK_SETTINGS = [
  { value: 'public', label: 'All networks' },
  { value: 'selected_networks', label: 'Selected networks' },
  { value: 'trusted_services', label: 'Selected networks + trusted Azure services' },
  { value: 'private_endpoint', label: 'Private endpoints only' },
] as const satisfies Choices<StorageNetworkSetting>;

/** Sets a storage account's network setting and whether it accepts shared keys (account keys and SAS signed with them). */
export const setStorageAccess = settingsEdit('storageAccount', 'storageAccount', ['network', 'allowSharedKeyAccess']);

export type SetStorageAccessParams = Parameters<typeof setStorageAccess>[1];
