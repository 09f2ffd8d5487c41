import type { AnalysisContext } from '../context/analysis-context';
import { ACTIONS, ROLES } from '../context/actions';
import { holdersOfKindsAt } from '../context/read-tracking';
import { scopeKey, type EntityId, type ScopeKey } from '../model/ids';
import type { EntityKind, OnlineEndpoint, Workspace } from '../model/types';
import { holdingsAlong, plainDenials } from '../rbac';
import type { Decision, GrantReason } from '../rbac/types';
import { makePath, principalIdentity, principalIdentityKind, requirement, requirementWith, type PathSpec, type RequirementSpec } from './builder';
import { groundsNumbering } from './decision-shape';
import type { AccessPath, PathGrant, PathRequirement, PrincipalCounts, ResolvedIdentity, TraceStep } from './types';

/**
 * Callers and operators of online endpoints: one path per endpoint per grant that bears on calling or managing
 * it (a role at a scope), listing the principals it covers, instead of one path per principal. A subscription's
 * hundreds of role holders then cost one path per role and scope they hold, whatever their number.
 */

const PRINCIPAL_KINDS: readonly EntityKind[] = ['user', 'group', 'servicePrincipal', 'userAssignedIdentity'];

/** The principals that hold a role at `scope` itself, of the kinds that call or manage endpoints, sorted. */
function holdersAt(context: AnalysisContext, key: ScopeKey): EntityId[] {
  return holdersOfKindsAt(context, key, PRINCIPAL_KINDS).sort();
}

/**
 * Principals that hold any role on the endpoint or above it, plus its creator, the creators of its deployments
 * and its declared callers: the people to explain access for. Sorted.
 */
function endpointPrincipals(context: AnalysisContext, shared: EndpointAccessShared, workspace: Workspace, endpoint: OnlineEndpoint): EntityId[] {
  const { topology } = context;
  const declared = new Set<EntityId>();
  if (endpoint.createdBy) declared.add(endpoint.createdBy);
  for (const deployment of topology.deploymentsOf(endpoint.id)) if (deployment.createdBy) declared.add(deployment.createdBy);
  for (const caller of endpoint.callers ?? []) declared.add(caller);
  // The endpoint's own user-assigned identity holds roles for its deployments (AcrPull, metrics); listing it
  // as someone who calls or manages the endpoint would be noise unless it is declared as such above.
  const own = new Set<EntityId>(endpoint.identity.userAssigned);
  const keep = (id: EntityId) => !declared.has(id) && !own.has(id);
  const [key, ...upper] = context.rbac.ancestors(endpoint.armId);
  const below = [...declared, ...(key === undefined ? [] : holdersAt(context, key).filter(keep))].sort();
  // The holders at the workspace and above, worked out once per workspace: a subscription's thousands of
  // role holders would otherwise be gathered and sorted again for every endpoint below it. (An endpoint whose
  // id does not lie below its workspace's has its own.)
  const underWorkspace = upper[0] !== undefined && upper[0] === context.rbac.scopeView(workspace.armId)?.key;
  let above = underWorkspace ? shared.holdersAbove.get(workspace.id) : undefined;
  if (above === undefined) {
    const all = new Set<EntityId>();
    for (const scope of upper) for (const id of holdersAt(context, scope)) all.add(id);
    above = [...all].sort();
    if (underWorkspace) shared.holdersAbove.set(workspace.id, above);
  }
  const belowSet = new Set(below);
  return mergeSorted(below, above.filter((id) => keep(id) && !belowSet.has(id)));
}

