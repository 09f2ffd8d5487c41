import { COMPUTE_KINDS, computeTypeFrom } from '../../model/compute-kinds';
import type { Rec } from '../core/context';
import { isRec } from '../core/azure/values';
import type { TerraformResource } from './document';

/**
 * The azurerm and azapi resources of an Azure ML estate turned into the ARM/REST shape that io/core/azure maps
 * (`id`, `type`, `identity`, `properties`), so Terraform reads through the same mapping as Resource Graph and
 * compiled templates. Only what the azurerm provider documents is read; an attribute Terraform knows only after
 * apply is absent here, so the mapping leaves it unset rather than taking a default.
 */

/** What the mapping needs from the reader: known values, and ids followed through the configuration. */
export interface Lookup {
  /** The ARM id of a resource: its known `id`, or built from its name and parent. */
  id(resource: TerraformResource): string | undefined;
  /** An attribute holding an ARM id: its value, or the id of the resource the configuration wires into it. */
  refId(resource: TerraformResource, ...path: (string | number)[]): string | undefined;
}

/** The ARM resource type of each azurerm type read here; the ML children hang under their workspace. */
export const AZURERM_TYPES: Readonly<Record<string, string>> = {
  azurerm_resource_group: 'Microsoft.Resources/resourceGroups',
  azurerm_machine_learning_workspace: 'Microsoft.MachineLearningServices/workspaces',
  azurerm_machine_learning_compute_cluster: 'Microsoft.MachineLearningServices/workspaces/computes',
  azurerm_machine_learning_compute_instance: 'Microsoft.MachineLearningServices/workspaces/computes',
  azurerm_machine_learning_inference_cluster: 'Microsoft.MachineLearningServices/workspaces/computes',
  azurerm_machine_learning_synapse_spark: 'Microsoft.MachineLearningServices/workspaces/computes',
  azurerm_machine_learning_datastore_blobstorage: 'Microsoft.MachineLearningServices/workspaces/datastores',
  azurerm_machine_learning_datastore_datalake_gen2: 'Microsoft.MachineLearningServices/workspaces/datastores',
  azurerm_machine_learning_datastore_fileshare: 'Microsoft.MachineLearningServices/workspaces/datastores',
  azurerm_user_assigned_identity: 'Microsoft.ManagedIdentity/userAssignedIdentities',
  azurerm_private_endpoint: 'Microsoft.Network/privateEndpoints',
  azurerm_storage_account: 'Microsoft.Storage/storageAccounts',
  azurerm_key_vault: 'Microsoft.KeyVault/vaults',
  azurerm_container_registry: 'Microsoft.ContainerRegistry/registries',
  azurerm_application_insights: 'Microsoft.Insights/components',
  azurerm_kubernetes_cluster: 'Microsoft.ContainerService/managedClusters',
};

/** The attribute of each ML child type that holds its workspace's id. */
const WORKSPACE_ATTRIBUTE: Readonly<Record<string, string>> = {
  azurerm_machine_learning_compute_cluster: 'machine_learning_workspace_id',
  azurerm_machine_learning_compute_instance: 'machine_learning_workspace_id',
  azurerm_machine_learning_inference_cluster: 'machine_learning_workspace_id',
  azurerm_machine_learning_synapse_spark: 'machine_learning_workspace_id',
  azurerm_machine_learning_datastore_blobstorage: 'workspace_id',
  azurerm_machine_learning_datastore_datalake_gen2: 'workspace_id',
  azurerm_machine_learning_datastore_fileshare: 'workspace_id',
};

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const bool = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
const enabled = (value: unknown): string | undefined =>
  value === true ? 'Enabled' : value === false ? 'Disabled' : undefined;
/** The first object of a nested block (Terraform writes a block as a list of objects). */
const block = (value: unknown): Rec | undefined =>
  Array.isArray(value) && isRec(value[0]) ? value[0] : isRec(value) ? value : undefined;

