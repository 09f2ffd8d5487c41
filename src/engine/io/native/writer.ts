import { Document, isScalar, visit } from 'yaml';
import { allEntities, identityTypeOf } from '../../model/estate';
import { isGuid, type EntityId } from '../../model/ids';
import type {
  Entity,
  EntityKind,
  Estate,
  JobDataBinding,
  JobEnvironment,
  JobIdentity,
  ManagedIdentitySetting,
  PrivateEndpointLink,
  Permission,
  RoleDefinition,
} from '../../model/types';
import {
  childArmId,
  datastoreNameInPath,
  defaultDenyAssignmentId,
  defaultLoginServer,
  defaultRoleAssignmentId,
  denyAssignmentArmId,
  managementGroupArmId,
  principalEntityId,
  resourceArmId,
  resourceGroupArmId,
  roleAssignmentArmId,
  subscriptionArmId,
  type ChildResourceKind,
  type TopLevelResourceKind,
} from '../core/naming';
import { EstateIndex } from './resolver';

type Out = Record<string, unknown>;

/** Sets `key` only when the value says something: absent, empty lists and defaults are left out. */
function put(out: Out, key: string, value: unknown, skip?: unknown): void {
  if (value === undefined || value === skip) return;
  if (Array.isArray(value) && value.length === 0) return;
  out[key] = value;
}

function lowerAccess(value: 'Enabled' | 'Disabled'): string | undefined {
  return value === 'Enabled' ? undefined : 'disabled';
}

class NativeWriter {
  private readonly index = new EstateIndex();

  constructor(private readonly estate: Estate) {
    for (const entity of allEntities(estate)) this.index.add(entity);
    for (const role of estate.roleDefinitions) this.index.addRole(role);
  }

  private get(id: EntityId | undefined): Entity | undefined {
    return id === undefined ? undefined : this.index.get(id);
  }

  /** A reference by name when that reads back as the same entity, else by id. */
  private ref(id: EntityId | undefined, kinds: readonly EntityKind[], within?: EntityId): string | undefined {
    if (id === undefined) return undefined;
    const entity = this.get(id);
    return entity ? this.index.entityReference(entity, kinds, within) : id;
  }

  private principal(id: EntityId | undefined): string | undefined {
    return id === undefined ? undefined : this.index.principalReference(id);
  }

  /** The parent field, left out when the estate has only one entity of that kind (the reader then picks it). */
  private parentRef(id: EntityId, kind: EntityKind): string | undefined {
    if (this.index.ofKind(kind).length === 1 && this.index.ofKind(kind)[0]?.id === id) return undefined;
    return this.ref(id, [kind]);
  }

  private base(entity: Entity, defaultId: string | undefined): Out {
    const out: Out = { name: entity.name };
    if (entity.id !== defaultId) out.id = entity.id;
    return out;
  }

  /** `private_endpoints`, written whenever the model holds the list: an empty one says there are none. */
  private privateEndpoints(out: Out, links: readonly PrivateEndpointLink[] | undefined): void {
    if (links === undefined) return;
    out.private_endpoints = links.map((link) => {
      const entry: Out = {};
      put(entry, 'id', link.endpoint);
      put(entry, 'group_ids', link.groupIds);
      put(entry, 'subnet', link.subnet);
      put(entry, 'status', link.status);
      return entry;
    });
  }

  private common(out: Out, entity: Entity): Out {
    put(out, 'description', entity.description);
    put(out, 'tags', entity.tags);
    return out;
  }

  private identity(setting: ManagedIdentitySetting, owner?: EntityId): Out {
    const out: Out = { type: identityTypeOf(setting) };
    put(
      out,
      'user_assigned_identities',
      setting.userAssigned.map((id) => this.principal(id)),
    );
    if (owner !== undefined && setting.system) {
      const sai = this.index.systemIdentityOf(owner);
      put(out, 'principal_id', sai?.principalId);
    }
    return out;
  }

  private jobIdentity(identity: JobIdentity): Out | undefined {
    if (identity.type === 'unset') return undefined;
    const out: Out = { type: identity.type };
    put(out, 'user_assigned_identity', this.principal(identity.userAssignedIdentity));
    return out;
  }

