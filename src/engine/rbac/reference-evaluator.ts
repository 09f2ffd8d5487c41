import type { DenyAssignment, Estate, Permission, RoleAssignment, RoleDefinition } from '../model/types';
import { BUILT_IN_ROLES } from './builtin-roles';
import { principalCollections, scopeCollections } from './estate-collections';
import { evaluateCondition, parseCondition, type Truth } from './conditions';
import type { AccessQuestion } from './types';

// A deliberately naive Azure RBAC evaluator, used as an oracle for the index-based check() in property
// tests and as a baseline in benchmarks. It shares no logic with the index: it scans every assignment for
// every question, decides scope inheritance by segment-wise prefix plus a walk up the management-group
// parents, closes group membership by fixpoint iteration, and matches patterns with a plain recursive
// matcher. Only data and the ABAC condition evaluator are shared: the built-in role definitions, which estate
// collections hold scopes and principals, and the condition evaluator (the oracle checks where conditions are
// applied, which grants and denies with which outcome, not the condition language, which has its own tests).
//
// Scopes must be ARM ids or `/`; names are not resolved here. On malformed scopes (for example an id cut
// in the middle of a provider segment) the prefix rule is looser than the index's scope tree; the two agree
// on every well-formed scope.

/** The oracle's answer, reduced to what the index must agree with. */
export interface ReferenceDecision {
  effect: 'allowed' | 'conditional' | 'denied';
  /** Ids of every assignment that grants the action (with or without a condition), sorted. */
  grantingAssignmentIds: string[];
  /** Ids of assignments whose role matched but whose own NotActions removed the action, sorted. */
  excludedAssignmentIds: string[];
  /** Ids of every deny assignment that blocks the action, sorted. */
  blockingDenyIds: string[];
  /** True when the principal or the scope is not in the estate. */
  unknown: boolean;
}

/** Options for {@link referenceCheck}. */
export interface ReferenceOptions {
  /** Role definitions to use instead of the built-in roles plus the estate's own. */
  roles?: readonly RoleDefinition[];
  /** Assignments to consider besides the estate's own. */
  extraAssignments?: readonly RoleAssignment[];
}

function normaliseScope(scope: string): string {
  const trimmed = scope.trim().replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.toLowerCase();
}

function segments(scope: string): string[] {
  return scope === '/' ? [] : scope.slice(1).split('/');
}

/**
 * Recursive glob matcher: a star matches any characters (slashes too), and a star sitting between two
 * slashes may also disappear together with the slash after it. Exponential in the worst case, which is
 * fine for an oracle fed small patterns.
 */
export function referenceMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  const go = (i: number, j: number): boolean => {
    if (i === p.length) return j === a.length;
    if (p[i] === '*') {
      if (i > 0 && p[i - 1] === '/' && p[i + 1] === '/' && go(i + 2, j)) return true;
      for (let k = j; k <= a.length; k++) if (go(i + 1, k)) return true;
      return false;
    }
    return j < a.length && p[i] === a[j] && go(i + 1, j + 1);
  };
  return go(0, 0);
}

function anyMatch(patterns: readonly string[], action: string): boolean {
  return patterns.some((p) => referenceMatches(p, action));
}

function permissionGrants(perm: Permission, action: string, data: boolean): 'granted' | 'excluded' | 'none' {
  const allow = data ? perm.dataActions : perm.actions;
  const not = data ? perm.notDataActions : perm.notActions;
  if (!anyMatch(allow, action)) return 'none';
  return anyMatch(not, action) ? 'excluded' : 'granted';
}

