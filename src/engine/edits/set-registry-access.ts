import { settingsEdit } from './shared';

/** Turns a container registry's admin user on or off and opens or closes its public endpoint. */
export const setRegistryAccess = settingsEdit('containerRegistry', 'registry', ['adminUserEnabled', 'publicNetworkAccess']);

export type SetRegistryAccessParams = Parameters<typeof setRegistryAccess>[1];