  private bindings(list: readonly JobDataBinding[], workspace: EntityId): Out | undefined {
    if (list.length === 0) return undefined;
    const out: Out = {};
    for (const binding of list) {
      const entry: Out = {};
      put(entry, 'path', binding.path);
      put(entry, 'mode', binding.mode);
      if (binding.datastore !== undefined) {
        const fromPath = binding.path !== undefined ? datastoreNameInPath(binding.path) : undefined;
        const resolved =
          fromPath !== undefined
            ? this.index.resolveEntity(fromPath, ['datastore'], 'datastore', workspace)
            : undefined;
        if (!resolved || !('value' in resolved) || resolved.value.id !== binding.datastore) {
          entry.datastore = this.ref(binding.datastore, ['datastore'], workspace);
        }
      }
      out[binding.name] = entry;
    }
    return out;
  }

  private environment(environment: JobEnvironment | undefined): Out | undefined {
    if (!environment) return undefined;
    const out: Out = {};
    put(out, 'image', environment.image);
    out.build = environment.build;
    return out;
  }

  private compute(compute: EntityId | 'serverless' | undefined, workspace: EntityId): string | undefined {
    if (compute === 'serverless') return 'serverless';
    return this.ref(compute, ['compute'], workspace);
  }

  private permissionFields(out: Out, permission: Permission): void {
    put(out, 'actions', permission.actions);
    put(out, 'not_actions', permission.notActions);
    put(out, 'data_actions', permission.dataActions);
    put(out, 'not_data_actions', permission.notDataActions);
    put(out, 'condition', permission.condition);
  }

  private resourceBase(
    entity: Entity & { armId: string; resourceGroup: EntityId },
    kind: TopLevelResourceKind,
  ): Out {
    const group = this.get(entity.resourceGroup);
    const defaultId = group && 'armId' in group ? resourceArmId(group.armId, kind, entity.name) : undefined;
    const out = this.base(entity, defaultId);
    put(out, 'resource_group', this.parentRef(entity.resourceGroup, 'resourceGroup'));
    return out;
  }

  private childBase(
    entity: Entity & { armId: string },
    kind: ChildResourceKind,
    parentId: EntityId,
    parentKind: EntityKind,
    field: string,
  ): Out {
    const parent = this.get(parentId);
    const defaultId = parent && 'armId' in parent ? childArmId(parent.armId, kind, entity.name) : undefined;
    const out = this.base(entity, defaultId);
    put(out, field, this.parentRef(parentId, parentKind));
    return out;
  }

