import type { EntityId } from '../model/ids';
import type { EndpointAuthMode, Estate } from '../model/types';
import { updateEntity, withSettings } from './shared';

/** The endpoint auth modes, in words. */
export const ENDPOINT_AUTH_MODES = [
  { value: 'key', label: 'Key' },
  { value: 'aml_token', label: 'Azure ML token' },
  { value: 'aad_token', label: 'Microsoft Entra token' },
] as const satisfies readonly { value: EndpointAuthMode; label: string }[];

/** A setting left out is kept as it is. */
export interface SetEndpointAuthParams {
  endpoint: EntityId;
  authMode?: EndpointAuthMode;
  enforceAccessToDefaultSecretStores?: boolean;
}

/** Sets how callers authenticate to an online endpoint, and whether it enforces access to the default secret stores. */
export function setEndpointAuth(estate: Estate, params: SetEndpointAuthParams): Estate {
  const { authMode, enforceAccessToDefaultSecretStores } = params;
  return updateEntity(estate, 'onlineEndpoint', params.endpoint, (endpoint) =>
    withSettings(endpoint, { authMode, enforceAccessToDefaultSecretStores }),
  );
}
