import type { RoleId } from '../model/ids';

/**
 * The operations the analysis asks about, named once. Control-plane actions and data actions are kept
 * apart because Azure never lets one grant the other.
 */
export const ACTIONS = {
  acrPull: 'Microsoft.ContainerRegistry/registries/pull/read',
  acrWrite: 'Microsoft.ContainerRegistry/registries/write',
  storageWrite: 'Microsoft.Storage/storageAccounts/write',
  storageListKeys: 'Microsoft.Storage/storageAccounts/listKeys/action',
  keyVaultWrite: 'Microsoft.KeyVault/vaults/write',
  appInsightsWrite: 'Microsoft.Insights/components/write',
  workspaceWrite: 'Microsoft.MachineLearningServices/workspaces/write',
  workspaceRead: 'Microsoft.MachineLearningServices/workspaces/read',
  computeWrite: 'Microsoft.MachineLearningServices/workspaces/computes/write',
  jobsWrite: 'Microsoft.MachineLearningServices/workspaces/jobs/write',
  datastoreListSecrets: 'Microsoft.MachineLearningServices/workspaces/datastores/listsecrets/action',
  connectionListSecrets: 'Microsoft.MachineLearningServices/workspaces/connections/listsecrets/action',
  metricsWrite: 'Microsoft.MachineLearningServices/workspaces/metrics/resource/write',
  endpointRead: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/read',
  endpointWrite: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write',
  endpointDelete: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/delete',
  deploymentWrite: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/write',
  endpointScore: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/score/action',
  endpointToken: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/token/action',
  endpointListKeys: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/listKeys/action',
  endpointRegenerateKeys: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/regenerateKeys/action',
  privateEndpointConnectionsRead: 'Microsoft.MachineLearningServices/workspaces/privateEndpointConnections/read',
  privateEndpointConnectionsWrite: 'Microsoft.MachineLearningServices/workspaces/privateEndpointConnections/write',
  storagePrivateEndpointConnectionsWrite: 'Microsoft.Storage/storageAccounts/privateEndpointConnections/write',
  acrPrivateEndpointConnectionsWrite: 'Microsoft.ContainerRegistry/registries/privateEndpointConnections/write',
  /** Reading a private endpoint (Reader has it): what studio needs on a storage account's endpoints (R54). */
  privateEndpointRead: 'Microsoft.Network/privateEndpoints/read',
  resourceDeploymentsWrite: 'Microsoft.Resources/deployments/write',
  roleAssignmentsWrite: 'Microsoft.Authorization/roleAssignments/write',
  assignIdentity: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
  searchServicesWrite: 'Microsoft.Search/searchServices/write',
  cosmosAccountsWrite: 'Microsoft.DocumentDB/databaseAccounts/write',
  aksWrite: 'Microsoft.ContainerService/managedClusters/write',
} as const;

export const DATA_ACTIONS = {
  blobRead: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
  blobWrite: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
  keyVaultGetSecret: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
  keyVaultSetSecret: 'Microsoft.KeyVault/vaults/secrets/setSecret/action',
  keyVaultWrapKey: 'Microsoft.KeyVault/vaults/keys/wrap/action',
} as const;

/** Built-in role GUIDs the analysis suggests as fixes (from the fact sheet, section 3). */
export const ROLES = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635' as RoleId,
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c' as RoleId,
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' as RoleId,
  azureAiAdministrator: 'b78c5d69-af96-48a3-bf8d-a8b4d589de94' as RoleId,
  azureMlDataScientist: 'f6c7c914-8db3-469d-8ca1-694a8f32e121' as RoleId,
  azureMlComputeOperator: 'e503ece1-11d0-4e8e-8e2c-7a6c3bf38815' as RoleId,
  azureMlMetricsWriter: '635dd51f-9968-44d3-b7fb-6d9a6bd613ae' as RoleId,
  connectionSecretsReader: 'ea01e6af-a1c1-4350-9563-ad00f8c72ec5' as RoleId,
  networkConnectionApprover: 'b556d68e-0be0-4f35-a333-ad7ee1ce17ea' as RoleId,
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d' as RoleId,
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' as RoleId,
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' as RoleId,
  keyVaultAdministrator: '00482a5a-887f-4fb3-b363-3b7fe8e74483' as RoleId,
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6' as RoleId,
  managedIdentityOperator: 'f1a07417-d97a-45cb-824c-7a7467783830' as RoleId,
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9' as RoleId,
  azureAiInferenceDeploymentOperator: '3afb7f49-54cb-416e-8c09-6dc049efa503' as RoleId,
} as const;

/** The 'Azure Machine Learning' first-party application, present as a service principal in every tenant. */
export const AZURE_ML_FIRST_PARTY_APP_ID = '0736f41a-0425-4b46-bdb5-1563eff02385';

/** Workspaces created on or after this date get Azure AI Administrator, not Contributor, on their group. */
export const AI_ADMINISTRATOR_CUTOVER = '2024-11-19';
