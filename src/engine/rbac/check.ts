import type { RoleAssignment } from '../model/types';
import { evaluateCondition, type ConditionRequest, type ParsedCondition } from './conditions';
import type { GroupMembership, HeldGrant, RbacIndex, RoleCondition, ScopeView } from './rbac-index';
import type {
  AccessQuestion,
  AssignmentMatch,
  ConditionVerdict,
  Decision,
  DenyReason,
  ExclusionReason,
  GrantReason,
  GroupPath,
} from './types';

function viaGroups(membership: GroupMembership | undefined): GroupPath {
  return membership === undefined ? [] : membership.path;
}

/*
 * What a parsed condition comes to for one request: true is `holds`, false `fails`, unknown `undecided`,
 * and a condition that could not be read is `unreadable` (never taken as holding).
 */
function judgeCondition(parsed: ParsedCondition, request: ConditionRequest): ConditionVerdict {
  const evaluation = evaluateCondition(parsed, request);
  if (!parsed.ok)
    return { outcome: 'unreadable', because: evaluation.because, parseError: { ...parsed.error } };
  const outcome =
    evaluation.truth === 'true' ? 'holds' : evaluation.truth === 'false' ? 'fails' : 'undecided';
  return { outcome, because: evaluation.because };
}

// A top-level function rather than a closure per call: allows() is asked millions of times on a large tenant.
function holds(parsed: ParsedCondition, request: ConditionRequest): boolean {
  return judgeCondition(parsed, request).outcome === 'holds';
}

// How strongly each outcome speaks when two conditions are joined by AND: one failing decides, then one that
// cannot be read (never holding), then one left open; both must hold for the grant to count.
const AND_RANK: Readonly<Record<ConditionVerdict['outcome'], number>> = { fails: 3, unreadable: 2, undecided: 1, holds: 0 };

/*
 * Sets a grant's condition and verdict from the assignment's condition and the role definition's own one.
 * Azure grants only where both hold, so the verdict is their AND; each reason says which condition it is from.
 */
function judgeGrant(
  grant: GrantReason,
  assignmentCondition: string | undefined,
  assignmentParsed: ParsedCondition | undefined,
  roleCondition: RoleCondition | undefined,
  request: ConditionRequest,
): void {
  const onAssignment =
    assignmentParsed === undefined ? undefined : judgeCondition(assignmentParsed, request);
  if (roleCondition === undefined) {
    grant.condition = assignmentCondition as string;
    grant.conditionVerdict = onAssignment as ConditionVerdict;
    return;
  }
  const onRole = judgeCondition(roleCondition.parsed, request);
  const fromRole: ConditionVerdict = {
    ...onRole,
    because: onRole.because.map((reason) => `the role definition's condition: ${reason}`),
  };
  grant.roleCondition = roleCondition.text;
  if (onAssignment === undefined) {
    grant.condition = roleCondition.text;
    grant.conditionVerdict = fromRole;
    return;
  }
  grant.condition = `(${assignmentCondition as string}) AND (${roleCondition.text})`;
  const deciding = AND_RANK[fromRole.outcome] > AND_RANK[onAssignment.outcome] ? fromRole : onAssignment;
  grant.conditionVerdict = {
    ...deciding,
    because:
      deciding.outcome === 'holds'
        ? [...onAssignment.because, ...fromRole.because]
        : deciding.because,
  };
}

/**
 * Answers an access question the way Azure Resource Manager does: the union of every role the principal
 * holds (itself or through any of its groups) at the scope or above, each role's NotActions subtracted from
 * that role alone, control and data planes kept apart, then deny assignments over the top. The decision
 * lists every granting assignment, every assignment whose own NotActions removed the action, and the
 * deny that blocked it, if any. ABAC conditions (on assignments, on the role definition's own permissions
 * and on denies) are judged for the question: decided where it carries what they test (the action, names
 * derivable from the scope), undecided where it does not, each with its verdict and why; a condition that
 * cannot be read never holds.
 */