/** Drops undefined fields so that an absent value stays absent for the mapping. */
function defined(record: Rec): Rec {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

/**
 * The ARM `identity` of an `identity` block (`type`, `identity_ids`, `principal_id`). A user-assigned id
 * known only after apply comes from the configuration.
 */
function identityOf(lookup: Lookup, resource: TerraformResource, value: unknown): Rec | undefined {
  const identity = block(value);
  if (!identity) return undefined;
  const ids = Array.isArray(identity.identity_ids)
    ? identity.identity_ids.filter((v) => typeof v === 'string')
    : [];
  const wired = lookup.refId(resource, 'identity', 0, 'identity_ids');
  if (ids.length === 0 && wired !== undefined) ids.push(wired);
  return defined({
    type: str(identity.type),
    principalId: str(identity.principal_id),
    tenantId: str(identity.tenant_id),
    userAssignedIdentities: ids.length > 0 ? Object.fromEntries(ids.map((id) => [id, {}])) : undefined,
  });
}

/** The ARM id a child of a workspace gets: the workspace's id, the segment, the name. */
export function workspaceChildId(lookup: Lookup, resource: TerraformResource): string | undefined {
  const attribute = WORKSPACE_ATTRIBUTE[resource.type];
  if (attribute === undefined) return undefined;
  const workspace = lookup.refId(resource, attribute);
  const name = str(resource.values.name);
  const segment = AZURERM_TYPES[resource.type]?.split('/').pop();
  return workspace !== undefined && name !== undefined ? `${workspace}/${segment}/${name}` : undefined;
}

/** The storage account id and container of a datastore's `storage_container_id` (an ARM id or a URL). */
function container(value: unknown): { accountName?: string; containerName?: string } {
  const text = str(value);
  if (text === undefined) return {};
  const arm =
    /\/storageAccounts\/([^/]+)\/(?:blobServices|fileServices)\/default\/(?:containers|shares)\/([^/]+)/i.exec(
      text,
    );
  if (arm) return { accountName: arm[1], containerName: arm[2] };
  const url = /^https:\/\/([^.]+)\.[^/]+\/([^/?]+)/i.exec(text);
  return url ? { accountName: url[1], containerName: url[2] } : {};
}

/** The ARM `properties` of one azurerm resource; `raw` is its values before sensitive ones were removed. */
function propertiesOf(lookup: Lookup, resource: TerraformResource, raw: Rec): Rec {
  const v = resource.values;
  switch (resource.type) {
    case 'azurerm_machine_learning_workspace': {
      const encryption = block(v.encryption);
      const network = block(v.managed_network);
      return defined({
        storageAccount: lookup.refId(resource, 'storage_account_id'),
        keyVault: lookup.refId(resource, 'key_vault_id'),
        containerRegistry: lookup.refId(resource, 'container_registry_id'),
        applicationInsights: lookup.refId(resource, 'application_insights_id'),
        primaryUserAssignedIdentity: lookup.refId(resource, 'primary_user_assigned_identity'),
        publicNetworkAccess: enabled(v.public_network_access_enabled),
        imageBuildCompute: str(v.image_build_compute_name),
        managedNetwork: network ? defined({ isolationMode: str(network.isolation_mode) }) : undefined,
        encryption: encryption
          ? {
              status: 'Enabled',
              keyVaultProperties: defined({
                keyVaultArmId: lookup.refId(resource, 'encryption', 0, 'key_vault_id'),
                keyIdentifier: str(encryption.key_id),
              }),
              identity: defined({
                userAssignedIdentity: lookup.refId(resource, 'encryption', 0, 'user_assigned_identity_id'),
              }),
            }
          : undefined,
      });
    }
    case 'azurerm_storage_account': {
      const rules = block(v.network_rules);
      const bypass = Array.isArray(rules?.bypass) ? rules.bypass.join(',') : str(rules?.bypass);
      return defined({
        isHnsEnabled: bool(v.is_hns_enabled),
        allowSharedKeyAccess: bool(v.shared_access_key_enabled),
        publicNetworkAccess: enabled(v.public_network_access_enabled),
        networkAcls: rules ? defined({ defaultAction: str(rules.default_action), bypass }) : undefined,
      });
    }
    case 'azurerm_private_endpoint': {
      // One `private_service_connection` block; a target or subnet known only after apply (and not wired to a
      // resource of the configuration) is null, which the mapping reads as unknown rather than as no endpoint.
      const connection = block(v.private_service_connection);
      if (!connection) return {};
      const groups = Array.isArray(connection.subresource_names) ? connection.subresource_names : undefined;
      const link = {
        name: str(connection.name),
        properties: defined({
          privateLinkServiceId: lookup.refId(resource, 'private_service_connection', 0, 'private_connection_resource_id') ?? null,
          groupIds: groups,
        }),
      };
      return defined({
        subnet: { id: lookup.refId(resource, 'subnet_id') ?? null },
        [connection.is_manual_connection === true ? 'manualPrivateLinkServiceConnections' : 'privateLinkServiceConnections']: [link],
      });
    }
    case 'azurerm_key_vault':
      return defined({
        enableRbacAuthorization: bool(v.rbac_authorization_enabled) ?? bool(v.enable_rbac_authorization),
        publicNetworkAccess: enabled(v.public_network_access_enabled),
        tenantId: str(v.tenant_id),
      });
    case 'azurerm_container_registry': {
      const rules = block(v.network_rule_set);
      return defined({
        loginServer: str(v.login_server),
        adminUserEnabled: bool(v.admin_enabled),
        publicNetworkAccess: enabled(v.public_network_access_enabled),
        networkRuleBypassOptions: str(v.network_rule_bypass_option),
        networkRuleSet: rules
          ? {
              defaultAction: str(rules.default_action),
              ipRules: Array.isArray(rules.ip_rule) ? rules.ip_rule : [],
              virtualNetworkRules: Array.isArray(rules.virtual_network) ? rules.virtual_network : [],
            }
          : undefined,
      });
    }
    case 'azurerm_user_assigned_identity':
      return defined({
        principalId: str(v.principal_id),
        clientId: str(v.client_id),
        tenantId: str(v.tenant_id),
      });
    case 'azurerm_machine_learning_compute_cluster':
    case 'azurerm_machine_learning_compute_instance': {
      const instance = resource.type === 'azurerm_machine_learning_compute_instance';
      const user = block(v.assign_to_user);
      const subnet = lookup.refId(resource, 'subnet_resource_id');
      return defined({
        computeType: instance ? 'ComputeInstance' : 'AmlCompute',
        disableLocalAuth: typeof v.local_auth_enabled === 'boolean' ? !v.local_auth_enabled : undefined,
        properties: defined({
          vmSize: str(instance ? v.virtual_machine_size : v.vm_size),
          subnet: subnet !== undefined ? { id: subnet } : undefined,
          personalComputeInstanceSettings:
            user && str(user.object_id) !== undefined
              ? { assignedUser: { objectId: user.object_id } }
              : undefined,
        }),
      });
    }
    case 'azurerm_machine_learning_inference_cluster':
    case 'azurerm_machine_learning_synapse_spark': {
      // Attached computes: the kind comes from the resource type, the cluster or pool it attaches from its id.
      const type = computeTypeFrom(resource.type);
      const inference = resource.type === 'azurerm_machine_learning_inference_cluster';
      return defined({
        computeType: type === undefined ? undefined : COMPUTE_KINDS[type].arm,
        resourceId: lookup.refId(resource, inference ? 'kubernetes_cluster_id' : 'synapse_spark_pool_id'),
        disableLocalAuth: typeof v.local_auth_enabled === 'boolean' ? !v.local_auth_enabled : undefined,
      });
    }
    case 'azurerm_machine_learning_datastore_blobstorage':
    case 'azurerm_machine_learning_datastore_datalake_gen2':
    case 'azurerm_machine_learning_datastore_fileshare': {
      // Which credential the datastore holds is read from the values before the sensitive ones were removed;
      // the values themselves are never kept.
      const has = (key: string) => raw[key] !== undefined && raw[key] !== null && raw[key] !== '';
      const credentialsType = has('account_key')
        ? 'AccountKey'
        : has('shared_access_signature')
          ? 'Sas'
          : has('client_id')
            ? 'ServicePrincipal'
            : 'None';
      const datastoreType =
        resource.type === 'azurerm_machine_learning_datastore_blobstorage'
          ? 'AzureBlob'
          : resource.type === 'azurerm_machine_learning_datastore_fileshare'
            ? 'AzureFile'
            : 'AzureDataLakeGen2';
      return defined({
        datastoreType,
        ...container(v.storage_container_id ?? v.storage_fileshare_id),
        credentials: { credentialsType },
        serviceDataAccessAuthIdentity: str(v.service_data_auth_identity) ?? str(v.service_data_identity),
        isDefault: bool(v.is_default),
      });
    }
    default:
      return {};
  }
}

/** An azurerm resource in the ARM shape, or undefined when its id cannot be known. */
export function azurermToArm(lookup: Lookup, resource: TerraformResource, raw: Rec): Rec | undefined {
  const type = AZURERM_TYPES[resource.type];
  const id = lookup.id(resource);
  if (type === undefined || id === undefined) return undefined;
  const v = resource.values;
  return defined({
    id,
    type,
    name: str(v.name),
    location: str(v.location),
    kind: resource.type === 'azurerm_machine_learning_workspace' ? str(v.kind) : undefined,
    tags: isRec(v.tags) ? v.tags : undefined,
    identity: identityOf(lookup, resource, v.identity),
    properties: propertiesOf(lookup, resource, raw),
  });
}

/** An `azapi_resource` in the ARM shape: its `type` without the API version, its `body` as the resource body. */
export function azapiToArm(lookup: Lookup, resource: TerraformResource): Rec | undefined {
  const v = resource.values;
  const type = str(v.type)?.split('@')[0];
  const id = lookup.id(resource);
  if (type === undefined || id === undefined) return undefined;
  // azapi 1.x wrote the body as a JSON string; 2.x writes an object.
  const rest = bodyOf(v.body) ?? {};
  return defined({
    ...rest,
    id,
    type,
    name: str(v.name),
    location: str(v.location) ?? str(rest.location),
    tags: isRec(v.tags) ? v.tags : undefined,
    identity: identityOf(lookup, resource, v.identity) ?? (isRec(rest.identity) ? rest.identity : undefined),
  });
}

/** An azapi `body`: an object (azapi 2.x), or the JSON text azapi 1.x wrote; undefined when it is neither. */
function bodyOf(value: unknown): Rec | undefined {
  let body = value;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return isRec(body) ? body : undefined;
}

/**
 * An `azapi_update_resource` as the ARM shape of the part of its target it sets: the target's id (`resource_id`, or
 * `parent_id` and `name`), its `type` without the API version, and its `body`. Undefined when the target cannot be
 * known (an id known only after apply and not wired to a resource of the configuration).
 */
export function azapiUpdateToArm(lookup: Lookup, resource: TerraformResource): Rec | undefined {
  const v = resource.values;
  const type = str(v.type)?.split('@')[0];
  const id = lookup.refId(resource, 'resource_id') ?? azapiId(lookup, resource);
  if (type === undefined || id === undefined) return undefined;
  const body = bodyOf(v.body) ?? {};
  // Only the settings a patch can change: the body's `properties` and `identity`; a body's `location` or `tags`
  // are not what the access map reads from a patch.
  return defined({
    properties: isRec(body.properties) ? body.properties : undefined,
    identity: isRec(body.identity) ? body.identity : undefined,
    id,
    type,
  });
}

/** The ARM id of an azapi resource: its parent's id and the last type segment, or a provider path. */
export function azapiId(lookup: Lookup, resource: TerraformResource): string | undefined {
  const type = str(resource.values.type)?.split('@')[0];
  const name = str(resource.values.name);
  const parent = lookup.refId(resource, 'parent_id');
  if (type === undefined || name === undefined || parent === undefined) return undefined;
  const segments = type.split('/');
  // A top-level type (`Provider/type`) sits under a resource group; a child type under its parent resource.
  if (segments.length === 2) return `${parent.replace(/\/+$/, '')}/providers/${type}/${name}`;
  return `${parent.replace(/\/+$/, '')}/${segments[segments.length - 1] ?? ''}/${name}`;
}
