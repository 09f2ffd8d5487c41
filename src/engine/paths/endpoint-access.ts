import type { AnalysisContext } from '../context/analysis-context';
import { ACTIONS, ROLES } from '../context/actions';
import { scopeKey, type EntityId } from '../model/ids';
import type { OnlineEndpoint, Workspace } from '../model/types';
import type { Decision, GrantReason } from '../rbac/types';
import { makePath, principalIdentity, requirement, type RequirementSpec } from './builder';
import type { AccessPath, PathGrant, PathRequirement, PrincipalCounts, ResolvedIdentity, TraceStep } from './types';

/**
 * Callers and operators of online endpoints: one path per endpoint per grant that bears on calling or managing
 * it (a role at a scope), listing the principals it covers, instead of one path per principal. A subscription's
 * hundreds of role holders then cost one path per role and scope they hold, whatever their number.
 */

/**
 * Principals that hold any role on the endpoint or above it, plus its creator, the creators of its deployments
 * and its declared callers: the people to explain access for.
 */
function endpointPrincipals(context: AnalysisContext, endpoint: OnlineEndpoint): EntityId[] {
  const { topology } = context;
  const found = new Set<EntityId>();
  if (endpoint.createdBy) found.add(endpoint.createdBy);
  for (const deployment of topology.deploymentsOf(endpoint.id)) if (deployment.createdBy) found.add(deployment.createdBy);
  for (const caller of endpoint.callers ?? []) found.add(caller);
  // The endpoint's own user-assigned identity holds roles for its deployments (AcrPull, metrics); listing it
  // as someone who calls or manages the endpoint would be noise unless it is declared as such above.
  const ownIdentities = new Set<EntityId>(endpoint.identity.userAssigned);
  // The principals filed at each scope of the chain, not every assignment: a subscription's thousands of
  // assignments would otherwise be visited once per endpoint below it.
  for (const key of context.rbac.ancestors(endpoint.armId)) {
    for (const id of context.rbac.assignmentsByPrincipalAt(key)?.keys() ?? []) {
      if (found.has(id)) continue;
      const principal = topology.get(id);
      if (!principal || ownIdentities.has(principal.id)) continue;
      if (principal.kind === 'user' || principal.kind === 'group' || principal.kind === 'servicePrincipal' || principal.kind === 'userAssignedIdentity') {
        found.add(principal.id);
      }
    }
  }
  return [...found].sort();
}

/** One principal's caller or operator requirements to an endpoint, before principals are gathered by grant. */
interface PrincipalEntry {
  principal: EntityId;
  /** The principal as an Entra identity (its kind decides the counts of a path). */
  who: ResolvedIdentity;
  /** The identity the path authenticates as: the principal, or a key or token it holds. */
  identity: ResolvedIdentity;
  requirements: PathRequirement[];
}

/**
 * The grant a reason comes from, as a key: the role, the scope it was assigned at, its condition and origin.
 * The group it comes through is left out: a group holding the role and a member reaching it through that group
 * share the path, which covers the group.
 */
function grantKey(grant: GrantReason): string {
  let key = grantKeys.get(grant);
  if (key === undefined) {
    key = `${grant.roleId}@${scopeKey(grant.assignedScope)}${grant.condition === undefined ? '' : `?${grant.condition}`}#${grant.origin}`;
    grantKeys.set(grant, key);
  }
  return key;
}

// The access check memoises decisions, so one grant reason is looked at once per requirement, per grant of the
// principal and per endpoint below its scope: its key is worked out once.
const grantKeys = new WeakMap<GrantReason, string>();

const sameRoleAndScope = (a: { roleId: string; assignedScope: string }, roleId: string, scope: string) =>
  a.roleId === roleId && scopeKey(a.assignedScope) === scope;

/**
 * What `decision` comes to when only the grants of one key count: the same question, denies and unknowns,
 * with the grants, exclusions and unmet conditions of that role at that scope alone, and the effect worked
 * out from them as the access check does.
 */
