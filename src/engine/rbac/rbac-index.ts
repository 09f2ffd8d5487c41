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
import { KIND_LABELS } from '../model/kind-labels';
import { createRoleCatalog, type RoleCatalog } from './catalog';
import { cachedScopeKey, createScopeTree, ROOT_SCOPE, type ScopeTree } from './scope-tree';
import type { ExclusionReason, GrantReason, GroupPath } from './types';
import { compiledPattern, firstMatch, type CompiledPattern } from './wildcard';
import { parseCondition, type ParsedCondition } from './conditions';

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

/**
 * A condition written on a role definition's permission block (not on an assignment), such as the delegation
 * conditions that let a role write role assignments only for listed roles. Parsed once per role by the index.
 */
export interface RoleCondition {
  readonly text: string;
  readonly parsed: ParsedCondition;
}

/**
 * How one role treats one action. A grant carries `condition` when only permission blocks with their own
 * condition grant it: the role then grants the action only where that condition holds.
 */
export type RoleMatch =
  | { kind: 'granted'; pattern: string; condition?: RoleCondition }
  | { kind: 'excluded'; pattern: string; notPattern: string }
  | { kind: 'none' }
  | { kind: 'unknownRole' };

/**
 * An assignment as {@link check} walks it: with the membership it is held through (none when direct) and
 * the slot of its role in {@link RoleMatcher.match}.
 */
export interface HeldGrant {
  readonly assignment: RoleAssignment;
  readonly membership: GroupMembership | undefined;
  readonly roleSlot: number;
  /**
   * The last reason check() built for this grant when it granted without a condition, and the last exclusion:
   * one principal is asked about many actions and scopes that the same role matches with the same pattern, and
   * such a reason reads the same in every decision, so it is built once and shared (never changed once made).
   */
  reason?: GrantReason;
  exclusion?: ExclusionReason;
}

/**
 * One principal as {@link check} sees it: the ids whose assignments count for it (itself and every group it
 * belongs to), and every assignment those hold, filed by scope. Scopes are small integers (slots) so that a
 * question's chain is matched against a short sorted array rather than through string-keyed maps.
 */
export interface PrincipalView {
  /** The principal's entity id (the reference it was asked with may be a name or an object id). */
  readonly principal: EntityId;
  readonly holders: ReadonlySet<EntityId>;
  /** Slots of the scopes at which any holder has an assignment, ascending. */
  readonly scopeSlots: Int32Array;
  /**
   * The assignments at `scopeSlots[i]`: the principal's own first, then its groups' in breadth-first order.
   */
  readonly grantsAt: readonly (readonly HeldGrant[])[];
  /**
   * False when no assignment held carries a condition and no role held writes one on its permissions: nothing
   * the principal holds is then judged against a condition, whatever the question (see holdsNothingConditional).
   */
  readonly mayHoldConditional: boolean;
}

/** A deny assignment that applies at a scope, made at the scope `depth` levels up its chain. */
export interface ChainDeny {
  readonly deny: DenyAssignment;
  readonly depth: number;
}

/** One question scope, resolved: its key, whether the estate knows it, its chain and the denies on it. */
export interface ScopeView {
  readonly key: ScopeKey;
  readonly known: boolean;
  /** The scope, then its ancestors up to `/` (empty when unknown). */
  readonly chain: readonly ScopeKey[];
  /** Slots of the chain's scopes that hold any assignment, nearest first. */
  readonly chainSlots: Int32Array;
  /** Deny assignments that reach the scope, nearest first; "do not apply to child scopes" already applied. */
  readonly denies: readonly ChainDeny[];
}

/** How every role treats one action in one plane, memoised per role slot (see {@link HeldGrant.roleSlot}). */
export interface RoleMatcher {
  match(roleSlot: number): RoleMatch;
}

/** The outcome of matching one deny assignment's permissions against an action. */
export type DenyMatch = { kind: 'blocks'; pattern: string } | { kind: 'none' };