/** Evaluates one question by brute force; see the module comment for what it does and does not do. */
export function referenceCheck(
  estate: Estate,
  question: AccessQuestion,
  options: ReferenceOptions = {},
): ReferenceDecision {
  const roles = new Map<string, RoleDefinition>();
  for (const r of options.roles ?? [...BUILT_IN_ROLES, ...estate.roleDefinitions])
    roles.set(r.id.toLowerCase(), r);
  const assignments = [...estate.roleAssignments, ...(options.extraAssignments ?? [])];
  const target = normaliseScope(question.scope);
  const principal: string = question.principal;
  const data = question.dataAction === true;
  const action = question.action.trim();

  const mgScopeOf = (ref: string | undefined): string | undefined => {
    if (ref === undefined) return undefined;
    for (const mg of estate.managementGroups) if (mg.id === ref) return normaliseScope(mg.armId);
    return ref.startsWith('/') ? normaliseScope(ref) : undefined;
  };
  const mgParentOf = (mgScope: string): string | undefined => {
    for (const mg of estate.managementGroups)
      if (normaliseScope(mg.armId) === mgScope) return mgScopeOf(mg.parent);
    return undefined;
  };
  // Management groups above `scope`, found by its subscription (or its own management group).
  const managementAncestors = (scope: string): string[] => {
    const segs = segments(scope);
    let start: string | undefined;
    if (segs[0] === 'subscriptions' && segs.length >= 2) {
      const subScope = `/subscriptions/${segs[1]}`;
      for (const sub of estate.subscriptions) {
        if (normaliseScope(sub.armId) === subScope) start = mgScopeOf(sub.managementGroup);
      }
    } else if (
      segs[0] === 'providers' &&
      segs[1] === 'microsoft.management' &&
      segs[2] === 'managementgroups' &&
      segs.length >= 4
    ) {
      start = mgParentOf(`/${segs.slice(0, 4).join('/')}`);
    }
    const found: string[] = [];
    while (start !== undefined && !found.includes(start)) {
      found.push(start);
      start = mgParentOf(start);
    }
    return found;
  };
  const appliesTo = (assigned: string, scope: string): boolean => {
    const a = normaliseScope(assigned);
    if (a === '/' || a === scope) return true;
    const as = segments(a);
    const ts = segments(scope);
    if (as.length < ts.length && as.every((s, k) => ts[k] === s)) return true;
    return managementAncestors(scope).includes(a);
  };

  // Known scopes and principals, defined as the index defines them.
  const seen: string[] = [];
  for (const list of scopeCollections(estate)) {
    for (const e of list) seen.push(e.armId);
  }
  for (const a of assignments) seen.push(a.scope);
  for (const d of estate.denyAssignments) seen.push(d.scope);
  const scopeKnown =
    target === '/' ||
    (target.startsWith('/') && seen.some((s) => normaliseScope(s) !== '/' && appliesTo(s, target)));

  const principals: string[] = [];
  for (const list of principalCollections(estate)) {
    for (const p of list) principals.push(p.id);
  }
  for (const a of assignments) principals.push(a.principal);
  for (const g of estate.groups) principals.push(...g.members);
  const principalKnown = principals.includes(principal);

  if (!scopeKnown || !principalKnown) {
    return {
      effect: 'denied',
      grantingAssignmentIds: [],
      excludedAssignmentIds: [],
      blockingDenyIds: [],
      unknown: true,
    };
  }

  // Transitive groups by fixpoint: keep adding any group that lists a member already in the set.
  const inSet = new Set<string>([principal]);
  for (let changed = true; changed;) {
    changed = false;
    for (const g of estate.groups) {
      if (!inSet.has(g.id) && g.members.some((m) => inSet.has(m))) {
        inSet.add(g.id);
        changed = true;
      }
    }
  }

  const granting: string[] = [];
  const excluded: string[] = [];
  let unconditioned = false;
  const conditionTruth = (condition: string | undefined): Truth =>
    condition === undefined || condition.trim() === ''
      ? 'true'
      : evaluateCondition(parseCondition(condition), {
          action,
          dataAction: data,
          scope: target,
        }).truth;
  for (const a of assignments) {
    if (!inSet.has(a.principal) || !appliesTo(a.scope, target)) continue;
    const role = roles.get(a.role.toLowerCase());
    if (role === undefined) continue;
    const outcomes = role.permissions.map((perm) => permissionGrants(perm, action, data));
    if (outcomes.includes('granted')) {
      const truth = conditionTruth(a.condition);
      if (truth !== 'false') granting.push(a.id);
      if (truth === 'true') unconditioned = true;
    } else if (outcomes.includes('excluded')) {
      excluded.push(a.id);
    }
  }

  const blocking: string[] = [];
  let maybeBlocked = false;
  for (const d of estate.denyAssignments as DenyAssignment[]) {
    const applies = d.doNotApplyToChildScopes
      ? normaliseScope(d.scope) === target
      : appliesTo(d.scope, target);
    if (!applies) continue;
    const targeted = d.principals === 'everyone' || d.principals.some((p) => inSet.has(p));
    if (!targeted || d.excludePrincipals.some((p) => inSet.has(p))) continue;
    if (permissionGrants(d.permissions, action, data) !== 'granted') continue;
    const truth = conditionTruth(d.condition);
    if (truth === 'true') blocking.push(d.id);
    else if (truth === 'unknown') maybeBlocked = true;
  }

  const effect =
    blocking.length > 0
      ? 'denied'
      : unconditioned && !maybeBlocked
        ? 'allowed'
        : granting.length > 0
          ? 'conditional'
          : 'denied';
  return {
    effect,
    grantingAssignmentIds: granting.sort(),
    excludedAssignmentIds: excluded.sort(),
    blockingDenyIds: blocking.sort(),
    unknown: false,
  };
}
