import { scopeKey, type EntityId, type RoleId, type ScopeKey } from '../model/ids';
import type {
  DenyAssignment,
  Entity,
  Estate,
  Permission,
  RoleAssignment,
  RoleDefinition,
} from '../model/types';
import { allEntities } from '../model/estate';
import { createRoleCatalog, type RoleCatalog } from './catalog';
import { createScopeTree, ROOT_SCOPE, type ScopeTree } from './scope-tree';
import type { GroupPath } from './types';
import { compiledPattern, firstMatch, type CompiledPattern } from './wildcard';

/** A group a principal belongs to, directly or through other groups. */
export interface GroupMembership {
  readonly group: EntityId;
  /** The chain of groups from the one the principal is a direct member of up to `group` (inclusive). */
  readonly path: GroupPath;
}

// A membership found by breadth-first search, linked to the membership it was reached through. Paths are
// built only when asked for (an explanation needs a few; a deep hierarchy would make all of them costly).
class Membership implements GroupMembership {
  #path: GroupPath | undefined;
  constructor(
    readonly group: EntityId,
    readonly via: Membership | undefined,
  ) {}

  get path(): GroupPath {
    if (this.#path === undefined) {
      const reversed: EntityId[] = [this.group];
      for (let m = this.via; m !== undefined; m = m.via) reversed.push(m.group);
      this.#path = reversed.reverse();
    }
    return this.#path;
  }
}

/** A role assignment a principal holds, either itself or through a group. */
export interface HeldAssignment {
  assignment: RoleAssignment;
  /** Empty for a direct assignment; otherwise the group path ending at the assignment's principal. */
  viaGroups: GroupPath;
}

/** How one role treats one action. */
export type RoleMatch =
  | { kind: 'granted'; pattern: string }
  | { kind: 'excluded'; pattern: string; notPattern: string }
  | { kind: 'none' }
  | { kind: 'unknownRole' };

/** The outcome of matching one deny assignment's permissions against an action. */
export type DenyMatch = { kind: 'blocks'; pattern: string } | { kind: 'none' };

/** Options for {@link buildRbacIndex}. */
export interface RbacIndexOptions {
  /** The role catalog; defaults to the built-in roles plus the estate's own role definitions. */
  catalog?: RoleCatalog;
  /** Assignments to add to the estate's own, such as the grants Azure ML makes by itself. */
  extraAssignments?: readonly RoleAssignment[];
}

/** Everything {@link check} needs, precomputed once per estate; also serves the inspector's look-ups. */
export interface RbacIndex {
  readonly estate: Estate;
  readonly catalog: RoleCatalog;
  readonly scopes: ScopeTree;
  /** Every assignment the index considers: the estate's, then the extra ones. */
  readonly assignments: readonly RoleAssignment[];
  /** A principal by entity id, name, object/principal/client/app id, UPN or (for a UAI) ARM id. */
  resolvePrincipal(ref: string): EntityId | undefined;
  /** A scope key from `/`, an ARM id, an entity name or a subscription id. */
  resolveScope(ref: string): ScopeKey | undefined;
  /** True when the estate lists the principal, assigns it a role or names it as a group member. */
  isKnownPrincipal(id: string): boolean;
  /** True for `/` and for scopes at or below a scope the estate mentions. */
  isKnownScope(scope: string): boolean;
  /** The scope, then its ancestors up to `/`. */
  ancestors(scope: string): readonly ScopeKey[];
  /** Groups the principal belongs to, transitively, each with the shortest group path; excludes itself. */
  groupsOf(principal: EntityId): readonly GroupMembership[];
  /** Assignments the principal holds at any scope, itself or through its groups. */
  assignmentsOf(principal: EntityId): readonly HeldAssignment[];
  /** Assignments made exactly at `scope`, or at it and every ancestor when `inherited` is set. */
  assignmentsAt(scope: string, options?: { inherited?: boolean }): readonly RoleAssignment[];
  /** Assignments made exactly at `scope`, keyed by principal (the shape {@link check} walks). */
  assignmentsByPrincipalAt(scope: ScopeKey): ReadonlyMap<EntityId, readonly RoleAssignment[]> | undefined;
  /** Deny assignments made exactly at `scope`. */
  denyAssignmentsAt(scope: ScopeKey): readonly DenyAssignment[];
  /** How the role with this id treats the action (memoised). */
  matchRole(roleId: RoleId, action: string, dataAction: boolean): RoleMatch;
  /** Whether a deny assignment's permissions cover the action (ignoring scope and principals). */
  matchDeny(deny: DenyAssignment, action: string, dataAction: boolean): DenyMatch;
  /** The entity with this id, when the estate lists it. */
  entity(id: string): Entity | undefined;
  /** A person-friendly name for an entity id (the id itself when unknown). */
  nameOf(id: string): string;
  /** A person-friendly label for a scope, such as "resource group rg-ml" or "the tenant root". */
  scopeLabel(scope: string): string;
}

