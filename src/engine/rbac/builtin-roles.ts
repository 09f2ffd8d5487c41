import { roleIdFrom, type RoleId } from '../model/ids';
import type { Permission, RoleDefinition } from '../model/types';

// SOURCES (fact sheet section 3):
// - S14 Azure built-in roles, by category:
//   https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/privileged
//   https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/general
//   https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers
//   https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage
//   https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security
//   https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/identity
//   https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/ai-machine-learning
// - S19 azure-rbac-catalog.org role JSON (third-party mirror of the ARM definitions):
//   https://azure-rbac-catalog.org/roles/<guid>/<slug>
// - S6 (Azure AI Administrator actions):
//   https://learn.microsoft.com/azure/machine-learning/how-to-assign-roles
// - S15 Understand Azure role definitions:
//   https://learn.microsoft.com/azure/role-based-access-control/role-definitions

const MLS = 'Microsoft.MachineLearningServices';
const STORAGE = 'Microsoft.Storage/storageAccounts';

/** Text placed in `description` of roles whose definition the fact sheet gives only in part. */
export const PARTIAL_DEFINITION_NOTE =
  'Partial definition (unconfirmed): only the permissions the fact sheet could confirm are listed; the real role may allow more.';

function permission(
  actions: string[],
  notActions: string[] = [],
  dataActions: string[] = [],
  notDataActions: string[] = [],
): Permission {
  return { actions, notActions, dataActions, notDataActions };
}

function builtIn(guid: string, name: string, perm: Permission, description?: string): RoleDefinition {
  const role: RoleDefinition = {
    id: guid.toLowerCase() as RoleId,
    name,
    roleType: 'BuiltInRole',
    permissions: [perm],
    assignableScopes: ['/'],
  };
  if (description !== undefined) role.description = description;
  return role;
}

// Key Vault Administrator and Key Vault Secrets Officer share these ten control-plane actions.
const KEY_VAULT_ADMIN_ACTIONS = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Insights/alertRules/*',
  'Microsoft.Resources/deployments/*',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  'Microsoft.Support/*',
  'Microsoft.KeyVault/checkNameAvailability/read',
  'Microsoft.KeyVault/deletedVaults/read',
  'Microsoft.KeyVault/locations/*/read',
  'Microsoft.KeyVault/vaults/*/read',
  'Microsoft.KeyVault/operations/read',
];

/**
 * The built-in roles the product reasons about, as data. GUIDs, names and permission strings are exact
 * copies of the published definitions; roles the fact sheet knows only in part say so in `description`.
 */
