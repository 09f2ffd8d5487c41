import { stringify } from 'yaml';
import type { InputFile } from '../../src/engine/io/inputs';
import { IMAGES, pick, ROLES, type World, type WorldCompute, type WorldJob } from './world';

/**
 * Renders a {@link World} as the files a team really has, each in its real shape: `az ml workspace show`,
 * `az ml compute show`/`list`, `az identity list`, `az role assignment list` (../shared/azureml-auth-facts.md
 * §5), az ml v2 YAML for jobs, computes and datastores (§6), Azure Resource Graph rows, and
 * `az network private-endpoint list` for the storage account's private endpoints.
 */

const sub = (w: World) => `/subscriptions/${w.subscriptionId}`;
const rg = (w: World) => `${sub(w)}/resourceGroups/${w.resourceGroup}`;
const provider = (w: World, type: string, name: string) => `${rg(w)}/providers/${type}/${name}`;
export const workspaceId = (w: World) => provider(w, 'Microsoft.MachineLearningServices/workspaces', w.workspace);
export const identityId = (w: World, name: string) =>
  // `az identity list` prints `resourcegroups` in lower case; the workspace prints `resourceGroups`.
  provider(w, 'Microsoft.ManagedIdentity/userAssignedIdentities', name);
const storageId = (w: World) => provider(w, 'Microsoft.Storage/storageAccounts', w.storage);
const vaultId = (w: World) => provider(w, 'Microsoft.Keyvault/vaults', w.vault);
const registryId = (w: World, name: string) => provider(w, 'Microsoft.ContainerRegistry/registries', name);
const computeId = (w: World, name: string) => `${workspaceId(w)}/computes/${name}`;
const endpointId = (w: World, group: string) => provider(w, 'Microsoft.Network/privateEndpoints', `pe-${w.storage}-${group}`);
const trainingSubnet = (w: World) => `${provider(w, 'Microsoft.Network/virtualNetworks', 'vnet-ml')}/subnets/snet-training`;

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** `az ml workspace show -o json` (§5.3). */
export function azWorkspaceShow(w: World): InputFile {
  const uai = pick(w.identities, w.workspaceIdentityIndex);
  const withUser = w.workspaceIdentity !== 'system_assigned' && uai !== undefined;
  const body: Record<string, unknown> = {
    allow_roleassignment_on_rg: true,
    application_insights: `${rg(w)}/providers/microsoft.insights/components/appi-${w.workspace}`,
    ...(w.registry !== undefined ? { container_registry: registryId(w, w.registry) } : {}),
    description: '',
    discovery_url: 'https://eastus.api.azureml.ms/discovery',
    display_name: w.workspace,
    enable_data_isolation: false,
    hbi_workspace: false,
    id: workspaceId(w),
    identity: {
      ...(w.workspaceIdentity !== 'user_assigned' ? { principal_id: w.workspacePrincipal } : {}),
      tenant_id: w.tenantId,
      type: withUser ? w.workspaceIdentity : 'system_assigned',
      ...(withUser
        ? { user_assigned_identities: { [identityId(w, uai.name)]: { client_id: uai.clientId, principal_id: uai.principalId } } }
        : {}),
    },
    key_vault: vaultId(w),
    location: 'eastus',
    managed_network: { isolation_mode: 'disabled', outbound_rules: [], status: { spark_ready: false, status: 'Inactive' } },
    mlflow_tracking_uri: `azureml://eastus.api.azureml.ms/mlflow/v1.0${workspaceId(w)}`,
    name: w.workspace,
    network_acls: { default_action: 'Allow', ip_rules: [] },
    ...(withUser ? { primary_user_assigned_identity: identityId(w, uai.name) } : {}),
    public_network_access: 'Enabled',
    resourceGroup: w.resourceGroup,
    resource_group: w.resourceGroup,
    serverless_compute: { no_public_ip: false },
    storage_account: storageId(w),
    system_datastores_auth_mode: 'accesskey',
    tags: {},
  };
  return { file: 'workspace-show.json', text: json(body) };
}