export function check(index: RbacIndex, question: AccessQuestion): Decision {
  const view = index.principalView(question.principal);
  const scope = index.scopeView(question.scope);

  if (view === undefined || scope === undefined || !scope.known) {
    const unknown: { principal?: string; scope?: string } = {};
    if (view === undefined) unknown.principal = question.principal;
    if (scope === undefined || !scope.known) unknown.scope = question.scope;
    return { question, effect: 'denied', allowed: false, grants: [], exclusions: [], unknown };
  }

  const dataAction = question.dataAction === true;
  const action = question.action.trim();
  const roles = index.roleMatcher(action, dataAction);

  const grants: GrantReason[] = [];
  const exclusions: ExclusionReason[] = [];
  let notMet: GrantReason[] | undefined;
  // Conditions see the scope in lower case: ARM ids ignore case, so the spelling of a question says nothing
  // about a name's case, and the names conditions test from the scope (containers, queues) are lower case
  // in Azure anyway. The same question spelt differently gets the same answer.
  const request: ConditionRequest = { action, dataAction, scope: scope.key };
  let unresolved: NonNullable<Decision['unresolvedRoles']> | undefined;

  // Principal-first: the chain's scopes are matched against the principal's few held scopes, a short
  // sorted array, so a busy subscription costs no more than an empty one.
  const held = view.scopeSlots;
  if (held.length > 0) {
    const chain = scope.chainSlots;
    for (let c = 0; c < chain.length; c++) {
      const at = indexOf(held, chain[c] as number);
      if (at < 0) continue;
      for (const h of view.grantsAt[at] as readonly HeldGrant[]) {
        const { assignment: a, membership } = h;
        const match = roles.match(h.roleSlot);
        switch (match.kind) {
          case 'none':
            break;
          case 'granted': {
            const parsed = index.conditionOf(a);
            if (parsed !== undefined || match.condition !== undefined) {
              // A conditioned grant gets its own reason: its verdict is judged for this question.
              const grant = grantReason(index, a, membership, match.pattern);
              judgeGrant(grant, a.condition, parsed, match.condition, request);
              if (grant.conditionVerdict?.outcome === 'fails') {
                (notMet ??= []).push(grant);
                break;
              }
              grants.push(grant);
              break;
            }
            let grant = h.reason;
            if (grant === undefined || grant.matchedPattern !== match.pattern) h.reason = grant = grantReason(index, a, membership, match.pattern);
            grants.push(grant);
            break;
          }
          case 'excluded': {
            let exclusion = h.exclusion;
            if (exclusion === undefined || exclusion.matchedPattern !== match.pattern || exclusion.notPattern !== match.notPattern)
              h.exclusion = exclusion = { ...assignmentMatch(index, a, membership, match.pattern), notPattern: match.notPattern };
            exclusions.push(exclusion);
            break;
          }
          case 'unknownRole':
            (unresolved ??= []).push({
              assignmentId: a.id,
              roleId: a.role,
              assignedScope: a.scope,
              viaGroups: viaGroups(membership),
            });
            break;
        }
      }
    }
  }

  let deniedBy: DenyReason | undefined;
  let possibleDenies: DenyReason[] | undefined;
  for (const { deny } of scope.denies) {
    const targeted = deny.principals === 'everyone' || deny.principals.some((p) => view.holders.has(p));
    if (!targeted || deny.excludePrincipals.some((p) => view.holders.has(p))) continue;
    const match = index.matchDeny(deny, action, dataAction);
    if (match.kind !== 'blocks') continue;
    const reason: DenyReason = {
      denyAssignmentId: deny.id,
      name: deny.name,
      scope: deny.scope,
      matchedPattern: match.pattern,
    };
    const parsed = index.conditionOf(deny);
    if (parsed !== undefined) {
      reason.conditionVerdict = judgeCondition(parsed, request);
      if (reason.conditionVerdict.outcome === 'fails') continue;
      if (reason.conditionVerdict.outcome !== 'holds') {
        (possibleDenies ??= []).push(reason);
        continue;
      }
    }
    deniedBy = reason;
    break;
  }

  // A grant counts outright when it has no condition or its condition holds for this question.
  let counts = false;
  for (const g of grants)
    if (g.condition === undefined || g.conditionVerdict?.outcome === 'holds') counts = true;
  const effect: Decision['effect'] =
    deniedBy !== undefined
      ? 'denied'
      : counts && possibleDenies === undefined
        ? 'allowed'
        : grants.length > 0
          ? 'conditional'
          : 'denied';
  const decision: Decision = { question, effect, allowed: effect === 'allowed', grants, exclusions };
  if (deniedBy !== undefined) decision.deniedBy = deniedBy;
  else if (possibleDenies !== undefined) decision.possibleDenies = possibleDenies;
  if (notMet !== undefined) decision.conditionsNotMet = notMet;
  if (unresolved !== undefined) decision.unresolvedRoles = unresolved;
  return decision;
}