  document(): Out {
    const estate = this.estate;
    const doc: Out = { version: 1, name: estate.name };
    put(doc, 'description', estate.description);
    doc.assignments = estate.assignmentsOrigin;
    put(doc, 'tenant_id', estate.tenantId);

    put(
      doc,
      'management_groups',
      estate.managementGroups.map((group) => {
        const out = this.base(group, managementGroupArmId(group.name));
        put(out, 'display_name', group.displayName);
        put(out, 'parent', this.ref(group.parent, ['managementGroup']));
        return this.common(out, group);
      }),
    );

    put(
      doc,
      'subscriptions',
      estate.subscriptions.map((subscription) => {
        const out: Out = { name: subscription.name };
        out.id =
          subscription.armId === subscriptionArmId(subscription.subscriptionId)
            ? subscription.subscriptionId
            : subscription.armId;
        put(out, 'display_name', subscription.displayName);
        put(out, 'management_group', this.ref(subscription.managementGroup, ['managementGroup']));
        put(out, 'tenant_id', subscription.tenantId);
        return this.common(out, subscription);
      }),
    );

    put(
      doc,
      'resource_groups',
      estate.resourceGroups.map((group) => {
        const subscription = this.get(group.subscription);
        const out = this.base(
          group,
          subscription && 'armId' in subscription
            ? resourceGroupArmId(subscription.armId, group.name)
            : undefined,
        );
        put(out, 'subscription', this.parentRef(group.subscription, 'subscription'));
        put(out, 'location', group.location);
        return this.common(out, group);
      }),
    );

    put(
      doc,
      'workspaces',
      estate.workspaces.map((workspace) => {
        const out = this.resourceBase(workspace, 'workspace');
        put(out, 'kind', workspace.workspaceKind, 'default');
        put(out, 'location', workspace.location);
        put(out, 'tenant_id', workspace.tenantId);
        out.identity = this.identity(workspace.identity, workspace.id);
        put(out, 'primary_user_assigned_identity', this.principal(workspace.primaryUserAssignedIdentity));
        put(out, 'storage_account', this.ref(workspace.storageAccount, ['storageAccount']));
        put(out, 'key_vault', this.ref(workspace.keyVault, ['keyVault']));
        put(out, 'container_registry', this.ref(workspace.containerRegistry, ['containerRegistry']));
        put(out, 'application_insights', this.ref(workspace.applicationInsights, ['applicationInsights']));
        put(out, 'public_network_access', lowerAccess(workspace.publicNetworkAccess));
        put(out, 'system_datastores_auth_mode', workspace.systemDatastoresAuthMode, 'accesskey');
        if (workspace.managedNetwork.isolationMode !== 'disabled')
          out.managed_network = { isolation_mode: workspace.managedNetwork.isolationMode };
        if (workspace.customerManagedKey) {
          const cmk: Out = { key_vault: this.ref(workspace.customerManagedKey.keyVault, ['keyVault']) };
          put(cmk, 'key_uri', workspace.customerManagedKey.keyUri);
          put(
            cmk,
            'user_assigned_identity',
            this.principal(workspace.customerManagedKey.userAssignedIdentity),
          );
          out.customer_managed_key = cmk;
        }
        put(out, 'image_build_compute', workspace.imageBuildCompute);
        put(out, 'allow_roleassignment_on_rg', workspace.allowRoleAssignmentOnRg);
        put(out, 'enable_data_isolation', workspace.enableDataIsolation);
        put(out, 'created_on', workspace.createdOn);
        put(out, 'hub', this.ref(workspace.hub, ['workspace']));
        if (workspace.plannedUpdate) {
          const update: Out = {};
          if (workspace.plannedUpdate.identity)
            update.identity = this.identity(workspace.plannedUpdate.identity);
          put(
            update,
            'primary_user_assigned_identity',
            this.principal(workspace.plannedUpdate.primaryUserAssignedIdentity),
          );
          out.planned_update = update;
        }
        this.privateEndpoints(out, workspace.privateEndpoints);
        return this.common(out, workspace);
      }),
    );

    put(
      doc,
      'storage_accounts',
      estate.storageAccounts.map((account) => {
        const out = this.resourceBase(account, 'storageAccount');
        put(out, 'tenant_id', account.tenantId);
        put(out, 'is_hns_enabled', account.isHnsEnabled, false);
        put(out, 'allow_shared_key_access', account.allowSharedKeyAccess, true);
        put(out, 'network', account.network, 'public');
        this.privateEndpoints(out, account.privateEndpoints);
        return this.common(out, account);
      }),
    );

    put(
      doc,
      'key_vaults',
      estate.keyVaults.map((vault) => {
        const out = this.resourceBase(vault, 'keyVault');
        put(out, 'enable_rbac_authorization', vault.enableRbacAuthorization, false);
        put(out, 'public_network_access', lowerAccess(vault.publicNetworkAccess));
        put(
          out,
          'access_policies',
          vault.accessPolicies.map((policy) => {
            const entry: Out = { principal: this.principal(policy.principal) };
            put(entry, 'keys', policy.keys);
            put(entry, 'secrets', policy.secrets);
            put(entry, 'certificates', policy.certificates);
            return entry;
          }),
        );
        this.privateEndpoints(out, vault.privateEndpoints);
        return this.common(out, vault);
      }),
    );

    put(
      doc,
      'container_registries',
      estate.containerRegistries.map((registry) => {
        const out = this.resourceBase(registry, 'containerRegistry');
        put(out, 'login_server', registry.loginServer, defaultLoginServer(registry.name));
        put(out, 'admin_user_enabled', registry.adminUserEnabled, false);
        put(out, 'public_network_access', lowerAccess(registry.publicNetworkAccess));
        put(out, 'role_assignment_mode', registry.roleAssignmentMode, 'legacy');
        put(out, 'network_restriction', registry.networkRestriction, 'none');
        put(out, 'trusted_services_allowed', registry.trustedServicesAllowed, true);
        put(out, 'created_on', registry.createdOn);
        this.privateEndpoints(out, registry.privateEndpoints);
        return this.common(out, registry);
      }),
    );

    put(
      doc,
      'application_insights',
      estate.applicationInsights.map((component) =>
        this.common(this.resourceBase(component, 'applicationInsights'), component),
      ),
    );

    put(
      doc,
      'user_assigned_identities',
      estate.userAssignedIdentities.map((uai) => {
        const out = this.resourceBase(uai, 'userAssignedIdentity');
        put(out, 'client_id', uai.clientId);
        put(out, 'principal_id', uai.principalId);
        put(out, 'tenant_id', uai.tenantId);
        return this.common(out, uai);
      }),
    );

    put(
      doc,
      'users',
      estate.users.map((user) => {
        const out = this.base(user, principalEntityId('user', user.name, user.objectId));
        put(out, 'object_id', user.objectId);
        put(out, 'user_principal_name', user.userPrincipalName);
        return this.common(out, user);
      }),
    );

    put(
      doc,
      'groups',
      estate.groups.map((group) => {
        const out = this.base(group, principalEntityId('group', group.name, group.objectId));
        put(out, 'object_id', group.objectId);
        put(
          out,
          'members',
          group.members.map((member) => this.principal(member)),
        );
        return this.common(out, group);
      }),
    );

    put(
      doc,
      'service_principals',
      estate.servicePrincipals.map((principal) => {
        const out = this.base(
          principal,
          principalEntityId('servicePrincipal', principal.name, principal.objectId),
        );
        put(out, 'object_id', principal.objectId);
        put(out, 'app_id', principal.appId);
        put(out, 'well_known', principal.wellKnown);
        return this.common(out, principal);
      }),
    );

    put(
      doc,
      'computes',
      estate.computes.map((compute) => {
        const out = this.childBase(compute, 'compute', compute.workspace, 'workspace', 'workspace');
        out.type = compute.computeType;
        out.identity = this.identity(compute.identity, compute.id);
        put(out, 'created_on', compute.createdOn);
        put(out, 'idle_time_before_shutdown', compute.idleTimeBeforeShutdown);
        put(out, 'assigned_user', this.principal(compute.assignedUser));
        put(out, 'disable_local_auth', compute.disableLocalAuth);
        put(out, 'size', compute.size);
        put(out, 'subnet', compute.subnet);
        return this.common(out, compute);
      }),
    );

    put(
      doc,
      'aks_clusters',
      estate.aksClusters.map((cluster) => {
        const out = this.resourceBase(cluster, 'aksCluster');
        put(out, 'attached_workspace', this.ref(cluster.attachedWorkspace, ['workspace']));
        if (cluster.clusterIdentity.type === 'service_principal') {
          const identity: Out = { type: 'service_principal' };
          put(identity, 'service_principal', this.principal(cluster.clusterIdentity.servicePrincipal));
          out.identity = identity;
        } else out.identity = this.identity(cluster.clusterIdentity.identity, cluster.id);
        return this.common(out, cluster);
      }),
    );

    put(
      doc,
      'online_endpoints',
      estate.onlineEndpoints.map((endpoint) => {
        const out = this.childBase(endpoint, 'onlineEndpoint', endpoint.workspace, 'workspace', 'workspace');
        put(out, 'kind', endpoint.endpointKind, 'managed');
        put(out, 'compute', this.ref(endpoint.compute, ['compute'], endpoint.workspace));
        put(out, 'auth_mode', endpoint.authMode, 'key');
        out.identity = this.identity(endpoint.identity, endpoint.id);
        if (endpoint.enforceAccessToDefaultSecretStores)
          out.properties = { enforce_access_to_default_secret_stores: 'enabled' };
        put(out, 'public_network_access', lowerAccess(endpoint.publicNetworkAccess));
        put(out, 'created_by', this.principal(endpoint.createdBy));
        put(out, 'created_on', endpoint.createdOn);
        if (endpoint.callers && endpoint.callers.length > 0) out.callers = endpoint.callers.map((caller) => this.principal(caller));
        if (endpoint.plannedUpdate) {
          const update: Out = {};
          if (endpoint.plannedUpdate.identity)
            update.identity = this.identity(endpoint.plannedUpdate.identity);
          out.planned_update = update;
        }
        return this.common(out, endpoint);
      }),
    );

    put(
      doc,
      'online_deployments',
      estate.onlineDeployments.map((deployment) => {
        const out = this.childBase(
          deployment,
          'onlineDeployment',
          deployment.endpoint,
          'onlineEndpoint',
          'endpoint',
        );
        put(out, 'image', deployment.image);
        put(out, 'model', deployment.model);
        put(out, 'created_by', this.principal(deployment.createdBy));
        if (Object.keys(deployment.environmentVariables).length > 0)
          out.environment_variables = { ...deployment.environmentVariables };
        return this.common(out, deployment);
      }),
    );

    put(
      doc,
      'datastores',
      estate.datastores.map((datastore) => {
        const out = this.childBase(datastore, 'datastore', datastore.workspace, 'workspace', 'workspace');
        out.type = datastore.datastoreType;
        const gen1 = datastore.datastoreType === 'azure_data_lake_gen1';
        put(out, gen1 ? 'store_name' : 'account_name', datastore.accountName);
        if (datastore.storageAccount !== undefined) {
          // Left out when the reader would find the same account from `account_name` alone.
          const named =
            !gen1 && datastore.accountName !== undefined
              ? this.index
                  .ofKind('storageAccount')
                  .filter((a) => a.name.toLowerCase() === datastore.accountName?.toLowerCase())
              : [];
          if (!(named.length === 1 && named[0]?.id === datastore.storageAccount))
            out.storage_account = this.ref(datastore.storageAccount, ['storageAccount']);
        }
        put(out, 'container_name', datastore.containerName);
        if (datastore.credentialKind !== 'none') {
          const credentials: Out = { type: datastore.credentialKind };
          put(credentials, 'principal', this.principal(datastore.credentialPrincipal));
          out.credentials = credentials;
        }
        put(out, 'service_data_access_auth_identity', datastore.serviceDataAccessAuthIdentity, 'None');
        put(out, 'is_default', datastore.isDefault);
        return this.common(out, datastore);
      }),
    );

    put(
      doc,
      'connections',
      estate.connections.map((connection) => {
        const out = this.childBase(connection, 'connection', connection.workspace, 'workspace', 'workspace');
        out.type = connection.connectionType;
        put(out, 'target', connection.target);
        if (connection.credentialKind !== 'none') {
          const credentials: Out = { type: connection.credentialKind };
          put(credentials, 'identity', this.principal(connection.identity));
          out.credentials = credentials;
        }
        return this.common(out, connection);
      }),
    );

    put(
      doc,
      'jobs',
      estate.jobs.map((job) => {
        const out = this.childBase(job, 'job', job.workspace, 'workspace', 'workspace');
        out.type = job.jobType;
        put(out, 'compute', this.compute(job.compute, job.workspace));
        put(out, 'identity', this.jobIdentity(job.identity));
        put(out, 'inputs', this.bindings(job.inputs, job.workspace));
        put(out, 'outputs', this.bindings(job.outputs, job.workspace));
        put(out, 'environment', this.environment(job.environment));
        put(out, 'submitted_by', this.principal(job.submittedBy));
        put(out, 'submitted_from', job.submittedFrom);
        if (job.steps.length > 0) {
          const steps: Out = {};
          for (const step of job.steps) {
            const entry: Out = {};
            put(entry, 'compute', this.compute(step.compute, job.workspace));
            put(entry, 'identity', this.jobIdentity(step.identity));
            put(entry, 'inputs', this.bindings(step.inputs, job.workspace));
            put(entry, 'outputs', this.bindings(step.outputs, job.workspace));
            put(entry, 'component', step.component);
            put(entry, 'component_type', step.componentType);
            if (step.componentIdentity)
              put(entry, 'component_identity', this.jobIdentity(step.componentIdentity));
            put(entry, 'environment', this.environment(step.environment));
            steps[step.name] = entry;
          }
          out.jobs = steps;
        }
        return this.common(out, job);
      }),
    );

    put(
      doc,
      'role_definitions',
      estate.roleDefinitions.map((role) => this.roleDefinition(role)),
    );

    put(
      doc,
      'role_assignments',
      estate.roleAssignments.map((assignment) => {
        const out: Out = {
          principal: this.principal(assignment.principal),
          role: this.index.roleReference(assignment.role),
          scope: this.index.scopeReference(assignment.scope),
        };
        put(out, 'condition', assignment.condition);
        put(out, 'condition_version', assignment.conditionVersion);
        put(out, 'origin', assignment.origin, estate.assignmentsOrigin);
        put(out, 'principal_type', assignment.principalType);
        put(out, 'description', assignment.description);
        put(out, 'reason', assignment.reason);
        if (
          assignment.id !== defaultRoleAssignmentId(assignment.principal, assignment.role, assignment.scope)
        ) {
          const guid = assignment.id.split('/').pop() ?? '';
          out.id =
            isGuid(guid) && assignment.id === roleAssignmentArmId(assignment.scope, guid)
              ? guid
              : assignment.id;
        }
        return out;
      }),
    );

    put(
      doc,
      'deny_assignments',
      estate.denyAssignments.map((deny) => {
        const out: Out = { name: deny.name };
        if (deny.id !== defaultDenyAssignmentId(deny.name, deny.scope)) {
          const guid = deny.id.split('/').pop() ?? '';
          out.id = isGuid(guid) && deny.id === denyAssignmentArmId(deny.scope, guid) ? guid : deny.id;
        }
        out.scope = this.index.scopeReference(deny.scope);
        this.permissionFields(out, deny.permissions);
        out.principals =
          deny.principals === 'everyone' ? 'everyone' : deny.principals.map((id) => this.principal(id));
        put(
          out,
          'exclude_principals',
          deny.excludePrincipals.map((id) => this.principal(id)),
        );
        put(out, 'do_not_apply_to_child_scopes', deny.doNotApplyToChildScopes, false);
        put(out, 'condition', deny.condition);
        put(out, 'condition_version', deny.conditionVersion);
        return out;
      }),
    );

    // An empty review is still written: it says a review was started, and it reads back the same.
    if (estate.review !== undefined)
      doc.review = {
        entries: estate.review.entries.map((entry) => {
          const out: Out = { finding: entry.finding, status: entry.status };
          put(out, 'reason', entry.reason);
          put(out, 'notes', entry.notes);
          put(out, 'updated_at', entry.updatedAt);
          return out;
        }),
      };

    return doc;
  }

