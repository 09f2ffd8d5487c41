import { scopeKey, type EntityId, type ScopeKey } from '../model/ids';
import type { RoleAssignment } from '../model/types';
import type { GroupMembership, RbacIndex } from './rbac-index';
import type { AccessQuestion, Decision, DenyReason, ExclusionReason, GrantReason, GroupPath } from './types';

// One identity whose assignments count for the principal: the principal itself or one of its groups. The
// group path is read only when an assignment of that holder matters to the decision.
interface Holder {
  id: EntityId;
  membership: GroupMembership | undefined;
}

function viaGroups(holder: Holder): GroupPath {
  return holder.membership === undefined ? [] : holder.membership.path;
}

/** True when an assignment carries an ABAC condition that restricts it. */
export function hasCondition(assignment: Pick<RoleAssignment, 'condition'>): boolean {
  return assignment.condition !== undefined && assignment.condition.trim() !== '';
}

/**
 * Answers an access question the way Azure Resource Manager does: the union of every role the principal
 * holds (itself or through any of its groups) at the scope or above, each role's NotActions subtracted from
 * that role alone, control and data planes kept apart, then deny assignments over the top. The decision
 * lists every granting assignment, every assignment whose own NotActions removed the action, and the
 * deny that blocked it, if any.
 */
export function check(index: RbacIndex, question: AccessQuestion): Decision {
  const principal = index.isKnownPrincipal(question.principal)
    ? question.principal
    : index.resolvePrincipal(question.principal);
  const scope: ScopeKey | undefined = question.scope.trim().startsWith('/')
    ? scopeKey(question.scope)
    : index.resolveScope(question.scope);

  const unknown: { principal?: string; scope?: string } = {};
  if (principal === undefined) unknown.principal = question.principal;
  if (scope === undefined || !index.isKnownScope(scope)) unknown.scope = question.scope;
  if (principal === undefined || scope === undefined || unknown.scope !== undefined) {
    return { question, effect: 'denied', allowed: false, grants: [], exclusions: [], unknown };
  }

  const dataAction = question.dataAction === true;
  const action = question.action.trim();
  const holders: Holder[] = [{ id: principal, membership: undefined }];
  for (const membership of index.groupsOf(principal)) holders.push({ id: membership.group, membership });
  const holderById = new Map<EntityId, Holder>(holders.map((h) => [h.id, h]));

  const grants: GrantReason[] = [];
  const exclusions: ExclusionReason[] = [];
  const unresolved: NonNullable<Decision['unresolvedRoles']> = [];

  const consider = (a: RoleAssignment, holder: Holder): void => {
    const match = index.matchRole(a.role, action, dataAction);
    const roleName = (): string => index.catalog.get(a.role)?.name ?? a.role;
    switch (match.kind) {
      case 'granted': {
        const grant: GrantReason = {
          assignmentId: a.id,
          roleId: a.role,
          roleName: roleName(),
          assignedScope: a.scope,
          viaGroups: viaGroups(holder),
          matchedPattern: match.pattern,
          origin: a.origin,
        };
        if (hasCondition(a)) grant.condition = a.condition as string;
        grants.push(grant);
        break;
      }
      case 'excluded':
        exclusions.push({
          assignmentId: a.id,
          roleId: a.role,
          roleName: roleName(),
          assignedScope: a.scope,
          viaGroups: viaGroups(holder),
          matchedPattern: match.pattern,
          notPattern: match.notPattern,
        });
        break;
      case 'unknownRole':
        unresolved.push({
          assignmentId: a.id,
          roleId: a.role,
          assignedScope: a.scope,
          viaGroups: viaGroups(holder),
        });
        break;
      case 'none':
        break;
    }
  };

  const chain = index.ancestors(scope);
  for (const at of chain) {
    const atScope = index.assignmentsByPrincipalAt(at);
    if (atScope === undefined) continue;
    // Walk whichever side is smaller: a principal in a thousand groups meets a scope with few assignments,
    // and a busy subscription meets a principal in no group.
    if (holders.length <= atScope.size) {
      for (const holder of holders) for (const a of atScope.get(holder.id) ?? []) consider(a, holder);
    } else {
      for (const [holderId, list] of atScope) {
        const holder = holderById.get(holderId);
        if (holder !== undefined) for (const a of list) consider(a, holder);
      }
    }
  }

  let deniedBy: DenyReason | undefined;
  for (let depth = 0; depth < chain.length && deniedBy === undefined; depth++) {
    const at = chain[depth] as ScopeKey;
    for (const deny of index.denyAssignmentsAt(at)) {
      // "Do not apply to child scopes" keeps the deny at exactly the scope it was made at.
      if (depth > 0 && deny.doNotApplyToChildScopes) continue;
      const targeted = deny.principals === 'everyone' || deny.principals.some((p) => holderById.has(p));
      if (!targeted || deny.excludePrincipals.some((p) => holderById.has(p))) continue;
      const match = index.matchDeny(deny, action, dataAction);
      if (match.kind === 'blocks') {
        deniedBy = {
          denyAssignmentId: deny.id,
          name: deny.name,
          scope: deny.scope,
          matchedPattern: match.pattern,
        };
        break;
      }
    }
  }

  const unconditioned = grants.some((g) => g.condition === undefined);
  const effect: Decision['effect'] =
    deniedBy !== undefined
      ? 'denied'
      : unconditioned
        ? 'allowed'
        : grants.length > 0
          ? 'conditional'
          : 'denied';
  const decision: Decision = { question, effect, allowed: effect === 'allowed', grants, exclusions };
  if (deniedBy !== undefined) decision.deniedBy = deniedBy;
  if (unresolved.length > 0) decision.unresolvedRoles = unresolved;
  return decision;
}