/**
 * False when nothing the principal holds (itself or through a group) at the scope or above has a role that
 * covers the action, in which case {@link check} would answer with no grants (and so never `allowed` or
 * `conditional`). Allocates nothing: rules that would ask about every role holder at a resource use it to
 * skip the questions whose answer is certainly a plain denial. Denies and conditions are left to check().
 */
export function mayGrant(index: RbacIndex, question: AccessQuestion): boolean {
  const view = index.principalView(question.principal);
  const scope = index.scopeView(question.scope);
  if (view === undefined || scope === undefined || !scope.known) return false;
  const held = view.scopeSlots;
  if (held.length === 0) return false;
  const roles = index.roleMatcher(question.action.trim(), question.dataAction === true);
  const chain = scope.chainSlots;
  for (let c = 0; c < chain.length; c++) {
    const at = indexOf(held, chain[c] as number);
    if (at < 0) continue;
    for (const grant of view.grantsAt[at] as readonly HeldGrant[]) {
      if (roles.match(grant.roleSlot).kind === 'granted') return true;
    }
  }
  return false;
}

/**
 * Exactly `check(index, question).allowed`, without building the decision: a grant counts when every condition
 * on it (the assignment's, the role's own) holds for the question, and no deny reaching the scope that targets
 * the principal covers the action unless its condition fails. For rules that need only the yes or no of many
 * questions; the first counting grant ends the walk.
 */
export function allows(index: RbacIndex, question: AccessQuestion): boolean {
  const view = index.principalView(question.principal);
  const scope = index.scopeView(question.scope);
  if (view === undefined || scope === undefined || !scope.known) return false;
  const held = view.scopeSlots;
  if (held.length === 0) return false;
  const dataAction = question.dataAction === true;
  const action = question.action.trim();
  const roles = index.roleMatcher(action, dataAction);
  const request: ConditionRequest = { action, dataAction, scope: scope.key };
  let counts = false;
  const chain = scope.chainSlots;
  for (let c = 0; c < chain.length && !counts; c++) {
    const at = indexOf(held, chain[c] as number);
    if (at < 0) continue;
    for (const { assignment, roleSlot } of view.grantsAt[at] as readonly HeldGrant[]) {
      const match = roles.match(roleSlot);
      if (match.kind !== 'granted') continue;
      const parsed = index.conditionOf(assignment);
      if ((parsed === undefined || holds(parsed, request)) && (match.condition === undefined || holds(match.condition.parsed, request))) {
        counts = true;
        break;
      }
    }
  }
  if (!counts) return false;
  for (const { deny } of scope.denies) {
    const targeted = deny.principals === 'everyone' || deny.principals.some((p) => view.holders.has(p));
    if (!targeted || deny.excludePrincipals.some((p) => view.holders.has(p))) continue;
    if (index.matchDeny(deny, action, dataAction).kind !== 'blocks') continue;
    const parsed = index.conditionOf(deny);
    // A deny whose condition fails is passed over; one that holds denies and one left open makes it conditional.
    if (parsed === undefined || judgeCondition(parsed, request).outcome !== 'fails') return false;
  }
  return true;
}

/**
 * True when {@link check} would answer a bare denial: no grant, exclusion, unmet condition or unresolved role,
 * the principal and scope known, and no deny reaching the scope that targets the principal covers the action
 * (whatever its condition). False is not the opposite: it only says that check() has something to report.
 * Allocates nothing: resolvers placing thousands of role holders use it to skip the decisions that would say
 * nothing.
 */
export function plainDenial(index: RbacIndex, question: AccessQuestion): boolean {
  return plainDenials(index, [question])(question.principal);
}

/**
 * {@link plainDenial} for the same questions asked of many principals: true when every one of `questions`
 * would get a bare denial for the principal. The scopes and actions are resolved once, here, so that each
 * principal costs its own look-up and the walk of what it holds. The questions' own principals are ignored.
 */
