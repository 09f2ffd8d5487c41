import type { EndpointAuthMode } from '../model/types';
import { settingsEdit, type Choices } from './shared';

/** The endpoint auth modes, in words. */
export const ENDPOINT_AUTH_MODES = [
  { value: 'key', label: 'Key' },
  { value: 'aml_token', label: 'Azure ML token' },
  { value: 'aad_token', label: 'Microsoft Entra token' },
] as const satisfies Choices<EndpointAuthMode>;

/** Sets how callers authenticate to an online endpoint, and whether it enforces access to the default secret stores. */
export const setEndpointAuth = settingsEdit('onlineEndpoint', 'endpoint', [
  'authMode',
  'enforceAccessToDefaultSecretStores',
]);

export type SetEndpointAuthParams = Parameters<typeof setEndpointAuth>[1];
