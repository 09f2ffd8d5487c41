import type { EntityId } from '../model/ids';
import type { EndpointAuthMode, Estate } from '../model/types';
import { updateEntity } from './shared';

/** The endpoint auth modes, in words. */
export const ENDPOINT_AUTH_MODES = [
  { value: 'key', label: 'Key' },
  { value: 'aml_token', label: 'Azure ML token' },
  { value: 'aad_token', label: 'Microsoft Entra token' },
] as const satisfies readonly { value: EndpointAuthMode; label: string }[];

export interface SetEndpointAuthParams {
  endpoint: EntityId;
  /** Left out: kept as it is. */
  authMode?: EndpointAuthMode;
  /** Left out: kept as it is. */
  enforceAccessToDefaultSecretStores?: boolean;
}

/** Sets how callers authenticate to an online endpoint, and whether it enforces access to the default secret stores. */
export function setEndpointAuth(estate: Estate, params: SetEndpointAuthParams): Estate {
  return updateEntity(estate, 'onlineEndpoint', params.endpoint, (endpoint) => {
    const authMode = params.authMode ?? endpoint.authMode;
    const enforce = params.enforceAccessToDefaultSecretStores ?? endpoint.enforceAccessToDefaultSecretStores;
    if (authMode === endpoint.authMode && enforce === endpoint.enforceAccessToDefaultSecretStores) return endpoint;
    return { ...endpoint, authMode, enforceAccessToDefaultSecretStores: enforce };
  });
}