function computeShowBody(w: World, c: WorldCompute): Record<string, unknown> {
  const uai = pick(w.identities, c.identityIndex);
  const identity =
    c.identity === 'system_assigned'
      ? { principal_id: c.principalId, tenant_id: w.tenantId, type: 'system_assigned' }
      : c.identity === 'user_assigned' && uai
        ? {
            type: 'user_assigned',
            // A list here, unlike the workspace's dictionary (§5.4).
            user_assigned_identities: [{ resource_id: identityId(w, uai.name), principal_id: uai.principalId, client_id: uai.clientId }],
          }
        : undefined;
  return {
    ...(c.type === 'amlcompute' ? { enable_node_public_ip: true, idle_time_before_scale_down: 120, max_instances: 2, min_instances: 0, tier: 'dedicated' } : { state: 'Running', enable_sso: true }),
    id: computeId(w, c.name),
    ...(identity ? { identity } : {}),
    location: 'eastus',
    name: c.name,
    network_settings: {},
    provisioning_state: 'Succeeded',
    resourceGroup: w.resourceGroup,
    size: 'Standard_DS3_v2',
    ssh_public_access_enabled: false,
    type: c.type,
  };
}

/** `az ml compute show -o json` of one compute (§5.4). */
export function azComputeShow(w: World, index: number): InputFile {
  const c = pick(w.computes, index) as WorldCompute;
  return { file: `compute-${c.name}.json`, text: json(computeShowBody(w, c)) };
}

/** `az ml compute list -o json`. */
export function azComputeList(w: World): InputFile {
  return { file: 'compute-list.json', text: json(w.computes.map((c) => computeShowBody(w, c))) };
}

/** `az identity list -o json`. */
export function azIdentityList(w: World): InputFile {
  return {
    file: 'identity-list.json',
    text: json(
      w.identities.map((i) => ({
        clientId: i.clientId,
        id: identityId(w, i.name).replace('/resourceGroups/', '/resourcegroups/'),
        location: 'eastus',
        name: i.name,
        principalId: i.principalId,
        resourceGroup: w.resourceGroup,
        systemData: null,
        tags: {},
        tenantId: w.tenantId,
        type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
      })),
    ),
  };
}

/** `az role assignment list --all -o json` (§5.1). */
export function azRoleAssignmentList(w: World): InputFile {
  const rows = w.assignments.flatMap((a) => {
    const role = ROLES[a.role % ROLES.length] as (typeof ROLES)[number];
    let principalId: string | undefined;
    let principalName: string | undefined;
    let principalType = 'ServicePrincipal';
    if (a.principal.kind === 'identity') {
      const i = pick(w.identities, a.principal.index);
      principalId = i?.principalId;
      principalName = i?.clientId;
    } else if (a.principal.kind === 'workspace') {
      principalId = w.workspaceIdentity === 'user_assigned' ? undefined : w.workspacePrincipal;
      principalName = w.workspace;
    } else if (a.principal.kind === 'compute') {
      const c = pick(w.computes, a.principal.index);
      principalId = c?.identity === 'system_assigned' ? c.principalId : undefined;
      principalName = c?.name;
    } else {
      const user = pick(w.users, a.principal.index) ?? 'alice@contoso.com';
      principalId = `dddddddd-0000-4000-8000-00000000000${w.users.indexOf(user) + 1}`;
      principalName = user;
      principalType = 'User';
    }
    if (principalId === undefined) return [];
    const scope =
      a.scope === 'workspace'
        ? workspaceId(w)
        : a.scope === 'storage'
          ? storageId(w)
          : a.scope === 'vault'
            ? vaultId(w)
            : a.scope === 'registry' && w.registry !== undefined
              ? registryId(w, w.registry)
              : rg(w);
    return [
      {
        condition: null,
        conditionVersion: null,
        createdBy: 'dddddddd-0000-4000-8000-000000000009',
        createdOn: '2024-10-14T20:25:32.172518+00:00',
        delegatedManagedIdentityResourceId: null,
        description: null,
        id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${a.guid}`,
        name: a.guid,
        principalId,
        principalName,
        principalType,
        resourceGroup: w.resourceGroup,
        roleDefinitionId: `${sub(w)}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
        roleDefinitionName: role.name,
        scope,
        type: 'Microsoft.Authorization/roleAssignments',
        updatedBy: 'dddddddd-0000-4000-8000-000000000009',
        updatedOn: '2024-10-14T20:25:32.172518+00:00',
      },
    ];
  });
  return { file: 'role-assignments.json', text: json(rows) };
}