/** Options for {@link buildRbacIndex}. */
export interface RbacIndexOptions {
  /** The role catalog; defaults to the built-in roles plus the estate's own role definitions. */
  catalog?: RoleCatalog;
  /** Assignments to add to the estate's own, such as the grants Azure ML makes by itself. */
  extraAssignments?: readonly RoleAssignment[];
  /**
   * The index of an earlier version of the estate (before a what-if edit): what depends only on parts of
   * the estate the edit left as they were (the same arrays) is taken from it instead of built again.
   */
  previous?: RbacIndex;
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
  /**
   * A principal reference (entity id, name, object id...) resolved, with its holders and held assignments;
   * undefined when it names nobody (memoised by the reference as given, bounded).
   */
  principalView(ref: string): PrincipalView | undefined;
  /**
   * A question scope (ARM id, `/` or a name) resolved once: undefined when it names nothing (memoised by
   * the string as given, bounded).
   */
  scopeView(scope: string): ScopeView | undefined;
  /** Role matches for one action and plane (memoised per action as given, bounded). */
  roleMatcher(action: string, dataAction: boolean): RoleMatcher;
  /** How the role with this id treats the action (memoised). */
  matchRole(roleId: RoleId, action: string, dataAction: boolean): RoleMatch;
  /** Whether a deny assignment's permissions cover the action (ignoring scope and principals). */
  matchDeny(deny: DenyAssignment, action: string, dataAction: boolean): DenyMatch;
  /**
   * The ABAC condition of a role or deny assignment, parsed on first use and kept, so that each condition
   * is read once however many questions it meets; undefined when the assignment has none (or a blank one).
   */
  conditionOf(assignment: Pick<RoleAssignment | DenyAssignment, 'condition'>): ParsedCondition | undefined;
  /** The entity with this id, when the estate lists it. */
  entity(id: string): Entity | undefined;
  /** The first entity (in the estate's order of collections) whose ARM id is this scope key. */
  entityAtScope(key: ScopeKey): Entity | undefined;
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
  condition?: RoleCondition;
}

function compilePermission(perm: Permission): CompiledPermission {
  const compile = (list: readonly string[]): CompiledPattern[] => list.map((p) => compiledPattern(p));
  const compiled: CompiledPermission = {
    actions: compile(perm.actions),
    notActions: compile(perm.notActions),
    dataActions: compile(perm.dataActions),
    notDataActions: compile(perm.notDataActions),
  };
  const text = perm.condition;
  if (text !== undefined && text.trim() !== '') compiled.condition = { text, parsed: parseCondition(text) };
  return compiled;
}

/**
 * Matches one permission block. NotActions only take back what the same block's Actions gave; they never
 * reach another block or another role.
 */
function matchPermission(perm: CompiledPermission, action: string, dataAction: boolean): RoleMatch {
  const pattern = firstMatch(dataAction ? perm.dataActions : perm.actions, action);
  if (pattern === undefined) return { kind: 'none' };
  const notPattern = firstMatch(dataAction ? perm.notDataActions : perm.notActions, action);
  if (notPattern !== undefined) return { kind: 'excluded', pattern, notPattern };
  return perm.condition === undefined ? { kind: 'granted', pattern } : { kind: 'granted', pattern, condition: perm.condition };
}

function matchRoleDefinition(
  blocks: readonly CompiledPermission[],
  action: string,
  dataAction: boolean,
): RoleMatch {
  let excluded: RoleMatch | undefined;
  // A block without a condition grants outright and wins; otherwise the first conditioned block that grants
  // speaks for the role (built-in roles never grant one action through two conditioned blocks).
  let conditioned: RoleMatch | undefined;
  for (const block of blocks) {
    const result = matchPermission(block, action, dataAction);
    if (result.kind === 'granted') {
      if (result.condition === undefined) return result;
      conditioned ??= result;
    }
    if (result.kind === 'excluded' && excluded === undefined) excluded = result;
  }
  return conditioned ?? excluded ?? { kind: 'none' };
}

// The readers' words, but shorter where a scope is named in an explanation.
const KIND_LABEL: Readonly<Record<Entity['kind'], string>> = {
  ...KIND_LABELS,
  containerRegistry: 'registry',
  applicationInsights: 'Application Insights',
  onlineDeployment: 'deployment',
  userAssignedIdentity: 'managed identity',
};