  private roleDefinition(role: RoleDefinition): Out {
    // The id is always written, even when it was derived from the name, so that renaming the role keeps it.
    const out: Out = { name: role.name, id: role.id };
    put(out, 'description', role.description);
    put(out, 'role_type', role.roleType, 'CustomRole');
    // A block with its own condition is written in the list form, the only one that has a place for it.
    const only = role.permissions.length === 1 && role.permissions[0]?.condition === undefined ? role.permissions[0] : undefined;
    if (only) this.permissionFields(out, only);
    else {
      out.permissions = role.permissions.map((permission) => {
        const entry: Out = {};
        this.permissionFields(entry, permission);
        return entry;
      });
    }
    if (!(role.assignableScopes.length === 1 && role.assignableScopes[0] === '/'))
      out.assignable_scopes = role.assignableScopes.map((scope) => this.index.scopeReference(scope));
    return out;
  }
}

/**
 * Writes an estate in the native format, as YAML or JSON. References are written as names wherever the name
 * reads back as the same entity, and as ids otherwise; defaults are left out. Reading the result gives back an
 * equal estate (apart from `source` locations). The model holds no credential values, so none can be written.
 */
export function writeNativeEstate(estate: Estate, format: 'yaml' | 'json'): string {
  const doc = new NativeWriter(estate).document();
  // A value az ml YAML kept as written with an unfilled `{{PLACEHOLDER}}` (and a warning) must read back as the
  // same value, but the reader refuses `{{` in a file as a template never filled in. So the first brace is
  // written escaped, which both JSON and double-quoted YAML read back as `{`.
  if (format === 'json') return `${JSON.stringify(doc, null, 2).replaceAll('{{', '\\u007b{')}\n`;
  const yaml = new Document(doc, { aliasDuplicateObjects: false });
  let braces = false;
  visit(yaml, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && node.value.includes('{{')) {
        node.type = 'QUOTE_DOUBLE';
        braces = true;
      }
    },
  });
  const text = yaml.toString({ lineWidth: 0 });
  // Every `{{` now sits in a double-quoted scalar, where `\x7B` is an escape for `{`.
  return braces ? text.replaceAll('{{', '\\x7B{') : text;
}