export const BUILT_IN_ROLES: readonly RoleDefinition[] = Object.freeze([
  builtIn('8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Owner', permission(['*'])),
  builtIn(
    'b24988ac-6180-42a0-ab88-20f7382dd24c',
    'Contributor',
    permission(
      ['*'],
      [
        'Microsoft.Authorization/*/Delete',
        'Microsoft.Authorization/*/Write',
        'Microsoft.Authorization/elevateAccess/Action',
        'Microsoft.Blueprint/blueprintAssignments/write',
        'Microsoft.Blueprint/blueprintAssignments/delete',
        'Microsoft.Compute/galleries/share/action',
        'Microsoft.Purview/consents/write',
        'Microsoft.Purview/consents/delete',
        'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
        'Microsoft.Subscription/cancel/action',
        'Microsoft.Subscription/enable/action',
      ],
    ),
  ),
  builtIn('acdd72a7-3385-48ef-bd42-f606fba81ae7', 'Reader', permission(['*/read'])),
  builtIn(
    '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    'User Access Administrator',
    permission(['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*']),
  ),
  builtIn(
    'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
    'Role Based Access Control Administrator',
    permission([
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Authorization/roleAssignments/delete',
      '*/read',
      'Microsoft.Support/*',
    ]),
  ),
  builtIn(
    'f6c7c914-8db3-469d-8ca1-694a8f32e121',
    'AzureML Data Scientist',
    permission(
      [
        `${MLS}/workspaces/*/read`,
        `${MLS}/workspaces/*/action`,
        `${MLS}/workspaces/*/delete`,
        `${MLS}/workspaces/*/write`,
      ],
      [
        `${MLS}/workspaces/delete`,
        `${MLS}/workspaces/write`,
        `${MLS}/workspaces/computes/*/write`,
        `${MLS}/workspaces/computes/*/delete`,
        `${MLS}/workspaces/computes/listKeys/action`,
        `${MLS}/workspaces/listKeys/action`,
        `${MLS}/workspaces/hubs/write`,
        `${MLS}/workspaces/hubs/delete`,
        `${MLS}/workspaces/featurestores/write`,
        `${MLS}/workspaces/featurestores/delete`,
      ],
    ),
  ),
  builtIn(
    'e503ece1-11d0-4e8e-8e2c-7a6c3bf38815',
    'AzureML Compute Operator',
    permission([`${MLS}/workspaces/computes/*`, `${MLS}/workspaces/notebooks/vm/*`]),
  ),
  builtIn(
    '635dd51f-9968-44d3-b7fb-6d9a6bd613ae',
    'AzureML Metrics Writer (preview)',
    permission([`${MLS}/workspaces/metrics/*/write`]),
  ),
  builtIn(
    '1823dd4f-9b8c-4ab6-ab4e-7397a3684615',
    'AzureML Registry User',
    permission([`${MLS}/registries/read`, `${MLS}/registries/assets/*`]),
  ),
  builtIn(
    'ea01e6af-a1c1-4350-9563-ad00f8c72ec5',
    'Azure Machine Learning Workspace Connection Secrets Reader',
    permission([
      `${MLS}/workspaces/connections/listsecrets/action`,
      `${MLS}/workspaces/metadata/secrets/read`,
    ]),
  ),
  builtIn(
    'b78c5d69-af96-48a3-bf8d-a8b4d589de94',
    'Azure AI Administrator',
    permission([
      'Microsoft.Authorization/*/read',
      'Microsoft.CognitiveServices/*',
      'Microsoft.ContainerRegistry/registries/*',
      'Microsoft.DocumentDb/databaseAccounts/*',
      'Microsoft.Features/features/read',
      'Microsoft.Features/providers/features/read',
      'Microsoft.Features/providers/features/register/action',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Insights/components/*',
      'Microsoft.Insights/diagnosticSettings/*',
      'Microsoft.Insights/generateLiveToken/read',
      'Microsoft.Insights/logDefinitions/read',
      'Microsoft.Insights/metricAlerts/*',
      'Microsoft.Insights/metricdefinitions/read',
      'Microsoft.Insights/metrics/read',
      'Microsoft.Insights/scheduledqueryrules/*',
      'Microsoft.Insights/topology/read',
      'Microsoft.Insights/transactions/read',
      'Microsoft.Insights/webtests/*',
      'Microsoft.KeyVault/*',
      `${MLS}/workspaces/*`,
      'Microsoft.Network/virtualNetworks/subnets/joinViaServiceEndpoint/action',
      'Microsoft.ResourceHealth/availabilityStatuses/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/deployments/operations/read',
      'Microsoft.Resources/subscriptions/operationresults/read',
      'Microsoft.Resources/subscriptions/read',
      'Microsoft.Resources/subscriptions/resourcegroups/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Resources/subscriptions/resourceGroups/write',
      'Microsoft.Storage/storageAccounts/*',
      'Microsoft.Support/*',
      'Microsoft.Search/searchServices/write',
      'Microsoft.Search/searchServices/read',
      'Microsoft.Search/searchServices/delete',
      'Microsoft.Search/searchServices/indexes/*',
      'Microsoft.DataFactory/factories/*',
    ]),
    'Public preview role; action list taken from the Azure ML "Manage access" page.',
  ),
  builtIn(
    'b556d68e-0be0-4f35-a333-ad7ee1ce17ea',
    'Azure AI Enterprise Network Connection Approver',
    // Only the ACR, Azure ML and Storage strings are spelled out by the sheet; the Redis, Cognitive
    // Services, Cosmos DB, Key Vault and SQL counterparts it mentions are left out rather than guessed.
    permission([
      'Microsoft.ContainerRegistry/registries/privateEndpointConnectionsApproval/action',
      'Microsoft.ContainerRegistry/registries/privateEndpointConnections/read',
      'Microsoft.ContainerRegistry/registries/privateEndpointConnections/write',
      'Microsoft.ContainerRegistry/registries/read',
      `${MLS}/workspaces/privateEndpointConnectionsApproval/action`,
      `${MLS}/workspaces/privateEndpointConnections/read`,
      `${MLS}/workspaces/privateEndpointConnections/write`,
      `${MLS}/workspaces/privateLinkResources/read`,
      `${MLS}/workspaces/read`,
      `${STORAGE}/privateEndpointConnections/read`,
      `${STORAGE}/privateEndpointConnections/write`,
      `${STORAGE}/privateLinkResources/read`,
      `${STORAGE}/read`,
    ]),
    `${PARTIAL_DEFINITION_NOTE} Approves private endpoint connections on AI-related resources.`,
  ),
  builtIn(
    '7f951dda-4ed3-4680-a7ca-43fe172d538d',
    'AcrPull',
    permission(['Microsoft.ContainerRegistry/registries/pull/read']),
  ),
  builtIn(
    '8311e382-0749-4cb8-b61a-304f252e45ec',
    'AcrPush',
    permission([
      'Microsoft.ContainerRegistry/registries/pull/read',
      'Microsoft.ContainerRegistry/registries/push/write',
    ]),
  ),
  builtIn(
    'c2f4ef07-c644-48eb-af81-4b1b4947fb11',
    'AcrDelete',
    permission(['Microsoft.ContainerRegistry/registries/artifacts/delete']),
  ),
  builtIn(
    '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    'Storage Blob Data Reader',
    permission(
      [`${STORAGE}/blobServices/containers/read`, `${STORAGE}/blobServices/generateUserDelegationKey/action`],
      [],
      [`${STORAGE}/blobServices/containers/blobs/read`],
    ),
  ),
  builtIn(
    'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    'Storage Blob Data Contributor',
    permission(
      [
        `${STORAGE}/blobServices/containers/delete`,
        `${STORAGE}/blobServices/containers/read`,
        `${STORAGE}/blobServices/containers/write`,
        `${STORAGE}/blobServices/generateUserDelegationKey/action`,
      ],
      [],
      [
        `${STORAGE}/blobServices/containers/blobs/delete`,
        `${STORAGE}/blobServices/containers/blobs/read`,
        `${STORAGE}/blobServices/containers/blobs/write`,
        `${STORAGE}/blobServices/containers/blobs/move/action`,
        `${STORAGE}/blobServices/containers/blobs/add/action`,
      ],
    ),
  ),
  builtIn(
    'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
    'Storage Blob Data Owner',
    permission(
      [`${STORAGE}/blobServices/containers/*`, `${STORAGE}/blobServices/generateUserDelegationKey/action`],
      [],
      [`${STORAGE}/blobServices/containers/blobs/*`],
    ),
  ),
  builtIn(
    '00482a5a-887f-4fb3-b363-3b7fe8e74483',
    'Key Vault Administrator',
    permission([...KEY_VAULT_ADMIN_ACTIONS], [], ['Microsoft.KeyVault/vaults/*']),
  ),
  builtIn(
    'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
    'Key Vault Secrets Officer',
    permission([...KEY_VAULT_ADMIN_ACTIONS], [], ['Microsoft.KeyVault/vaults/secrets/*']),
  ),
  builtIn(
    '4633458b-17de-408a-b874-0445c86b69e6',
    'Key Vault Secrets User',
    permission(
      [],
      [],
      [
        'Microsoft.KeyVault/vaults/secrets/getSecret/action',
        'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
      ],
    ),
  ),
  builtIn(
    'f25e0fa2-a7c8-4377-a976-54943a77a395',
    'Key Vault Contributor',
    permission(
      [
        'Microsoft.Authorization/*/read',
        'Microsoft.Insights/alertRules/*',
        'Microsoft.KeyVault/*',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Resources/subscriptions/resourceGroups/read',
        'Microsoft.Support/*',
      ],
      [
        'Microsoft.KeyVault/locations/deletedVaults/purge/action',
        'Microsoft.KeyVault/hsmPools/*',
        'Microsoft.KeyVault/managedHsms/*',
      ],
    ),
  ),
  builtIn(
    'f1a07417-d97a-45cb-824c-7a7467783830',
    'Managed Identity Operator',
    permission([
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
      'Microsoft.Authorization/*/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Support/*',
    ]),
  ),
  builtIn(
    'c12c1c16-33a1-487b-954d-41c89c60f349',
    'Reader and Data Access',
    permission([`${STORAGE}/listKeys/action`, `${STORAGE}/ListAccountSas/action`, `${STORAGE}/read`]),
  ),
  // Roles below are known by GUID (and at most a partial action list) only.
  builtIn(
    '21090545-7ca7-4776-b22c-e363652d74d2',
    'Key Vault Reader',
    permission([]),
    PARTIAL_DEFINITION_NOTE,
  ),
  builtIn(
    'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59',
    'Managed Identity Contributor',
    permission([]),
    `${PARTIAL_DEFINITION_NOTE} Creates, reads, updates and deletes user-assigned identities, including their federated credentials.`,
  ),
  builtIn(
    '69566ab7-960f-475b-8e7c-b3118f30c6bd',
    'Storage File Data Privileged Contributor',
    permission([]),
    PARTIAL_DEFINITION_NOTE,
  ),
  builtIn(
    'b8eda974-7b85-4f76-af95-65846b26df6d',
    'Storage File Data Privileged Reader',
    permission([]),
    PARTIAL_DEFINITION_NOTE,
  ),
  builtIn(
    '64702f94-c441-49e6-a78b-ef80e0188fee',
    'Azure AI Developer',
    permission(
      [
        `${MLS}/workspaces/*/read`,
        `${MLS}/workspaces/*/action`,
        `${MLS}/workspaces/*/delete`,
        `${MLS}/workspaces/*/write`,
        `${MLS}/locations/*/read`,
        'Microsoft.Authorization/*/read',
        'Microsoft.Resources/deployments/*',
      ],
      [
        `${MLS}/workspaces/delete`,
        `${MLS}/workspaces/write`,
        `${MLS}/workspaces/listKeys/action`,
        `${MLS}/workspaces/hubs/write`,
        `${MLS}/workspaces/hubs/delete`,
        `${MLS}/workspaces/featurestores/write`,
        `${MLS}/workspaces/featurestores/delete`,
      ],
    ),
    PARTIAL_DEFINITION_NOTE,
  ),
  builtIn(
    '3afb7f49-54cb-416e-8c09-6dc049efa503',
    'Azure AI Inference Deployment Operator',
    permission([
      'Microsoft.Authorization/*/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Insights/AutoscaleSettings/write',
    ]),
    PARTIAL_DEFINITION_NOTE,
  ),
  builtIn(
    '53ca6127-db72-4b80-b1b0-d745d6d5456d',
    'Azure AI User',
    permission([]),
    `${PARTIAL_DEFINITION_NOTE} Azure AI Foundry role.`,
  ),
]);

// Other spellings people (and some Microsoft pages) use for a built-in role.
const ROLE_ALIASES: Readonly<Record<string, string>> = {
  'azure machine learning workspace connection secret reader': 'ea01e6af-a1c1-4350-9563-ad00f8c72ec5',
};

const BY_ID = new Map<string, RoleDefinition>(BUILT_IN_ROLES.map((role) => [role.id, role]));
const BY_NAME = new Map<string, RoleDefinition>(
  BUILT_IN_ROLES.map((role) => [role.name.toLowerCase(), role]),
);
for (const [alias, guid] of Object.entries(ROLE_ALIASES)) {
  const role = BY_ID.get(guid);
  if (role !== undefined) BY_NAME.set(alias, role);
}

/**
 * Finds a built-in role by name (any casing, or a known alias), by GUID, or by a role definition id such as
 * `/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/<guid>`.
 */
export function findBuiltInRole(nameOrGuidOrDefinitionId: string): RoleDefinition | undefined {
  const ref = nameOrGuidOrDefinitionId.trim();
  const guid = roleIdFrom(ref);
  if (guid !== undefined) return BY_ID.get(guid);
  return BY_NAME.get(ref.toLowerCase().replace(/\s+/g, ' '));
}
