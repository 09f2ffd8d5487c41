/**
 * Which az ml YAML keys give which field of each entity the az ml reader declares. A field counts as given only
 * when the file has one of its keys, so that a merge lets given values win over defaults.
 */

/** Model fields of each declared kind and the YAML keys that give them. */
export const GIVEN_BY: Record<string, Readonly<Record<string, readonly string[]>>> = {
  workspace: {
    workspaceKind: ['kind'],
    location: ['location'],
    tenantId: ['tenant_id', 'identity'],
    identity: ['identity'],
    primaryUserAssignedIdentity: ['primary_user_assigned_identity'],
    storageAccount: ['storage_account'],
    keyVault: ['key_vault'],
    containerRegistry: ['container_registry'],
    applicationInsights: ['application_insights'],
    publicNetworkAccess: ['public_network_access'],
    managedNetwork: ['managed_network'],
    systemDatastoresAuthMode: ['system_datastores_auth_mode'],
    customerManagedKey: ['customer_managed_key'],
    imageBuildCompute: ['image_build_compute'],
    allowRoleAssignmentOnRg: ['allow_roleassignment_on_rg'],
    enableDataIsolation: ['enable_data_isolation'],
    hub: ['hub_id'],
  },
  compute: {
    computeType: ['type', '$schema'],
    identity: ['identity'],
    idleTimeBeforeShutdown: ['idle_time_before_shutdown', 'idle_time_before_shutdown_minutes'],
    assignedUser: ['create_on_behalf_of'],
    size: ['size'],
    subnet: ['subnet', 'network_settings'],
    disableLocalAuth: ['disable_local_auth'],
  },
  onlineEndpoint: {
    endpointKind: ['$schema', 'kind', 'compute'],
    authMode: ['auth_mode'],
    identity: ['identity'],
    enforceAccessToDefaultSecretStores: ['properties'],
    publicNetworkAccess: ['public_network_access'],
    compute: ['compute'],
  },
  onlineDeployment: {
    environmentVariables: ['environment_variables'],
    image: ['image', 'environment'],
    model: ['model'],
  },
  datastore: {
    datastoreType: ['type', '$schema'],
    accountName: ['account_name', 'store_name'],
    storageAccount: ['account_name'],
    containerName: ['container_name', 'filesystem', 'file_share_name'],
    // Leaving `credentials` out is itself a statement: the datastore is identity-based.
    credentialKind: ['name'],
    credentialPrincipal: ['credentials'],
    serviceDataAccessAuthIdentity: ['service_data_access_auth_identity', 'serviceDataAccessAuthIdentity'],
    isDefault: ['is_default'],
  },
  connection: {
    connectionType: ['type'],
    target: ['target', 'url', 'azure_endpoint', 'endpoint'],
    credentialKind: ['name'],
    identity: ['credentials'],
  },
  // A job is all its file says: an absent identity or compute is what runs, not an unknown.
  job: {
    jobType: ['name', '$schema', 'type', 'command', 'jobs'],
    compute: ['compute', 'settings', 'resources'],
    identity: ['name', '$schema', 'type', 'command', 'jobs'],
    inputs: ['inputs'],
    outputs: ['outputs'],
    steps: ['jobs'],
    environment: ['environment', 'trial'],
  },
};
/** Fields every entity may be given. */
export const ALWAYS_GIVEN = { description: ['description'], tags: ['tags'] } as const;
