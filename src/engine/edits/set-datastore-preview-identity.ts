import type { EntityId } from '../model/ids';
import type { Estate, ServiceDataAccessIdentity } from '../model/types';
import { updateSettings, type Choices } from './shared';

/** The choices of `serviceDataAccessAuthIdentity`, in words. */
export const SERVICE_DATA_ACCESS_IDENTITIES = [
  { value: 'None', label: 'The signed-in user' },
  { value: 'WorkspaceSystemAssignedIdentity', label: 'Workspace system-assigned identity' },
  { value: 'WorkspaceUserAssignedIdentity', label: 'Workspace primary user-assigned identity' },
] as const satisfies Choices<ServiceDataAccessIdentity>;

export interface SetDatastorePreviewIdentityParams {
  datastore: EntityId;
  identity: ServiceDataAccessIdentity;
}

/**
 * Sets which identity studio uses to preview and browse a datastore's data (`serviceDataAccessAuthIdentity`):
 * the person signed in to studio, or one of the workspace's managed identities.
 */
export function setDatastorePreviewIdentity(estate: Estate, params: SetDatastorePreviewIdentityParams): Estate {
  return updateSettings(estate, 'datastore', params.datastore, { serviceDataAccessAuthIdentity: params.identity });
}