/** An az ml v2 command job YAML, as in a repository: it names no workspace (§6). */
export function azmlJob(w: World, job: WorldJob, index: number): InputFile {
  const doc: Record<string, unknown> = { $schema: 'https://azuremlschemas.azureedge.net/latest/commandJob.schema.json' };
  if (job.name !== undefined) doc.name = job.name;
  doc.command = 'python train.py --data ${{inputs.training_data}}';
  doc.code = './src';
  const image = job.image >= 0 ? IMAGES(w)[job.image % IMAGES(w).length] : undefined;
  doc.environment = image !== undefined ? { image } : 'azureml:sklearn-env@latest';
  if (job.compute.kind === 'world') {
    const c = pick(w.computes, job.compute.index);
    if (c) doc.compute = `azureml:${c.name}`;
  } else if (job.compute.kind === 'elsewhere') doc.compute = `azureml:${job.compute.name}`;
  const ds = pick(w.datastores, job.datastore);
  if (job.datastore >= 0 && ds)
    doc.inputs = { training_data: { type: 'uri_folder', path: `azureml://datastores/${ds.name}/paths/train/` } };
  switch (job.identity.kind) {
    case 'unset':
      break;
    case 'user_identity':
    case 'aml_token':
      doc.identity = { type: job.identity.kind };
      break;
    case 'managed': {
      const uai = pick(w.identities, job.identity.identityIndex);
      doc.identity = uai ? { type: 'managed', client_id: uai.clientId } : { type: 'managed' };
      break;
    }
    case 'managed-unknown':
      doc.identity = { type: 'managed', client_id: job.identity.clientId };
      break;
    case 'managed-bare':
      doc.identity = { type: 'managed' };
      break;
  }
  return { file: `job-${index}.yml`, text: stringify(doc) };
}

/** An az ml v2 compute YAML (`amlCompute.schema.json`). */
export function azmlCompute(w: World, index: number): InputFile {
  const c = pick(w.computes, index) as WorldCompute;
  const uai = pick(w.identities, c.identityIndex);
  const doc: Record<string, unknown> = {
    $schema: `https://azuremlschemas.azureedge.net/latest/${c.type === 'amlcompute' ? 'amlCompute' : 'computeInstance'}.schema.json`,
    name: c.name,
    type: c.type,
    size: 'STANDARD_DS3_v2',
    ...(c.type === 'amlcompute' ? { min_instances: 0, max_instances: 2, idle_time_before_scale_down: 120 } : {}),
  };
  if (c.identity === 'system_assigned') doc.identity = { type: 'system_assigned' };
  else if (c.identity === 'user_assigned' && uai)
    doc.identity = { type: 'user_assigned', user_assigned_identities: [{ resource_id: identityId(w, uai.name) }] };
  return { file: `compute-${c.name}.yml`, text: stringify(doc) };
}

/** An az ml v2 datastore YAML (§6); credentials are placeholders, never real secrets. */
export function azmlDatastore(w: World, index: number): InputFile | undefined {
  const d = pick(w.datastores, index);
  if (!d) return undefined;
  const doc: Record<string, unknown> = {
    $schema: `https://azuremlschemas.azureedge.net/latest/${d.type === 'azure_blob' ? 'azureBlob' : 'azureDataLakeGen2'}.schema.json`,
    name: d.name,
    type: d.type,
    account_name: w.storage,
    ...(d.type === 'azure_blob' ? { container_name: 'data' } : { filesystem: 'data' }),
  };
  if (d.credentials === 'account_key') doc.credentials = { account_key: '<key>' };
  else if (d.credentials === 'service_principal') {
    const shared = d.sharedClient >= 0 ? pick(w.identities, d.sharedClient) : undefined;
    doc.credentials = {
      tenant_id: w.tenantId,
      client_id: shared?.clientId ?? '0f0f0f0f-0000-4000-8000-000000000000',
      client_secret: '<secret>',
    };
  }
  return { file: `datastore-${d.name}.yml`, text: stringify(doc) };
}