/** Two sorted lists as one sorted list. */
function mergeSorted(a: readonly EntityId[], b: readonly EntityId[]): EntityId[] {
  const merged: EntityId[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push((a[i] as EntityId) < (b[j] as EntityId) ? (a[i++] as EntityId) : (b[j++] as EntityId));
  while (i < a.length) merged.push(a[i++] as EntityId);
  while (j < b.length) merged.push(b[j++] as EntityId);
  return merged;
}

/** Where a principal goes: the path of a grant (with the grant), or the path of a shape of decisions. */
interface Placement {
  /**
   * Principals with equal signatures share a path. A number standing for the signature's text (see
   * {@link EndpointAccessShared.signatures}): principals are gathered by it at every endpoint, and a number is
   * looked up without hashing and comparing a long string each time.
   */
  signature: number;
  grant?: { key: string; reason: GrantReason };
}

/**
 * One principal's caller or operator paths to an endpoint, before principals are gathered. Its identity is not
 * kept: only the first principal of each path shows one (see {@link AccessPathsSpec.identityOf}), and building a
 * labelled identity for each of a subscription's role holders at every endpoint was most of this step's garbage.
 */
interface PrincipalEntry {
  principal: EntityId;
  /** The kind of the principal as an Entra identity: it decides the counts of a path. */
  kind: ResolvedIdentity['kind'];
  placements: readonly Placement[];
}

/** What the endpoints of one analysis share: decision numbering and what is worked out once per workspace. */
export interface EndpointAccessShared {
  grounds: (decision: Decision) => number;
  /** Per workspace: the principals holding a role at the workspace or above, sorted. */
  holdersAbove: Map<EntityId, EntityId[]>;
  /**
   * Per workspace, kind of path and endpoint mode, per principal: its placements when the endpoint adds nothing
   * of its own for it (see {@link reusablePlacements}), or null when they must be worked out per endpoint.
   */
  placements: Map<string, Map<EntityId, readonly Placement[] | null>>;
  /**
   * Per kind of path, endpoint mode and denies on the scopes asked about, per principal, per place it holds roles
   * along a workspace's chain (see {@link holdingsKey}): the same as {@link EndpointAccessShared.placements}, shared by the
   * workspaces where a principal holds roles at the same scopes, such as every workspace of a subscription for
   * a role holder of the subscription.
   */
  placementsByHoldings: Map<string, Map<EntityId, Map<string, readonly Placement[] | null>>>;
  /** Per scope asked about, per principal: where it holds roles along the scope's chain (see holdingsAlong), or null when unknown. */
  holdingsKeys: Map<string, Map<EntityId, string | null>>;
  /**
   * Per decision of a path's first principal asked above the endpoint, per grant and requirement: the requirement
   * of the grant's path (see {@link grantRequirement}).
   */
  grantRequirements: Map<Decision, Map<string, Map<string, PathRequirement>>>;
  /** The number of each placement signature's text (see {@link Placement.signature}). */
  signatures: Map<string, number>;
  /** Drops what was kept for the endpoints of this analysis (called once they are all done). */
  release(): void;
}

/** A fresh {@link EndpointAccessShared} for one analysis. */
export function endpointAccessShared(): EndpointAccessShared {
  grantKeysByDecision = new Map();
  grantKeysByAssignment = new Map();
  return {
    grounds: groundsNumbering(),
    holdersAbove: new Map(),
    placements: new Map(),
    placementsByHoldings: new Map(),
    holdingsKeys: new Map(),
    grantRequirements: new Map(),
    signatures: new Map(),
    release: () => {
      grantKeysByDecision.clear();
      grantKeysByAssignment.clear();
    },
  };
}

/**
 * The grant a reason comes from, as a key: the role, the scope it was assigned at, its condition and origin.
 * The group it comes through is left out: a group holding the role and a member reaching it through that group
 * share the path, which covers the group.
 */
function grantKey(grant: GrantReason): string {
  // The access check builds a reason per grant per decision, but from a few thousand assignments: the key is
  // kept per assignment id and reused while the fields it is made of are the same strings (an id given twice
  // with other fields gets its own key worked out).
  const kept = grantKeysByAssignment.get(grant.assignmentId);
  if (
    kept !== undefined &&
    kept.roleId === grant.roleId &&
    kept.assignedScope === grant.assignedScope &&
    kept.condition === grant.condition &&
    kept.origin === grant.origin
  )
    return kept.key;
  const key = `${grant.roleId}@${scopeKey(grant.assignedScope)}${grant.condition === undefined ? '' : `?${grant.condition}`}#${grant.origin}`;
  grantKeysByAssignment.set(grant.assignmentId, { roleId: grant.roleId, assignedScope: grant.assignedScope, condition: grant.condition, origin: grant.origin, key });
  return key;
}

// Per assignment id: the fields of the last grant keyed and its key (see grantKey). Lives as long as
// grantKeysByDecision does.
let grantKeysByAssignment = new Map<string, Pick<GrantReason, 'roleId' | 'assignedScope' | 'condition' | 'origin'> & { key: string }>();

/**
 * The {@link grantKey} of each of a decision's grants, in their order. The access check memoises decisions, so
 * one decision is looked at once per requirement, per grant of the principal and per endpoint below its scope:
 * its keys are worked out once, and one look-up per decision replaces one per grant.
 */
function grantKeysOf(decision: Decision): readonly string[] {
  if (decision.grants.length === 0) return NO_KEYS;
  let keys = grantKeysByDecision.get(decision);
  if (keys === undefined) {
    // Bounded, as the access check's memo is: clearing only costs working keys out again.
    if (grantKeysByDecision.size >= GRANT_KEYS_LIMIT) grantKeysByDecision.clear();
    grantKeysByDecision.set(decision, (keys = decision.grants.map(grantKey)));
  }
  return keys;
}

const NO_KEYS: readonly string[] = Object.freeze([]);
const GRANT_KEYS_LIMIT = 200_000;
// A Map rather than a WeakMap: a large tenant looks up millions of decisions, and a WeakMap's look-ups and its
// work at every garbage collection cost more. It lives for one analysis's endpoint paths (see
// endpointAccessShared and EndpointAccessShared.release).
let grantKeysByDecision = new Map<Decision, readonly string[]>();

const sameRoleAndScope = (a: { roleId: string; assignedScope: string }, roleId: string, scope: string) =>
  a.roleId === roleId && scopeKey(a.assignedScope) === scope;

/**
 * What `decision` comes to when only the grants of one key count: the same question, denies and unknowns,
 * with the grants, exclusions and unmet conditions of that role at that scope alone, and the effect worked
 * out from them as the access check does.
 */
function throughGrant(decision: Decision, key: string, roleId: string, scope: string): Decision {
  const keys = grantKeysOf(decision);
  const grants = decision.grants.filter((_, i) => keys[i] === key);
  const effect = effectThrough(decision, key);
  const restricted: Decision = {
    question: decision.question,
    effect,
    allowed: effect === 'allowed',
    grants,
    exclusions: decision.exclusions.filter((e) => sameRoleAndScope(e, roleId, scope)),
  };
  if (decision.deniedBy !== undefined) restricted.deniedBy = decision.deniedBy;
  if (decision.possibleDenies !== undefined) restricted.possibleDenies = decision.possibleDenies;
  const notMet = decision.conditionsNotMet?.filter((g) => sameRoleAndScope(g, roleId, scope));
  if (notMet !== undefined && notMet.length > 0) restricted.conditionsNotMet = notMet;
  if (decision.unknown !== undefined) restricted.unknown = decision.unknown;
  return restricted;
}

/** The effect {@link throughGrant} works out, without building the decision. */
function effectThrough(decision: Decision, key: string): Decision['effect'] {
  if (decision.deniedBy !== undefined) return 'denied';
  let any = false;
  let counts = false;
  const keys = grantKeysOf(decision);
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] !== key) continue;
    const g = decision.grants[i] as GrantReason;
    any = true;
    if (g.condition === undefined || g.conditionVerdict?.outcome === 'holds') counts = true;
  }
  return counts && decision.possibleDenies === undefined ? 'allowed' : any ? 'conditional' : 'denied';
}

