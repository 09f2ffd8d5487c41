import { systemIdentityId, type EntityId } from './ids';
import { allEntities } from './estate';
import type {
  Compute,
  Connection,
  Datastore,
  Entity,
  EntityKind,
  EntityOfKind,
  Estate,
  Job,
  ManagedIdentitySetting,
  OnlineDeployment,
  OnlineEndpoint,
  ResourceGroup,
  Subscription,
  Workspace,
} from './types';

/**
 * Precomputed relationships of an estate: lookups by id, children of each workspace and endpoint, and
 * which resources use an identity. Built once per estate so that rules and paths never rescan collections.
 */
export interface Topology {
  readonly estate: Estate;
  get(id: EntityId | undefined): Entity | undefined;
  getOfKind<K extends EntityKind>(id: EntityId | undefined, kind: K): EntityOfKind<K> | undefined;
  /** A readable name for any id, falling back to the id itself for entities outside the estate. */
  nameOf(id: EntityId | string | undefined): string;
  computesOf(workspace: EntityId): readonly Compute[];
  endpointsOf(workspace: EntityId): readonly OnlineEndpoint[];
  deploymentsOf(endpoint: EntityId): readonly OnlineDeployment[];
  datastoresOf(workspace: EntityId): readonly Datastore[];
  connectionsOf(workspace: EntityId): readonly Connection[];
  jobsOf(workspace: EntityId): readonly Job[];
  /** The workspace an entity belongs to (itself for a workspace). */
  workspaceOf(id: EntityId): Workspace | undefined;
  resourceGroupOf(id: EntityId): ResourceGroup | undefined;
  subscriptionOf(id: EntityId): Subscription | undefined;
  /** Resources (workspaces, computes, endpoints, AKS clusters) that carry this user-assigned identity. */
  usersOfIdentity(identity: EntityId): readonly EntityId[];
  /** Direct members of groups, inverted: the groups a principal is directly in. */
  directGroupsOf(principal: EntityId): readonly EntityId[];
}

/** The identity a resource uses by default: its system-assigned identity, else its first user-assigned one. */
export function defaultIdentity(owner: EntityId, setting: ManagedIdentitySetting): EntityId | undefined {
  if (setting.system) return systemIdentityId(owner);
  return setting.userAssigned[0];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the {@link Topology} of an estate. Cost is linear in the number of entities. */
export function buildTopology(estate: Estate): Topology {
  const byId = new Map<EntityId, Entity>();
  for (const entity of allEntities(estate)) byId.set(entity.id, entity);

  const computes = new Map<EntityId, Compute[]>();
  const endpoints = new Map<EntityId, OnlineEndpoint[]>();
  const deployments = new Map<EntityId, OnlineDeployment[]>();
  const datastores = new Map<EntityId, Datastore[]>();
  const connections = new Map<EntityId, Connection[]>();
  const jobs = new Map<EntityId, Job[]>();
  const identityUsers = new Map<EntityId, EntityId[]>();
  const groupsOfMember = new Map<EntityId, EntityId[]>();

  for (const c of estate.computes) push(computes, c.workspace, c);
  for (const e of estate.onlineEndpoints) push(endpoints, e.workspace, e);
  for (const d of estate.onlineDeployments) push(deployments, d.endpoint, d);
  for (const d of estate.datastores) push(datastores, d.workspace, d);
  for (const c of estate.connections) push(connections, c.workspace, c);
  for (const j of estate.jobs) push(jobs, j.workspace, j);
  for (const g of estate.groups) for (const member of g.members) push(groupsOfMember, member, g.id);

  const noteIdentities = (owner: EntityId, setting: ManagedIdentitySetting) => {
    for (const uai of setting.userAssigned) push(identityUsers, uai, owner);
  };
  for (const w of estate.workspaces) noteIdentities(w.id, w.identity);
  for (const c of estate.computes) noteIdentities(c.id, c.identity);
  for (const e of estate.onlineEndpoints) noteIdentities(e.id, e.identity);
  for (const a of estate.aksClusters) if (a.clusterIdentity.type === 'managed_identity') noteIdentities(a.id, a.clusterIdentity.identity);

  const workspaceOf = (id: EntityId): Workspace | undefined => {
    const entity = byId.get(id);
    if (!entity) return undefined;
    switch (entity.kind) {
      case 'workspace':
        return entity;
      case 'compute':
      case 'onlineEndpoint':
      case 'datastore':
      case 'connection':
      case 'job':
        return byId.get(entity.workspace) as Workspace | undefined;
      case 'onlineDeployment':
        return workspaceOf(entity.endpoint);
      case 'systemAssignedIdentity':
        return workspaceOf(entity.owner);
      default:
        return undefined;
    }
  };

  const resourceGroupOf = (id: EntityId): ResourceGroup | undefined => {
    const entity = byId.get(id);
    if (!entity) return undefined;
    if (entity.kind === 'resourceGroup') return entity;
    if ('resourceGroup' in entity && entity.resourceGroup) return byId.get(entity.resourceGroup) as ResourceGroup | undefined;
    const workspace = workspaceOf(id);
    return workspace ? (byId.get(workspace.resourceGroup) as ResourceGroup | undefined) : undefined;
  };

  const empty: readonly never[] = [];
  return {
    estate,
    get: (id) => (id === undefined ? undefined : byId.get(id)),
    getOfKind: <K extends EntityKind>(id: EntityId | undefined, kind: K) => {
      const entity = id === undefined ? undefined : byId.get(id);
      return entity?.kind === kind ? (entity as EntityOfKind<K>) : undefined;
    },
    nameOf: (id) => {
      if (id === undefined) return '(none)';
      const entity = byId.get(id as EntityId);
      return entity ? entity.name : String(id);
    },
    computesOf: (ws) => computes.get(ws) ?? empty,
    endpointsOf: (ws) => endpoints.get(ws) ?? empty,
    deploymentsOf: (ep) => deployments.get(ep) ?? empty,
    datastoresOf: (ws) => datastores.get(ws) ?? empty,
    connectionsOf: (ws) => connections.get(ws) ?? empty,
    jobsOf: (ws) => jobs.get(ws) ?? empty,
    workspaceOf,
    resourceGroupOf,
    subscriptionOf: (id) => {
      const entity = byId.get(id);
      if (entity?.kind === 'subscription') return entity;
      const rg = resourceGroupOf(id);
      return rg ? (byId.get(rg.subscription) as Subscription | undefined) : undefined;
    },
    usersOfIdentity: (identity) => identityUsers.get(identity) ?? empty,
    directGroupsOf: (principal) => groupsOfMember.get(principal) ?? empty,
  };
}