interface CompiledPermission {
  actions: CompiledPattern[];
  notActions: CompiledPattern[];
  dataActions: CompiledPattern[];
  notDataActions: CompiledPattern[];
}

function compilePermission(perm: Permission): CompiledPermission {
  const compile = (list: readonly string[]): CompiledPattern[] => list.map((p) => compiledPattern(p));
  return {
    actions: compile(perm.actions),
    notActions: compile(perm.notActions),
    dataActions: compile(perm.dataActions),
    notDataActions: compile(perm.notDataActions),
  };
}

/**
 * Matches one permission block. NotActions only take back what the same block's Actions gave; they never
 * reach another block or another role.
 */
function matchPermission(perm: CompiledPermission, action: string, dataAction: boolean): RoleMatch {
  const pattern = firstMatch(dataAction ? perm.dataActions : perm.actions, action);
  if (pattern === undefined) return { kind: 'none' };
  const notPattern = firstMatch(dataAction ? perm.notDataActions : perm.notActions, action);
  return notPattern === undefined ? { kind: 'granted', pattern } : { kind: 'excluded', pattern, notPattern };
}

function matchRoleDefinition(
  blocks: readonly CompiledPermission[],
  action: string,
  dataAction: boolean,
): RoleMatch {
  let excluded: RoleMatch | undefined;
  for (const block of blocks) {
    const result = matchPermission(block, action, dataAction);
    if (result.kind === 'granted') return result;
    if (result.kind === 'excluded' && excluded === undefined) excluded = result;
  }
  return excluded ?? { kind: 'none' };
}

const KIND_LABEL: Readonly<Record<Entity['kind'], string>> = {
  managementGroup: 'management group',
  subscription: 'subscription',
  resourceGroup: 'resource group',
  workspace: 'workspace',
  storageAccount: 'storage account',
  keyVault: 'key vault',
  containerRegistry: 'registry',
  applicationInsights: 'Application Insights',
  compute: 'compute',
  aksCluster: 'AKS cluster',
  onlineEndpoint: 'online endpoint',
  onlineDeployment: 'deployment',
  datastore: 'datastore',
  connection: 'connection',
  job: 'job',
  user: 'user',
  group: 'group',
  servicePrincipal: 'service principal',
  userAssignedIdentity: 'managed identity',
  systemAssignedIdentity: 'system-assigned identity',
};

// The memo of role matches is bounded so that a long-running session asking about many distinct actions
// does not grow without end; clearing it only costs recomputation.
const ROLE_MEMO_LIMIT = 200_000;
const GROUP_MEMO_LIMIT = 1_000_000;

/**
 * Indexes an estate for access checks: scope ancestor chains, transitive group membership with the group
 * path, assignments by scope then principal, and a memo of role-versus-action matches.
 */
