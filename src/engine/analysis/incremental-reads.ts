import type { AnalysisContext } from '../context/analysis-context';
import { READ_TRACKER, type ReadTracker } from '../context/read-tracking';
import { scopeKey, type EntityId } from '../model/ids';
import type { Topology } from '../model/topology';
import type { Entity } from '../model/types';
import type { PathKind } from '../paths/types';
import type { RbacIndex } from '../rbac';
import type { RuleContext } from '../rules/types';

/*
 * What a rule or a path resolver read while it ran, as tokens. Incremental analysis re-runs it only when an
 * edit touched one of them (see ./incremental-changes.ts for the tokens an edit dirties):
 *   c:<field>        a top-level field of the estate (a whole collection, enumerated or looked into)
 *   e:<id>           one entity, looked up by id (found or not)
 *   es:<scope key>   which entity a scope is (the first whose ARM id it is)
 *   ao:<scope key>   the estate's own assignments at one scope, in their order
 *   of:<lookup>|<id> what one of the topology's look-ups by owner (computesOf...) gives for one owner
 *   p:<ref>          one principal: how the reference resolves, its assignments, groups, what it may do
 *   rbac:assignments all the role assignments
 *   a:<scope key>    the role assignments made exactly at one scope
 *   rbac:denies      the deny assignments
 *   rbac:scopes      the scope tree and how scope references resolve
 *   rbac:catalog     role definitions and what they grant
 *   auto             Azure ML's automatic grants
 *   k:<kind>, k:*    resolved access paths of one kind, or of every kind
 *   kt:<id>, kf:<id> resolved access paths to one target, or from one actor
 *   kg:<id>          resolved access paths that carry a grant of one assignment (noted through READ_TRACKER)
 *   ag:, ah:, ap:, ak: finer reads of the assignments at one scope, noted by a helper that reads the raw
 *                    context through READ_TRACKER (see ../context/read-tracking.ts)
 *   all              something not tracked more finely: always re-run
 * Anything reached that is not listed here is read as `all`, so a new field of the context can only make
 * the analysis less incremental, never wrong.
 */

/** The tokens one rule or path resolver read. */
export type Reads = Set<string>;

/** The topology's look-ups by owner, with the collection each lists from (exported for the change check). */
export const COLLECTION_OF_LOOKUP: Readonly<Record<string, string>> = {
  computesOf: 'computes',
  endpointsOf: 'onlineEndpoints',
  deploymentsOf: 'onlineDeployments',
  datastoresOf: 'datastores',
  connectionsOf: 'connections',
  jobsOf: 'jobs',
  directGroupsOf: 'groups',
};

/** Collections whose resources can carry a user-assigned identity (what `usersOfIdentity` is built from). */
const IDENTITY_CARRIERS = ['workspaces', 'computes', 'onlineEndpoints', 'aksClusters'];

function trackedEstate<T extends object>(estate: T, reads: Reads): T {
  return new Proxy(estate, {
    get(target, key, receiver) {
      if (typeof key === 'string') reads.add(`c:${key}`);
      return Reflect.get(target, key, receiver) as unknown;
    },
    // Listing the fields (a spread, Object.keys) depends on every one of them.
    ownKeys(target) {
      reads.add('all');
      return Reflect.ownKeys(target);
    },
  });
}

