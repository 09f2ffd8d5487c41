// Small estate builders shared by the RBAC tests (tests only; not part of the engine's surface).
import { emptyEstate } from '../model/estate';
import { entityId, type EntityId, type RoleId } from '../model/ids';
import type { DenyAssignment, Estate, Permission, RoleAssignment, RoleDefinition } from '../model/types';
import { findBuiltInRole } from '../rbac/builtin-roles';

/** Mutable estate builder with readable names; ids follow the conventions the readers use. */
export class EstateBuilder {
  readonly estate: Estate = emptyEstate('test');
  private counter = 0;

  /** Adds a management group under `parent` (or the tenant root) and returns its id. */
  mg(name: string, parent?: EntityId): EntityId {
    const id = entityId(`/providers/Microsoft.Management/managementGroups/${name}`);
    this.estate.managementGroups.push({
      id,
      kind: 'managementGroup',
      name,
      armId: id,
      ...(parent ? { parent } : {}),
    });
    return id;
  }

  /** Adds a subscription, optionally placed under a management group. */
  sub(name: string, managementGroup?: EntityId): EntityId {
    const id = entityId(`/subscriptions/${name}`);
    this.estate.subscriptions.push({
      id,
      kind: 'subscription',
      name,
      armId: id,
      subscriptionId: name,
      ...(managementGroup ? { managementGroup } : {}),
    });
    return id;
  }

  /** Adds a resource group. */
  rg(sub: EntityId, name: string): EntityId {
    const id = entityId(`${sub}/resourceGroups/${name}`);
    this.estate.resourceGroups.push({ id, kind: 'resourceGroup', name, armId: id, subscription: sub });
    return id;
  }

  /** Adds a storage account. */
  storage(rg: EntityId, name: string): EntityId {
    const id = entityId(`${rg}/providers/Microsoft.Storage/storageAccounts/${name}`);
    this.estate.storageAccounts.push({
      id,
      kind: 'storageAccount',
      name,
      armId: id,
      resourceGroup: rg,
      isHnsEnabled: false,
      allowSharedKeyAccess: true,
      network: 'public',
    });
    return id;
  }

  /** Adds a key vault using the RBAC permission model. */
  keyVault(rg: EntityId, name: string): EntityId {
    const id = entityId(`${rg}/providers/Microsoft.KeyVault/vaults/${name}`);
    this.estate.keyVaults.push({
      id,
      kind: 'keyVault',
      name,
      armId: id,
      resourceGroup: rg,
      enableRbacAuthorization: true,
      accessPolicies: [],
      publicNetworkAccess: 'Enabled',
    });
    return id;
  }

  /** Adds a container registry. */
  registry(rg: EntityId, name: string): EntityId {
    const id = entityId(`${rg}/providers/Microsoft.ContainerRegistry/registries/${name}`);
    this.estate.containerRegistries.push({
      id,
      kind: 'containerRegistry',
      name,
      armId: id,
      resourceGroup: rg,
      loginServer: `${name}.azurecr.io`,
      adminUserEnabled: false,
      publicNetworkAccess: 'Enabled',
      roleAssignmentMode: 'legacy',
      networkRestriction: 'none',
      trustedServicesAllowed: true,
    });
    return id;
  }

  /** Adds a workspace with default settings. */
  workspace(rg: EntityId, name: string): EntityId {
    const id = entityId(`${rg}/providers/Microsoft.MachineLearningServices/workspaces/${name}`);
    this.estate.workspaces.push({
      id,
      kind: 'workspace',
      name,
      armId: id,
      resourceGroup: rg,
      workspaceKind: 'default',
      identity: { system: true, userAssigned: [] },
      publicNetworkAccess: 'Enabled',
      managedNetwork: { isolationMode: 'disabled' },
      systemDatastoresAuthMode: 'accesskey',
    });
    return id;
  }

  /** Adds an online endpoint under a workspace. */
  endpoint(workspace: EntityId, name: string): EntityId {
    const id = entityId(`${workspace}/onlineEndpoints/${name}`);
    this.estate.onlineEndpoints.push({
      id,
      kind: 'onlineEndpoint',
      name,
      armId: id,
      workspace,
      endpointKind: 'managed',
      authMode: 'key',
      identity: { system: true, userAssigned: [] },
      enforceAccessToDefaultSecretStores: false,
      publicNetworkAccess: 'Enabled',
    });
    return id;
  }

  /** Adds a user. */
  user(name: string, objectId?: string): EntityId {
    const id = entityId(`user:${name}`);
    this.estate.users.push({ id, kind: 'user', name, ...(objectId ? { objectId } : {}) });
    return id;
  }

  /** Adds a group with the given direct members. */
  group(name: string, members: EntityId[] = []): EntityId {
    const id = entityId(`group:${name}`);
    this.estate.groups.push({ id, kind: 'group', name, members: [...members] });
    return id;
  }

  /** Adds `member` to an existing group. */
  addMember(group: EntityId, member: EntityId): void {
    const g = this.estate.groups.find((x) => x.id === group);
    if (g === undefined) throw new Error(`no group ${group}`);
    g.members.push(member);
  }

  /** Adds a user-assigned identity. */
  uai(rg: EntityId, name: string, ids: { clientId?: string; principalId?: string } = {}): EntityId {
    const id = entityId(`${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`);
    this.estate.userAssignedIdentities.push({
      id,
      kind: 'userAssignedIdentity',
      name,
      armId: id,
      resourceGroup: rg,
      ...ids,
    });
    return id;
  }

  /** Assigns a built-in role (by name) or a role id to a principal at a scope; returns the assignment. */
  assign(
    principal: EntityId,
    role: string,
    scope: string,
    extra: Partial<RoleAssignment> = {},
  ): RoleAssignment {
    const roleId = (findBuiltInRole(role)?.id ?? role) as RoleId;
    const assignment: RoleAssignment = {
      id: entityId(`ra-${++this.counter}`),
      principal,
      role: roleId,
      scope,
      origin: 'observed',
      ...extra,
    };
    this.estate.roleAssignments.push(assignment);
    return assignment;
  }

  /** Adds a deny assignment. */
  deny(
    name: string,
    scope: string,
    permissions: Partial<Permission>,
    options: { principals?: EntityId[] | 'everyone'; exclude?: EntityId[]; childScopes?: boolean } = {},
  ): DenyAssignment {
    const deny: DenyAssignment = {
      id: entityId(`deny-${name}`),
      name,
      scope,
      permissions: { actions: [], notActions: [], dataActions: [], notDataActions: [], ...permissions },
      principals: options.principals ?? 'everyone',
      excludePrincipals: options.exclude ?? [],
      doNotApplyToChildScopes: options.childScopes === false,
    };
    this.estate.denyAssignments.push(deny);
    return deny;
  }
}

/** One permission block of a role: the lists not given are empty. */
export function permission(lists: Partial<Permission>): Permission {
  return { actions: [], notActions: [], dataActions: [], notDataActions: [], ...lists };
}

/** A custom role definition with the given id, name and permission blocks, assignable at every scope by default. */
export function customRole(id: string, name: string, permissions: Permission[], assignableScopes: string[] = ['/']): RoleDefinition {
  return { id: id as RoleId, name, roleType: 'CustomRole', assignableScopes, permissions };
}
