import { entityId } from '../../model/ids';
import type {
  AksCluster,
  ApplicationInsights,
  ContainerRegistry,
  Group,
  KeyVault,
  ManagementGroup,
  PrivateEndpointLink,
  ResourceGroup,
  ServicePrincipal,
  StorageAccount,
  Subscription,
  User,
  UserAssignedIdentity,
  Workspace,
} from '../../model/types';
import { quote } from '../core/source';
import type { Path, Rec } from '../core/context';
import { choice, declare, field, reference, type EntityDeclaration } from './declaration';
import { AZURE_DEFAULTS } from '../core/azml-vocabulary';
import { managedIdentity, readPlannedUpdate, SYSTEM_IDENTITY } from './identities';
import { managementGroupArmId, resourceGroupArmId, subscriptionArmId, systemIdentityName } from '../core/naming';
import type { NativeReading } from './reading';

/**
 * The declarations of the scope tree (management groups, subscriptions, resource groups), the resources in
 * resource groups, and the principals of the native format: where each entry is placed, its defaults, its fields
 * and the fields that refer to other entities.
 */

const PUBLIC_NETWORK_ACCESS = choice('public_network_access', ['Enabled', 'Disabled']);

/**
 * `private_endpoints` of a storage account, key vault, registry or workspace: one mapping per endpoint, each part
 * optional (`id`, `group_ids`, `subnet`, `status`), since an export may name an endpoint without the rest.
 */
function readPrivateEndpoints(
  r: NativeReading,
  entity: StorageAccount | KeyVault | ContainerRegistry | Workspace,
  obj: Rec,
  path: Path,
): void {
  if (obj.private_endpoints === undefined) return;
  const listPath = [...path, 'private_endpoints'];
  const links: PrivateEndpointLink[] = [];
  r.ctx.list(obj.private_endpoints, listPath).forEach((item, index) => {
    const itemPath = [...listPath, index];
    const entry = r.ctx.map(item, itemPath, 'a private endpoint mapping (`id`, `group_ids`, `subnet`, `status`)');
    if (!entry) return;
    r.ctx.checkKeys(entry, itemPath, ['id', 'group_ids', 'subnet', 'status']);
    const link: PrivateEndpointLink = {};
    const id = r.ctx.str(entry, 'id', itemPath);
    if (id !== undefined) link.endpoint = id;
    const groupIds = r.ctx.strings(entry, 'group_ids', itemPath);
    if (groupIds !== undefined && groupIds.length > 0) link.groupIds = groupIds;
    const subnet = r.ctx.str(entry, 'subnet', itemPath);
    if (subnet !== undefined) link.subnet = subnet;
    const status = r.ctx.str(entry, 'status', itemPath);
    if (status !== undefined) link.status = status;
    link.sources = [r.ctx.source(itemPath)];
    links.push(link);
  });
  entity.privateEndpoints = links;
}

const managementGroup = declare<ManagementGroup>({
  section: 'management_groups',
  collection: 'managementGroups',
  create(r, obj, path) {
    const explicit = r.ctx.str(obj, 'id', path);
    let name = r.ctx.str(obj, 'name', path, { required: explicit === undefined });
    let armId: string;
    if (explicit !== undefined) {
      const match = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(explicit.trim());
      if (!match) {
        r.ctx.error(
          [...path, 'id'],
          `expected a management group id (\`/providers/Microsoft.Management/managementGroups/<name>\`), found ${quote(explicit, 120)}`,
        );
        return undefined;
      }
      if (name !== undefined && name.toLowerCase() !== (match[1] ?? '').toLowerCase()) {
        r.ctx.error(
          [...path, 'name'],
          `\`name\` says ${quote(name)} but \`id\` ends in ${quote(match[1])}; they must agree`,
        );
        return undefined;
      }
      name ??= match[1] ?? '';
      armId = explicit.trim();
    } else {
      if (name === undefined || !r.validName(name, path)) return undefined;
      armId = managementGroupArmId(name);
    }
    return { id: entityId(armId), kind: 'managementGroup', name, armId, source: r.ctx.source(path) };
  },
  fields: [field('display_name', 'str')],
  references: [reference('parent', { notSelf: 'a management group cannot be its own parent' })],
});