export function plainDenials(index: RbacIndex, questions: readonly Omit<AccessQuestion, 'principal'>[]): (principal: string) => boolean {
  const prepared = questions.map((question) => {
    const dataAction = question.dataAction === true;
    const action = question.action.trim();
    return { scope: index.scopeView(question.scope), action, dataAction, roles: index.roleMatcher(action, dataAction) };
  });
  return (principal) => {
    const view = index.principalView(principal);
    if (view === undefined) return false;
    const held = view.scopeSlots;
    for (const { scope, action, dataAction, roles } of prepared) {
      if (scope === undefined || !scope.known) return false;
      const chain = scope.chainSlots;
      for (let c = 0; c < chain.length && held.length > 0; c++) {
        const at = indexOf(held, chain[c] as number);
        if (at < 0) continue;
        for (const grant of view.grantsAt[at] as readonly HeldGrant[]) {
          if (roles.match(grant.roleSlot).kind !== 'none') return false;
        }
      }
      for (const { deny } of scope.denies) {
        const targeted = deny.principals === 'everyone' || deny.principals.some((p) => view.holders.has(p));
        if (!targeted || deny.excludePrincipals.some((p) => view.holders.has(p))) continue;
        if (index.matchDeny(deny, action, dataAction).kind === 'blocks') return false;
      }
    }
    return true;
  };
}

/**
 * True when nothing `principal` holds (itself or through a group, at any scope) carries a condition that
 * {@link check} or {@link allows} would judge for `questions`: neither an assignment's condition nor the role
 * definition's own one on the permissions granting one of them. Such a principal's answers along a chain depend
 * only on where it holds roles and the denies there (see {@link holdingsAlong}). False for an unknown principal.
 */
export function holdsNothingConditional(
  index: RbacIndex,
  principal: string,
  questions: readonly { action: string; dataAction: boolean }[],
): boolean {
  const view = index.principalView(principal);
  if (view === undefined) return false;
  if (!view.mayHoldConditional) return true;
  const matchers = questions.map((q) => index.roleMatcher(q.action.trim(), q.dataAction));
  for (const list of view.grantsAt) {
    for (const { assignment, roleSlot } of list) {
      if (index.conditionOf(assignment) !== undefined) return false;
      for (const roles of matchers) {
        const match = roles.match(roleSlot);
        if (match.kind === 'granted' && match.condition !== undefined) return false;
      }
    }
  }
  return true;
}

/**
 * Where `principal` holds roles along `scope`'s chain (the scopes' slots, as a key) and the denies reaching the
 * scope. For a principal that {@link holdsNothingConditional} for a question, two scopes with equal keys and the
 * same denies get the same answer from {@link check} and {@link allows} but for the scope in the question: rules
 * asking one principal about many resources use it to answer once per key. Undefined when the principal or the
 * scope is unknown, or when a deny reaching the scope carries a condition (judged against the scope).
 */
export function holdingsAlong(index: RbacIndex, principal: string, scope: string): { key: string; denies: ScopeView['denies'] } | undefined {
  const view = index.principalView(principal);
  const at = index.scopeView(scope);
  if (view === undefined || at === undefined || !at.known) return undefined;
  for (const { deny } of at.denies) if (index.conditionOf(deny) !== undefined) return undefined;
  const held = view.scopeSlots;
  const chain = at.chainSlots;
  let key = '';
  for (let c = 0; c < chain.length && held.length > 0; c++) {
    if (indexOf(held, chain[c] as number) >= 0) key += `${chain[c] as number},`;
  }
  return { key, denies: at.denies };
}

// Binary search in an ascending array; -1 when absent.
function indexOf(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const probe = sorted[mid] as number;
    if (probe < value) lo = mid + 1;
    else if (probe > value) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** What a grant and an exclusion both say about the assignment whose role matched with `pattern`. */
function assignmentMatch(
  index: RbacIndex,
  a: RoleAssignment,
  membership: GroupMembership | undefined,
  pattern: string,
): AssignmentMatch {
  return {
    assignmentId: a.id,
    roleId: a.role,
    roleName: roleName(index, a),
    assignedScope: a.scope,
    viaGroups: viaGroups(membership),
    matchedPattern: pattern,
  };
}

/** {@link assignmentMatch} with the assignment's origin, built in one object (the same fields, in the same order). */
function grantReason(index: RbacIndex, a: RoleAssignment, membership: GroupMembership | undefined, pattern: string): GrantReason {
  return {
    assignmentId: a.id,
    roleId: a.role,
    roleName: roleName(index, a),
    assignedScope: a.scope,
    viaGroups: viaGroups(membership),
    matchedPattern: pattern,
    origin: a.origin,
  };
}

function roleName(index: RbacIndex, a: RoleAssignment): string {
  return index.catalog.get(a.role)?.name ?? a.role;
}
