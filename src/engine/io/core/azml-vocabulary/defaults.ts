import type {
  ContainerRegistry,
  KeyVault,
  OnlineEndpoint,
  StorageAccount,
  Workspace,
} from '../../../model/types';
import { defaultLoginServer } from '../naming';

/**
 * What Azure and az ml give a resource whose description leaves a setting out. The native reader starts every
 * declaration from these, and the az ml reader gives them to resources it knows only by reference, so that a
 * stub reads the same as a declaration that says nothing more. Each call returns fresh values (lists included).
 */
export const AZURE_DEFAULTS = {
  storageAccount: (): Pick<StorageAccount, 'isHnsEnabled' | 'allowSharedKeyAccess' | 'network'> => ({
    isHnsEnabled: false,
    allowSharedKeyAccess: true,
    network: 'public',
  }),
  keyVault: (): Pick<KeyVault, 'enableRbacAuthorization' | 'accessPolicies' | 'publicNetworkAccess'> => ({
    enableRbacAuthorization: false,
    accessPolicies: [],
    publicNetworkAccess: 'Enabled',
  }),
  containerRegistry: (
    name: string,
  ): Pick<
    ContainerRegistry,
    | 'loginServer'
    | 'adminUserEnabled'
    | 'publicNetworkAccess'
    | 'roleAssignmentMode'
    | 'networkRestriction'
    | 'trustedServicesAllowed'
  > => ({
    loginServer: defaultLoginServer(name),
    adminUserEnabled: false,
    publicNetworkAccess: 'Enabled',
    roleAssignmentMode: 'legacy',
    networkRestriction: 'none',
    trustedServicesAllowed: true,
  }),
  /** A workspace has a system-assigned identity unless told otherwise. */
  workspace: (): Pick<
    Workspace,
    'workspaceKind' | 'identity' | 'publicNetworkAccess' | 'managedNetwork' | 'systemDatastoresAuthMode'
  > => ({
    workspaceKind: 'default',
    identity: { system: true, userAssigned: [] },
    publicNetworkAccess: 'Enabled',
    managedNetwork: { isolationMode: 'disabled' },
    systemDatastoresAuthMode: 'accesskey',
  }),
  /** An online endpoint has key auth and a system-assigned identity unless told otherwise (S13). */
  onlineEndpoint: (): Pick<
    OnlineEndpoint,
    'endpointKind' | 'authMode' | 'identity' | 'enforceAccessToDefaultSecretStores' | 'publicNetworkAccess'
  > => ({
    endpointKind: 'managed',
    authMode: 'key',
    identity: { system: true, userAssigned: [] },
    enforceAccessToDefaultSecretStores: false,
    publicNetworkAccess: 'Enabled',
  }),
} as const;