const subscription = declare<Subscription>({
  section: 'subscriptions',
  collection: 'subscriptions',
  create(r, obj, path) {
    const rawId = r.ctx.str(obj, 'id', path, { required: true, what: 'the subscription GUID' });
    const name =
      r.ctx.str(obj, 'name', path) ??
      (rawId !== undefined ? rawId.replace(/^\/subscriptions\//i, '') : undefined);
    if (rawId === undefined || name === undefined) return undefined;
    // A GUID, or the stand-in `<subscription-id>` that az ml YAML naming no subscription is read under (so an
    // estate written from such an import reads back; the stand-in is kept as written, never taken for a GUID).
    const match =
      /^(?:\/subscriptions\/)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|<[\w.-]+>)\/?$/i.exec(
        rawId.trim(),
      );
    if (!match) {
      r.ctx.error(
        [...path, 'id'],
        `expected the subscription GUID (or \`/subscriptions/<GUID>\`), found ${quote(rawId)}`,
      );
      return undefined;
    }
    const subscriptionId = (match[1] ?? '').toLowerCase();
    const armId = rawId.trim().startsWith('/')
      ? rawId.trim().replace(/\/$/, '')
      : subscriptionArmId(subscriptionId);
    return {
      id: entityId(armId),
      kind: 'subscription',
      name,
      armId,
      subscriptionId,
      source: r.ctx.source(path),
    };
  },
  fields: [field('display_name', 'str'), field('tenant_id', 'guid')],
  references: [reference('management_group')],
});

const resourceGroup = declare<ResourceGroup>({
  section: 'resource_groups',
  collection: 'resourceGroups',
  create(r, obj, path) {
    const parts = r.placed(
      obj,
      path,
      {
        pattern: /^(\/subscriptions\/[^/]+)\/resourceGroups\/([^/]+)$/i,
        expected: 'a resource group id (`/subscriptions/<id>/resourceGroups/<name>`)',
        parentField: 'subscription',
        parentKind: 'subscription',
      },
      (name, subscription) => resourceGroupArmId(subscription.armId, name),
    );
    if (!parts) return undefined;
    return {
      id: entityId(parts.armId),
      kind: 'resourceGroup',
      name: parts.name,
      armId: parts.armId,
      subscription: parts.parent.id,
      source: r.ctx.source(path),
    };
  },
  fields: [field('location', 'str')],
});

const userAssignedIdentity = declare<UserAssignedIdentity>({
  section: 'user_assigned_identities',
  collection: 'userAssignedIdentities',
  placement: { in: 'resourceGroup', kind: 'userAssignedIdentity' },
  // Client and principal ids are read now: references by GUID need them from the start.
  early: [field('client_id', 'guid'), field('principal_id', 'guid'), field('tenant_id', 'guid')],
});

const storageAccount = declare<StorageAccount>({
  section: 'storage_accounts',
  collection: 'storageAccounts',
  placement: { in: 'resourceGroup', kind: 'storageAccount', globallyUniqueName: true },
  defaults: AZURE_DEFAULTS.storageAccount,
  fields: [
    field('tenant_id', 'guid'),
    field('is_hns_enabled', 'bool'),
    field('allow_shared_key_access', 'bool'),
    choice('network', ['public', 'selected_networks', 'trusted_services', 'private_endpoint']),
    readPrivateEndpoints,
  ],
});

function permissionNames(r: NativeReading, obj: Rec, key: string, path: Path): string[] {
  return (r.ctx.strings(obj, key, path) ?? []).map((name) => name.trim().toLowerCase());
}

/** `access_policies` of a key vault under the access-policy model. */
function readAccessPolicies(r: NativeReading, vault: KeyVault, obj: Rec, path: Path): void {
  r.ctx.list(obj.access_policies, [...path, 'access_policies']).forEach((item, index) => {
    const policyPath = [...path, 'access_policies', index];
    const policy = r.ctx.map(
      item,
      policyPath,
      'an access policy mapping (`principal`, `secrets`, `keys`, `certificates`)',
    );
    if (!policy) return;
    r.ctx.checkKeys(policy, policyPath, ['principal', 'object_id', 'keys', 'secrets', 'certificates']);
    const who = policy.principal ?? policy.object_id;
    if (who === undefined) {
      r.ctx.error(policyPath, 'missing `principal`: say who the access policy is for');
      return;
    }
    const principal = r.principal(who, [
      ...policyPath,
      policy.principal !== undefined ? 'principal' : 'object_id',
    ]);
    if (principal === undefined) return;
    vault.accessPolicies.push({
      principal,
      keys: permissionNames(r, policy, 'keys', policyPath),
      secrets: permissionNames(r, policy, 'secrets', policyPath),
      certificates: permissionNames(r, policy, 'certificates', policyPath),
    });
  });
}

const keyVault = declare<KeyVault>({
  section: 'key_vaults',
  collection: 'keyVaults',
  placement: { in: 'resourceGroup', kind: 'keyVault', globallyUniqueName: true },
  defaults: AZURE_DEFAULTS.keyVault,
  fields: [field('enable_rbac_authorization', 'bool'), PUBLIC_NETWORK_ACCESS, readAccessPolicies, readPrivateEndpoints],
});

const containerRegistry = declare<ContainerRegistry>({
  section: 'container_registries',
  collection: 'containerRegistries',
  placement: { in: 'resourceGroup', kind: 'containerRegistry', globallyUniqueName: true },
  defaults: AZURE_DEFAULTS.containerRegistry,
  fields: [
    field('login_server', 'str'),
    field('admin_user_enabled', 'bool'),
    PUBLIC_NETWORK_ACCESS,
    choice('role_assignment_mode', ['legacy', 'abac'], {
      aliases: { LegacyRegistryPermissions: 'legacy', AbacRepositoryPermissions: 'abac' },
    }),
    choice('network_restriction', ['none', 'private_endpoint', 'ip_rules', 'service_endpoint']),
    field('trusted_services_allowed', 'bool'),
    field('created_on', 'date'),
    readPrivateEndpoints,
  ],
});

const applicationInsights = declare<ApplicationInsights>({
  section: 'application_insights',
  collection: 'applicationInsights',
  placement: { in: 'resourceGroup', kind: 'applicationInsights' },
});

/** `managed_network`, `customer_managed_key` and `planned_update` of a workspace. */
function readWorkspaceBlocks(r: NativeReading, workspace: Workspace, obj: Rec, path: Path): void {
  const network = r.ctx.map(obj.managed_network, [...path, 'managed_network']);
  if (network) {
    const networkPath = [...path, 'managed_network'];
    r.ctx.checkKeys(
      network,
      networkPath,
      ['isolation_mode'],
      ['outbound_rules', 'firewall_sku', 'network_id', 'status'],
    );
    workspace.managedNetwork = {
      isolationMode:
        r.ctx.oneOf(network, 'isolation_mode', networkPath, [
          'disabled',
          'allow_internet_outbound',
          'allow_only_approved_outbound',
        ] as const) ?? 'disabled',
    };
  }
  const cmk = r.ctx.map(obj.customer_managed_key, [...path, 'customer_managed_key']);
  if (cmk) {
    const cmkPath = [...path, 'customer_managed_key'];
    r.ctx.checkKeys(cmk, cmkPath, ['key_vault', 'key_uri', 'user_assigned_identity']);
    if (cmk.key_vault === undefined)
      r.ctx.error(cmkPath, 'missing `key_vault`: say which key vault holds the key');
    const vault = r.refId(cmk.key_vault, [...cmkPath, 'key_vault'], 'keyVault');
    if (vault !== undefined) {
      const key: NonNullable<Workspace['customerManagedKey']> = { keyVault: vault };
      const keyUri = r.ctx.str(cmk, 'key_uri', cmkPath);
      if (keyUri !== undefined) key.keyUri = keyUri;
      const uai = r.identityRef(cmk.user_assigned_identity, [...cmkPath, 'user_assigned_identity']);
      if (uai !== undefined) key.userAssignedIdentity = uai;
      workspace.customerManagedKey = key;
    }
  }
  const found = readPlannedUpdate(r, obj, path, ['identity', 'primary_user_assigned_identity']);
  if (!found) return;
  const { update, updatePath, planned } = found;
  workspace.plannedUpdate = planned;
  const next = r.identityRef(update.primary_user_assigned_identity, [
    ...updatePath,
    'primary_user_assigned_identity',
  ]);
  if (next !== undefined) workspace.plannedUpdate.primaryUserAssignedIdentity = next;
}

const workspace = declare<Workspace>({
  section: 'workspaces',
  collection: 'workspaces',
  placement: { in: 'resourceGroup', kind: 'workspace' },
  defaults: AZURE_DEFAULTS.workspace,
  systemIdentity: { byDefault: true, name: (entity) => systemIdentityName('workspace', entity.name) },
  fields: [
    choice('kind', ['default', 'hub', 'project'], { to: 'workspaceKind' }),
    field('location', 'str'),
    field('tenant_id', 'guid'),
    (r, entity, obj, path) => {
      entity.identity = managedIdentity(r, obj.identity, [...path, 'identity'], SYSTEM_IDENTITY);
    },
    PUBLIC_NETWORK_ACCESS,
    choice('system_datastores_auth_mode', ['accesskey', 'identity']),
    readWorkspaceBlocks,
    field('image_build_compute', 'str'),
    field('allow_roleassignment_on_rg', 'bool', 'allowRoleAssignmentOnRg'),
    field('enable_data_isolation', 'bool'),
    field('created_on', 'date'),
    readPrivateEndpoints,
  ],
  references: [
    reference('primary_user_assigned_identity'),
    reference('storage_account'),
    reference('key_vault'),
    reference('container_registry'),
    reference('application_insights'),
    reference('hub', { notSelf: 'a workspace cannot be its own hub' }),
  ],
});

function isServicePrincipalIdentity(raw: unknown): boolean {
  const type =
    typeof raw === 'string' ? raw : typeof raw === 'object' && raw !== null ? (raw as Rec).type : undefined;
  return typeof type === 'string' && type.toLowerCase().replace(/[-_\s]/g, '') === 'serviceprincipal';
}

const aksCluster = declare<AksCluster>({
  section: 'aks_clusters',
  collection: 'aksClusters',
  placement: { in: 'resourceGroup', kind: 'aksCluster' },
  defaults: () => ({
    clusterIdentity: {
      type: 'managed_identity' as const,
      identity: { ...SYSTEM_IDENTITY, userAssigned: [] },
    },
  }),
  systemIdentity: {
    byDefault: true,
    name: (entity) => systemIdentityName('aksCluster', entity.name),
    applies: (obj) => !isServicePrincipalIdentity(obj.identity),
  },
  references: [reference('attached_workspace')],
  fields: [
    (r, cluster, obj, path) => {
      const identityPath = [...path, 'identity'];
      if (!isServicePrincipalIdentity(obj.identity)) {
        cluster.clusterIdentity = {
          type: 'managed_identity',
          identity: managedIdentity(r, obj.identity, identityPath, SYSTEM_IDENTITY),
        };
        return;
      }
      const identityObj =
        typeof obj.identity === 'object' && obj.identity !== null ? (obj.identity as Rec) : {};
      r.ctx.checkKeys(identityObj, identityPath, ['type', 'service_principal']);
      const principal = r.servicePrincipalRef(identityObj.service_principal, [
        ...identityPath,
        'service_principal',
      ]);
      cluster.clusterIdentity =
        principal !== undefined
          ? { type: 'service_principal', servicePrincipal: principal }
          : { type: 'service_principal' };
    },
  ],
});

const user = declare<User>({
  section: 'users',
  collection: 'users',
  placement: { in: 'directory', kind: 'user' },
  early: [field('user_principal_name', 'str')],
});

const group = declare<Group>({
  section: 'groups',
  collection: 'groups',
  placement: { in: 'directory', kind: 'group' },
  defaults: () => ({ members: [] }),
  references: [
    (r, entity, obj, path) => {
      r.ctx.list(obj.members, [...path, 'members'], 'a list of members').forEach((member, index) => {
        const id = r.principal(member, [...path, 'members', index]);
        if (id === undefined) return;
        if (id === entity.id)
          r.ctx.error([...path, 'members', index], 'a group cannot be a member of itself');
        else if (entity.members.includes(id))
          r.ctx.warn(
            [...path, 'members', index],
            `${quote(member)} is listed twice; the second mention is ignored`,
          );
        else entity.members.push(id);
      });
    },
  ],
});

const servicePrincipal = declare<ServicePrincipal>({
  section: 'service_principals',
  collection: 'servicePrincipals',
  placement: { in: 'directory', kind: 'servicePrincipal' },
  early: [field('app_id', 'guid'), field('well_known', 'str')],
});

/** Declarations of the scope tree, in the order they are read (parents first). */
export const SCOPE_DECLARATIONS: readonly EntityDeclaration[] = [
  managementGroup,
  subscription,
  resourceGroup,
];

/** Declarations of resources in resource groups, in the order they are read (what others refer to first). */
export const RESOURCE_DECLARATIONS: readonly EntityDeclaration[] = [
  userAssignedIdentity,
  storageAccount,
  keyVault,
  containerRegistry,
  applicationInsights,
  workspace,
  aksCluster,
];

/** Declarations of users, groups and service principals. */
export const PRINCIPAL_DECLARATIONS: readonly EntityDeclaration[] = [user, group, servicePrincipal];