/** Azure Resource Graph rows (`az graph query -q "resources | ..."`) for the workspace and its identities. */
export function resourceGraph(w: World): InputFile {
  const uai = pick(w.identities, w.workspaceIdentityIndex);
  const withUser = w.workspaceIdentity !== 'system_assigned' && uai !== undefined;
  const base = { location: 'eastus', resourceGroup: w.resourceGroup, subscriptionId: w.subscriptionId, tenantId: w.tenantId };
  const rows: Record<string, unknown>[] = [
    {
      ...base,
      id: workspaceId(w),
      name: w.workspace,
      type: 'microsoft.machinelearningservices/workspaces',
      kind: 'Default',
      identity: {
        type: withUser ? (w.workspaceIdentity === 'user_assigned' ? 'UserAssigned' : 'SystemAssigned,UserAssigned') : 'SystemAssigned',
        ...(w.workspaceIdentity !== 'user_assigned' ? { principalId: w.workspacePrincipal } : {}),
        tenantId: w.tenantId,
        ...(withUser ? { userAssignedIdentities: { [identityId(w, uai.name)]: { principalId: uai.principalId, clientId: uai.clientId } } } : {}),
      },
      properties: {
        friendlyName: w.workspace,
        storageAccount: storageId(w),
        keyVault: vaultId(w),
        ...(w.registry !== undefined ? { containerRegistry: registryId(w, w.registry) } : {}),
        publicNetworkAccess: 'Enabled',
        ...(withUser ? { primaryUserAssignedIdentity: identityId(w, uai.name) } : {}),
      },
    },
    ...w.identities.map((i) => ({
      ...base,
      id: identityId(w, i.name),
      name: i.name,
      type: 'microsoft.managedidentity/userassignedidentities',
      kind: '',
      properties: { clientId: i.clientId, principalId: i.principalId, tenantId: w.tenantId },
    })),
    {
      ...base,
      id: storageId(w),
      name: w.storage,
      type: 'microsoft.storage/storageaccounts',
      kind: 'StorageV2',
      properties: {
        allowSharedKeyAccess: true,
        isHnsEnabled: false,
        publicNetworkAccess: w.storageEndpoints.length > 0 ? 'Disabled' : 'Enabled',
        networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' },
        // The account's own side of its endpoints: each names its endpoint and state, not its sub-resource.
        privateEndpointConnections: w.storageEndpoints.map((e) => ({
          id: `${storageId(w)}/privateEndpointConnections/${w.storage}.pe-${e.group}`,
          properties: { privateEndpoint: { id: endpointId(w, e.group) }, privateLinkServiceConnectionState: { status: e.status, description: '', actionsRequired: 'None' } },
        })),
      },
    },
    // Half the endpoints as their own rows, so that the list and the rows meet in one file.
    ...w.storageEndpoints
      .filter((_, i) => i % 2 === 0)
      .map((e) => ({
        ...base,
        id: endpointId(w, e.group),
        name: `pe-${w.storage}-${e.group}`,
        type: 'microsoft.network/privateendpoints',
        kind: '',
        properties: {
          subnet: { id: trainingSubnet(w) },
          privateLinkServiceConnections: [
            { name: `pe-${e.group}`, properties: { privateLinkServiceId: storageId(w), groupIds: [e.group], privateLinkServiceConnectionState: { status: e.status } } },
          ],
          manualPrivateLinkServiceConnections: [],
        },
      })),
  ];
  if (w.registry !== undefined)
    rows.push({
      ...base,
      id: registryId(w, w.registry),
      name: w.registry,
      type: 'microsoft.containerregistry/registries',
      kind: '',
      properties: { loginServer: `${w.registry}.azurecr.io`, adminUserEnabled: false, publicNetworkAccess: 'Enabled' },
    });
  return { file: 'resources.json', text: json({ count: rows.length, data: rows, skip_token: null, total_records: rows.length }) };
}

/** `az network private-endpoint list -o json`: the storage account's endpoints, their connection properties flattened. */
export function azPrivateEndpointList(w: World): InputFile {
  const entries = w.storageEndpoints.map((e) => ({
    id: endpointId(w, e.group),
    location: 'eastus',
    manualPrivateLinkServiceConnections: [],
    name: `pe-${w.storage}-${e.group}`,
    privateLinkServiceConnections: [
      {
        groupIds: [e.group],
        id: `${endpointId(w, e.group)}/privateLinkServiceConnections/pe-${e.group}`,
        name: `pe-${e.group}`,
        privateLinkServiceConnectionState: { actionsRequired: 'None', description: '', status: e.status },
        privateLinkServiceId: storageId(w),
        provisioningState: 'Succeeded',
        resourceGroup: w.resourceGroup,
        type: 'Microsoft.Network/privateEndpoints/privateLinkServiceConnections',
      },
    ],
    provisioningState: 'Succeeded',
    resourceGroup: w.resourceGroup,
    subnet: { id: trainingSubnet(w), resourceGroup: w.resourceGroup },
    type: 'Microsoft.Network/privateEndpoints',
  }));
  return { file: 'private-endpoints.json', text: json(entries) };
}
