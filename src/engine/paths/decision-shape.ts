import type { Decision } from '../rbac/types';

/**
 * What a decision comes to, without whom it was asked for: the outcome and, for every assignment that
 * grants it, the role, the scope it was assigned at, the groups it came through, its condition and origin,
 * with the denies, exclusions and unresolved roles that shaped it. Two principals whose decisions have the
 * same shape reach the resource the same way (each through an assignment of its own of the same role at the
 * same scope, or through one group), which is what merged caller and operator paths and the CLI's grouped
 * evidence rest on.
 */
export function decisionShape(decision: Decision): string {
  const q = decision.question;
  return `${q.action}@${q.scope}${q.dataAction ? '#data' : ''}=${decisionGrounds(decision)}`;
}

/** {@link decisionShape} without the question: the outcome and what it rests on. */
export function decisionGrounds(decision: Decision): string {
  return groundsOf(decision);
}

/**
 * Numbers the grounds of decisions (see {@link decisionGrounds}): equal grounds, equal numbers. The access
 * check memoises decisions, so one object comes back many times over (a workspace-scope decision for every
 * endpoint of the workspace); each is worked out once, and keys built from the numbers stay short to hash.
 */
export function groundsNumbering(): (decision: Decision) => number {
  const byDecision = new Map<Decision, number>();
  const byGrounds = new Map<string, number>();
  return (decision) => {
    // Most role holders of a resource hold nothing that bears on the action: a plain denial, told apart
    // without a look-up.
    if (
      decision.grants.length === 0 &&
      decision.exclusions.length === 0 &&
      decision.deniedBy === undefined &&
      !decision.conditionsNotMet?.length &&
      !decision.possibleDenies?.length &&
      !decision.unresolvedRoles?.length &&
      decision.unknown === undefined
    )
      return decision.effect === 'denied' ? -1 : -2;
    let id = byDecision.get(decision);
    if (id === undefined) {
      const grounds = groundsOf(decision);
      id = byGrounds.get(grounds);
      if (id === undefined) byGrounds.set(grounds, (id = byGrounds.size));
      byDecision.set(decision, id);
    }
    return id;
  };
}

function groundsOf(decision: Decision): string {
  const reasons = [
    ...decision.grants.map(
      (g) =>
        `${g.roleId}@${g.assignedScope}<${g.viaGroups.join('<')}${g.condition === undefined ? '' : `?${g.condition}:${g.conditionVerdict?.outcome ?? ''}`}#${g.origin}`,
    ),
    ...decision.exclusions.map((g) => `-${g.roleId}@${g.assignedScope}<${g.viaGroups.join('<')}`),
    ...(decision.conditionsNotMet ?? []).map(
      (g) => `!${g.roleId}@${g.assignedScope}<${g.viaGroups.join('<')}`,
    ),
    ...(decision.possibleDenies ?? []).map((n) => `?${n.denyAssignmentId}`),
    ...(decision.deniedBy ? [`x${decision.deniedBy.denyAssignmentId}`] : []),
    ...(decision.unresolvedRoles ?? []).map((u) => `u${u.roleId}@${u.assignedScope}`),
    ...(decision.unknown
      ? [
          `unknown:${decision.unknown.principal === undefined ? '' : 'principal'}:${decision.unknown.scope ?? ''}`,
        ]
      : []),
  ];
  return `${decision.effect}:${reasons.sort().join(',')}`;
}