function throughGrant(decision: Decision, key: string, roleId: string, scope: string): Decision {
  const grants = decision.grants.filter((g) => grantKey(g) === key);
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
  for (const g of decision.grants) {
    if (grantKey(g) !== key) continue;
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
  for (const { who } of entries) {
    const kind = who.kind as keyof PrincipalCounts;
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
  /** Whether grants serving only optional requirements make paths: only when every requirement is optional. */
  optionalGrantsMakePaths: boolean;
}

/** The identity a path covering `entries` shows: the principal's own when alone, else a count of them. */
function coveringIdentity(spec: AccessPathsSpec, entries: readonly PrincipalEntry[], counts: PrincipalCounts): ResolvedIdentity {
  const first = entries[0] as PrincipalEntry;
  if (entries.length === 1) return first.identity;
  const keyed = first.identity.kind === 'key-or-token';
  const held = keyed ? `, each holding a ${spec.endpoint.authMode === 'aml_token' ? 'token' : 'key'}` : '';
  return { ...first.identity, label: `${countsLabel(entries.length, counts)}${held}` };
}

function coveredFields(entries: readonly PrincipalEntry[], counts: PrincipalCounts): Pick<AccessPath, 'principals' | 'principalCounts'> {
  return entries.length > 1 ? { principals: entries.map((e) => e.principal), principalCounts: counts } : {};
}

/**
 * The grants that alone give a principal all the access it has to the endpoint: every needed requirement (see
 * {@link AccessPathsSpec.optionalGrantsMakePaths}) comes out the same through the grant as through everything
 * the principal holds. Empty when nothing grants anything, or when the principal's access takes two roles
 * together (one reads, another writes).
 */
function explainingGrants(spec: AccessPathsSpec, requirements: readonly PathRequirement[]): Map<string, GrantReason> {
  const needed = requirements.filter((r) => r.decision !== undefined && (spec.optionalGrantsMakePaths || !r.optional));
  const candidates = new Map<string, GrantReason>();
  for (const r of needed) for (const g of r.decision?.grants ?? []) if (!candidates.has(grantKey(g))) candidates.set(grantKey(g), g);
  for (const key of [...candidates.keys()]) {
    if (!needed.every((r) => effectThrough(r.decision as Decision, key) === (r.decision as Decision).effect)) candidates.delete(key);
  }
  return candidates;
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
  grounds: (decision: Decision) => number,
  spec: AccessPathsSpec,
  entries: readonly PrincipalEntry[],
): AccessPath[] {
  const { topology } = context;
  // Grant and shape groups in one map, so that paths come in the order of their first principal.
  const groups = new Map<string, { grant?: { key: string; reason: GrantReason }; entries: PrincipalEntry[] }>();
  const join = (signature: string, entry: PrincipalEntry, grant?: { key: string; reason: GrantReason }) => {
    const group = groups.get(signature);
    if (group) group.entries.push(entry);
    else groups.set(signature, { ...(grant ? { grant } : {}), entries: [entry] });
  };
  for (const entry of entries) {
    const explaining = explainingGrants(spec, entry.requirements);
    if (explaining.size === 0) {
      let shape = `shape:${entry.identity.kind}`;
      for (const r of entry.requirements) shape += `|${r.decision ? grounds(r.decision) : '-'}`;
      join(shape, entry);
      continue;
    }
    for (const [key, reason] of explaining) {
      let signature = `grant:${key}`;
      for (const r of entry.requirements) signature += `|${r.decision ? grantSignature(r.decision, key) : '-'}`;
      join(signature, entry, { key, reason });
    }
  }

  const verb = spec.kind === 'endpoint-invoke' ? 'call' : 'manage';
  const paths: AccessPath[] = [];
  for (const { grant, entries: covered } of groups.values()) {
    const first = covered[0] as PrincipalEntry;
    const counts = countsOf(covered);
    const who = covered.length > 1 ? `${countsLabel(covered.length, counts)} ${verb}` : `${topology.nameOf(first.principal)} ${verb}s`;
    const common = {
      kind: spec.kind,
      actor: first.principal,
      target: spec.endpoint.id,
      identity: coveringIdentity(spec, covered, counts),
      trace: spec.trace,
      ...(spec.status ? { status: spec.status } : {}),
      ...coveredFields(covered, counts),
    };
    if (grant === undefined) {
      paths.push(makePath({ ...common, title: `${who} ${spec.endpoint.name}`, requirements: first.requirements }));
      continue;
    }
    const { key, reason } = grant;
    const scope = scopeKey(reason.assignedScope);
    const pathGrant: PathGrant = { roleId: reason.roleId, roleName: reason.roleName, scope: reason.assignedScope, origin: reason.origin };
    if (reason.condition !== undefined) pathGrant.condition = reason.condition;
    paths.push(
      makePath({
        ...common,
        title: `${who} ${spec.endpoint.name} through ${reason.roleName} on ${context.rbac.scopeLabel(reason.assignedScope)}`,
        requirements: first.requirements.map((r) => (r.decision ? { ...r, decision: throughGrant(r.decision, key, reason.roleId, scope) } : r)),
        // The key makes the id unique: the first principal may hold several grants that bear on the endpoint.
        detail: key,
        grant: pathGrant,
      }),
    );
  }
  return paths;
}

const allOptional = (specs: readonly RequirementSpec[]) => specs.every((s) => s.optional === true);

/**
 * Callers invoking an endpoint (data plane, R66 to R69) and operators managing it (control plane, R58 to R64),
 * one path per grant reaching it with the principals that hold it (see {@link gatheredPaths}).
 */
export function endpointAccessPaths(
  context: AnalysisContext,
  grounds: (decision: Decision) => number,
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

  const callers: PrincipalEntry[] = [];
  const operators: PrincipalEntry[] = [];
  for (const principal of endpointPrincipals(context, endpoint)) {
    const who = principalIdentity(topology, principal, 'explicit');
    const invokeIdentity: ResolvedIdentity =
      endpoint.authMode === 'aad_token' ? who : { kind: 'key-or-token', principal, label: `${who.label}, holding a ${token ? 'token' : 'key'}`, chosen: 'explicit' };
    // The access check is memoised, so the workspace-scope questions every endpoint of a workspace asks again
    // are answered once.
    callers.push({ principal, who, identity: invokeIdentity, requirements: invokeSpecs.map((s) => requirement(context, principal, s)) });
    operators.push({ principal, who, identity: who, requirements: manageSpecs.map((s) => requirement(context, principal, s)) });
  }
  return [
    ...gatheredPaths(context, grounds, { kind: 'endpoint-invoke', endpoint, trace: invokeTrace, status: invokeStatus, optionalGrantsMakePaths: allOptional(invokeSpecs) }, callers),
    ...gatheredPaths(context, grounds, { kind: 'endpoint-manage', endpoint, trace: manageTrace, status: undefined, optionalGrantsMakePaths: allOptional(manageSpecs) }, operators),
  ];
}