/**
 * The part of {@link throughGrant}'s answer that may differ between principals holding the same grant: its
 * effect and the denies over it. Principals with equal signatures share the grant's path, so its decisions
 * (the first principal's) hold for every one of them. Built without allocating a decision per principal.
 */
function grantSignature(decision: Decision, key: string): string {
  let signature: string = effectThrough(decision, key);
  if (decision.deniedBy !== undefined) signature += `x${decision.deniedBy.denyAssignmentId}`;
  for (const deny of decision.possibleDenies ?? []) signature += `?${deny.denyAssignmentId}`;
  if (decision.unknown !== undefined) signature += 'u';
  return signature;
}

const NOUNS: Record<keyof PrincipalCounts, [string, string]> = {
  user: ['user', 'users'],
  group: ['group', 'groups'],
  'service-principal': ['service principal', 'service principals'],
  'managed-identity': ['managed identity', 'managed identities'],
};

/** How many of the covered principals are users, groups, service principals and managed identities. */
function countsOf(entries: readonly PrincipalEntry[]): PrincipalCounts {
  const counts: PrincipalCounts = {};
  for (const entry of entries) {
    const kind = entry.kind as keyof PrincipalCounts;
    if (kind in NOUNS) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** `3 users`, `2 users and 1 group`, `5 principals (3 users, 1 group, 1 service principal)`. */
function countsLabel(total: number, counts: PrincipalCounts): string {
  const parts = (Object.keys(NOUNS) as (keyof PrincipalCounts)[])
    .filter((kind) => counts[kind] !== undefined)
    .map((kind) => `${counts[kind] ?? 0} ${NOUNS[kind][(counts[kind] ?? 0) === 1 ? 0 : 1]}`);
  if (parts.length === 1 && (Object.values(counts) as number[]).reduce((a, b) => a + b, 0) === total) return parts[0] as string;
  return `${total} principals${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

interface AccessPathsSpec {
  kind: 'endpoint-invoke' | 'endpoint-manage';
  endpoint: OnlineEndpoint;
  trace: TraceStep[];
  status: AccessPath['status'] | undefined;
  /** What every principal is asked; the paths' requirements are built for the first principal of each only. */
  requirements: readonly RequirementSpec[];
  /** Whether grants serving only optional requirements make paths: only when every requirement is optional. */
  optionalGrantsMakePaths: boolean;
  /** The identity a principal's path authenticates as: the principal, or a key or token it holds. */
  identityOf: (principal: EntityId) => ResolvedIdentity;
}

/** The identity a path covering `entries` shows: the principal's own when alone, else a count of them. */
function coveringIdentity(spec: AccessPathsSpec, entries: readonly PrincipalEntry[], counts: PrincipalCounts): ResolvedIdentity {
  const identity = spec.identityOf((entries[0] as PrincipalEntry).principal);
  if (entries.length === 1) return identity;
  const keyed = identity.kind === 'key-or-token';
  const held = keyed ? `, each holding a ${spec.endpoint.authMode === 'aml_token' ? 'token' : 'key'}` : '';
  return { ...identity, label: `${countsLabel(entries.length, counts)}${held}` };
}

/**
 * The grants that alone give a principal all the access it has to the endpoint: every needed requirement (see
 * {@link AccessPathsSpec.optionalGrantsMakePaths}) comes out the same through the grant as through everything
 * the principal holds. Empty when nothing grants anything, or when the principal's access takes two roles
 * together (one reads, another writes).
 */
function explainingGrants(spec: AccessPathsSpec, decisions: readonly Decision[]): Map<string, GrantReason> {
  const candidates = new Map<string, GrantReason>();
  const counts = (i: number) => spec.optionalGrantsMakePaths || spec.requirements[i]?.optional !== true;
  decisions.forEach((d, i) => {
    if (!counts(i)) return;
    const keys = grantKeysOf(d);
    d.grants.forEach((g, j) => {
      const key = keys[j] as string;
      if (!candidates.has(key)) candidates.set(key, g);
    });
  });
  for (const key of candidates.keys()) {
    if (!decisions.every((d, i) => !counts(i) || effectThrough(d, key) === d.effect)) candidates.delete(key);
  }
  return candidates;
}

/** Where a principal with these decisions goes (see {@link gatheredPaths}). */
function placementsOf(spec: AccessPathsSpec, shared: EndpointAccessShared, identityKind: string, decisions: readonly Decision[]): Placement[] {
  const explaining = explainingGrants(spec, decisions);
  if (explaining.size === 0) {
    let shape = `shape:${identityKind}`;
    for (const d of decisions) shape += `|${shared.grounds(d)}`;
    return [{ signature: signatureNumber(shared, shape) }];
  }
  const placements: Placement[] = [];
  for (const [key, reason] of explaining) {
    let signature = `grant:${key}`;
    for (const d of decisions) signature += `|${grantSignature(d, key)}`;
    placements.push({ signature: signatureNumber(shared, signature), grant: { key, reason } });
  }
  return placements;
}

/** The number standing for a signature's text: equal texts, equal numbers (see {@link Placement.signature}). */
function signatureNumber(shared: EndpointAccessShared, text: string): number {
  let n = shared.signatures.get(text);
  if (n === undefined) shared.signatures.set(text, (n = shared.signatures.size));
  return n;
}

/**
 * True when a decision at the workspace stands for the same question at an endpoint of it: the same grants,
 * exclusions and denies, since the endpoint adds nothing of its own for the principal (see
 * {@link endpointAccessPaths}), unless a condition, judged against the scope asked about, could tell them apart.
 */
function standsForEndpoint(decision: Decision): boolean {
  return (
    decision.unknown === undefined &&
    decision.possibleDenies === undefined &&
    decision.conditionsNotMet === undefined &&
    decision.grants.every((g) => g.condition === undefined)
  );
}

/**
 * The paths of one kind to one endpoint. Per grant, one path whose decisions count that grant alone, covering
 * the principals it alone gives all their access (a principal holding Owner and Contributor is covered by both;
 * one holding Contributor and Reader by Contributor's only). The principals whose access no single grant
 * explains (no grant at all, or two roles that only together suffice) keep their own decisions and are gathered
 * by the shape of them (see {@link groundsNumbering}): the few who hold nothing share one path.
 */
function gatheredPaths(
  context: AnalysisContext,
  shared: EndpointAccessShared,
  spec: AccessPathsSpec,
  entries: readonly PrincipalEntry[],
): AccessPath[] {
  const { topology } = context;
  // Grant and shape groups in one map, so that paths come in the order of their first principal.
  const groups = new Map<number, { grant: { key: string; reason: GrantReason } | undefined; entries: PrincipalEntry[] }>();
  for (const entry of entries) {
    for (const placement of entry.placements) {
      const group = groups.get(placement.signature);
      if (group) group.entries.push(entry);
      else groups.set(placement.signature, { grant: placement.grant, entries: [entry] });
    }
  }

  const verb = spec.kind === 'endpoint-invoke' ? 'call' : 'manage';
  // The requirements' memo keys (see grantRequirement), once per endpoint rather than once per path.
  const specKeys = spec.requirements.map(requirementMemoKey);
  const paths: AccessPath[] = [];
  for (const { grant, entries: covered } of groups.values()) {
    const first = covered[0] as PrincipalEntry;
    const counts = countsOf(covered);
    const who = covered.length > 1 ? `${countsLabel(covered.length, counts)} ${verb}` : `${topology.nameOf(first.principal)} ${verb}s`;
    // Built field by field rather than spread from a common part: one path per grant per endpoint adds up.
    const path: PathSpec = {
      kind: spec.kind,
      title: '',
      actor: first.principal,
      target: spec.endpoint.id,
      identity: coveringIdentity(spec, covered, counts),
      trace: spec.trace,
      requirements: [],
    };
    if (spec.status) path.status = spec.status;
    if (covered.length > 1) {
      path.principals = covered.map((e) => e.principal);
      path.principalCounts = counts;
    }
    if (grant === undefined) {
      // Asked again for the first principal alone: the access check is memoised, so this builds the requirement
      // objects around the same decisions.
      path.title = `${who} ${spec.endpoint.name}`;
      path.requirements = spec.requirements.map((r) => requirement(context, first.principal, r));
      paths.push(makePath(path));
      continue;
    }
    const { key, reason } = grant;
    const pathGrant: PathGrant = { roleId: reason.roleId, roleName: reason.roleName, scope: reason.assignedScope, origin: reason.origin };
    if (reason.condition !== undefined) pathGrant.condition = reason.condition;
    path.title = `${who} ${spec.endpoint.name} through ${reason.roleName} on ${context.rbac.scopeLabel(reason.assignedScope)}`;
    path.requirements = spec.requirements.map((r, i) =>
      grantRequirement(context, shared, first.principal, r, grant, r.scope !== spec.endpoint.armId ? (specKeys[i] as string) : undefined),
    );
    // The key makes the id unique: the first principal may hold several grants that bear on the endpoint.
    path.detail = key;
    path.grant = pathGrant;
    paths.push(makePath(path));
  }
  return paths;
}

/** What tells the requirements of a grant's path apart, besides the decision and the grant (see grantRequirement). */
function requirementMemoKey(spec: RequirementSpec): string {
  return `${spec.label}|${spec.role}|${spec.optional === true ? 'o' : ''}`;
}

/**
 * One requirement of a grant's path: the first principal's decision with that grant alone counting (see
 * {@link throughGrant}). A question asked above the endpoint (at the workspace or its resource group) comes back
 * as the same memoised decision for every endpoint of the workspace whose path of the grant starts with the same
 * principal, so the requirement is built once and shared (paths are never changed once made). `shareAs` is the
 * requirement's memo key (see {@link requirementMemoKey}) when it is asked above the endpoint, else undefined.
 */
function grantRequirement(
  context: AnalysisContext,
  shared: EndpointAccessShared,
  principal: EntityId,
  spec: RequirementSpec,
  grant: { key: string; reason: GrantReason },
  shareAs: string | undefined,
): PathRequirement {
  const decision = context.can(principal, spec.action, spec.scope, spec.dataAction ?? false);
  const build = () => requirementWith(spec, throughGrant(decision, grant.key, grant.reason.roleId, scopeKey(grant.reason.assignedScope)));
  if (shareAs === undefined) return build();
  // Nested by grant, then requirement: the grant's key is a string already made (see grantKeysOf), so no
  // longer key is built per path.
  let byGrant = shared.grantRequirements.get(decision);
  if (byGrant === undefined) shared.grantRequirements.set(decision, (byGrant = new Map()));
  let bySpec = byGrant.get(grant.key);
  if (bySpec === undefined) byGrant.set(grant.key, (bySpec = new Map()));
  let built = bySpec.get(shareAs);
  if (built === undefined) bySpec.set(shareAs, (built = build()));
  return built;
}

/**
 * The placements of principals at one endpoint. A principal that holds nothing at the endpoint itself, where no
 * deny differs from the workspace's, has the same decisions at every endpoint of the workspace but for the
 * scope asked about: its placements are worked out once per workspace, from the questions asked at the
 * workspace instead, and reused (a subscription's role holders are otherwise asked again for every endpoint).
 * Conditions, judged against the scope, and principals holding a role at the endpoint are asked there.
 */
function reusablePlacements(
  context: AnalysisContext,
  shared: EndpointAccessShared,
  workspace: Workspace,
  endpoint: OnlineEndpoint,
  spec: AccessPathsSpec,
  mode: string,
): (principal: EntityId, identityKind: string) => readonly Placement[] {
  const ask = (principal: EntityId, specs: readonly RequirementSpec[]) => specs.map((s) => context.can(principal, s.action, s.scope, s.dataAction ?? false));
  // Many role holders hold nothing that bears on the endpoint: their decisions would all be bare denials, whose
  // placement is known without building them (see placementsOf: no grant, and the shape of plain denials).
  const bareHere = plainDenials(context.rbac, spec.requirements);
  const bareShapes = new Map<string, readonly Placement[]>();
  const bareShape = (identityKind: string): readonly Placement[] => {
    let shape = bareShapes.get(identityKind);
    if (shape === undefined) bareShapes.set(identityKind, (shape = [{ signature: signatureNumber(shared, `shape:${identityKind}${'|-1'.repeat(spec.requirements.length)}`) }]));
    return shape;
  };
  const direct = (principal: EntityId, identityKind: string) =>
    bareHere(principal) ? bareShape(identityKind) : placementsOf(spec, shared, identityKind, ask(principal, spec.requirements));
  const at = context.rbac.scopeView(endpoint.armId);
  const parent = context.rbac.scopeView(workspace.armId);
  if (at === undefined || parent === undefined || !at.known || !parent.known || at.chain[1] !== parent.key) return direct;
  const sameDenies = at.denies.length === parent.denies.length && at.denies.every((d, i) => d.deny === parent.denies[i]?.deny);
  if (!sameDenies) return direct;
  const heldHere = context.rbac.assignmentsByPrincipalAt(at.key);
  // A role held at the endpoint, by the principal or a group it belongs to, changes its answer there. Most
  // endpoints have no group among their holders: then nobody's groups need looking up (a group that is not in the
  // estate has no members there).
  let groupHoldsHere = false;
  for (const holder of heldHere?.keys() ?? []) if (context.topology.getOfKind(holder, 'group') !== undefined) groupHoldsHere = true;
  const holdsHere = (principal: EntityId) =>
    heldHere !== undefined &&
    (heldHere.has(principal) || (groupHoldsHere && context.rbac.groupsOf(principal).some((m) => heldHere.has(m.group))));
  const atWorkspace = spec.requirements.map((s) => (s.scope === endpoint.armId ? { ...s, scope: workspace.armId } : s));
  const bareAtWorkspace = plainDenials(context.rbac, atWorkspace);
  const cacheKey = `${workspace.id}|${mode}`;
  let cache = shared.placements.get(cacheKey);
  if (cache === undefined) shared.placements.set(cacheKey, (cache = new Map()));
  const known = cache;
  // The requirements' scopes are the workspace and the scopes above it, so the denies on each count.
  const deniesKey = placementsDeniesKey(context, atWorkspace);
  const holdingsScope = deniesKey === undefined ? undefined : chainHoldingAll(context, atWorkspace);
  const holdingsMode = `${mode}|${atWorkspace.map((s) => s.action).join(',')}|${deniesKey ?? ''}`;
  let byPrincipal = shared.placementsByHoldings.get(holdingsMode);
  if (byPrincipal === undefined) shared.placementsByHoldings.set(holdingsMode, (byPrincipal = new Map()));
  const byHoldings = byPrincipal;
  return (principal, identityKind) => {
    if (holdsHere(principal)) return direct(principal, identityKind);
    let placements = known.get(principal);
    if (placements === undefined) {
      if (bareAtWorkspace(principal)) placements = bareShape(identityKind);
      else {
        const key = holdingsScope === undefined ? undefined : holdingsKey(context, shared, principal, holdingsScope);
        let elsewhere = key === undefined ? undefined : byHoldings.get(principal);
        placements = key === undefined ? undefined : elsewhere?.get(key);
        if (placements === undefined) {
          const decisions = ask(principal, atWorkspace);
          placements = decisions.every(standsForEndpoint) ? placementsOf(spec, shared, identityKind, decisions) : null;
          if (key !== undefined) {
            if (elsewhere === undefined) byHoldings.set(principal, (elsewhere = new Map()));
            elsewhere.set(key, placements);
          }
        }
      }
      known.set(principal, placements);
    }
    return placements ?? direct(principal, identityKind);
  };
}

/**
 * The denies on the scopes of `specs` (the workspace and the scopes above it that an endpoint's questions are
 * asked at), as a key; undefined when a scope is unknown or a deny there carries a condition, judged against
 * the scope: placements are then not shared between workspaces.
 */
function placementsDeniesKey(context: AnalysisContext, specs: readonly RequirementSpec[]): string | undefined {
  let key = '';
  for (const spec of specs) {
    const view = context.rbac.scopeView(spec.scope);
    if (view === undefined || !view.known) return undefined;
    key += '/';
    for (const { deny } of view.denies) {
      if (context.rbac.conditionOf(deny) !== undefined) return undefined;
      key += `${deny.id},`;
    }
  }
  return key;
}

/**
 * The scope asked about whose chain holds every other scope asked about (the workspace, below its resource
 * group), or undefined when there is none: where a principal holds roles along that chain is then where it
 * holds them along each.
 */
function chainHoldingAll(context: AnalysisContext, specs: readonly RequirementSpec[]): string | undefined {
  const keys = specs.map((s) => context.rbac.scopeView(s.scope)?.key);
  for (const spec of specs) {
    const chain = context.rbac.scopeView(spec.scope)?.chain ?? [];
    if (keys.every((key) => key !== undefined && chain.includes(key))) return spec.scope;
  }
  return undefined;
}

/**
 * Where `principal` holds roles along the chain of `scope` (see holdingsAlong), worked out once per scope and
 * principal for both kinds of path. With the questions and the denies on their scopes (see
 * {@link EndpointAccessShared.placementsByHoldings}), two workspaces with equal keys ask the principal questions
 * with the same grants, exclusions and denies but for the scope asked about, so the placements worked out at one
 * hold at the other whenever they may be reused at all (see {@link standsForEndpoint}, which rules out
 * conditions and unknowns).
 */
function holdingsKey(context: AnalysisContext, shared: EndpointAccessShared, principal: EntityId, scope: string): string | undefined {
  let byPrincipal = shared.holdingsKeys.get(scope);
  if (byPrincipal === undefined) shared.holdingsKeys.set(scope, (byPrincipal = new Map()));
  let key = byPrincipal.get(principal);
  if (key === undefined) byPrincipal.set(principal, (key = holdingsAlong(context.rbac, principal, scope)?.key ?? null));
  return key ?? undefined;
}

const allOptional = (specs: readonly RequirementSpec[]) => specs.every((s) => s.optional === true);

/**
 * Callers invoking an endpoint (data plane, R66 to R69) and operators managing it (control plane, R58 to R64),
 * one path per grant reaching it with the principals that hold it (see {@link gatheredPaths}).
 */
export function endpointAccessPaths(
  context: AnalysisContext,
  shared: EndpointAccessShared,
  workspace: Workspace,
  endpoint: OnlineEndpoint,
): AccessPath[] {
  const { topology } = context;
  const resourceGroup = topology.resourceGroupOf(workspace.id);
  const token = endpoint.authMode === 'aml_token';
  // The trace and the questions depend on the endpoint only: asked of every principal, one copy for all.
  const invokeTrace: TraceStep[] = [];
  let invokeStatus: AccessPath['status'] | undefined;
  let invokeSpecs: RequirementSpec[] = [];
  if (endpoint.authMode === 'aad_token') {
    if (endpoint.endpointKind === 'kubernetes') {
      invokeTrace.push({ text: `${endpoint.name} is a Kubernetes endpoint, which cannot use Entra tokens; only key and aml_token work there.`, entity: endpoint.id, fact: 'R67', source: 'S2' });
      invokeStatus = 'unsupported';
    } else {
      invokeTrace.push({ text: `${endpoint.name} accepts Entra tokens, so a caller needs the score action on the endpoint.`, entity: endpoint.id, fact: 'R69', source: 'S2' });
      invokeSpecs = [{ label: 'score', action: ACTIONS.endpointScore, scope: endpoint.armId, role: ROLES.azureMlDataScientist }];
    }
  } else {
    invokeTrace.push({
      text: `${endpoint.name} uses ${token ? 'Azure ML tokens' : 'keys'}: whoever holds one can call it, and no role is checked on the call itself.`,
      entity: endpoint.id,
      fact: 'R68',
      source: 'S2',
    });
    invokeTrace.push({ text: `Fetching the ${token ? 'token' : 'key'} from Azure is a control-plane action on the endpoint.`, fact: token ? 'R62' : 'R63', source: 'S2' });
    invokeSpecs = [
      {
        label: token ? 'get a token' : 'list keys',
        action: token ? ACTIONS.endpointToken : ACTIONS.endpointListKeys,
        scope: endpoint.armId,
        role: ROLES.azureMlDataScientist,
        optional: true,
      },
    ];
  }
  const manageTrace: TraceStep[] = [
    { text: 'Managing an endpoint goes through the workspace with an Entra token; creating, updating and deleting are checked at the workspace.', fact: 'R58', source: 'S2' },
    { text: 'Doing the same from studio also needs the right to create deployments on the resource group.', fact: 'R60', source: 'S2' },
  ];
  const manageSpecs: RequirementSpec[] = [
    { label: 'read endpoints', action: ACTIONS.endpointRead, scope: endpoint.armId, role: ROLES.azureMlDataScientist },
    { label: 'create or update endpoints', action: ACTIONS.endpointWrite, scope: workspace.armId, role: ROLES.azureMlDataScientist },
    { label: 'create or update deployments', action: ACTIONS.deploymentWrite, scope: workspace.armId, role: ROLES.azureMlDataScientist },
    { label: 'delete endpoints', action: ACTIONS.endpointDelete, scope: workspace.armId, role: ROLES.azureMlDataScientist },
    ...(resourceGroup
      ? [
          {
            label: 'manage from studio (deployments on the resource group)',
            action: ACTIONS.resourceDeploymentsWrite,
            scope: resourceGroup.armId,
            role: ROLES.contributor,
            optional: true,
          },
        ]
      : []),
  ];

  const who = (principal: EntityId) => principalIdentity(topology, principal, 'explicit');
  const keyed = endpoint.authMode !== 'aad_token';
  const invokeIdentity = (principal: EntityId): ResolvedIdentity => {
    const identity = who(principal);
    return keyed ? { kind: 'key-or-token', principal, label: `${identity.label}, holding a ${token ? 'token' : 'key'}`, chosen: 'explicit' } : identity;
  };
  const invokeSpec: AccessPathsSpec = { kind: 'endpoint-invoke', endpoint, trace: invokeTrace, status: invokeStatus, requirements: invokeSpecs, optionalGrantsMakePaths: allOptional(invokeSpecs), identityOf: invokeIdentity };
  const manageSpec: AccessPathsSpec = { kind: 'endpoint-manage', endpoint, trace: manageTrace, status: undefined, requirements: manageSpecs, optionalGrantsMakePaths: allOptional(manageSpecs), identityOf: who };
  const invokePlacements = reusablePlacements(context, shared, workspace, endpoint, invokeSpec, `invoke|${endpoint.authMode}|${endpoint.endpointKind}`);
  const managePlacements = reusablePlacements(context, shared, workspace, endpoint, manageSpec, 'manage');

  const callers: PrincipalEntry[] = [];
  const operators: PrincipalEntry[] = [];
  for (const principal of endpointPrincipals(context, shared, workspace, endpoint)) {
    const kind = principalIdentityKind(topology, principal);
    callers.push({ principal, kind, placements: invokePlacements(principal, keyed ? 'key-or-token' : kind) });
    operators.push({ principal, kind, placements: managePlacements(principal, kind) });
  }
  return [...gatheredPaths(context, shared, invokeSpec, callers), ...gatheredPaths(context, shared, manageSpec, operators)];
}