// The memo of role matches is bounded so that a long-running session asking about many distinct actions
// does not grow without end; clearing it only costs recomputation.
const ROLE_MEMO_LIMIT = 200_000;
const GROUP_MEMO_LIMIT = 1_000_000;
// check() memoises per principal, per question scope and per action; each memo is dropped when full, which
// only costs recomputation. The principal memo is bounded by the grants it holds, not by principals.
const PRINCIPAL_MEMO_LIMIT = 2_000_000;
const SCOPE_MEMO_LIMIT = 200_000;
const ACTION_MEMO_LIMIT = 20_000;

const NO_DENIES: readonly ChainDeny[] = Object.freeze([]);
const UNKNOWN_CHAIN: readonly ScopeKey[] = Object.freeze([]);
const NO_SLOTS = new Int32Array(0);

/**
 * Indexes an estate for access checks: scope ancestor chains, transitive group membership with the group
 * path, assignments by scope then principal, and a memo of role-versus-action matches.
 */
export function buildRbacIndex(estate: Estate, options: RbacIndexOptions = {}): RbacIndex {
  const previous = options.previous;
  // The default catalog is the built-in roles plus the estate's definitions: the same definitions, the same catalog.
  const sameDefinitions = previous !== undefined && previous.estate.roleDefinitions === estate.roleDefinitions;
  const catalog = options.catalog ?? (sameDefinitions ? previous.catalog : createRoleCatalog(estate.roleDefinitions));
  const extra = options.extraAssignments ?? [];
  const assignments: readonly RoleAssignment[] = [...estate.roleAssignments, ...extra];
  const scopes = createScopeTree(estate, { extraScopes: extra.map((a) => a.scope), previous: previous?.scopes });

  // Entities, by id and by scope.
  const entities = new Map<string, Entity>();
  const entityByScope = new Map<ScopeKey, Entity>();
  for (const e of allEntities(estate)) {
    entities.set(e.id, e);
    if ('armId' in e) {
      const key = cachedScopeKey(e.armId);
      if (!entityByScope.has(key)) entityByScope.set(key, e);
    }
  }
  // Original spelling of scopes, for display.
  const scopeSpelling = new Map<ScopeKey, string>();
  for (const a of [...assignments, ...estate.denyAssignments]) {
    const key = cachedScopeKey(a.scope);
    if (!scopeSpelling.has(key)) scopeSpelling.set(key, a.scope);
  }

  // Assignments by scope, then by principal; and by principal alone.
  const byScope = new Map<ScopeKey, Map<EntityId, RoleAssignment[]>>();
  const byPrincipal = new Map<EntityId, RoleAssignment[]>();
  // Slots: small integers for the scopes that hold assignments and for role ids, so that check() compares
  // integers and indexes arrays where it would otherwise hash long strings.
  const scopeSlots = new Map<ScopeKey, number>();
  const roleSlots = new Map<string, number>();
  const roleIdOfSlot: RoleId[] = [];
  // Each principal's assignments with their slots, which check() files by scope per principal.
  const filedByPrincipal = new Map<EntityId, FiledAssignment[]>();
  for (const a of assignments) {
    const key = cachedScopeKey(a.scope);
    let scopeSlot = scopeSlots.get(key);
    if (scopeSlot === undefined) scopeSlots.set(key, (scopeSlot = scopeSlots.size));
    const roleKey = a.role.toLowerCase();
    let roleSlot = roleSlots.get(roleKey);
    if (roleSlot === undefined) {
      roleSlots.set(roleKey, (roleSlot = roleIdOfSlot.length));
      roleIdOfSlot.push(a.role);
    }
    pushTo(filedByPrincipal, a.principal, { assignment: a, scopeSlot, roleSlot });
    let atScope = byScope.get(key);
    if (atScope === undefined) byScope.set(key, (atScope = new Map()));
    pushTo(atScope, a.principal, a);
    pushTo(byPrincipal, a.principal, a);
  }
  const denyByScope = new Map<ScopeKey, DenyAssignment[]>();
  for (const d of estate.denyAssignments) pushTo(denyByScope, cachedScopeKey(d.scope), d);

  // Reverse membership edges: member -> groups that list it directly.
  const memberOf = new Map<EntityId, EntityId[]>();
  for (const g of estate.groups) for (const m of g.members) pushTo(memberOf, m, g.id);

  const knownPrincipals = new Set<string>();
  for (const list of principalCollections(estate)) {
    for (const p of list) knownPrincipals.add(p.id);
  }
  for (const a of assignments) knownPrincipals.add(a.principal);
  for (const g of estate.groups) for (const m of g.members) knownPrincipals.add(m);

  const principalRefs = buildPrincipalRefs(estate, knownPrincipals);
  const resolvePrincipal = (ref: string): EntityId | undefined => {
    const trimmed = ref.trim();
    if (knownPrincipals.has(trimmed)) return trimmed as EntityId;
    return principalRefs.get(trimmed.toLowerCase()) ?? principalRefs.get(scopeKey(trimmed));
  };
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

  const { compiledRoles, roleMemo } = catalogMemos(catalog);
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

  const matchRoleLowered = (roleId: RoleId, action: string, dataAction: boolean): RoleMatch => {
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
  // Rules ask about the same role and action spelt the same way many times (every assignment at a scope):
  // looked up by the strings as given first, so that a hit builds no lower-cased key.
  const roleMemoAsGiven = [new Map<string, Map<string, RoleMatch>>(), new Map<string, Map<string, RoleMatch>>()] as const;
  let memoisedAsGiven = 0;
  const matchRole = (roleId: RoleId, action: string, dataAction: boolean): RoleMatch => {
    const byAction = roleMemoAsGiven[dataAction ? 1 : 0];
    let byRole = byAction.get(action);
    if (byRole === undefined) byAction.set(action, (byRole = new Map()));
    let result = byRole.get(roleId);
    if (result === undefined) {
      result = matchRoleLowered(roleId, action, dataAction);
      if (memoisedAsGiven >= ROLE_MEMO_LIMIT) {
        roleMemoAsGiven[0].clear();
        roleMemoAsGiven[1].clear();
        memoisedAsGiven = 0;
        byAction.set(action, (byRole = new Map()));
      }
      byRole.set(roleId, result);
      memoisedAsGiven++;
    }
    return result;
  };

  // Per deny, its compiled permissions and its answer per action and plane: a deny on a busy resource group
  // meets the same few actions for every principal asked about below it.
  const compiledDenies = new Map<DenyAssignment, { permission: CompiledPermission; answers: [Map<string, DenyMatch>, Map<string, DenyMatch>] }>();
  const matchDeny = (deny: DenyAssignment, action: string, dataAction: boolean): DenyMatch => {
    let compiled = compiledDenies.get(deny);
    if (compiled === undefined) compiledDenies.set(deny, (compiled = { permission: compilePermission(deny.permissions), answers: [new Map(), new Map()] }));
    const answers = compiled.answers[dataAction ? 1 : 0];
    let answer = answers.get(action);
    if (answer === undefined) {
      const result = matchPermission(compiled.permission, action, dataAction);
      answer = result.kind === 'granted' ? { kind: 'blocks', pattern: result.pattern } : { kind: 'none' };
      if (answers.size >= ACTION_MEMO_LIMIT) answers.clear();
      answers.set(action, answer);
    }
    return answer;
  };

  const parsedConditions = new WeakMap<object, ParsedCondition | null>();
  const conditionOf = (
    assignment: Pick<RoleAssignment | DenyAssignment, 'condition'>,
  ): ParsedCondition | undefined => {
    // Most assignments carry no condition: answered without a look-up in the weak map.
    if (assignment.condition === undefined) return undefined;
    let parsed = parsedConditions.get(assignment);
    if (parsed === undefined) {
      const text = assignment.condition;
      parsed = text === undefined || text.trim() === '' ? null : parseCondition(text);
      parsedConditions.set(assignment, parsed);
    }
    return parsed ?? undefined;
  };

  // Principal-first: a principal and its groups hold a few dozen assignments even on a large tenant, while
  // the scopes above a resource hold thousands, so check() matches the question's chain against the
  // principal's own short list instead of looking the principal up in every scope's map.
  const principalMemo = new Map<string, PrincipalView | null>();
  // Per role slot: whether the role's definition writes a condition on any permission block (an unknown role
  // writes none: it matches nothing).
  const writesCondition: boolean[] = [];
  const roleWritesCondition = (roleSlot: number): boolean => {
    let writes = writesCondition[roleSlot];
    if (writes === undefined) {
      writes = compiledRole(roleIdOfSlot[roleSlot] as RoleId)?.some((block) => block.condition !== undefined) ?? false;
      writesCondition[roleSlot] = writes;
    }
    return writes;
  };
  let memoisedGrants = 0;
  const buildPrincipalView = (principal: EntityId): PrincipalView => {
    const holders = new Set<EntityId>([principal]);
    const bySlot = new Map<number, HeldGrant[]>();
    const file = (holder: EntityId, membership: GroupMembership | undefined): void => {
      for (const { assignment, scopeSlot, roleSlot } of filedByPrincipal.get(holder) ?? []) {
        pushTo(bySlot, scopeSlot, { assignment, membership, roleSlot });
      }
    };
    file(principal, undefined);
    for (const membership of groupsOf(principal)) {
      holders.add(membership.group);
      file(membership.group, membership);
    }
    const sorted = Int32Array.from(bySlot.keys()).sort();
    let mayHoldConditional = false;
    for (const list of bySlot.values()) {
      for (const { assignment, roleSlot } of list) if (assignment.condition !== undefined || roleWritesCondition(roleSlot)) mayHoldConditional = true;
    }
    return {
      principal,
      holders,
      scopeSlots: sorted,
      grantsAt: Array.from(sorted, (slot) => bySlot.get(slot) as HeldGrant[]),
      mayHoldConditional,
    };
  };
  const principalView = (ref: string): PrincipalView | undefined => {
    const cached = principalMemo.get(ref);
    if (cached !== undefined) return cached ?? undefined;
    const principal = knownPrincipals.has(ref) ? (ref as EntityId) : resolvePrincipal(ref);
    const view = principal === undefined ? null : buildPrincipalView(principal);
    const count = 1 + (view === null ? 0 : view.grantsAt.reduce((n, list) => n + list.length, 0));
    if (memoisedGrants + count > PRINCIPAL_MEMO_LIMIT) {
      principalMemo.clear();
      memoisedGrants = 0;
    }
    principalMemo.set(ref, view);
    memoisedGrants += count;
    return view ?? undefined;
  };

  const scopeMemo = new Map<string, ScopeView | null>();
  const scopeView = (scope: string): ScopeView | undefined => {
    const cached = scopeMemo.get(scope);
    if (cached !== undefined) return cached ?? undefined;
    const trimmed = scope.trim();
    const key = trimmed.startsWith('/') ? scopeKey(trimmed) : scopeRefs.get(trimmed.toLowerCase());
    let view: ScopeView | null = null;
    if (key !== undefined) {
      if (!scopes.isKnown(key))
        view = { key, known: false, chain: UNKNOWN_CHAIN, chainSlots: NO_SLOTS, denies: NO_DENIES };
      else {
        const chain = scopes.ancestors(key);
        const slots: number[] = [];
        for (const at of chain) {
          const slot = scopeSlots.get(at);
          if (slot !== undefined) slots.push(slot);
        }
        const denies: ChainDeny[] = [];
        chain.forEach((at, depth) => {
          for (const deny of denyByScope.get(at) ?? []) {
            // "Do not apply to child scopes" keeps a deny at exactly the scope it was made at.
            if (depth === 0 || !deny.doNotApplyToChildScopes) denies.push({ deny, depth });
          }
        });
        view = {
          key,
          known: true,
          chain,
          chainSlots: Int32Array.from(slots),
          denies: denies.length === 0 ? NO_DENIES : denies,
        };
      }
    }
    if (scopeMemo.size >= SCOPE_MEMO_LIMIT) scopeMemo.clear();
    scopeMemo.set(scope, view);
    return view ?? undefined;
  };

  // Matchers by the action as given, one map per plane; several spellings of an action share one matcher.
  const matchers = [new Map<string, RoleMatcher>(), new Map<string, RoleMatcher>()] as const;
  const matchersByLowered = [new Map<string, RoleMatcher>(), new Map<string, RoleMatcher>()] as const;
  const roleMatcher = (action: string, dataAction: boolean): RoleMatcher => {
    const plane = dataAction ? 1 : 0;
    let matcher = matchers[plane].get(action);
    if (matcher !== undefined) return matcher;
    const lowered = action.toLowerCase();
    matcher = matchersByLowered[plane].get(lowered);
    if (matcher === undefined) {
      matcher = new SlotMatcher(roleIdOfSlot, lowered, dataAction, matchRoleLowered);
      if (matchersByLowered[plane].size >= ACTION_MEMO_LIMIT) matchersByLowered[plane].clear();
      matchersByLowered[plane].set(lowered, matcher);
    }
    if (matchers[plane].size >= ACTION_MEMO_LIMIT) matchers[plane].clear();
    matchers[plane].set(action, matcher);
    return matcher;
  };

  const nameOf = (id: string): string => entities.get(id)?.name ?? id;

  return {
    estate,
    catalog,
    scopes,
    assignments,
    resolvePrincipal,
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
    principalView,
    scopeView,
    roleMatcher,
    matchRole,
    matchDeny,
    conditionOf,
    entity: (id) => entities.get(id),
    entityAtScope: (key) => entityByScope.get(key),
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

// What a role grants depends on the catalog alone: an index built for an edit that kept the catalog (see
// RbacIndexOptions.previous) starts with the answers the index before it worked out.
interface CatalogMemos {
  readonly compiledRoles: Map<string, readonly CompiledPermission[] | null>;
  readonly roleMemo: Map<string, RoleMatch>;
}
const memosOfCatalog = new WeakMap<RoleCatalog, CatalogMemos>();

function catalogMemos(catalog: RoleCatalog): CatalogMemos {
  let memos = memosOfCatalog.get(catalog);
  if (memos === undefined) memosOfCatalog.set(catalog, (memos = { compiledRoles: new Map(), roleMemo: new Map() }));
  return memos;
}

interface FiledAssignment {
  readonly assignment: RoleAssignment;
  readonly scopeSlot: number;
  readonly roleSlot: number;
}

// One matcher per action and plane: an array indexed by role slot, filled on first use.
class SlotMatcher implements RoleMatcher {
  readonly #bySlot: (RoleMatch | undefined)[] = [];
  constructor(
    private readonly roleIds: readonly RoleId[],
    private readonly action: string,
    private readonly dataAction: boolean,
    private readonly matchRole: (roleId: RoleId, action: string, dataAction: boolean) => RoleMatch,
  ) {}

  match(roleSlot: number): RoleMatch {
    let result = this.#bySlot[roleSlot];
    if (result === undefined) {
      result = this.matchRole(this.roleIds[roleSlot] as RoleId, this.action, this.dataAction);
      this.#bySlot[roleSlot] = result;
    }
    return result;
  }
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
    add(cachedScopeKey(uai.armId), uai.id);
  }
  for (const sai of estate.systemAssignedIdentities) add(sai.principalId, sai.id);
  for (const u of estate.users) add(u.userPrincipalName, u.id);
  for (const list of principalCollections(estate)) {
    for (const p of list) add(p.name, p.id);
  }
  return refs;
}

/** Every collection of the estate whose entities can hold a role assignment. */
function principalCollections(estate: Estate) {
  return [
    estate.users,
    estate.groups,
    estate.servicePrincipals,
    estate.userAssignedIdentities,
    estate.systemAssignedIdentities,
  ] as const;
}

// Look-up keys for scopes by name. Broader scopes come first so that a name shared by, say, a resource group
// and a workspace resolves to the container a person most likely means.
function buildScopeRefs(estate: Estate): Map<string, ScopeKey> {
  const refs = new Map<string, ScopeKey>();
  const add = (ref: string | undefined, armId: string): void => {
    if (ref === undefined || ref.trim() === '') return;
    const key = ref.trim().toLowerCase();
    if (!refs.has(key)) refs.set(key, cachedScopeKey(armId));
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