function trackedTopology(topology: Topology, estate: Topology['estate'], reads: Reads): Topology {
  const entity = (id: EntityId | string | undefined): Entity | undefined => {
    if (id === undefined) return undefined;
    reads.add(`e:${id}`);
    return topology.get(id as EntityId);
  };
  // The same walk as the topology's own, recording every entity it passes through.
  const workspaceOf: Topology['workspaceOf'] = (id) => {
    const found = entity(id);
    if (!found) return undefined;
    switch (found.kind) {
      case 'workspace':
        return found;
      case 'compute':
      case 'onlineEndpoint':
      case 'datastore':
      case 'connection':
      case 'job':
        entity(found.workspace);
        return topology.workspaceOf(id);
      case 'onlineDeployment':
        workspaceOf(found.endpoint);
        return topology.workspaceOf(id);
      case 'systemAssignedIdentity':
        workspaceOf(found.owner);
        return topology.workspaceOf(id);
      default:
        return topology.workspaceOf(id);
    }
  };
  const resourceGroupOf: Topology['resourceGroupOf'] = (id) => {
    const found = entity(id);
    if (found && found.kind !== 'resourceGroup') {
      if ('resourceGroup' in found && found.resourceGroup) entity(found.resourceGroup);
      else {
        const workspace = workspaceOf(id);
        if (workspace) entity(workspace.resourceGroup);
      }
    }
    return topology.resourceGroupOf(id);
  };
  const tracked: Topology = {
    estate,
    get: (id) => entity(id),
    getOfKind: (id, kind) => (entity(id), topology.getOfKind(id, kind)),
    nameOf: (id) => (entity(id), topology.nameOf(id)),
    computesOf: (ws) => topology.computesOf(ws),
    endpointsOf: (ws) => topology.endpointsOf(ws),
    deploymentsOf: (ep) => topology.deploymentsOf(ep),
    datastoresOf: (ws) => topology.datastoresOf(ws),
    connectionsOf: (ws) => topology.connectionsOf(ws),
    jobsOf: (ws) => topology.jobsOf(ws),
    workspaceOf,
    resourceGroupOf,
    subscriptionOf: (id) => {
      const found = entity(id);
      if (found?.kind !== 'subscription') {
        const rg = resourceGroupOf(id);
        if (rg) entity(rg.subscription);
      }
      return topology.subscriptionOf(id);
    },
    usersOfIdentity: (identity) => {
      for (const collection of IDENTITY_CARRIERS) reads.add(`c:${collection}`);
      return topology.usersOfIdentity(identity);
    },
    directGroupsOf: (principal) => topology.directGroupsOf(principal),
  };
  for (const [method, collection] of Object.entries(COLLECTION_OF_LOOKUP)) {
    const key = method as keyof Topology;
    const inner = tracked[key] as (...args: unknown[]) => unknown;
    (tracked as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => {
      // One owner's list: an edit elsewhere in the collection leaves it as it was.
      reads.add(typeof args[0] === 'string' ? `of:${method}|${args[0]}` : `c:${collection}`);
      return inner(...args);
    };
  }
  return tracked;
}

/** What each look-up of the RBAC index depends on; a function of the arguments gives per-call tokens. */
const RBAC_READS: Record<string, string | ((rbac: RbacIndex, args: unknown[]) => string | string[])> = {
  catalog: 'rbac:catalog',
  roleMatcher: 'rbac:catalog',
  matchRole: 'rbac:catalog',
  matchDeny: 'rbac:catalog',
  conditionOf: 'rbac:catalog',
  scopes: 'rbac:scopes',
  resolveScope: 'rbac:scopes',
  isKnownScope: 'rbac:scopes',
  ancestors: 'rbac:scopes',
  scopeView: 'rbac:scopes',
  scopeLabel: 'rbac:scopes',
  assignments: 'rbac:assignments',
  // Assignments at one scope (and its ancestors when inherited): only a change at those scopes matters.
  assignmentsAt: (rbac, [scope, options]) =>
    (options as { inherited?: boolean } | undefined)?.inherited
      ? ['rbac:scopes', ...rbac.ancestors(scope as string).map((key) => `a:${key}`)]
      : ['rbac:scopes', `a:${scopeKey(scope as string)}`],
  assignmentsByPrincipalAt: (_, [key]) => `a:${String(key)}`,
  denyAssignmentsAt: 'rbac:denies',
  // How one reference resolves changes only with it (`p:` covers a reference that names someone else after an
  // edit): an edit to an unrelated principal leaves the look-up as it was.
  resolvePrincipal: (_, [ref]) => `p:${String(ref)}`,
  principalView: (_, [ref]) => `p:${String(ref)}`,
  isKnownPrincipal: (_, [id]) => `p:${String(id)}`,
  groupsOf: (_, [id]) => `p:${String(id)}`,
  assignmentsOf: (_, [id]) => `p:${String(id)}`,
  entity: (_, [id]) => `e:${String(id)}`,
  entityAtScope: (_, [key]) => `es:${String(key)}`,
  nameOf: (_, [id]) => `e:${String(id)}`,
};

function trackedRbac(rbac: RbacIndex, estate: RbacIndex['estate'], reads: Reads): RbacIndex {
  return new Proxy({} as RbacIndex, {
    get(_, key) {
      if (key === 'estate') return estate;
      const value = Reflect.get(rbac, key) as unknown;
      const token = typeof key === 'string' ? RBAC_READS[key] : undefined;
      if (token === undefined) {
        reads.add('all');
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(rbac) : value;
      }
      if (typeof value !== 'function') {
        reads.add(token as string);
        return value;
      }
      return (...args: unknown[]) => {
        const tokens = typeof token === 'string' ? token : token(rbac, args);
        if (typeof tokens === 'string') reads.add(tokens);
        else for (const t of tokens) reads.add(t);
        return (value as (...a: unknown[]) => unknown).apply(rbac, args);
      };
    },
    has: (_, key) => key in rbac,
  });
}

/**
 * A view of `context` (an analysis or a rule context) that records into `reads` what is read through it.
 * Everything a resolver or rule can reach from its context goes through here, the estate included.
 */
export function trackedContext<C extends AnalysisContext | RuleContext>(context: C, reads: Reads): C {
  const estate = trackedEstate(context.estate, reads);
  let topology: Topology | undefined;
  let rbac: RbacIndex | undefined;
  const ruleContext = context as RuleContext;
  return new Proxy({} as C, {
    get(_, key) {
      switch (key) {
        case 'estate':
          return estate;
        case 'topology':
          return (topology ??= trackedTopology(context.topology, estate, reads));
        case 'rbac':
          return (rbac ??= trackedRbac(context.rbac, estate, reads));
        case 'can':
        case 'mayGrant':
          return (principal: EntityId, ...rest: unknown[]) => {
            reads.add(`p:${principal}`);
            return (context[key] as (...a: unknown[]) => unknown)(principal, ...rest);
          };
        case 'automaticGrants':
        case 'withheldGrants':
          reads.add('auto');
          return context[key];
        case 'paths':
          reads.add('k:*');
          return ruleContext.paths;
        case 'pathsOfKind':
          return (kind: PathKind) => {
            reads.add(`k:${kind}`);
            return ruleContext.pathsOfKind(kind);
          };
        case 'pathsTo':
        case 'pathsFrom':
          return (id: string) => {
            reads.add(`${key === 'pathsTo' ? 'kt' : 'kf'}:${id}`);
            return ruleContext[key](id);
          };
        case READ_TRACKER:
          return { raw: context, note: (token: string) => reads.add(token) } satisfies ReadTracker<C>;
        default:
          reads.add('all');
          return Reflect.get(context, key) as unknown;
      }
    },
    has: (_, key) => key in context,
  });
}