export function buildRbacIndex(estate: Estate, options: RbacIndexOptions = {}): RbacIndex {
  const catalog = options.catalog ?? createRoleCatalog(estate.roleDefinitions);
  const extra = options.extraAssignments ?? [];
  const assignments: readonly RoleAssignment[] = [...estate.roleAssignments, ...extra];
  const scopes = createScopeTree(estate, { extraScopes: extra.map((a) => a.scope) });

  // Entities, by id and by scope.
  const entities = new Map<string, Entity>();
  const entityByScope = new Map<ScopeKey, Entity>();
  for (const e of allEntities(estate)) {
    entities.set(e.id, e);
    if ('armId' in e && !entityByScope.has(scopeKey(e.armId))) entityByScope.set(scopeKey(e.armId), e);
  }
  // Original spelling of scopes, for display.
  const scopeSpelling = new Map<ScopeKey, string>();
  for (const a of assignments)
    if (!scopeSpelling.has(scopeKey(a.scope))) scopeSpelling.set(scopeKey(a.scope), a.scope);
  for (const d of estate.denyAssignments)
    if (!scopeSpelling.has(scopeKey(d.scope))) scopeSpelling.set(scopeKey(d.scope), d.scope);

  // Assignments by scope, then by principal; and by principal alone.
  const byScope = new Map<ScopeKey, Map<EntityId, RoleAssignment[]>>();
  const byPrincipal = new Map<EntityId, RoleAssignment[]>();
  for (const a of assignments) {
    const key = scopeKey(a.scope);
    let atScope = byScope.get(key);
    if (atScope === undefined) byScope.set(key, (atScope = new Map()));
    pushTo(atScope, a.principal, a);
    pushTo(byPrincipal, a.principal, a);
  }
  const denyByScope = new Map<ScopeKey, DenyAssignment[]>();
  for (const d of estate.denyAssignments) pushTo(denyByScope, scopeKey(d.scope), d);

  // Reverse membership edges: member -> groups that list it directly.
  const memberOf = new Map<EntityId, EntityId[]>();
  for (const g of estate.groups) for (const m of g.members) pushTo(memberOf, m, g.id);

  const knownPrincipals = new Set<string>();
  for (const list of [
    estate.users,
    estate.groups,
    estate.servicePrincipals,
    estate.userAssignedIdentities,
    estate.systemAssignedIdentities,
  ]) {
    for (const p of list) knownPrincipals.add(p.id);
  }
  for (const a of assignments) knownPrincipals.add(a.principal);
  for (const g of estate.groups) for (const m of g.members) knownPrincipals.add(m);

  const principalRefs = buildPrincipalRefs(estate, knownPrincipals);
  const scopeRefs = buildScopeRefs(estate);

  // Breadth-first search gives each group its shortest path; the visited set makes cycles harmless. Results
  // are memoised per principal, but the memo is dropped once it holds many memberships: a tenant with deep
  // nesting and many users would otherwise keep every user's whole closure alive.
  const groupMemo = new Map<EntityId, readonly GroupMembership[]>();
  let memoisedMemberships = 0;
  const groupsOf = (principal: EntityId): readonly GroupMembership[] => {
    const cached = groupMemo.get(principal);
    if (cached !== undefined) return cached;
    const result: Membership[] = [];
    const visited = new Set<EntityId>([principal]);
    for (const g of memberOf.get(principal) ?? []) {
      if (visited.has(g)) continue;
      visited.add(g);
      result.push(new Membership(g, undefined));
    }
    // `result` doubles as the BFS queue: entries are appended in breadth-first order.
    for (let head = 0; head < result.length; head++) {
      const from = result[head] as Membership;
      for (const parent of memberOf.get(from.group) ?? []) {
        if (visited.has(parent)) continue;
        visited.add(parent);
        result.push(new Membership(parent, from));
      }
    }
    const frozen = Object.freeze(result);
    if (memoisedMemberships + result.length > GROUP_MEMO_LIMIT) {
      groupMemo.clear();
      memoisedMemberships = 0;
    }
    groupMemo.set(principal, frozen);
    memoisedMemberships += result.length;
    return frozen;
  };

  const compiledRoles = new Map<string, readonly CompiledPermission[] | null>();
  const compiledRole = (roleId: RoleId): readonly CompiledPermission[] | null => {
    const key = roleId.toLowerCase();
    let compiled = compiledRoles.get(key);
    if (compiled === undefined) {
      const role: RoleDefinition | undefined = catalog.get(roleId);
      compiled = role === undefined ? null : role.permissions.map(compilePermission);
      compiledRoles.set(key, compiled);
    }
    return compiled;
  };

  const roleMemo = new Map<string, RoleMatch>();
  const matchRole = (roleId: RoleId, action: string, dataAction: boolean): RoleMatch => {
    const key = `${roleId.toLowerCase()}\u0000${dataAction ? 'd' : 'c'}\u0000${action.toLowerCase()}`;
    let result = roleMemo.get(key);
    if (result === undefined) {
      const blocks = compiledRole(roleId);
      result = blocks === null ? { kind: 'unknownRole' } : matchRoleDefinition(blocks, action, dataAction);
      if (roleMemo.size >= ROLE_MEMO_LIMIT) roleMemo.clear();
      roleMemo.set(key, result);
    }
    return result;
  };

  const compiledDenies = new Map<DenyAssignment, CompiledPermission>();
  const matchDeny = (deny: DenyAssignment, action: string, dataAction: boolean): DenyMatch => {
    let compiled = compiledDenies.get(deny);
    if (compiled === undefined) compiledDenies.set(deny, (compiled = compilePermission(deny.permissions)));
    const result = matchPermission(compiled, action, dataAction);
    return result.kind === 'granted' ? { kind: 'blocks', pattern: result.pattern } : { kind: 'none' };
  };

  const nameOf = (id: string): string => entities.get(id)?.name ?? id;

  return {
    estate,
    catalog,
    scopes,
    assignments,
    resolvePrincipal(ref) {
      const trimmed = ref.trim();
      if (knownPrincipals.has(trimmed)) return trimmed as EntityId;
      return principalRefs.get(trimmed.toLowerCase()) ?? principalRefs.get(scopeKey(trimmed));
    },
    resolveScope(ref) {
      const trimmed = ref.trim();
      if (trimmed.startsWith('/')) return scopeKey(trimmed);
      return scopeRefs.get(trimmed.toLowerCase());
    },
    isKnownPrincipal: (id) => knownPrincipals.has(id),
    isKnownScope: (scope) => scopes.isKnown(scope),
    ancestors: (scope) => scopes.ancestors(scope),
    groupsOf,
    assignmentsOf(principal) {
      const held: HeldAssignment[] = [];
      for (const a of byPrincipal.get(principal) ?? []) held.push({ assignment: a, viaGroups: [] });
      for (const { group, path } of groupsOf(principal)) {
        for (const a of byPrincipal.get(group) ?? []) held.push({ assignment: a, viaGroups: path });
      }
      return held;
    },
    assignmentsAt(scope, opts = {}) {
      const keys = opts.inherited === true ? scopes.ancestors(scope) : [scopeKey(scope)];
      const found: RoleAssignment[] = [];
      for (const key of keys) for (const list of byScope.get(key)?.values() ?? []) found.push(...list);
      return found;
    },
    assignmentsByPrincipalAt: (scope) => byScope.get(scope),
    denyAssignmentsAt: (scope) => denyByScope.get(scope) ?? [],
    matchRole,
    matchDeny,
    entity: (id) => entities.get(id),
    nameOf,
    scopeLabel(scope) {
      const key = scopeKey(scope);
      if (key === ROOT_SCOPE) return 'the tenant root';
      const e = entityByScope.get(key);
      if (e !== undefined) return `${KIND_LABEL[e.kind]} ${e.name}`;
      return scopeSpelling.get(key) ?? scope;
    },
  };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

// Look-up keys for principals, lower-cased. Earlier passes win, so an exact id beats an object id, which
// beats a display name (names are the most likely to collide).
function buildPrincipalRefs(estate: Estate, known: ReadonlySet<string>): Map<string, EntityId> {
  const refs = new Map<string, EntityId>();
  const add = (ref: string | undefined, id: EntityId): void => {
    if (ref === undefined || ref.trim() === '') return;
    const key = ref.trim().toLowerCase();
    if (!refs.has(key)) refs.set(key, id);
  };
  for (const id of known) add(id, id as EntityId);
  for (const u of estate.users) add(u.objectId, u.id);
  for (const g of estate.groups) add(g.objectId, g.id);
  for (const sp of estate.servicePrincipals) {
    add(sp.objectId, sp.id);
    add(sp.appId, sp.id);
  }
  for (const uai of estate.userAssignedIdentities) {
    add(uai.principalId, uai.id);
    add(uai.clientId, uai.id);
    add(scopeKey(uai.armId), uai.id);
  }
  for (const sai of estate.systemAssignedIdentities) add(sai.principalId, sai.id);
  for (const u of estate.users) add(u.userPrincipalName, u.id);
  for (const list of [
    estate.users,
    estate.groups,
    estate.servicePrincipals,
    estate.userAssignedIdentities,
    estate.systemAssignedIdentities,
  ]) {
    for (const p of list) add(p.name, p.id);
  }
  return refs;
}

// Look-up keys for scopes by name. Broader scopes come first so that a name shared by, say, a resource group
// and a workspace resolves to the container a person most likely means.
function buildScopeRefs(estate: Estate): Map<string, ScopeKey> {
  const refs = new Map<string, ScopeKey>();
  const add = (ref: string | undefined, armId: string): void => {
    if (ref === undefined || ref.trim() === '') return;
    const key = ref.trim().toLowerCase();
    if (!refs.has(key)) refs.set(key, scopeKey(armId));
  };
  for (const mg of estate.managementGroups) add(mg.name, mg.armId);
  for (const sub of estate.subscriptions) {
    add(sub.name, sub.armId);
    add(sub.subscriptionId, sub.armId);
  }
  for (const mg of estate.managementGroups) add(mg.displayName, mg.armId);
  for (const sub of estate.subscriptions) add(sub.displayName, sub.armId);
  for (const e of allEntities(estate)) if ('armId' in e) add(e.name, e.armId);
  return refs;
}
